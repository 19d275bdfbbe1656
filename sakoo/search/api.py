"""Public vacancy API, mounted at /api/v1/vacancies: search (list), typeahead and detail.

Wages are in **rials** here (the web page takes tomans). Rate-limited per client address
(``settings.SEARCH_API_RATE_LIMIT`` requests per minute, counted in the cache).
"""

from __future__ import annotations

import time
from datetime import date, datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from sakoo.search.forms import SearchForm
from sakoo.search.selectors import public_vacancy_or_404, typeahead, vacancy_search

try:
    import orjson
except ImportError:  # pragma: no cover (orjson is a dependency; the standard library gives the same JSON)
    orjson = None

router = Router(tags=["vacancies"])
_ENCODER = DjangoJSONEncoder()


class VacancyOut(Schema):
    id: int
    title: str
    employer: str
    county: str
    county_code: str
    city: str
    occupation_code: str
    occupation: str
    contract_type: str
    remote: str
    wage_min: int | None
    wage_max: int | None
    wage_unit: str = "rial"
    education_required: str
    is_it: bool
    is_knowledge_based: bool
    is_graduate_targeted: bool
    published_at: datetime | None
    expires_on: date | None
    url: str


class VacancyDetailOut(VacancyOut):
    description: str
    openings: int
    insurance_provided: bool


class FacetValue(Schema):
    value: str
    label: str
    count: int


class WidenOut(Schema):
    kind: str
    label: str
    count: int
    params: dict


class SearchOut(Schema):
    total: int
    page: int
    per_page: int
    num_pages: int
    page_clamped: bool
    query_truncated: bool
    results: list[VacancyOut]
    facets: dict[str, list[FacetValue]]
    suggestions: list[WidenOut]
    notices: list[str]


class CompletionOut(Schema):
    kind: str
    label: str
    value: str


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limited(view):
    """At most SEARCH_API_RATE_LIMIT requests per minute per address (fixed one-minute windows)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = settings.SEARCH_API_RATE_LIMIT
        if limit:
            now = time.time()
            key = f"search-api:{_client_ip(request)}:{int(now // 60)}"
            # one cache round trip for every request but the first of a window (incr, then add if new)
            try:
                count = cache.incr(key)
            except ValueError:
                if cache.add(key, 1, timeout=70):
                    count = 1
                else:  # another worker created it in between
                    try:
                        count = cache.incr(key)
                    except ValueError:
                        cache.set(key, 1, timeout=70)
                        count = 1
            if count > limit:
                retry = 60 - int(now) % 60
                response = JsonResponse(
                    {
                        "detail": _(
                            "Too many requests: at most %(limit)s per minute from one address. "
                            "Try again in %(seconds)s seconds."
                        )
                        % {"limit": limit, "seconds": retry}
                    },
                    status=429,
                )
                response["Retry-After"] = str(retry)
                return response
        return view(request, *args, **kwargs)

    return wrapper


def _errors(form) -> JsonResponse:
    return JsonResponse(
        {
            "detail": [
                {"field": field, "message": str(message)}
                for field, messages in form.errors.items()
                for message in messages
            ]
        },
        status=422,
    )


#: What a search result (``selectors.vacancy_search``) has that the API's VacancyOut does not (tested).
_PAGE_ONLY_FIELDS = ("title_html", "snippet_html", "typo_match")


@router.get(
    "",
    response=SearchOut,
    summary="Search published vacancies",
    description=(
        "Full-text Persian search with filters and facet counts. Parameters: q, county (SCI code), near "
        "(1: add neighbouring counties), occupation (ISCO-08 code prefix), contract, education, min_wage "
        "(rials), remote/kb/it/graduate (1 or 0), days (1, 7, 30), sort (relevance, date, wage), page."
    ),
)
@rate_limited
def vacancy_list(request):
    form = SearchForm(request.GET, wage_unit="rial")
    if not form.is_valid():
        return _errors(form)
    result = vacancy_search(**form.search_kwargs(), highlight=False)
    notices = []
    if result.query_truncated:
        notices.append(_("The query was too long and was shortened."))
    if result.page_clamped:
        notices.append(_("There is no such page; this is the last page."))
    body = {
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "num_pages": result.num_pages,
        "page_clamped": result.page_clamped,
        "query_truncated": result.query_truncated,
        "results": [_api_row(r) for r in result.results],
        "facets": result.facets,
        "suggestions": [s.__dict__ for s in result.suggestions],
        "notices": notices,
    }
    # already shaped like SearchOut (tested); returned directly, without a second validation per request
    return _json_response(body)


def _api_row(r: dict) -> dict:
    """A search result (made for this response) as VacancyOut, changed in place."""
    for name in _PAGE_ONLY_FIELDS:
        del r[name]
    r["wage_unit"] = "rial"
    if r["published_at"] is not None:
        r["published_at"] = _json_datetime(r["published_at"])
    return r


def _json_datetime(value: datetime) -> str:
    """The text Django's JSON encoder writes for a datetime (milliseconds, "Z" for UTC), without its
    chain of type checks (tested against it)."""
    text = value.isoformat()
    if value.microsecond:
        text = text[:23] + text[26:]
    if text.endswith("+00:00"):
        text = text[:-6] + "Z"
    return text


def _json_response(body: dict) -> HttpResponse:
    """UTF-8 JSON, as JsonResponse(ensure_ascii=False) writes it; with orjson (about 15× faster here)."""
    if orjson is None:  # pragma: no cover
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(orjson.dumps(body, default=_ENCODER.default), content_type="application/json")


@router.get("/suggest", response=list[CompletionOut], summary="Typeahead: titles, occupations, places")
@rate_limited
def vacancy_suggest(request, q: str = ""):
    return [c.__dict__ for c in typeahead(q)]


@router.get("/{int:vacancy_id}", response=VacancyDetailOut, summary="One published vacancy")
@rate_limited
def vacancy_detail(request, vacancy_id: int):
    v = public_vacancy_or_404(vacancy_id)
    try:
        url = reverse("vacancies:detail", args=[v.pk])
    except NoReverseMatch:
        url = f"/jobs/{v.pk}/"
    return {
        "id": v.pk,
        "title": v.title,
        "description": v.description,
        "employer": v.employer.name,
        "county": v.county.name_fa,
        "county_code": v.county.code,
        "city": v.city,
        "occupation_code": v.occupation.code,
        "occupation": v.occupation.title_fa,
        "contract_type": v.contract_type,
        "remote": v.remote,
        "wage_min": v.wage_min,
        "wage_max": v.wage_max,
        "education_required": v.education_required,
        "is_it": v.is_it,
        "is_knowledge_based": v.is_knowledge_based,
        "is_graduate_targeted": v.is_graduate_targeted,
        "published_at": v.published_at,
        "expires_on": v.expires_on,
        "openings": v.openings,
        "insurance_provided": v.insurance_provided,
        "url": url,
    }
