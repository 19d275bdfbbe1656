"""Pages of the job platform (thin: forms → services; reads → selectors)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakoo.accounts.models import Role
from sakoo.accounts.scoping import role_required
from sakoo.classifications.models import Occupation
from sakoo.employers.selectors import employer_for_user
from sakoo.seekers.models import JobSeeker
from sakoo.seekers.selectors import seeker_of_user
from sakoo.vacancies import forms, selectors, services
from sakoo.vacancies.models import Application, ApplicationStatus, SavedVacancy, VacancyReport, VacancyStatus

MODERATOR_ROLES = (Role.PROVINCE_ADMIN,)


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- public detail, apply, save, report ---------------------------------------------------------------


def vacancy_detail(request, pk):
    vacancy = selectors.get_vacancy_for_viewer(request.user, pk)
    seeker = seeker_of_user(request.user)
    application = saved = None
    if seeker:
        application = Application.objects.filter(vacancy=vacancy, seeker=seeker).first()
        saved = SavedVacancy.objects.filter(vacancy=vacancy, seeker=seeker).exists()
    return render(
        request,
        "vacancies/detail.html",
        {
            "vacancy": vacancy,
            "seeker": seeker,
            "application": application,
            "saved": saved,
            "is_public": services.vacancy_is_public(vacancy),
            "apply_form": forms.ApplyForm(),
        },
    )


def _require_seeker(request):
    seeker = seeker_of_user(request.user)
    if seeker is None:
        messages.info(request, _("Complete your job-seeker profile first."))
    return seeker


@login_required
def vacancy_apply(request, pk):
    vacancy = selectors.get_vacancy_for_viewer(request.user, pk)
    seeker = _require_seeker(request)
    if seeker is None:
        return redirect(f"{reverse('seekers:onboarding')}?next={reverse('vacancies:detail', args=[pk])}")
    form = forms.ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(
                vacancy=vacancy, seeker=seeker, cover_note=form.cleaned_data["cover_note"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Your application was sent."))
            return redirect("vacancies:detail", pk=pk)
    return render(request, "vacancies/apply.html", {"vacancy": vacancy, "form": form})


@login_required
@require_POST
def vacancy_save_toggle(request, pk):
    vacancy = selectors.get_vacancy_for_viewer(request.user, pk)
    seeker = _require_seeker(request)
    if seeker is None:
        return redirect("seekers:onboarding")
    if request.POST.get("action") == "unsave":
        services.vacancy_unsave(seeker=seeker, vacancy=vacancy)
        saved = False
    else:
        services.vacancy_save(seeker=seeker, vacancy=vacancy)
        saved = True
    if request.htmx:
        return render(request, "vacancies/_save_button.html", {"vacancy": vacancy, "saved": saved})
    messages.success(request, _("Saved.") if saved else _("Removed from saved vacancies."))
    return redirect(request.POST.get("next") or reverse("vacancies:detail", args=[pk]))


@login_required
def vacancy_report_view(request, pk):
    vacancy = selectors.get_vacancy_for_viewer(request.user, pk)
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_report(
                vacancy=vacancy,
                user=request.user,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Thank you. A moderator will review this vacancy."))
            return redirect("vacancies:detail", pk=pk)
    return render(request, "vacancies/report.html", {"vacancy": vacancy, "form": form})


# --- employer: vacancy form -----------------------------------------------------------------------------


def _suggested_occupations(title: str) -> list[Occupation]:
    from sakoo.core.text import search_key
    from sakoo.vacancies.catalogue import hints_for_title

    key = search_key(title or "")
    if len(key) < 2:
        return []
    codes = hints_for_title(key)
    found = list(Occupation.objects.filter(level=4, code__in=codes))
    found.sort(key=lambda o: codes.index(o.code))
    words = [w for w in key.split() if len(w) >= 3][:4]
    if words:
        q = Q()
        for word in words:
            q |= Q(search_key__contains=word[:-1] if len(word) > 4 else word)
        for occ in Occupation.objects.filter(level=4).filter(q).order_by("code")[:8]:
            if occ not in found:
                found.append(occ)
    return found[:6]


def _employer_or_onboarding(request):
    employer = employer_for_user(request.user)
    if employer is None:
        messages.info(request, _("Register your company first."))
    return employer


def _vacancy_fields(data: dict) -> dict:
    fields = dict(data)
    for name in ("hours_per_week", "wage_min", "wage_max"):
        fields[name] = fields.get(name) or None
    fields["experience_years"] = fields.get("experience_years") or 0
    return fields


@role_required(Role.EMPLOYER)
def vacancy_create_view(request):
    employer = _employer_or_onboarding(request)
    if employer is None:
        return redirect("employers:onboarding")
    suggested = _suggested_occupations(request.POST.get("title", ""))
    form = forms.VacancyForm(
        request.POST or None, initial={"county": employer.county_id}, suggested=suggested
    )
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(
                employer=employer, by=request.user, **_vacancy_fields(form.cleaned_data)
            )
            if request.POST.get("submit_for_review"):
                services.vacancy_submit(vacancy=vacancy, by=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            _after_save_message(request, vacancy)
            return redirect("employers:dashboard")
    return render(request, "vacancies/form.html", {"form": form, "employer": employer, "vacancy": None})


def _after_save_message(request, vacancy):
    if vacancy.duplicate_of_id:
        messages.warning(
            request,
            _(
                "You posted a vacancy with the same title in this county in the last 30 days. "
                "This one will be checked by a moderator."
            ),
        )
    if vacancy.status == VacancyStatus.PENDING_REVIEW:
        messages.success(request, _("The vacancy was sent for review. It will be public once approved."))
    else:
        messages.success(request, _("The vacancy was saved as a draft."))


@role_required(Role.EMPLOYER)
def vacancy_edit_view(request, pk):
    vacancy = selectors.get_vacancy_for_employer_user(request.user, pk)
    initial = {name: getattr(vacancy, name) for name in services.VACANCY_FIELDS}
    initial["occupation"] = vacancy.occupation_id
    initial["county"] = vacancy.county_id
    suggested = _suggested_occupations(request.POST.get("title", vacancy.title))
    form = forms.VacancyForm(request.POST or None, initial=initial, suggested=suggested)
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(vacancy=vacancy, by=request.user, **_vacancy_fields(form.cleaned_data))
            if request.POST.get("submit_for_review") and vacancy.status == VacancyStatus.DRAFT:
                services.vacancy_submit(vacancy=vacancy, by=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            _after_save_message(request, vacancy)
            return redirect("employers:dashboard")
    return render(
        request, "vacancies/form.html", {"form": form, "employer": vacancy.employer, "vacancy": vacancy}
    )


def suggest_occupation(request):
    """htmx: the occupation field re-rendered with suggestions for the typed title (first one chosen)."""
    title = request.GET.get("title", "")[:150]
    suggested = _suggested_occupations(title)
    form = forms.VacancyForm(
        initial={"occupation": request.GET.get("occupation") or (suggested[0].pk if suggested else None)},
        suggested=suggested,
    )
    return render(request, "vacancies/_occupation_field.html", {"form": form})


@role_required(Role.EMPLOYER)
@require_POST
def vacancy_submit_view(request, pk):
    vacancy = selectors.get_vacancy_for_employer_user(request.user, pk)
    try:
        services.vacancy_submit(vacancy=vacancy, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _after_save_message(request, vacancy)
    return redirect("employers:dashboard")


@role_required(Role.EMPLOYER)
@require_POST
def vacancy_close_view(request, pk):
    vacancy = selectors.get_vacancy_for_employer_user(request.user, pk)
    try:
        services.vacancy_close(vacancy=vacancy, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The vacancy was closed."))
    return redirect("employers:dashboard")


# --- employer: applicants -------------------------------------------------------------------------------


@role_required(Role.EMPLOYER)
def applicant_list(request, pk):
    vacancy = selectors.get_vacancy_for_employer_user(request.user, pk)
    filters = forms.ApplicantFilterForm(request.GET or None)
    status = education = ""
    if filters.is_valid():
        status = filters.cleaned_data["status"]
        education = filters.cleaned_data["education_level"]
    applications = selectors.applicants_for_vacancy(vacancy, status=status, education_level=education)
    return render(
        request,
        "vacancies/applicants.html",
        {"vacancy": vacancy, "applications": applications, "filters": filters},
    )


def _application_context(request, application, **extra):
    is_employer = application.seeker.user_id != request.user.pk
    moves = sorted(services.APPLICATION_MOVES.get(ApplicationStatus(application.status), set()))
    return {
        "application": application,
        "vacancy": application.vacancy,
        "seeker": application.seeker,
        "is_employer": is_employer,
        "moves": [(m, ApplicationStatus(m).label) for m in moves],
        "can_hire": is_employer
        and application.status in services.HIREABLE
        and application.vacancy.status == VacancyStatus.PUBLISHED,
        "events": application.events.select_related("actor"),
        "thread": application.messages.select_related("sender"),
        "message_form": extra.pop("message_form", None) or forms.MessageForm(),
        **extra,
    }


@login_required
def application_detail(request, pk):
    application = selectors.get_application_for_user(request.user, pk)
    if application.seeker.user_id != request.user.pk and application.status == ApplicationStatus.SUBMITTED:
        services.application_mark_seen(application=application, by=request.user)
    return render(request, "vacancies/application.html", _application_context(request, application))


@login_required
@require_POST
def application_move_view(request, pk):
    application = selectors.get_application_for_employer_user(request.user, pk)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        try:
            services.application_move(
                application=application,
                to_status=form.cleaned_data["status"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(
                request, _("Status changed to “%(s)s”.") % {"s": application.get_status_display()}
            )
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect(request.POST.get("next") or reverse("vacancies:application", args=[pk]))


@login_required
@require_POST
def message_send_view(request, pk):
    application = selectors.get_application_for_user(request.user, pk)
    form = forms.MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_send(
                application=application, sender=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            if request.htmx:
                return render(request, "vacancies/_thread.html", _application_context(request, application))
            return redirect(reverse("vacancies:application", args=[pk]) + "#messages")
    context = _application_context(request, application, message_form=form)
    return render(request, "vacancies/application.html", context, status=400)


@role_required(Role.EMPLOYER)
def hire_view(request, pk):
    application = selectors.get_application_for_employer_user(request.user, pk)
    vacancy = application.vacancy
    form = forms.HireForm(
        request.POST or None,
        initial={
            "hired_on": timezone.localdate(),
            "contract_type": vacancy.contract_type,
            "insured": vacancy.insurance_provided,
            "wage": vacancy.wage_min or vacancy.wage_max,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_record(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The hire was recorded."))
            return redirect("vacancies:applicants", pk=vacancy.pk)
    return render(
        request, "vacancies/hire.html", {"application": application, "vacancy": vacancy, "form": form}
    )


@login_required
@require_POST
def application_withdraw_view(request, pk):
    application = selectors.get_application_for_user(request.user, pk)
    seeker = seeker_of_user(request.user)
    if seeker is None or application.seeker_id != seeker.pk:
        raise Http404
    try:
        services.application_withdraw(application=application, seeker=seeker)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("seekers:dashboard")


@login_required
def application_cv(request, pk):
    application = selectors.get_application_for_user(request.user, pk)
    seeker = application.seeker
    if not seeker.cv_pdf:
        raise Http404
    return FileResponse(
        seeker.cv_pdf.open("rb"), content_type="application/pdf", filename=f"cv-{application.pk}.pdf"
    )


# --- moderation (province admin) ------------------------------------------------------------------------


@role_required(*MODERATOR_ROLES)
def moderation_queue_view(request):
    queue = selectors.moderation_queue()
    return render(request, "vacancies/moderation.html", queue)


@role_required(*MODERATOR_ROLES)
@require_POST
def moderation_decide(request, pk):
    vacancy = selectors.get_vacancy_for_moderator(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "approve":
            services.vacancy_approve(vacancy=vacancy, by=request.user)
            messages.success(request, _("Published: %(t)s") % {"t": vacancy.title})
        elif action == "reject":
            services.vacancy_reject(vacancy=vacancy, by=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Sent back to the employer: %(t)s") % {"t": vacancy.title})
        elif action == "clear":
            services.vacancy_clear_flag(vacancy=vacancy, by=request.user)
            messages.success(request, _("Flag cleared."))
        elif action == "close":
            services.vacancy_close(vacancy=vacancy, by=request.user)
            messages.success(request, _("The vacancy was closed."))
        else:
            return HttpResponseBadRequest(_("Unknown action."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("vacancies:moderation")


@role_required(*MODERATOR_ROLES)
@require_POST
def report_resolve_view(request, pk):
    report = VacancyReport.objects.select_related("vacancy__employer").filter(pk=pk).first()
    if report is None:
        raise Http404
    services.vacancy_report_resolve(
        report=report, by=request.user, close_vacancy=request.POST.get("close") == "1"
    )
    messages.success(request, _("Report resolved."))
    return redirect("vacancies:moderation")


# --- hires reported from outside the platform -----------------------------------------------------------


@login_required
def external_hire_view(request):
    if not services.can_report_external_hire(request.user):
        raise Http404
    employer = employer_for_user(request.user) if request.user.role == Role.EMPLOYER else None
    if request.user.role == Role.EMPLOYER and employer is None:
        return redirect("employers:onboarding")
    form = forms.ExternalHireForm(request.POST or None, employer=employer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        seeker = JobSeeker.objects.filter(national_id=data["national_id"]).first()
        if seeker is None:
            form.add_error("national_id", _("No job seeker is registered with this national ID."))
        else:
            try:
                services.placement_report_external(
                    by=request.user,
                    seeker=seeker,
                    hired_on=data["hired_on"],
                    county=data["county"],
                    contract_type=data["contract_type"],
                    insured=data["insured"],
                    employer=employer,
                    employer_name=data.get("employer_name", ""),
                    occupation=data.get("occupation"),
                    wage=data.get("wage"),
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            except PermissionDenied as exc:
                raise Http404 from exc
            else:
                messages.success(request, _("The hire was recorded."))
                return redirect("vacancies:report_hire")
    return render(request, "vacancies/external_hire.html", {"form": form, "employer": employer})


# --- saved searches -------------------------------------------------------------------------------------


@login_required
@require_POST
def saved_search_create_view(request):
    form = forms.SavedSearchForm(request.POST)
    if form.is_valid():
        try:
            services.saved_search_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Search saved. New matching vacancies will be sent to you."))
    else:
        messages.error(request, _("The search could not be saved."))
    return redirect("seekers:dashboard")


@login_required
@require_POST
def saved_search_delete_view(request, pk):
    services.saved_search_delete(user=request.user, pk=pk)
    messages.success(request, _("Saved search deleted."))
    return redirect("seekers:dashboard")
