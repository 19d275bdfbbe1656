"""Working-group pages: thin, every write goes through sakoo.resolutions.services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakoo.resolutions import selectors, services
from sakoo.resolutions.forms import EvidenceForm, FollowUpForm, MeetingForm, ResolutionForm, StatusForm
from sakoo.resolutions.models import Resolution


def _deny(request):
    from sakoo.accounts.scoping import deny

    deny(request, "working group")


def _require_reader(request):
    if not selectors.can_use_working_group(request.user):
        _deny(request)


def _require_manager(request):
    if not selectors.can_manage(request.user):
        _deny(request)


def _form_errors(form, exc: ValidationError):
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def index(request):
    _require_reader(request)
    today = timezone.localdate()
    queryset = selectors.resolutions_for_user(request.user)
    status = request.GET.get("status", "")
    view = request.GET.get("view", "")
    owner = request.GET.get("owner", "")
    if status in Resolution.Status.values:
        queryset = queryset.filter(status=status)
    if view == "overdue":
        queryset = queryset.overdue(today)
    elif view == "due_soon":
        queryset = queryset.due_soon(today)
    if owner.isdigit():
        queryset = queryset.filter(owner_id=int(owner))
    resolutions = list(queryset.order_by("due_date", "meeting_id", "number")[:500])
    context = {
        "resolutions": resolutions,
        "today": today,
        "overdue_count": selectors.overdue_resolutions(request.user, today).count(),
        "due_soon_count": selectors.due_soon_resolutions(request.user, today).count(),
        "status_choices": Resolution.Status.choices,
        "status": status,
        "view": view,
        "can_manage": selectors.can_manage(request.user),
        "meetings": selectors.meetings_for_user(request.user)[:20],
    }
    return render(request, "resolutions/index.html", context)


@login_required
def agency_records(request):
    _require_reader(request)
    records = selectors.agency_delivery_records(request.user)
    return render(request, "resolutions/agency_records.html", {"records": records})


@login_required
def meeting_detail(request, pk: int):
    _require_reader(request)
    meeting = selectors.meeting_get_for_user(request.user, pk)
    resolutions = selectors.resolutions_for_user(request.user).filter(meeting=meeting).order_by("number")
    return render(
        request,
        "resolutions/meeting_detail.html",
        {
            "meeting": meeting,
            "resolutions": resolutions,
            "today": timezone.localdate(),
            "can_manage": selectors.can_manage(request.user),
        },
    )


def _minutes_context(request, meeting):
    return {
        "meeting": meeting,
        "resolutions": selectors.resolutions_for_user(request.user).filter(meeting=meeting).order_by("number"),
        "printed_at": timezone.localtime(),
    }


@login_required
def meeting_minutes(request, pk: int):
    _require_reader(request)
    meeting = selectors.meeting_get_for_user(request.user, pk)
    return render(request, "resolutions/minutes.html", _minutes_context(request, meeting))


@login_required
def meeting_minutes_pdf(request, pk: int):
    _require_reader(request)
    meeting = selectors.meeting_get_for_user(request.user, pk)
    from sakoo.resolutions.pdf import render_pdf

    pdf = render_pdf("resolutions/minutes_pdf.html", _minutes_context(request, meeting), request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.pk}.pdf"'
    return response


@login_required
def meeting_create(request):
    _require_manager(request)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect("resolutions:meeting_detail", pk=meeting.pk)
    return render(request, "resolutions/meeting_form.html", {"form": form})


@login_required
def meeting_edit(request, pk: int):
    _require_manager(request)
    meeting = selectors.meeting_get_for_user(request.user, pk)
    initial = {name: getattr(meeting, name) for name in MeetingForm.base_fields}
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("resolutions:meeting_detail", pk=meeting.pk)
    return render(request, "resolutions/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
def resolution_edit(request, pk: int):
    _require_manager(request)
    resolution = selectors.resolution_get_for_user(request.user, pk)
    initial = {
        "text": resolution.text,
        "owner": resolution.owner_id,
        "co_owners": [co.pk for co in resolution.co_owners.all()],
        "due_rule": resolution.due_rule,
        "due_date": resolution.due_date if resolution.due_rule == Resolution.DueRule.DATE else None,
        "due_working_days": resolution.due_working_days,
    }
    form = ResolutionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.resolution_update(
                resolution=resolution,
                text=data["text"],
                owner=data["owner"],
                co_owners=list(data["co_owners"]),
                due_rule=data["due_rule"],
                due_date=data.get("due_date"),
                due_working_days=data.get("due_working_days"),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The resolution is saved."))
            return redirect("resolutions:detail", pk=resolution.pk)
    return render(
        request,
        "resolutions/resolution_form.html",
        {"form": form, "meeting": resolution.meeting, "resolution": resolution},
    )


@login_required
def resolution_create(request, meeting_pk: int):
    _require_manager(request)
    meeting = selectors.meeting_get_for_user(request.user, meeting_pk)
    form = ResolutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resolution = services.resolution_create(
                meeting=meeting,
                text=data["text"],
                owner=data["owner"],
                co_owners=list(data["co_owners"]),
                due_rule=data["due_rule"],
                due_date=data.get("due_date"),
                due_working_days=data.get("due_working_days"),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The resolution is recorded."))
            return redirect("resolutions:detail", pk=resolution.pk)
    return render(request, "resolutions/resolution_form.html", {"form": form, "meeting": meeting})


def _detail_context(request, resolution, **forms):
    can_update = selectors.can_update(request.user, resolution)
    return {
        "resolution": resolution,
        "today": timezone.localdate(),
        "can_update": can_update,
        "can_manage": selectors.can_manage(request.user),
        "followup_form": forms.get("followup_form") or FollowUpForm(),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
        "status_form": forms.get("status_form") or StatusForm(current=resolution.status),
    }


@login_required
def resolution_detail(request, pk: int):
    _require_reader(request)
    resolution = selectors.resolution_get_for_user(request.user, pk)
    return render(request, "resolutions/detail.html", _detail_context(request, resolution))


def _updatable(request, pk):
    _require_reader(request)
    resolution = selectors.resolution_get_for_user(request.user, pk)
    if not selectors.can_update(request.user, resolution):
        _deny(request)
    return resolution


@login_required
@require_POST
def resolution_followup(request, pk: int):
    resolution = _updatable(request, pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.followup_add(resolution=resolution, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The follow-up note is added."))
            return redirect("resolutions:detail", pk=resolution.pk)
    return render(
        request, "resolutions/detail.html", _detail_context(request, resolution, followup_form=form), status=422
    )


@login_required
@require_POST
def resolution_evidence(request, pk: int):
    resolution = _updatable(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(
                resolution=resolution,
                upload=form.cleaned_data["file"],
                uploaded_by=request.user,
                description=form.cleaned_data.get("description", ""),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The evidence file is uploaded."))
            return redirect("resolutions:detail", pk=resolution.pk)
    return render(
        request, "resolutions/detail.html", _detail_context(request, resolution, evidence_form=form), status=422
    )


@login_required
@require_POST
def resolution_status(request, pk: int):
    resolution = _updatable(request, pk)
    form = StatusForm(request.POST, current=resolution.status)
    if form.is_valid():
        try:
            services.resolution_set_status(
                resolution=resolution,
                status=form.cleaned_data["status"],
                note=form.cleaned_data.get("note", ""),
                user=request.user,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The status is changed."))
            return redirect("resolutions:detail", pk=resolution.pk)
    return render(
        request, "resolutions/detail.html", _detail_context(request, resolution, status_form=form), status=422
    )


@login_required
def evidence_download(request, pk: int):
    _require_reader(request)
    evidence = selectors.evidence_get_for_user(request.user, pk)
    return FileResponse(
        evidence.file.open("rb"), content_type=evidence.content_type, as_attachment=True, filename=evidence.original_name
    )
