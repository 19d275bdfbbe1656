"""The baseline the benchmark compares with: Django ``icontains`` over title and description.

Same filters and page size as the search, newest first (icontains has no relevance), with the total and
county and contract facet counts, like the search API returns. It does not fold Arabic ی/ک or ZWNJ.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import JsonResponse
from django.utils import timezone

from sakoo.search.services import _public_vacancies


def icontains_search(
    *,
    q: str = "",
    county: str | None = None,
    contract: str | None = None,
    min_wage: int | None = None,
    occupation: str | None = None,
    per_page: int = 20,
) -> dict:
    qs = _public_vacancies().exclude(expires_on__lt=timezone.localdate())
    for word in q.split()[:12]:
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    if county:
        qs = qs.filter(county__code=county)
    if contract:
        qs = qs.filter(contract_type=contract)
    if min_wage:
        qs = qs.filter(Q(wage_max__gte=min_wage) | Q(wage_max__isnull=True, wage_min__gte=min_wage))
    if occupation:
        qs = qs.filter(occupation__code__startswith=occupation)
    rows = list(
        qs.order_by("-published_at").values(
            "id", "title", "employer__name", "county__name_fa", "wage_min", "wage_max"
        )[:per_page]
    )
    return {
        "total": qs.count(),
        "results": rows,
        "facets": {
            "county": dict(qs.values_list("county__code").annotate(n=Count("id")).order_by()),
            "contract": dict(qs.values_list("contract_type").annotate(n=Count("id")).order_by()),
        },
    }


def icontains_view(request):
    g = request.GET
    return JsonResponse(
        icontains_search(
            q=g.get("q", ""),
            county=g.get("county") or None,
            contract=g.get("contract") or None,
            min_wage=int(g["min_wage"]) if g.get("min_wage", "").isdigit() else None,
            occupation=g.get("occupation") or None,
        )
    )
