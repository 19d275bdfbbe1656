"""Partnership and skills-training pages: thin; reads through selectors (access-checked fetch helpers),
writes through services. Every page works without JavaScript."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakoo.accounts.models import Role
from sakoo.accounts.scoping import deny, role_required
from sakoo.geo.models import County
from sakoo.partnerships import selectors, services
from sakoo.partnerships.forms import (
    AgreementEditForm,
    AgreementForm,
    CourseFilterForm,
    CourseForm,
    EnrolmentMarkForm,
    ProgressReportForm,
    StatusForm,
)
from sakoo.seekers.selectors import seeker_of_user


def _apply_errors(form, exc: ValidationError) -> None:
    """Put a service's errors on the form fields they name (others at the top)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _province_counties():
    return County.objects.filter(province__code=settings.SAKOO_PROVINCE).order_by("code")


# --- agreements ------------------------------------------------------------------------------------


@role_required(*selectors.AGREEMENT_READER_ROLES)
def agreements(request):
    rows = selectors.agreements_progress(selectors.agreements_for_user(request.user))
    return render(
        request,
        "partnerships/agreements.html",
        {"rows": rows, "can_manage": selectors.can_manage_agreements(request.user)},
    )


@role_required(*selectors.AGREEMENT_READER_ROLES)
def agreement_detail(request, pk: int):
    agreement = selectors.get_agreement_for_user(request, pk)
    can_manage = selectors.can_manage_agreements(request.user)
    context = {
        "progress": selectors.agreement_progress(agreement),
        "agreement": agreement,
        "employers": agreement.employers.select_related("county").order_by("name"),
        "reports": selectors.agreement_reports(agreement),
        "courses": agreement.courses.select_related("county").order_by("starts_on"),
        "changes": selectors.agreement_changes(agreement),
        "can_manage": can_manage,
    }
    if can_manage:
        context["report_form"] = ProgressReportForm(initial={"as_of": timezone.localdate()})
        context["status_form"] = StatusForm(initial={"status": agreement.status})
    return render(request, "partnerships/agreement_detail.html", context)


@role_required(Role.PROVINCE_ADMIN)
def agreement_create(request):
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The agreement is recorded."))
            return redirect("partnerships:agreement_detail", pk=agreement.pk)
    return render(request, "partnerships/agreement_form.html", {"form": form})


@role_required(Role.PROVINCE_ADMIN)
def agreement_edit(request, pk: int):
    """Correct an agreement's parties, dates or commitments; the change is kept with who, when and why."""
    agreement = selectors.get_agreement_for_user(request, pk)
    editable = selectors.agreement_editable_fields(agreement)
    form = AgreementEditForm(request.POST or None, agreement=agreement, editable=editable)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.agreement_update(
                agreement=agreement, changed_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if change is None:
                messages.info(request, _("Nothing was changed."))
            else:
                messages.success(request, _("The changes to the agreement are saved."))
            return redirect("partnerships:agreement_detail", pk=agreement.pk)
    context = {"form": form, "agreement": agreement, "closed": selectors.agreement_is_closed(agreement)}
    return render(request, "partnerships/agreement_edit.html", context)


@role_required(Role.PROVINCE_ADMIN)
def agreement_report(request, pk: int):
    """Record a progress figure by hand (GET shows the form on its own page)."""
    agreement = selectors.get_agreement_for_user(request, pk)
    form = ProgressReportForm(request.POST or None, initial={"as_of": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_report_add(agreement=agreement, reported_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The progress report is recorded."))
            return redirect("partnerships:agreement_detail", pk=agreement.pk)
    return render(request, "partnerships/report_form.html", {"form": form, "agreement": agreement})


@require_POST
@role_required(Role.PROVINCE_ADMIN)
def agreement_status(request, pk: int):
    agreement = selectors.get_agreement_for_user(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_set_status(agreement=agreement, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The agreement's status is saved."))
    else:
        for _field_id, message in form.error_summary():  # each message names its field
            messages.error(request, message)
    return redirect("partnerships:agreement_detail", pk=agreement.pk)


# --- courses: public -------------------------------------------------------------------------------


def courses(request):
    """Open and upcoming courses, searchable by county and occupation (public)."""
    form = CourseFilterForm(request.GET or None, counties=_province_counties())
    filters = {}
    if form.is_valid():
        filters = {
            "county_code": form.cleaned_data.get("county") or "",
            "occupation": form.cleaned_data.get("occupation") or "",
            "q": form.cleaned_data.get("q") or "",
        }
    today = timezone.localdate()
    rows = (
        [
            (course, selectors.is_open(course, course.taken, today=today))
            for course in selectors.public_courses(**filters, today=today)
        ]
        if not form.errors
        else []
    )
    return render(request, "partnerships/courses.html", {"form": form, "rows": rows})


def course_detail(request, pk: int):
    course = selectors.get_public_course(request, pk)
    taken = selectors.seats_taken(course)
    seeker = seeker_of_user(request.user)
    enrolment = course.enrolments.filter(seeker=seeker).first() if seeker else None
    context = {
        "course": course,
        "taken": taken,
        "left": max(course.seats - taken, 0),
        "is_open": selectors.is_open(course, taken),
        "enrolment": enrolment,
        "is_seeker": request.user.is_authenticated and request.user.role == Role.JOB_SEEKER,
    }
    return render(request, "partnerships/course_detail.html", context)


def results(request):
    """Outcomes of ended courses, per course and per provider, small counts suppressed (public)."""
    outcomes = selectors.course_outcomes(selectors.public_courses(include_past=True))
    figures = selectors.public_outcome_figures(outcomes)
    context = {
        "courses": [(o, figures.courses[o.course.pk]) for o in outcomes],
        "providers": [(p, figures.providers[p.provider.pk]) for p in selectors.provider_outcomes(outcomes)],
        "window": selectors.OUTCOME_WINDOW_DAYS,
    }
    return render(request, "partnerships/results.html", context)


# --- enrolment: job seekers ------------------------------------------------------------------------


@require_POST
@role_required(Role.JOB_SEEKER)
def course_enrol(request, pk: int):
    course = selectors.get_public_course(request, pk)
    seeker = seeker_of_user(request.user)
    if seeker is None:
        messages.info(request, _("Complete your job-seeker profile first, then enrol."))
        return redirect("seekers:onboarding")
    try:
        services.enrolment_create(course=course, seeker=seeker)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("You are enrolled. The provider will contact you before the course starts.")
        )
    return redirect("partnerships:course_detail", pk=course.pk)


@role_required(Role.JOB_SEEKER)
def my_enrolments(request):
    seeker = seeker_of_user(request.user)
    enrolments = selectors.enrolments_of_seeker(seeker) if seeker else []
    return render(request, "partnerships/my_enrolments.html", {"enrolments": enrolments})


# --- courses: staff --------------------------------------------------------------------------------


@role_required(*selectors.COURSE_STAFF_ROLES)
def outcomes(request):
    """Exact outcomes of the courses in the user's scope, per course and per provider."""
    courses_in_scope = list(selectors.courses_for_staff(request.user))
    rows = selectors.course_outcomes(courses_in_scope)
    context = {
        "rows": rows,
        "providers": selectors.provider_outcomes(rows),
        "upcoming": [c for c in courses_in_scope if c.ends_on > timezone.localdate()],
        "adds_courses": selectors.providers_of_user(request.user).exists(),
        "window": selectors.OUTCOME_WINDOW_DAYS,
    }
    return render(request, "partnerships/outcomes.html", context)


@role_required(*selectors.COURSE_STAFF_ROLES)
def course_figures(request, pk: int):
    course = selectors.get_course_for_staff(request, pk)
    outcome = next(iter(selectors.course_outcomes([course])), None)
    context = {
        "course": course,
        "outcome": outcome,
        "taken": selectors.seats_taken(course),
        "runs": selectors.runs_course(request.user, course),
        "window": selectors.OUTCOME_WINDOW_DAYS,
    }
    return render(request, "partnerships/course_figures.html", context)


@role_required(*selectors.PROVIDER_ROLES)
def course_create(request):
    """The provider's staff add a course (published at once on the public list)."""
    providers = selectors.providers_of_user(request.user)
    if not providers.exists():
        deny(request, "not staff of a training provider")
    form = CourseForm(request.POST or None, providers=providers, counties=_province_counties())
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(**form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The course is added to the public list."))
            return redirect("partnerships:course_figures", pk=course.pk)
    return render(request, "partnerships/course_form.html", {"form": form})


@role_required(*selectors.PROVIDER_ROLES)
def course_roster(request, pk: int):
    """The provider's staff: the trainees of a course and whether each completed it."""
    course = selectors.get_course_for_provider_staff(request, pk)
    rows = [
        (enrolment, EnrolmentMarkForm(initial={"status": enrolment.status}, prefix=f"e{enrolment.pk}"))
        for enrolment in selectors.roster(course)
    ]
    ended = course.ends_on <= timezone.localdate()
    return render(request, "partnerships/roster.html", {"course": course, "rows": rows, "ended": ended})


@require_POST
@role_required(*selectors.PROVIDER_ROLES)
def enrolment_mark(request, pk: int):
    enrolment = selectors.get_enrolment_for_provider_staff(request, pk)
    form = EnrolmentMarkForm(request.POST, prefix=f"e{enrolment.pk}")
    if form.is_valid():
        try:
            services.enrolment_mark(enrolment=enrolment, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Status: choose completed or did not complete."))
    return redirect("partnerships:course_roster", pk=enrolment.course_id)
