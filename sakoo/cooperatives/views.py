"""Cooperative pages: thin; reads through selectors (access-checked fetch helpers), writes through
services. Every page works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakoo.accounts.models import Role
from sakoo.accounts.scoping import deny, has_role, role_required
from sakoo.cooperatives import selectors, services
from sakoo.cooperatives.forms import (
    ApplicationForm,
    DecisionForm,
    FilterForm,
    FollowUpForm,
    JobsReportForm,
    MembersReportForm,
    ProfileForm,
)
from sakoo.cooperatives.models import OPEN_STATUSES, Sector, Status, Unit


def _apply_errors(form, exc: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Put a service's errors on the form fields they name (others at the top)."""
    rename = rename or {}
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            name = rename.get(name, name)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _filters(request) -> tuple[str, str, FilterForm]:
    form = FilterForm(request.GET or None)
    if form.is_valid():
        return form.cleaned_data.get("sector") or "", form.cleaned_data.get("status") or "", form
    return "", "", form


# --- public: the package ---------------------------------------------------------------------------


def catalogue(request):
    """The support package: its items, who is responsible, the unit and the deadline (public)."""
    return render(request, "cooperatives/catalogue.html", {"items": selectors.active_items()})


# --- cooperatives ----------------------------------------------------------------------------------


@role_required(*selectors.READER_ROLES)
def index(request):
    """The cooperatives in the user's scope (a cooperative's user: their own)."""
    sector, _status, form = _filters(request)
    cooperatives = selectors.cooperatives_for_user(request.user)
    if sector:
        cooperatives = cooperatives.filter(sector=sector)
    cooperatives = list(cooperatives)
    if has_role(request.user, Role.EMPLOYER) and len(cooperatives) == 1 and not request.user.is_superuser:
        return redirect("cooperatives:detail", pk=cooperatives[0].pk)
    return render(
        request,
        "cooperatives/index.html",
        {
            "cooperatives": cooperatives,
            "filter_form": form,
            "is_employer": has_role(request.user, Role.EMPLOYER),
            "can_register": selectors.employers_to_register(request.user).exists(),
        },
    )


@role_required(Role.EMPLOYER)
def register(request):
    """A cooperative's user registers its profile (employers flagged as cooperatives, without one)."""
    employers = selectors.employers_to_register(request.user)
    form = ProfileForm(request.POST or None, employers=employers)
    if request.method == "POST" and form.is_valid():
        try:
            cooperative = services.cooperative_register(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc, {"members": "members_male"})
        else:
            messages.success(request, _("The cooperative's profile is registered."))
            return redirect("cooperatives:detail", pk=cooperative.pk)
    return render(request, "cooperatives/register.html", {"form": form, "has_employers": employers.exists()})


@role_required(*selectors.READER_ROLES)
def detail(request, pk: int):
    cooperative = selectors.get_cooperative_for_user(request, pk)
    applications = selectors.applications_of(cooperative)
    scope = selectors.application_scope(request.user)
    if scope is not None:
        applications = applications.filter(scope)
    return render(
        request,
        "cooperatives/detail.html",
        {
            "cooperative": cooperative,
            "reports": selectors.jobs_reports(cooperative)[:24],
            "members_reports": selectors.members_reports(cooperative)[:24],
            "applications": applications,
            "is_member": selectors.is_member(request.user, cooperative),
            "can_report": selectors.can_report(request.user, cooperative),
            "jobs_form": JobsReportForm(),
        },
    )


@require_POST
@role_required(*selectors.REPORTER_ROLES)
def jobs_report(request, pk: int):
    cooperative = selectors.get_cooperative_for_user(request, pk)
    if not selectors.can_report(request.user, cooperative):
        deny(request, "cooperatives.jobs_report")
    form = JobsReportForm(request.POST)
    if form.is_valid():
        try:
            services.jobs_report_add(
                cooperative=cooperative,
                jobs=form.cleaned_data["jobs"],
                on=form.cleaned_data.get("reported_on"),
                by=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The jobs report is recorded."))
            return redirect("cooperatives:detail", pk=cooperative.pk)
    return render(
        request,
        "cooperatives/detail.html",
        {
            "cooperative": cooperative,
            "reports": selectors.jobs_reports(cooperative)[:24],
            "members_reports": selectors.members_reports(cooperative)[:24],
            "applications": selectors.applications_of(cooperative),
            "is_member": selectors.is_member(request.user, cooperative),
            "can_report": True,
            "jobs_form": form,
        },
    )


@role_required(*selectors.REPORTER_ROLES)
def members_report(request, pk: int):
    """Report the cooperative's members by sex on a day (the same users as for jobs reports). A new
    dated report; the latest sets the cooperative's current counts."""
    cooperative = selectors.get_cooperative_for_user(request, pk)
    if not selectors.can_report(request.user, cooperative):
        deny(request, "cooperatives.members_report")
    form = MembersReportForm(
        request.POST if request.method == "POST" else None,
        initial={"members_male": cooperative.members_male, "members_female": cooperative.members_female},
    )
    if form.is_valid():
        try:
            services.members_report_add(
                cooperative=cooperative,
                members_male=form.cleaned_data["members_male"],
                members_female=form.cleaned_data["members_female"],
                on=form.cleaned_data.get("reported_on"),
                by=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The members report is recorded."))
            return redirect("cooperatives:detail", pk=cooperative.pk)
    return render(
        request,
        "cooperatives/members.html",
        {
            "cooperative": cooperative,
            "form": form,
            "members_reports": selectors.members_reports(cooperative)[:24],
            "registered_on": selectors.registered_on(cooperative),
        },
    )


@role_required(Role.EMPLOYER)
def apply(request, pk: int):
    """A cooperative's user applies for an item of the package."""
    cooperative = selectors.get_cooperative_for_user(request, pk)
    if not selectors.is_member(request.user, cooperative):
        raise Http404
    items = selectors.active_items()
    form = ApplicationForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rename = {} if data["item"].unit == Unit.RIALS else {"amount": "quantity"}
        try:
            application = services.application_submit(
                cooperative=cooperative,
                item=data["item"],
                plan=data["plan"],
                jobs_promised=data["jobs_promised"],
                amount_requested=data["amount_requested"],
                facility_file_number=data.get("facility_file_number") or "",
                by=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc, rename)
        else:
            messages.success(request, _("Your application is sent. The county officer will review it."))
            return redirect("cooperatives:application", pk=application.pk)
    return render(
        request, "cooperatives/apply.html", {"form": form, "cooperative": cooperative, "items": items}
    )


# --- applications ----------------------------------------------------------------------------------


@role_required(*selectors.READER_ROLES)
def applications(request):
    _sector, status, form = _filters(request)
    rows = selectors.applications_for_user(request.user)
    if status:
        rows = rows.filter(status=status)
    return render(
        request,
        "cooperatives/applications.html",
        {"applications": rows[:500], "filter_form": form, "today": timezone.localdate()},
    )


def _application_context(request, application, **forms):
    user = request.user
    today = timezone.localdate()
    context = {
        "application": application,
        "steps": selectors.steps_of(application),
        "follow_ups": selectors.follow_ups_of(application),
        "can_review": selectors.can_review(user, application),
        "can_deliver": selectors.can_deliver(user, application),
        "can_report": selectors.can_report(user, application.cooperative)
        and application.status in (Status.APPROVED, Status.DELIVERED),
        "in_rials": application.item.unit == Unit.RIALS,
        "overdue": selectors.overdue(application, today),
        "reviewable": application.status in OPEN_STATUSES,
        "today": today,
        "decision": {a: DecisionForm(prefix=a) for a in DecisionForm.ACTIONS} | forms.get("decision", {}),
        "follow_up_form": forms.get("follow_up_form") or FollowUpForm(),
    }
    if application.deadline and application.status == Status.APPROVED:
        from sakoo.workcal.selectors import working_days_left

        context["days_left"] = working_days_left(
            today, application.deadline, scope="government", county=application.cooperative.county_id
        )
        context["days_overdue"] = -context["days_left"]
    return context


@role_required(*selectors.READER_ROLES)
def application_detail(request, pk: int):
    application = selectors.get_application_for_user(request, pk)
    return render(request, "cooperatives/application.html", _application_context(request, application))


@require_POST
@role_required(*selectors.DELIVERY_ROLES)
def application_decide(request, pk: int):
    """One review step (``action``: start, approve, reject, deliver)."""
    application = selectors.get_application_for_user(request, pk)
    action = request.POST.get("action", "")
    if action not in DecisionForm.ACTIONS:
        raise Http404
    form = DecisionForm(request.POST, prefix=action)
    allowed = selectors.can_deliver if action == "deliver" else selectors.can_review
    if not allowed(request.user, application):
        deny(request, f"cooperatives.decide.{action[:10]}")
    if form.is_valid():
        data = form.cleaned_data
        in_rials = application.item.unit == Unit.RIALS
        amount = data.get("amount") if in_rials else data.get("quantity")
        kwargs = {"application": application, "on": data.get("on"), "by": request.user}
        try:
            if action == "start":
                services.application_start_review(**kwargs)
            elif action == "approve":
                services.application_approve(amount=amount, **kwargs)
            elif action == "reject":
                services.application_reject(reason=data.get("reason") or "", **kwargs)
            else:
                services.application_deliver(amount=amount, **kwargs)
        except ValidationError as exc:
            _apply_errors(form, exc, {} if in_rials else {"amount": "quantity"})
        else:
            messages.success(request, _("The application's status is saved."))
            return redirect("cooperatives:application", pk=application.pk)
    application = selectors.get_application_for_user(request, pk)
    return render(
        request,
        "cooperatives/application.html",
        _application_context(request, application, decision={action: form}),
    )


@require_POST
@role_required(*selectors.REPORTER_ROLES)
def follow_up(request, pk: int):
    application = selectors.get_application_for_user(request, pk)
    if not selectors.can_report(request.user, application.cooperative):
        deny(request, "cooperatives.follow_up")
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_record(
                application=application,
                jobs_created=form.cleaned_data["jobs_created"],
                on=form.cleaned_data.get("reported_on"),
                by=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("cooperatives:application", pk=application.pk)
    return render(
        request,
        "cooperatives/application.html",
        _application_context(request, application, follow_up_form=form),
    )


# --- figures ---------------------------------------------------------------------------------------


@role_required(*selectors.STAFF_READER_ROLES)
def figures(request):
    """Per county and per sector: cooperatives, members, jobs, support approved and delivered, jobs
    promised and created, over the cooperatives in the user's scope."""
    cooperatives = selectors.cooperatives_for_user(request.user)
    scope = selectors.application_scope(request.user)
    by_county = selectors.figures(cooperatives, by="county", applications=scope)
    by_sector = selectors.figures(cooperatives, by="sector", applications=scope)
    from sakoo.geo.models import County

    counties = {c.pk: c for c in County.objects.filter(pk__in=list(by_county))}
    county_rows = sorted(((counties[pk], f) for pk, f in by_county.items()), key=lambda row: row[0].code)
    labels = selectors.sector_labels()
    sector_rows = [(labels[code], by_sector[code]) for code in Sector.values if code in by_sector]
    return render(
        request,
        "cooperatives/figures.html",
        {
            "county_rows": county_rows,
            "sector_rows": sector_rows,
            "total": selectors.total(by_county),
        },
    )
