"""Reads for the reference classifications: lookups and typeahead search."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sakoo.classifications.models import EconomicActivity, Occupation
from sakoo.core.text import search_key


def _matching(queryset: QuerySet, query: str) -> QuerySet:
    """Rows whose search key contains every word of ``query`` (Persian variants and digits folded)."""
    words = search_key(query).split()
    if not words:
        return queryset.none()
    condition = Q()
    for word in words:
        condition &= Q(search_key__contains=word)
    return queryset.filter(condition)


def search_occupations(query: str, *, limit: int = 20, levels: tuple[int, ...] = (4,)) -> list[Occupation]:
    """Typeahead over ISCO-08 titles (Persian and English) and codes; unit groups by default.

    Codes that start with the query come first, then by code.
    """
    matches = list(_matching(Occupation.objects.filter(level__in=levels), query).order_by("code")[:200])
    key = search_key(query)
    matches.sort(key=lambda o: (not o.code.startswith(key), o.code))
    return matches[:limit]


def search_activities(
    query: str, *, limit: int = 20, levels: tuple[int, ...] = (1, 2, 3, 4, 5)
) -> list[EconomicActivity]:
    """Typeahead over ISIC Rev.4 titles and codes; broader levels first, then by code."""
    matches = list(
        _matching(EconomicActivity.objects.filter(level__in=levels), query).order_by("level", "code")[:200]
    )
    key = search_key(query)
    matches.sort(key=lambda a: (not a.code.lower().startswith(key), a.level, a.code))
    return matches[:limit]


def occupation_by_code(code: str) -> Occupation | None:
    return Occupation.objects.select_related("parent").filter(code=code.strip()).first()


def activity_by_code(code: str) -> EconomicActivity | None:
    return EconomicActivity.objects.select_related("parent").filter(code=code.strip().upper()).first()


def ict_occupations() -> QuerySet[Occupation]:
    """ISCO-08 unit groups 25xx and 35xx (information and communications technology)."""
    return Occupation.objects.filter(is_it=True).order_by("code")
