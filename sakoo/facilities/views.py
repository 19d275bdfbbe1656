"""Pages of the facilities app (thin: services write, selectors read)."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakoo.accounts.models import Role
from sakoo.accounts.scoping import deny, has_role, is_province_staff, role_required, user_organisation_ids
from sakoo.core.forms import MoneyField
from sakoo.core.money import format_money
from sakoo.core.text import format_number

from . import selectors
from .forms import AllocationForm, FacilityFileForm, ImportUploadForm, ProposalForm, StepForm
from .imports import ImportRefused, build_template, run_import
from .models import Agency, FacilityFile, ImportBatch, Program, ReallocationProposal, Step
from .services import (
    EDITABLE_FIELDS,
    StaleFileError,
    allocation_version_create,
    facility_file_create,
    facility_file_update,
    file_step_add,
    reallocation_approve,
    reallocation_propose,
    reallocation_withdraw,
)

FILE_ROLES = (Role.AGENCY_OFFICER, Role.BANK_OFFICER, Role.PROVINCE_ANALYST, Role.PROVINCE_ADMIN)
DASHBOARD_ROLES = (Role.AGENCY_OFFICER, Role.PROVINCE_ANALYST, Role.PROVINCE_ADMIN)
STAFF_ROLES = (Role.PROVINCE_ANALYST, Role.PROVINCE_ADMIN)
AGENCY_STEPS = [Step.REFERRED]
BANK_STEPS = [Step.APPROVED, Step.REJECTED, Step.CONTRACT_SIGNED, Step.PAID]
STAGES = {
    "referred": {"referred_on__isnull": False},
    "approved": {"approved_on__isnull": False},
    "rejected": {"rejected_on__isnull": False},
    "contracted": {"contracted_on__isnull": False},
    "paid": {"first_paid_on__isnull": False},
}


def _int_param(request, name):
    raw = request.GET.get(name, "")
    try:
        return int(raw)
    except ValueError:
        return None


def _year_program(request):
    fiscal_year = selectors.fiscal_year_for(_int_param(request, "year"))
    program = Program.objects.filter(code=request.GET.get("program", "")).first()
    return fiscal_year, program


@role_required(*DASHBOARD_ROLES)
def dashboard(request):
    fiscal_year, program = _year_program(request)
    measure = request.GET.get("measure") if request.GET.get("measure") in selectors.MEASURES else "contracted"
    agency_ids = None if is_province_staff(request.user) else set(
        selectors.agencies_for_user(request.user).values_list("pk", flat=True)
    )
    data = None
    trend = []
    if fiscal_year:
        today = timezone.localdate()
        stamp = selectors.measures_stamp()  # once for both figures
        data = selectors.cached("agency_measures", selectors.agency_measures, stamp=stamp,
                                fiscal_year=fiscal_year, program=program, measure=measure, agency_ids=agency_ids,
                                today=today)
        trend = selectors.cached("trends", selectors.trends, stamp=stamp, fiscal_year=fiscal_year,
                                 program=program, agency_ids=agency_ids,
                                 period="week" if request.GET.get("period") == "week" else "month")
    base_filter = {"year": fiscal_year.year if fiscal_year else "", "program": program.code if program else ""}
    return render(request, "facilities/dashboard.html", {
        "data": data, "fiscal_year": fiscal_year, "program": program, "measure": measure,
        "years": selectors.FiscalYear.objects.all(), "programs": Program.objects.all(),
        "files_url": reverse("facilities:files") + "?" + urlencode(base_filter), "trend": trend,
        "period": "week" if request.GET.get("period") == "week" else "month",
    })


@role_required(*FILE_ROLES)
def file_list(request):
    files = selectors.files_for_user(request.user)
    filters = {}
    for name in ("agency", "bank", "branch", "county"):
        value = _int_param(request, name)
        if value is not None:
            filters[f"{name}_id"] = value
    fiscal_year, program = _year_program(request)
    if request.GET.get("year") and fiscal_year:
        filters["fiscal_year"] = fiscal_year
    if program:
        filters["program"] = program
    stage = request.GET.get("stage")
    if stage in STAGES:
        filters.update(STAGES[stage])
    reason = _int_param(request, "reason")
    if reason is not None:
        filters["rejection_reason_id"] = reason
    files = files.filter(**filters).order_by("-id")
    page = Paginator(files, 50).get_page(request.GET.get("page"))
    return render(request, "facilities/file_list.html", {
        "page": page, "show_id": selectors.can_see_national_id(request.user),
        "can_create": has_role(request.user, Role.AGENCY_OFFICER), "stage": stage,
        "query": urlencode({k: v for k, v in request.GET.items() if k != "page"}),
    })


def _user_agency(request) -> Agency:
    agency = selectors.agencies_for_user(request.user).order_by("pk").first()
    if agency is None:
        deny(request, "agency officer without an agency")
    return agency


@role_required(Role.AGENCY_OFFICER)
def file_new(request):
    agency = _user_agency(request)
    form = FacilityFileForm(request.POST or None, province_code=settings.SAKOO_PROVINCE)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            file = facility_file_create(user=request.user, agency=agency, **data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The file was saved."))
            return redirect("facilities:file_detail", pk=file.pk)
    return render(request, "facilities/file_form.html", {"form": form, "agency": agency})


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _may_edit(user, file: FacilityFile) -> bool:
    return has_role(user, Role.AGENCY_OFFICER) and file.agency.organisation_id in user_organisation_ids(
        user, "agency")


def _step_kinds(user, file: FacilityFile) -> list[str]:
    if has_role(user, Role.BANK_OFFICER) and file.bank and file.bank.organisation_id in user_organisation_ids(
            user, "bank") and file.referred_on:
        return BANK_STEPS
    if _may_edit(user, file) and not file.referred_on:
        return AGENCY_STEPS
    return []


@role_required(*FILE_ROLES)
def file_detail(request, pk):
    file = selectors.get_file_for_user(request, pk)
    may_edit = _may_edit(request.user, file)
    conflict = None
    if request.method == "POST":
        if not may_edit:
            deny(request, "edit facility file")
        form = FacilityFileForm(request.POST, instance=file, editing=True, province_code=settings.SAKOO_PROVINCE)
        expected = _int_from(request.POST.get("version"))
        if form.is_valid():
            fields = {k: form.cleaned_data[k] for k in EDITABLE_FIELDS if k in form.cleaned_data
                      and not form.fields[k].disabled}
            try:
                facility_file_update(file=FacilityFile.objects.get(pk=file.pk), user=request.user,
                                     expected_version=expected or 0, **fields)
            except StaleFileError as stale:
                conflict = stale.current
                messages.warning(request, _(
                    "Someone else saved this file while you were editing it. Your changes were NOT saved: "
                    "they are still in the form below, next to the current values. Check them and save again."))
                form.data = form.data.copy()
                form.data["version"] = str(conflict.version)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("The file was saved."))
                return redirect("facilities:file_detail", pk=file.pk)
        file = selectors.get_file_for_user(request, pk)
    else:
        form = FacilityFileForm(instance=file, editing=True, initial={"version": file.version},
                                province_code=settings.SAKOO_PROVINCE) if may_edit else None
    kinds = _step_kinds(request.user, file)
    return render(request, "facilities/file_detail.html", {
        "file": file, "form": form, "conflict": conflict,
        "conflict_fields": _conflict_fields(form, conflict) if conflict else [],
        "step_form": StepForm(kinds=kinds) if kinds else None,
        "steps": file.steps.select_related("reason", "actor").order_by("date", "id"),
        "show_id": selectors.can_see_national_id(request.user),
    })


def _int_from(raw):
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _conflict_fields(form, current: FacilityFile) -> list[dict]:
    out = []
    for name in EDITABLE_FIELDS:
        if name not in form.fields:
            continue
        value, field = getattr(current, name), form.fields[name]
        if value in (None, ""):
            value = "—"
        elif isinstance(field, MoneyField):
            value = format_money(value, field.unit)  # stored in rials, typed in the field's unit
        elif isinstance(value, int):
            value = format_number(value, grouping=False)
        elif isinstance(field, forms.ModelChoiceField):
            value = field.label_from_instance(value)
        elif isinstance(field, forms.ChoiceField):
            value = dict(field.choices).get(value, value)
        yours = form.data.get(name, "")
        if isinstance(field, forms.ChoiceField) and yours:  # the label of the option chosen, not its id
            yours = {str(k): label for k, label in field.choices}.get(yours, yours)
        out.append({"label": field.label, "current": value, "yours": yours})
    return out


@require_POST
@role_required(Role.AGENCY_OFFICER, Role.BANK_OFFICER, Role.PROVINCE_ANALYST, Role.PROVINCE_ADMIN)
def file_step(request, pk):
    file = selectors.get_file_for_user(request, pk)
    kinds = _step_kinds(request.user, file)
    if not kinds:
        deny(request, "add facility step")
    form = StepForm(request.POST, kinds=kinds)
    if form.is_valid():
        data = form.cleaned_data
        try:
            file_step_add(file=FacilityFile.objects.get(pk=file.pk), kind=data["kind"], date=data["date"],
                          user=request.user, amount=data.get("amount"), reason=data.get("reason"),
                          bank=data.get("bank"), branch=data.get("branch"))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The step was recorded."))
            return redirect("facilities:file_detail", pk=file.pk)
    return render(request, "facilities/file_detail.html", {
        "file": file, "form": None, "step_form": form,
        "steps": file.steps.select_related("reason", "actor").order_by("date", "id"),
        "show_id": selectors.can_see_national_id(request.user),
    }, status=400)


# --- imports -----------------------------------------------------------------------------------------------


def _import_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "facility-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _import_organisation(request, kind: str):
    if kind == ImportBatch.Kind.AGENCY_FILES and has_role(request.user, Role.AGENCY_OFFICER):
        agency = selectors.agencies_for_user(request.user).order_by("pk").first()
        return agency.organisation if agency else None
    if kind == ImportBatch.Kind.BANK_STEPS and has_role(request.user, Role.BANK_OFFICER):
        bank = selectors.banks_for_user(request.user).order_by("pk").first()
        return bank.organisation if bank else None
    return None


def _default_kind(user) -> str:
    return ImportBatch.Kind.BANK_STEPS if has_role(user, Role.BANK_OFFICER) and not has_role(
        user, Role.AGENCY_OFFICER) else ImportBatch.Kind.AGENCY_FILES


@role_required(Role.AGENCY_OFFICER, Role.BANK_OFFICER)
def import_upload(request):
    context = {"result": None}
    if request.method == "POST" and request.POST.get("token"):
        return _import_commit(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None,
                            initial={"kind": _default_kind(request.user)})
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        organisation = _import_organisation(request, kind)
        if organisation is None:
            form.add_error("kind", _("Your account cannot import this kind of file."))
        else:
            upload = form.cleaned_data["file"]
            data = upload.read(10 * 1024 * 1024 + 1)
            try:
                result = run_import(kind=kind, data=data, filename=upload.name, user=request.user,
                                    organisation=organisation, commit=False)
            except ImportRefused as exc:
                form.add_error("file", str(exc))
            else:
                token = uuid.uuid4().hex
                (_import_dir() / f"{token}.xlsx").write_bytes(data)
                request.session[f"facility-import-{token}"] = {
                    "kind": kind, "name": upload.name[:200], "sha": hashlib.sha256(data).hexdigest()}
                context.update(result=result, token=token, filename=upload.name)
    context["form"] = form
    return render(request, "facilities/import.html", context)


def _import_commit(request):
    token = request.POST.get("token", "")
    meta = request.session.get(f"facility-import-{token}") if token.isalnum() else None
    path = _import_dir() / f"{token}.xlsx"
    if not meta or not path.exists():
        messages.error(request, _("This upload has expired. Upload the file again."))
        return redirect("facilities:import")
    data = path.read_bytes()
    organisation = _import_organisation(request, meta["kind"])
    if organisation is None or hashlib.sha256(data).hexdigest() != meta["sha"]:
        deny(request, "import commit")
    result = run_import(kind=meta["kind"], data=data, filename=meta["name"], user=request.user,
                        organisation=organisation, commit=True)
    if result.committed:
        path.unlink(missing_ok=True)
        del request.session[f"facility-import-{token}"]
        messages.success(request, _("Imported: %(c)s created, %(u)s updated, %(n)s unchanged.") % {
            "c": result.count("created"), "u": result.count("updated"), "n": result.count("unchanged")})
        return redirect("facilities:files")
    form = ImportUploadForm(initial={"kind": meta["kind"]})
    return render(request, "facilities/import.html", {"form": form, "result": result, "token": token,
                                                      "filename": meta["name"]})


@role_required(*FILE_ROLES)
def import_template(request, kind):
    if kind not in ImportBatch.Kind.values:
        return HttpResponse(status=404)
    response = HttpResponse(
        build_template(kind),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="sakoo-{kind}-template.xlsx"'
    return response


# --- banks, allocations, reallocation ---------------------------------------------------------------------


@role_required(*STAFF_ROLES)
def bank_scorecard(request):
    fiscal_year, program = _year_program(request)
    card = selectors.cached("scorecard", selectors.scorecard, fiscal_year=fiscal_year,
                            program=program) if fiscal_year else None
    return render(request, "facilities/scorecard.html", {
        "card": card, "fiscal_year": fiscal_year, "program": program,
        "years": selectors.FiscalYear.objects.all(), "programs": Program.objects.all(),
        "files_url": reverse("facilities:files") + "?" + urlencode(
            {"year": fiscal_year.year if fiscal_year else "", "program": program.code if program else ""}),
    })


@role_required(*STAFF_ROLES)
def allocations(request):
    fiscal_year, program = _year_program(request)
    program = program or Program.objects.first()
    versions = selectors.allocation_history(program, fiscal_year) if program and fiscal_year else []
    return render(request, "facilities/allocations.html", {
        "versions": versions, "fiscal_year": fiscal_year, "program": program,
        "can_edit": has_role(request.user, Role.PROVINCE_ADMIN),
        "years": selectors.FiscalYear.objects.all(), "programs": Program.objects.all(),
    })


@role_required(Role.PROVINCE_ADMIN)
def allocation_new(request):
    fiscal_year, program = _year_program(request)
    program = program or Program.objects.first()
    if fiscal_year is None or program is None:
        messages.error(request, _("Set up a fiscal year and a program first."))
        return redirect("facilities:allocations")
    current = selectors.current_allocation(program, fiscal_year)
    existing = {line.agency_id: (line.amount, line.target_jobs) for line in current.lines.all()} if current else {}
    quota = program.quotas.filter(fiscal_year=fiscal_year).first()
    form = AllocationForm(request.POST or None, agencies=Agency.objects.order_by("name"), current=existing)
    if request.method == "POST" and form.is_valid():
        try:
            version = allocation_version_create(
                program=program, fiscal_year=fiscal_year, lines=form.lines(), user=request.user,
                rule=_("set by the province admin"), reason=form.cleaned_data["reason"],
                effective_on=timezone.localdate(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Allocation version %(n)s was written.") % {"n": version.number})
            return redirect(reverse("facilities:allocations") + "?" + urlencode(
                {"year": fiscal_year.year, "program": program.code}))
    return render(request, "facilities/allocation_form.html", {
        "form": form, "program": program, "fiscal_year": fiscal_year, "quota": quota, "current": current,
        "years": selectors.FiscalYear.objects.all(), "programs": Program.objects.all(),
    })


@role_required(*STAFF_ROLES)
def reallocation(request):
    form = ProposalForm(request.POST or None)
    if request.method == "POST":
        if not has_role(request.user, Role.PROVINCE_ADMIN):
            deny(request, "propose reallocation")
        if form.is_valid():
            d = form.cleaned_data
            try:
                proposal = reallocation_propose(
                    program=d["program"], fiscal_year=d["fiscal_year"], checkpoint=d["checkpoint"],
                    rule=d["rule"], threshold=form.threshold_fraction(), release_fraction=form.release_fraction(),
                    measure=d["measure"], reason=d["reason"], user=request.user,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                return redirect("facilities:proposal", pk=proposal.pk)
    proposals = ReallocationProposal.objects.select_related("program", "fiscal_year", "proposed_by")[:30]
    return render(request, "facilities/reallocation.html", {
        "form": form, "proposals": proposals, "can_propose": has_role(request.user, Role.PROVINCE_ADMIN)})


@role_required(*STAFF_ROLES)
def proposal_detail(request, pk):
    proposal = selectors.get_proposal_for_user(request, pk)
    if request.method == "POST":
        if not has_role(request.user, Role.PROVINCE_ADMIN):
            deny(request, "decide reallocation")
        try:
            if request.POST.get("action") == "approve":
                version = reallocation_approve(proposal=proposal, user=request.user)
                messages.success(request, _("Approved: allocation version %(n)s was written.") % {"n": version.number})
            elif request.POST.get("action") == "withdraw":
                reallocation_withdraw(proposal=proposal)
                messages.success(request, _("The proposal was withdrawn."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("facilities:proposal", pk=proposal.pk)
    totals = {k: sum(line[k] for line in proposal.lines) for k in ("before", "released", "gained", "after")}
    return render(request, "facilities/proposal.html", {
        "proposal": proposal, "totals": totals,
        "can_decide": has_role(request.user, Role.PROVINCE_ADMIN)
        and proposal.status == ReallocationProposal.Status.PROPOSED,
    })

