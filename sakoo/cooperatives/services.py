"""Writes for employment cooperatives: keyword-only ``<entity>_<action>`` functions, each validated in
full before anything is written, inside a transaction. Pages, the demo command and tests call these.

Dates of decisions default to today and may be earlier (an officer records a decision made on paper),
never in the future. Who may call which function is checked by the pages (``selectors.can_*``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakoo.cooperatives.models import (
    Application,
    ApplicationStep,
    Cooperative,
    FollowUp,
    JobsReport,
    MembersReport,
    Sector,
    Status,
    SupportItem,
)
from sakoo.cooperatives.selectors import registered_on
from sakoo.core.forms import normalize_model_text
from sakoo.core.jalali import format_jalali
from sakoo.core.text import normalize_digits


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _day(on: dt.date | None, field: str = "on", *, not_before: dt.date | None = None) -> dt.date:
    today = timezone.localdate()
    day = on or today
    if day > today:
        raise _error(field, _("Date: the day has not come yet; enter today or an earlier day."))
    if not_before is not None and day < not_before:
        raise _error(
            field,
            _("Date: enter %(day)s or a later day.") % {"day": format_jalali(not_before)},
        )
    return day


# --- cooperatives ----------------------------------------------------------------------------------


@transaction.atomic
def cooperative_register(
    *,
    employer,
    sector: str,
    registration_number: str,
    members_male: int,
    members_female: int,
    jobs: int,
    village: str = "",
    county=None,
    on: dt.date | None = None,
    by=None,
) -> Cooperative:
    """The cooperative profile of ``employer`` (flagged as a cooperative) with its first jobs report."""
    if not employer.is_cooperative:
        raise _error(
            "employer", _("Employer: only a company registered as a cooperative can have this profile.")
        )
    if Cooperative.objects.filter(employer=employer).exists():
        raise _error("employer", _("Employer: this cooperative already has a profile."))
    if sector == Sector.TOURISM_VILLAGE and not village.strip():
        raise _error("village", _("Village: enter the target tourism village."))
    if members_male + members_female < 1:
        raise _error("members_male", _("Members: a cooperative has at least one member."))
    if jobs < 0:
        raise _error("jobs", _("Current employees: enter zero or more."))
    day = _day(on, "on")
    cooperative = Cooperative(
        employer=employer,
        sector=sector,
        county=county or employer.county,
        village=village,
        registration_number=normalize_digits(registration_number or "").strip(),
        members_male=members_male,
        members_female=members_female,
    )
    normalize_model_text(cooperative, "village")
    cooperative.full_clean()
    cooperative.save()
    MembersReport.objects.create(
        cooperative=cooperative,
        reported_on=day,
        members_male=members_male,
        members_female=members_female,
        reported_by=by,
    )
    JobsReport.objects.create(cooperative=cooperative, reported_on=day, jobs=jobs, reported_by=by)
    return cooperative


@transaction.atomic
def members_report_add(
    *,
    cooperative: Cooperative,
    members_male: int | None,
    members_female: int | None,
    on: dt.date | None = None,
    by=None,
) -> MembersReport:
    """Record how many men and women are members of the cooperative on a day (today by default).

    Reports are never edited; a correction is a new report. Refused, naming each field at once, when
    the day is in the future or before the cooperative's registration (``selectors.registered_on``),
    when a count is missing or negative, or when there is no member at all. The latest report (by
    date, then by entry) becomes the cooperative's current ``members_male`` and ``members_female`` in
    the same transaction, so a report dated before the latest is kept in the history without changing
    the current counts."""
    # One writer at a time per cooperative (a no-op on SQLite, where writes are serialised anyway).
    Cooperative.objects.select_for_update().only("pk").get(pk=cooperative.pk)
    errors: dict[str, list[str]] = {}
    for field, count, message in (
        ("members_male", members_male, _("Male members: enter zero or more.")),
        ("members_female", members_female, _("Female members: enter zero or more.")),
    ):
        if count is None or count < 0:
            errors[field] = [message]
    if not errors and members_male + members_female < 1:
        errors["members_male"] = [_("Members: a cooperative has at least one member.")]
    today = timezone.localdate()
    day = on or today
    registered = registered_on(cooperative)
    if day > today:
        errors["reported_on"] = [_("Date: the day has not come yet; enter today or an earlier day.")]
    elif day < registered:
        errors["reported_on"] = [
            _("Date: the cooperative was registered on %(day)s; enter that day or a later one.")
            % {"day": format_jalali(registered)}
        ]
    if errors:
        raise ValidationError(errors)
    report = MembersReport(
        cooperative=cooperative,
        reported_on=day,
        members_male=members_male,
        members_female=members_female,
        reported_by=by,
    )
    report.full_clean()
    report.save()
    latest = cooperative.members_reports.order_by("-reported_on", "-pk").first()
    cooperative.members_male, cooperative.members_female = latest.members_male, latest.members_female
    cooperative.full_clean(exclude=["employer", "county"], validate_unique=False)
    cooperative.save(update_fields=["members_male", "members_female"])
    return report


def jobs_report_add(*, cooperative: Cooperative, jobs: int, on: dt.date | None = None, by=None) -> JobsReport:
    """Record how many people the cooperative employs on a day (one report a day)."""
    day = _day(on, "reported_on")
    if jobs < 0:
        raise _error("jobs", _("Current employees: enter zero or more."))
    if JobsReport.objects.filter(cooperative=cooperative, reported_on=day).exists():
        raise _error("reported_on", _("Date: a jobs report for this day is already recorded."))
    try:
        with transaction.atomic():
            return JobsReport.objects.create(
                cooperative=cooperative, reported_on=day, jobs=jobs, reported_by=by
            )
    except IntegrityError as exc:  # two reports at once for the same day
        raise _error("reported_on", _("Date: a jobs report for this day is already recorded.")) from exc


# --- applications ----------------------------------------------------------------------------------


def _step(application: Application, *, on: dt.date, by, note: str = "") -> None:
    ApplicationStep.objects.create(
        application=application, status=application.status, on=on, by=by, note=note
    )


def application_submit(
    *,
    cooperative: Cooperative,
    item: SupportItem,
    plan: str,
    jobs_promised: int,
    amount_requested: int,
    facility_file_number: str = "",
    on: dt.date | None = None,
    by=None,
) -> Application:
    """A cooperative applies for a support item with a short plan (jobs to be created, amount in the
    item's unit). One open application per item and cooperative."""
    if not item.is_active:
        raise _error("item", _("Support item: this item is no longer offered."))
    facility_file_number = normalize_digits(facility_file_number or "").strip()
    if facility_file_number and not item.is_bank_credit:
        raise _error(
            "facility_file_number",
            _("Facility file number: only a bank-credit item refers to a facility file."),
        )
    if amount_requested is None or amount_requested < 1:
        raise _error("amount", _("Amount requested: enter an amount above zero."))
    if jobs_promised is None or jobs_promised < 0:
        raise _error("jobs_promised", _("Jobs to be created: enter zero or more."))
    if Application.objects.filter(
        cooperative=cooperative, item=item, status__in=[Status.SUBMITTED, Status.UNDER_REVIEW]
    ).exists():
        raise _error("item", _("Support item: this cooperative already has an open application for it."))
    day = _day(on, "on")
    application = Application(
        cooperative=cooperative,
        item=item,
        plan=plan,
        jobs_promised=jobs_promised,
        amount_requested=amount_requested,
        facility_file_number=facility_file_number,
        submitted_on=day,
        submitted_by=by,
    )
    normalize_model_text(application, "plan")
    if not application.plan:
        raise _error("plan", _("Plan: describe in a few lines what the support is for."))
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
            _step(application, on=day, by=by)
    except IntegrityError as exc:
        raise _error(
            "item", _("Support item: this cooperative already has an open application for it.")
        ) from exc
    return application


def _require(application: Application, allowed: tuple[str, ...], message: str) -> None:
    if application.status not in allowed:
        raise _error("status", message)


@transaction.atomic
def application_start_review(*, application: Application, on: dt.date | None = None, by=None) -> Application:
    _require(
        application,
        (Status.SUBMITTED,),
        _("Status: only a submitted application can be taken up for review."),
    )
    day = _day(on, "on", not_before=application.submitted_on)
    application.status = Status.UNDER_REVIEW
    application.save(update_fields=["status"])
    _step(application, on=day, by=by)
    return application


def deadline_for(item: SupportItem, decided_on: dt.date, county=None) -> dt.date:
    """The delivery deadline: ``item.deadline_working_days`` working days after the decision (the
    government working-day calendar of ``sakoo.workcal``, with the county's closures)."""
    from sakoo.workcal.selectors import add_working_days

    return add_working_days(decided_on, item.deadline_working_days, scope="government", county=county)


@transaction.atomic
def application_approve(
    *, application: Application, amount: int | None, on: dt.date | None = None, by=None, note: str = ""
) -> Application:
    """Approve an application (submitted or under review) for ``amount`` (at most what was asked); the
    deadline for delivery is set in working days."""
    _require(
        application,
        (Status.SUBMITTED, Status.UNDER_REVIEW),
        _("Status: only a submitted application or one under review can be approved."),
    )
    if amount is None or amount < 1:
        raise _error("amount", _("Amount approved: enter an amount above zero."))
    if amount > application.amount_requested:
        raise _error("amount", _("Amount approved: it cannot be more than the amount requested."))
    day = _day(on, "on", not_before=application.submitted_on)
    application.status = Status.APPROVED
    application.amount_approved = amount
    application.decided_on = day
    application.deadline = deadline_for(application.item, day, application.cooperative.county_id)
    application.save(update_fields=["status", "amount_approved", "decided_on", "deadline"])
    _step(application, on=day, by=by, note=note)
    return application


@transaction.atomic
def application_reject(
    *, application: Application, reason: str, on: dt.date | None = None, by=None
) -> Application:
    _require(
        application,
        (Status.SUBMITTED, Status.UNDER_REVIEW),
        _("Status: only a submitted application or one under review can be rejected."),
    )
    from sakoo.core.text import normalize_text

    reason = normalize_text(reason or "")
    if not reason:
        raise _error("reason", _("Reason: say why the application is rejected."))
    day = _day(on, "on", not_before=application.submitted_on)
    application.status = Status.REJECTED
    application.rejection_reason = reason[:300]
    application.decided_on = day
    application.save(update_fields=["status", "rejection_reason", "decided_on"])
    _step(application, on=day, by=by, note=application.rejection_reason)
    return application


@transaction.atomic
def application_deliver(
    *, application: Application, amount: int | None = None, on: dt.date | None = None, by=None
) -> Application:
    """Record that an approved item was delivered (``amount`` defaults to the amount approved)."""
    _require(application, (Status.APPROVED,), _("Status: only an approved application can be delivered."))
    amount = application.amount_approved if amount is None else amount
    if amount < 1:
        raise _error("amount", _("Amount delivered: enter an amount above zero."))
    if amount > application.amount_approved:
        raise _error("amount", _("Amount delivered: it cannot be more than the amount approved."))
    day = _day(on, "on", not_before=application.decided_on)
    application.status = Status.DELIVERED
    application.amount_delivered = amount
    application.delivered_on = day
    application.save(update_fields=["status", "amount_delivered", "delivered_on"])
    _step(application, on=day, by=by)
    return application


@transaction.atomic
def follow_up_record(
    *, application: Application, jobs_created: int, on: dt.date | None = None, by=None
) -> FollowUp:
    """Jobs the support actually created so far, counted on a day (approved or delivered applications)."""
    if application.status not in (Status.APPROVED, Status.DELIVERED):
        raise _error("status", _("Status: jobs are followed up only for approved or delivered support."))
    if jobs_created is None or jobs_created < 0:
        raise _error("jobs_created", _("Jobs created: enter zero or more."))
    day = _day(on, "reported_on", not_before=application.decided_on)
    return FollowUp.objects.create(
        application=application, reported_on=day, jobs_created=jobs_created, reported_by=by
    )


# --- the package -----------------------------------------------------------------------------------


@transaction.atomic
def support_item_ensure(
    *,
    code: str,
    name_fa: str,
    name_en: str,
    agency,
    unit: str,
    is_bank_credit: bool = False,
    program=None,
    deadline_working_days: int = 20,
    description: str = "",
    order: int = 100,
) -> SupportItem:
    """Idempotent: the package item with ``code``, created when missing (an admin's later edits kept)."""
    if agency.kind != "agency":
        raise _error("agency", _("Responsible agency: choose an executive agency."))
    item = SupportItem.objects.filter(code=code).first()
    if item is not None:
        return item
    item = SupportItem(
        code=code,
        name_fa=name_fa,
        name_en=name_en,
        agency=agency,
        unit=unit,
        is_bank_credit=is_bank_credit,
        program=program,
        deadline_working_days=deadline_working_days,
        description=description,
        order=order,
    )
    normalize_model_text(item, "name_fa", "description")
    item.full_clean()
    item.save()
    return item
