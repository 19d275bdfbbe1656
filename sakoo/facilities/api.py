"""Facilities API: /api/v1/facilities/absorption."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from sakoo.accounts.models import Role
from sakoo.accounts.scoping import has_role, is_province_staff
from sakoo.core.text import normalize_digits

from . import selectors
from .models import Program

router = Router(tags=["facilities"])


class AgencyAbsorption(Schema):
    agency_code: str
    agency: str
    quota: int
    target_jobs: int
    referred: int
    referred_amount: int
    approved: int
    approved_amount: int
    rejected: int
    contracted: int
    contracted_amount: int
    paid: int
    paid_amount: int
    absorption: float | None
    payment_rate: float | None
    planned_jobs: int
    created_jobs: int
    pending_demand: int
    status: str | None
    deadline: str | None
    deadline_working_days_left: int | None
    target_working_days_left: int | None


class AbsorptionOut(Schema):
    year: int
    program: str | None
    measure: str
    measure_definition: str
    threshold: float
    as_of: str
    source: str
    agencies: list[AgencyAbsorption]


@router.get("/absorption", response=AbsorptionOut, auth=django_auth, summary="Absorption per agency")
def absorption(request, year: str, program: str | None = None, measure: str = "contracted"):
    """Per-agency measures and status for a Jalali fiscal year (and optionally one program, by code).
    Amounts are in rials. Province analysts and admins see every agency; agency officers only their own."""
    user = request.user
    if not (is_province_staff(user) or has_role(user, Role.AGENCY_OFFICER)):
        raise HttpError(403, _("Your role cannot read facility measures."))
    try:
        year_number = int(normalize_digits(year))
    except ValueError:
        raise HttpError(422, _("year: write a Jalali year such as 1403.")) from None
    fiscal_year = selectors.fiscal_year_for(year_number)
    if fiscal_year is None:
        raise HttpError(422, _("year: no fiscal year %(year)s.") % {"year": year_number})
    program_obj = None
    if program:
        program_obj = Program.objects.filter(code=program).first()
        if program_obj is None:
            raise HttpError(422, _("program: unknown program code."))
    if measure not in selectors.MEASURES:
        raise HttpError(422, _("measure: contracted or paid."))
    agency_ids = None
    if not is_province_staff(user):
        agency_ids = set(selectors.agencies_for_user(user).values_list("pk", flat=True))
    data = selectors.cached("agency_measures", selectors.agency_measures, fiscal_year=fiscal_year,
                            program=program_obj, measure=measure, agency_ids=agency_ids,
                            today=timezone.localdate())
    return {
        "year": fiscal_year.year,
        "program": program_obj.code if program_obj else None,
        "measure": measure,
        "measure_definition": "contract_amount / quota" if measure == "contracted" else "paid_amount / quota",
        "threshold": data["threshold"],
        "as_of": data["today"].isoformat(),
        "source": "Sakoo facility files (agencies and banks)",
        "agencies": [
            {
                "agency_code": r["agency"].code, "agency": r["agency"].name,
                **{k: r[k] for k in ("quota", "target_jobs", "referred", "referred_amount", "approved",
                                     "approved_amount", "rejected", "contracted", "contracted_amount", "paid",
                                     "paid_amount", "absorption", "payment_rate", "planned_jobs", "created_jobs",
                                     "pending_demand", "status")},
                "deadline": r["deadline"].isoformat() if r["deadline"] else None,
                "deadline_working_days_left": r["deadline_days_left"],
                "target_working_days_left": r["target_days_left"],
            }
            for r in data["rows"]
        ],
    }
