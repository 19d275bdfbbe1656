from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakoo.accounts.models import Role
from sakoo.accounts.scoping import role_required
from sakoo.seekers import forms, selectors, services
from sakoo.vacancies import selectors as vacancy_selectors


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _profile_initial(seeker) -> dict:
    initial = {name: getattr(seeker, name) for name in services.PROFILE_FIELDS}
    initial["county"] = seeker.county_id
    initial["desired_occupations"] = list(seeker.desired_occupations.values_list("pk", flat=True))
    initial["preferred_counties"] = list(seeker.preferred_counties.values_list("pk", flat=True))
    return initial


def _profile_data(cleaned: dict) -> dict:
    data = dict(cleaned)
    data["preferred_contract_types"] = list(data.get("preferred_contract_types") or [])
    for name in ("disability", "priority_group"):
        data[name] = data.get(name) or ""
    return data


def _picker_kwargs(request, url_name: str) -> dict:
    """The desired-occupation picker's search (GET ``occupation_q``) and where its typeahead asks."""
    return {
        "occupation_query": request.GET.get(forms.OCCUPATION_QUERY_PARAM, ""),
        "occupation_search_url": reverse(url_name),
    }


def _occupation_results(request, form):
    """htmx (the picker's typeahead): only the matches for ``occupation_q``, leaving out the chosen ones
    sent along as ``desired_occupations``; else None."""
    field = form["desired_occupations"]
    if not (request.htmx and request.method == "GET" and request.htmx.target == f"{field.auto_id}_results"):
        return None
    chosen = request.GET.getlist(field.html_name)
    picker = field.field.widget.get_context(field.html_name, chosen, {"id": field.auto_id})["picker"]
    return render(request, "seekers/_occupation_search.html", {"picker": picker})


@role_required(Role.JOB_SEEKER)
def onboarding(request):
    """After the first OTP login: national ID and profile. One person, one registration."""
    if selectors.seeker_of_user(request.user) is not None:
        return redirect("seekers:dashboard")
    form = forms.OnboardingForm(request.POST or None, **_picker_kwargs(request, "seekers:onboarding"))
    if (partial := _occupation_results(request, form)) is not None:
        return partial
    if request.method == "POST" and form.is_valid():
        data = _profile_data(form.cleaned_data)
        try:
            services.seeker_register(user=request.user, **data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Welcome! Your job-seeker profile is saved."))
            next_url = request.GET.get("next", "")
            if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                return redirect(next_url)
            return redirect("seekers:dashboard")
    return render(request, "seekers/onboarding.html", {"form": form})


def _seeker_or_onboarding(request):
    seeker = selectors.seeker_of_user(request.user)
    return seeker


@login_required
def dashboard(request):
    seeker = _seeker_or_onboarding(request)
    if seeker is None:
        if request.user.role == Role.JOB_SEEKER:
            return redirect("seekers:onboarding")
        raise Http404
    completeness, missing = selectors.profile_completeness(seeker)
    context = {
        "seeker": seeker,
        "applications": vacancy_selectors.applications_for_seeker(seeker)[:50],
        "saved": vacancy_selectors.saved_vacancies_for_seeker(seeker)[:50],
        "saved_searches": vacancy_selectors.saved_searches_for_user(request.user),
        "recommendations": vacancy_selectors.recommended_vacancies(seeker, limit=8),
        "completeness": completeness,
        "completeness_step": min(100, round(completeness, -1)),
        "missing": missing,
        "history": selectors.status_history(seeker)[:10],
        "status_form": forms.StatusForm(
            initial={"status": seeker.employment_status, "valid_from": timezone.localdate()}
        ),
    }
    return render(request, "seekers/dashboard.html", context)


@login_required
def profile(request):
    seeker = selectors.get_seeker_for_user(request.user)
    form = forms.ProfileForm(
        request.POST or None, initial=_profile_initial(seeker), **_picker_kwargs(request, "seekers:profile")
    )
    if (partial := _occupation_results(request, form)) is not None:
        return partial
    if request.method == "POST" and form.is_valid():
        try:
            services.seeker_update_profile(seeker=seeker, **_profile_data(form.cleaned_data))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("seekers:dashboard")
    return render(
        request,
        "seekers/profile.html",
        {
            "form": form,
            "seeker": seeker,
            "experience_form": forms.ExperienceForm(),
            "experiences": seeker.experiences.select_related("occupation"),
        },
    )


@login_required
def status(request):
    seeker = selectors.get_seeker_for_user(request.user)
    form = forms.StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.seeker_set_status(
                seeker=seeker,
                status=form.cleaned_data["status"],
                valid_from=form.cleaned_data["valid_from"],
                reason="self-reported",
                by=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Your employment status was updated."))
            return redirect("seekers:dashboard")
    return render(request, "seekers/status.html", {"form": form, "seeker": seeker})


@login_required
def experience_add(request):
    seeker = selectors.get_seeker_for_user(request.user)
    form = forms.ExperienceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_experience_add(seeker=seeker, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Work experience added."))
            return redirect("seekers:profile")
    return render(request, "seekers/experience.html", {"form": form})


@login_required
@require_POST
def experience_delete(request, pk):
    seeker = selectors.get_seeker_for_user(request.user)
    services.work_experience_delete(seeker=seeker, pk=pk)
    return redirect("seekers:profile")


@login_required
def cv(request):
    """A printable CV (Persian, RTL; print CSS hides the site chrome)."""
    seeker = selectors.get_seeker_for_user(request.user)
    return render(
        request,
        "seekers/cv.html",
        {
            "seeker": seeker,
            "experiences": seeker.experiences.select_related("occupation"),
            "occupations": seeker.desired_occupations.all(),
        },
    )


@login_required
def cv_upload(request):
    seeker = selectors.get_seeker_for_user(request.user)
    form = forms.CvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if request.POST.get("remove"):
            services.seeker_remove_cv(seeker=seeker)
            messages.success(request, _("Your CV file was removed."))
            return redirect("seekers:dashboard")
        if form.is_valid():
            try:
                services.seeker_upload_cv(seeker=seeker, upload=form.cleaned_data["cv_pdf"])
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Your CV was uploaded."))
                return redirect("seekers:dashboard")
    status_code = 400 if request.method == "POST" else 200
    return render(request, "seekers/cv_upload.html", {"form": form, "seeker": seeker}, status=status_code)


@login_required
def cv_file(request):
    seeker = selectors.get_seeker_for_user(request.user)
    if not seeker.cv_pdf:
        raise Http404
    return FileResponse(seeker.cv_pdf.open("rb"), content_type="application/pdf", filename="cv.pdf")
