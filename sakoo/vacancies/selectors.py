"""Reads for vacancies, applications and placements, and the access-checked fetch helpers.

An employer user touching another employer's vacancy or applicant gets a 404 (never a 403 that would
confirm the object exists).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from sakoo.accounts.models import Membership, Role
from sakoo.seekers.models import EDUCATION_RANK, JobSeeker
from sakoo.vacancies.models import (
    Application,
    ApplicationStatus,
    Placement,
    SavedSearch,
    SavedVacancy,
    Vacancy,
    VacancyReport,
    VacancyStatus,
)

VACANCY_RELATED = ("employer", "occupation", "county")


def is_moderator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role == Role.PROVINCE_ADMIN)


def _member_employer_ids(user) -> QuerySet:
    return Membership.objects.filter(user=user, organisation__employer__isnull=False).values(
        "organisation__employer__id"
    )


def vacancies_for_employer_user(user) -> QuerySet[Vacancy]:
    if not user.is_authenticated:
        return Vacancy.objects.none()
    return Vacancy.objects.filter(employer_id__in=_member_employer_ids(user)).select_related(*VACANCY_RELATED)


def get_vacancy_for_employer_user(user, pk: int) -> Vacancy:
    """A vacancy of one of the user's employers, else 404."""
    vacancy = vacancies_for_employer_user(user).filter(pk=pk).first()
    if vacancy is None:
        raise Http404
    return vacancy


def get_vacancy_for_moderator(user, pk: int) -> Vacancy:
    if not is_moderator(user):
        raise Http404
    vacancy = Vacancy.objects.select_related(*VACANCY_RELATED).filter(pk=pk).first()
    if vacancy is None:
        raise Http404
    return vacancy


def get_vacancy_for_viewer(user, pk: int) -> Vacancy:
    """The public detail page: published by a verified employer; its own employer and moderators also
    see it in other states."""
    vacancy = Vacancy.objects.select_related(*VACANCY_RELATED, "employer__activity").filter(pk=pk).first()
    if vacancy is None:
        raise Http404
    public = vacancy.status == VacancyStatus.PUBLISHED and vacancy.employer.verified_at is not None
    if public or is_moderator(user):
        return vacancy
    if (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation__employer__id=vacancy.employer_id).exists()
    ):
        return vacancy
    # Filled, expired and closed vacancies stay readable by seekers who applied.
    if user.is_authenticated and Application.objects.filter(vacancy=vacancy, seeker__user=user).exists():
        return vacancy
    raise Http404


def get_application_for_user(user, pk: int) -> Application:
    """The applicant themself, or a member of the vacancy's employer; else 404."""
    if not user.is_authenticated:
        raise Http404
    application = (
        Application.objects.select_related(
            "vacancy__employer", "vacancy__occupation", "vacancy__county", "seeker__county", "seeker__user"
        )
        .filter(pk=pk)
        .filter(Q(seeker__user=user) | Q(vacancy__employer_id__in=_member_employer_ids(user)))
        .first()
    )
    if application is None:
        raise Http404
    return application


def get_application_for_employer_user(user, pk: int) -> Application:
    application = get_application_for_user(user, pk)
    if application.seeker.user_id == user.pk:
        raise Http404
    return application


def public_vacancies() -> QuerySet[Vacancy]:
    return Vacancy.objects.published().select_related(*VACANCY_RELATED)


def applicants_for_vacancy(
    vacancy: Vacancy, *, status: str = "", education_level: str = "", county_id: int | None = None
) -> QuerySet[Application]:
    qs = vacancy.applications.select_related("seeker__county", "seeker__user").annotate(
        message_count=Count("messages")
    )
    if status:
        qs = qs.filter(status=status)
    if education_level:
        qs = qs.filter(seeker__education_level=education_level)
    if county_id:
        qs = qs.filter(seeker__county_id=county_id)
    return qs.order_by("-created_at")


def applications_for_seeker(seeker: JobSeeker) -> QuerySet[Application]:
    """The seeker's applications, newest first; ``status_changed_at`` is when the status last moved."""
    return (
        seeker.applications.select_related("vacancy__employer", "vacancy__county")
        .annotate(status_changed_at=Max("events__created_at"))
        .order_by("-created_at")
    )


def saved_vacancies_for_seeker(seeker: JobSeeker) -> QuerySet[SavedVacancy]:
    return seeker.saved_vacancies.select_related("vacancy__employer", "vacancy__county").order_by(
        "-created_at"
    )


def saved_searches_for_user(user) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user).order_by("-created_at")


def employer_vacancies_with_counts(employer_ids) -> QuerySet[Vacancy]:
    return (
        Vacancy.objects.filter(employer_id__in=employer_ids)
        .select_related(*VACANCY_RELATED)
        .annotate(
            application_count=Count("applications", distinct=True),
            new_count=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED), distinct=True
            ),
        )
        .order_by("-created_at")
    )


def moderation_queue() -> dict[str, QuerySet]:
    open_reports = VacancyReport.objects.filter(vacancy=OuterRef("pk"), resolved_at__isnull=True)
    return {
        "pending": Vacancy.objects.pending_review()
        .select_related(*VACANCY_RELATED, "duplicate_of")
        .order_by("created_at"),
        "flagged": Vacancy.objects.filter(needs_moderation=True)
        .exclude(status=VacancyStatus.PENDING_REVIEW)
        .annotate(has_reports=Exists(open_reports))
        .select_related(*VACANCY_RELATED, "duplicate_of")
        .order_by("-updated_at"),
        "reports": VacancyReport.objects.filter(resolved_at__isnull=True)
        .select_related("vacancy__employer", "reporter")
        .order_by("created_at"),
    }


def placements_between(start: dt.date, end: dt.date) -> QuerySet[Placement]:
    return Placement.objects.filter(hired_on__gte=start, hired_on__lte=end).select_related(
        "seeker", "employer", "county", "occupation"
    )


# --- recommendations ------------------------------------------------------------------------------


@dataclass
class Recommendation:
    vacancy: Vacancy
    score: int
    reasons: list[str] = field(default_factory=list)


def recommended_vacancies(
    seeker: JobSeeker, *, limit: int = 10, candidates: int = 400
) -> list[Recommendation]:
    """A first, explainable ranking: occupation, county, education, skills. Each item says why."""
    from sakoo.core.text import search_key

    occupation_codes = {o.code for o in seeker.desired_occupations.all()}
    preferred_counties = set(seeker.preferred_counties.values_list("pk", flat=True))
    neighbour_ids = set(seeker.county.neighbours.values_list("pk", flat=True)) if seeker.county_id else set()
    minor_groups = {code[:3] for code in occupation_codes}
    applied = set(seeker.applications.values_list("vacancy_id", flat=True))
    since = timezone.now() - dt.timedelta(days=90)
    qs = (
        public_vacancies()
        .filter(published_at__gte=since)
        .exclude(expires_on__lt=timezone.localdate())  # as search: gone the day after it expires
        .filter(
            Q(occupation__code__in=occupation_codes)
            | Q(county_id=seeker.county_id)
            | Q(county_id__in=preferred_counties)
        )
        .exclude(pk__in=applied)
        .exclude(sex_requirement="female" if seeker.sex == "male" else "male")
        .order_by("-published_at")[:candidates]
    )
    skills = [search_key(s) for s in seeker.skill_list if len(search_key(s)) >= 2][:10]
    seeker_rank = EDUCATION_RANK.get(seeker.education_level, -1)
    results = []
    for vacancy in qs:
        score, reasons = 0, []
        code = vacancy.occupation.code
        if code in occupation_codes:
            score += 40
            reasons.append(_("your desired occupation: %(o)s") % {"o": vacancy.occupation.title})
        elif code[:3] in minor_groups:
            score += 20
            reasons.append(_("close to your desired occupations"))
        if vacancy.county_id == seeker.county_id:
            score += 25
            reasons.append(_("in your county"))
        elif vacancy.county_id in preferred_counties:
            score += 20
            reasons.append(_("in a county you prefer"))
        elif vacancy.county_id in neighbour_ids:
            score += 10
            reasons.append(_("in a neighbouring county"))
        required_rank = (
            EDUCATION_RANK.get(vacancy.education_required, -1) if vacancy.education_required else -1
        )
        if required_rank < 0 or seeker_rank >= required_rank:
            score += 10
            if required_rank >= 0:
                reasons.append(_("your education meets the requirement"))
        else:
            score -= 20
        if skills:
            text = search_key(f"{vacancy.title} {vacancy.description}")
            matched = [s for s in skills if s in text][:3]
            if matched:
                score += 8 * len(matched)
                reasons.append(_("mentions your skills: %(s)s") % {"s": "، ".join(matched)})
        if score > 0 and reasons:
            results.append(Recommendation(vacancy, score, reasons))
    results.sort(
        key=lambda r: (-r.score, -(r.vacancy.published_at.timestamp() if r.vacancy.published_at else 0))
    )
    return results[:limit]


# --- saved-search matching -------------------------------------------------------------------------------


def vacancies_matching_querystring(querystring: str, *, published_since=None) -> list[Vacancy]:
    """Public vacancies that match a saved search (newest first, at most 50), published after
    ``published_since``. Uses the search app (``sakoo.search``) when present, else a database filter."""
    params = QueryDict(querystring)
    ids = _ids_from_search_engine(params)
    if ids is not None:
        qs = public_vacancies().filter(pk__in=ids)
        if published_since:
            qs = qs.filter(published_at__gt=published_since)
        return list(qs.order_by("-published_at")[:50])
    return list(_db_filter(params, published_since=published_since)[:50])


def _ids_from_search_engine(params: QueryDict) -> list[int] | None:
    try:
        from sakoo.search.forms import SearchForm
        from sakoo.search.selectors import vacancy_search
    except ImportError:
        return None
    form = SearchForm(params)
    if not form.is_valid():
        return []
    kwargs = {**form.search_kwargs(), "sort": "date", "page": 1, "per_page": 50}
    try:
        result = vacancy_search(**kwargs)
    except Exception:  # the index is a cache: fall back to the database
        return None
    return [int(item["id"]) for item in result.results]


def _db_filter(params: QueryDict, *, published_since=None) -> QuerySet[Vacancy]:
    from sakoo.core.text import normalize_text

    qs = public_vacancies()
    q = normalize_text(params.get("q", ""), multiline=False)[:200]
    if q:
        for word in q.split()[:6]:
            qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    county = params.get("county", "")
    if county.isdigit():
        qs = qs.filter(Q(county_id=int(county)) | Q(county__code=county))
    occupation = params.get("occupation", "")
    if occupation:
        qs = qs.filter(occupation__code__startswith=occupation[:4])
    contract = params.get("contract", "")
    if contract:
        qs = qs.filter(contract_type=contract)
    if published_since:
        qs = qs.filter(published_at__gt=published_since)
    return qs.order_by("-published_at")
