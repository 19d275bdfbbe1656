from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakoo.accounts.models import Role
from sakoo.accounts.scoping import role_required
from sakoo.employers import forms, selectors, services
from sakoo.employers.models import Employer
from sakoo.seekers.selectors import findable_seekers
from sakoo.vacancies.selectors import employer_vacancies_with_counts


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@role_required(Role.EMPLOYER, Role.JOB_SEEKER)
def onboarding(request):
    """Register a company (the signed-in user becomes its first member)."""
    existing = selectors.employer_for_user(request.user)
    if existing is not None:
        return redirect("employers:dashboard")
    if hasattr(request.user, "job_seeker"):
        messages.error(
            request, _("This account is a job seeker's. Use another mobile number for the company.")
        )
        return redirect("seekers:dashboard")
    form = forms.EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_register(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Your company is registered. A province administrator will verify it; "
                    "its vacancies become public after verification."
                ),
            )
            return redirect("employers:dashboard")
    return render(request, "employers/onboarding.html", {"form": form})


@role_required(Role.EMPLOYER)
def dashboard(request):
    employer = selectors.employer_for_user(request.user)
    if employer is None:
        return redirect("employers:onboarding")
    vacancies = employer_vacancies_with_counts([employer.pk])
    return render(request, "employers/dashboard.html", {"employer": employer, "vacancies": vacancies})


@role_required(Role.EMPLOYER)
def candidates(request):
    """Search consenting job seekers. No national IDs or phone numbers are shown here."""
    employer = selectors.employer_for_user(request.user)
    if employer is None:
        return redirect("employers:onboarding")
    form = forms.CandidateSearchForm(request.GET or None)
    results = None
    if form.is_valid() and any(form.cleaned_data.values()):
        data = form.cleaned_data
        qs = findable_seekers(
            occupation_id=data["occupation"].pk if data["occupation"] else None,
            county_id=data["county"].pk if data["county"] else None,
            education_level=data["education_level"],
            q=data["q"],
        )
        results = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request, "employers/candidates.html", {"form": form, "results": results, "employer": employer}
    )


@role_required(Role.EMPLOYER)
def members(request):
    """The company's users; any member can add a colleague by mobile number."""
    employer = selectors.employer_for_user(request.user)
    if employer is None:
        return redirect("employers:onboarding")
    form = forms.MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_add_member_by_phone(
                employer=employer, phone=form.cleaned_data["phone"], by=request.user
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Your colleague can now log in with their mobile number."))
            return redirect("employers:members")
    users = [m.user for m in employer.organisation.memberships.select_related("user").order_by("created_at")]
    return render(request, "employers/members.html", {"employer": employer, "form": form, "users": users})


@role_required(Role.PROVINCE_ADMIN)
def verification_queue(request):
    pending = selectors.employers_awaiting_verification()
    return render(request, "employers/verification.html", {"pending": pending})


@role_required(Role.PROVINCE_ADMIN)
@require_POST
def verify(request, pk):
    employer = Employer.objects.filter(pk=pk).first()
    if employer is None:
        from django.http import Http404

        raise Http404
    services.employer_verify(employer=employer, by=request.user, verified=request.POST.get("verified") != "0")
    messages.success(request, _("Verified: %(name)s") % {"name": employer.name})
    return redirect("employers:verification")
