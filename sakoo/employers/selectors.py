"""Reads for employers, and the access-checked fetch helpers (404 when the user may not see it)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from sakoo.employers.models import Employer


def employers_of_user(user) -> QuerySet[Employer]:
    """The employers ``user`` is a member of (through accounts.Membership)."""
    if not user.is_authenticated:
        return Employer.objects.none()
    return Employer.objects.filter(organisation__memberships__user=user).select_related(
        "organisation", "county", "activity"
    )


def employer_for_user(user) -> Employer | None:
    """The (first) employer the user belongs to, or None."""
    return employers_of_user(user).order_by("pk").first()


def get_employer_for_user(user, pk: int | None = None) -> Employer:
    """The employer ``pk`` if ``user`` is a member, else 404 (the first employer when ``pk`` is None)."""
    qs = employers_of_user(user)
    employer = qs.filter(pk=pk).first() if pk is not None else qs.order_by("pk").first()
    if employer is None:
        raise Http404
    return employer


def employers_awaiting_verification() -> QuerySet[Employer]:
    return (
        Employer.objects.unverified()
        .select_related("county", "activity")
        .annotate(vacancy_count=Count("vacancies"))
        .order_by("created_at")
    )


def employer_search(q: str = "", *, county_id: int | None = None, verified: bool | None = None):
    from sakoo.core.text import search_key

    qs = Employer.objects.select_related("county", "activity")
    if q:
        key = search_key(q)
        qs = qs.filter(Q(name__icontains=q) | Q(name__icontains=key) | Q(legal_id=q.strip()))
    if county_id:
        qs = qs.filter(county_id=county_id)
    if verified is True:
        qs = qs.verified()
    elif verified is False:
        qs = qs.unverified()
    return qs
