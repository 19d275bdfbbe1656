"""Reads for search: ``vacancy_search`` (the index), typeahead suggestions and the public vacancy fetch."""

from __future__ import annotations

import bisect
import dataclasses
import threading
import time
from datetime import UTC, datetime

from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from sakoo.core.text import normalize_digits, search_key
from sakoo.search.engine import MAX_QUERY_CHARS, EngineQuery
from sakoo.search.services import get_engine

__all__ = [
    "SORTS",
    "SearchResult",
    "Suggestion",
    "counties_by_code",
    "parse_wage",
    "public_vacancy_or_404",
    "typeahead",
    "vacancy_search",
]

SORTS = ("relevance", "date", "wage")
MAX_PER_PAGE = 50
_REFERENCE_TTL = 300.0
_ref_lock = threading.Lock()
_ref_cache: dict[str, tuple[float, object]] = {}


def _cached(name: str, build):
    with _ref_lock:
        hit = _ref_cache.get(name)
        if hit and time.monotonic() - hit[0] < _REFERENCE_TTL:
            return hit[1]
    value = build()
    with _ref_lock:
        _ref_cache[name] = (time.monotonic(), value)
    return value


def clear_reference_cache() -> None:
    with _ref_lock:
        _ref_cache.clear()


@dataclasses.dataclass(frozen=True)
class CountyRef:
    code: str
    name: str
    neighbours: tuple[str, ...]


def counties_by_code() -> dict[str, CountyRef]:
    def build():
        from sakoo.geo.models import County

        neighbours: dict[int, list[str]] = {}
        through = County.neighbours.through
        codes = dict(County.objects.values_list("id", "code"))
        for a, b in through.objects.values_list("from_county_id", "to_county_id"):
            neighbours.setdefault(a, []).append(codes[b])
        return {
            code: CountyRef(code, name, tuple(sorted(neighbours.get(pk, []))))
            for pk, code, name in County.objects.values_list("id", "code", "name_fa")
        }

    return _cached("counties", build)


def province_county_options() -> list[CountyRef]:
    """The configured province's counties (``settings.SAKOO_PROVINCE``) by name, for the county filter.

    Every county of Iran is in the reference tables (478); a list of all of them would make the page
    heavy to render and to use. When the province has no counties (a small test reference), all counties.
    """

    def build():
        from django.conf import settings

        from sakoo.geo.models import County

        codes = set(
            County.objects.filter(province__code=settings.SAKOO_PROVINCE).values_list("code", flat=True)
        )
        refs = [ref for code, ref in counties_by_code().items() if not codes or code in codes]
        return sorted(refs, key=lambda c: c.name)

    return _cached("province_counties", build)


def occupation_titles() -> dict[str, str]:
    def build():
        from sakoo.classifications.models import Occupation

        return dict(Occupation.objects.filter(level__lte=2).values_list("code", "title_fa"))

    return _cached("occupations", build)


def parse_wage(value) -> int | None:
    """A wage typed in any digits, with or without thousands separators (٬ , space). None when blank."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    raw = normalize_digits(str(value)).replace(",", "").replace("\u066c", "").replace(" ", "").strip()
    if not raw.isdigit():
        raise ValueError(value)
    return int(raw)


@dataclasses.dataclass
class Suggestion:
    """A way to widen a search that found nothing: ``params`` are the query-string changes."""

    kind: str  # drop_filter | near | occupation_group | spelling
    label: str
    count: int
    params: dict


@dataclasses.dataclass
class SearchResult:
    total: int
    results: list[dict]
    facets: dict[str, list[dict]]
    suggestions: list[Suggestion]
    page: int
    per_page: int
    num_pages: int
    page_clamped: bool = False
    query_truncated: bool = False
    words: list[str] = dataclasses.field(default_factory=list)
    unknown_words: list[str] = dataclasses.field(default_factory=list)
    spelling: str | None = None

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


_CHOICE_LABELS: dict[str, dict[str, dict[str, str]]] = {}


def _choice_labels() -> dict[str, dict[str, str]]:
    """Labels of the contract, education and remote choices in the active language (cached per language)."""
    language = get_language() or "fa"
    labels = _CHOICE_LABELS.get(language)
    if labels is None:
        from sakoo.seekers.models import ContractType, EducationLevel
        from sakoo.vacancies.models import RemoteMode

        labels = _CHOICE_LABELS[language] = {
            "contract": {k: str(v) for k, v in ContractType.choices},
            "education": {k: str(v) for k, v in EducationLevel.choices},
            "remote": {k: str(v) for k, v in RemoteMode.choices},
        }
    return labels


def _facet_label_maps() -> dict[str, dict[str, str]]:
    """{facet: {value: label}} in the active language, from the in-process reference caches."""
    maps = dict(_choice_labels())
    maps["county"] = _county_names()
    maps["occupation"] = occupation_titles()
    return maps


def _county_names() -> dict[str, str]:
    counties = counties_by_code()
    cached = _county_names_cache.get(id(counties))
    if cached is None or cached[0] is not counties:
        cached = (counties, {code: ref.name for code, ref in counties.items()})
        _county_names_cache.clear()
        _county_names_cache[id(counties)] = cached
    return cached[1]


_county_names_cache: dict[int, tuple[dict, dict[str, str]]] = {}


def _facet_labels(name: str, key: str) -> str:
    return _facet_label_maps().get(name, {}).get(key, key)


def _shape_facets(raw: dict[str, dict[str, int]]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    label_maps = _facet_label_maps()
    for name, counts in raw.items():
        if name in ("knowledge_based", "it", "graduate"):
            out[name] = [{"value": "1", "label": "", "count": counts["1"]}] if counts.get("1") else []
            continue
        if name == "within_days":
            out[name] = [
                {"value": d, "label": d, "count": n}
                for d, n in sorted(counts.items(), key=lambda x: int(x[0]))
            ]
            continue
        labels = label_maps.get(name, {})
        items = [
            {"value": k, "label": labels.get(k, k), "count": n}
            for k, n in counts.items()
            if not (name == "education" and k == "none")
        ]
        items.sort(key=lambda i: (-i["count"], i["value"]))
        out[name] = items
    return out


def vacancy_search(
    *,
    q: str = "",
    county: str | None = None,
    near: bool = False,
    occupation: str | None = None,
    contract: str | None = None,
    education: str | None = None,
    min_wage: int | None = None,
    remote: bool | None = None,
    knowledge_based: bool | None = None,
    it: bool | None = None,
    graduate: bool | None = None,
    within_days: int | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    highlight: bool = True,
    now: datetime | None = None,
) -> SearchResult:
    """Public vacancies (published, not expired, verified employer) matching a query and filters.

    Never raises on user input: the query is cut at ``MAX_QUERY_CHARS`` (``query_truncated``), unknown
    sorts fall back to relevance, a page past the end gives the last page (``page_clamped``). ``min_wage``
    is in rials. Results are dicts from the index (no database query).
    """
    now = now or datetime.now(UTC)
    q = q or ""
    truncated = len(q) > MAX_QUERY_CHARS
    q = q[:MAX_QUERY_CHARS]
    per_page = min(max(int(per_page or 20), 1), MAX_PER_PAGE)
    try:
        page = max(int(page or 1), 1)
    except (TypeError, ValueError):
        page = 1
    sort = sort if sort in SORTS else "relevance"
    counties: tuple[str, ...] = ()
    home: tuple[str, ...] = ()
    county = normalize_digits(county or "").strip()
    if county:
        home = (county,)
        counties = home
        if near:
            ref = counties_by_code().get(county)
            counties = home + (ref.neighbours if ref else ())
    query = EngineQuery(
        text=q,
        counties=counties,
        home_counties=home if near else (),
        occupation=normalize_digits(occupation or "").strip(),
        contract=contract or "",
        education=education or "",
        min_wage=min_wage,
        remote=remote,
        knowledge_based=knowledge_based,
        it=it,
        graduate=graduate,
        within_days=within_days,
        sort=sort,
        offset=(page - 1) * per_page,
        limit=per_page,
        highlight=highlight,
        now=now,
        today=timezone.localdate(now),
    )
    engine = get_engine()
    raw = engine.search(query)
    num_pages = max((raw.total + per_page - 1) // per_page, 1)
    clamped = False
    if page > num_pages:
        clamped = True
        page = num_pages
        query = dataclasses.replace(query, offset=(page - 1) * per_page)
        raw = engine.search(query)
    url_pattern = _detail_url_pattern()
    result = SearchResult(
        total=raw.total,
        results=[_result(h, url_pattern) for h in raw.hits],
        facets=_shape_facets(raw.facets),
        suggestions=[],
        page=page,
        per_page=per_page,
        num_pages=num_pages,
        page_clamped=clamped,
        query_truncated=truncated,
        words=raw.words,
        unknown_words=raw.unknown_words,
    )
    if raw.total == 0:
        result.suggestions, result.spelling = _widen(
            engine, query, county, near, raw.unknown_words, raw.facets
        )
    return result


_URL_PLACEHOLDER = 987654321


_url_patterns: dict[tuple, tuple[str, str]] = {}


def _detail_url_pattern() -> tuple[str, str]:
    """(text before the id, text after it) of a vacancy's detail URL; reversed once per URL conf/prefix."""
    from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

    key = (get_urlconf(), get_script_prefix())
    pattern = _url_patterns.get(key)
    if pattern is None:
        try:
            url = reverse("vacancies:detail", args=[_URL_PLACEHOLDER])
        except NoReverseMatch:
            url = f"/jobs/{_URL_PLACEHOLDER}/"
        before, _, after = url.partition(str(_URL_PLACEHOLDER))
        pattern = _url_patterns[key] = (before, after)
    return pattern


def _result(hit, url_pattern: tuple[str, str]) -> dict:
    d = hit.doc
    get = d.get
    published = get("published_at")
    return {
        "id": hit.id,
        "title": get("title", ""),
        "title_html": hit.title_html,
        "snippet_html": hit.snippet_html,
        "employer": get("employer_name", ""),
        "county_code": get("county_code", ""),
        "county": get("county_name", ""),
        "city": get("city", ""),
        "occupation_code": get("occupation_code", ""),
        "occupation": get("occupation_title", ""),
        "contract_type": get("contract_type", ""),
        "remote": get("remote", ""),
        "wage_min": get("wage_min"),
        "wage_max": get("wage_max"),
        "education_required": get("education_required", ""),
        "is_it": bool(get("is_it")),
        "is_knowledge_based": bool(get("is_knowledge_based")),
        "is_graduate_targeted": bool(get("is_graduate_targeted")),
        "published_at": datetime.fromisoformat(published) if published else None,
        "expires_on": get("expires_on"),
        "url": f"{url_pattern[0]}{hit.id}{url_pattern[1]}",
        "typo_match": hit.typo_match,
    }


_FILTER_PARAMS = {
    "county": ("county", "near"),
    "occupation": ("occupation",),
    "contract": ("contract",),
    "education": ("education",),
    "min_wage": ("min_wage",),
    "remote": ("remote",),
    "knowledge_based": ("kb",),
    "it": ("it",),
    "graduate": ("graduate",),
    "within_days": ("days",),
}


def _widen(engine, query: EngineQuery, county: str, near: bool, unknown: list[str], facets: dict):
    """Ways out of an empty result: each with the number of results it would give."""
    from django.utils.translation import gettext as _

    suggestions: list[Suggestion] = []
    base = dataclasses.replace(query, offset=0, limit=1, facets=False)
    for name in query.active_filters():
        # a filter's facet counts were computed without that filter: their sum is the count without it
        n = sum(facets[name].values()) if name in facets else engine.count(base.without(name))
        if n:
            suggestions.append(
                Suggestion("drop_filter", name, n, {p: None for p in _FILTER_PARAMS.get(name, (name,))})
            )
    if county and not near:
        ref = counties_by_code().get(county)
        if ref and ref.neighbours:
            n = engine.count(dataclasses.replace(base, counties=(county, *ref.neighbours)))
            if n:
                suggestions.append(Suggestion("near", _("Include neighbouring counties"), n, {"near": "1"}))
    if query.occupation and len(query.occupation) > 1:
        for size in range(len(query.occupation) - 1, 0, -1):
            group = query.occupation[:size]
            n = engine.count(dataclasses.replace(base, occupation=group))
            if n:
                label = occupation_titles().get(group, group)
                suggestions.append(Suggestion("occupation_group", label, n, {"occupation": group}))
                break
    spelling = None
    if unknown:
        words = []
        for word in query_words_of(query.text):
            if word in unknown:
                fix = engine.spelling(word)
                words.append(fix or word)
            else:
                words.append(word)
        candidate = " ".join(words)
        if candidate != " ".join(query_words_of(query.text)):
            n = engine.count(dataclasses.replace(base, text=candidate))
            if n:
                spelling = candidate
                suggestions.append(Suggestion("spelling", candidate, n, {"q": candidate}))
    return suggestions, spelling


def query_words_of(text: str) -> list[str]:
    from sakoo.search.analysis import query_words

    return query_words(text)


# --------------------------------------------------------------------------------------------------
# Typeahead
# --------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Completion:
    kind: str  # occupation | title | place
    label: str
    value: str  # what goes into the form (q, or county code for places)


class _Lexicon:
    """Sorted (search key, completion) pairs; each entry is reachable from the start of any of its words."""

    def __init__(self, items: list[Completion]):
        entries = []
        for item in items:
            key = search_key(item.label)
            parts = key.split()
            for i in range(len(parts)):
                entries.append((" ".join(parts[i:]), i, item))
        entries.sort(key=lambda e: (e[0], e[1], e[2].kind, e[2].label))
        self.keys = [e[0] for e in entries]
        self.entries = entries

    def complete(self, prefix: str, limit: int) -> list[Completion]:
        key = search_key(prefix)
        if not key:
            return []
        out: list[Completion] = []
        seen = set()
        start = bisect.bisect_left(self.keys, key)
        ranked = []
        for i in range(start, len(self.keys)):
            if not self.keys[i].startswith(key):
                break
            ranked.append(self.entries[i])
            if len(ranked) > 400:
                break
        kind_order = {"occupation": 1, "title": 0, "place": 2}
        ranked.sort(key=lambda e: (e[1] > 0, kind_order[e[2].kind], len(e[2].label), e[2].label))
        for _, _, item in ranked:
            if (item.kind, item.label) in seen:
                continue
            seen.add((item.kind, item.label))
            out.append(item)
            if len(out) >= limit:
                break
        return out


def _lexicon() -> _Lexicon:
    def build():
        from django.db.models import Count

        from sakoo.classifications.models import Occupation
        from sakoo.search.services import _public_vacancies

        items = [
            Completion("occupation", title, title)
            for title in Occupation.objects.filter(level=4)
            .exclude(title_fa="")
            .values_list("title_fa", flat=True)
        ]
        items += [Completion("place", ref.name, ref.code) for ref in counties_by_code().values()]
        titles = (
            _public_vacancies()
            .exclude(expires_on__lt=timezone.localdate())
            .values("title")
            .annotate(n=Count("id"))
            .order_by("-n", "title")
            .values_list("title", flat=True)[:5000]
        )
        items += [Completion("title", t, t) for t in titles]
        return _Lexicon(items)

    return _cached("lexicon", build)


def typeahead(prefix: str, *, limit: int = 8) -> list[Completion]:
    """Completions for a prefix: vacancy titles, occupations (ISCO-08 unit groups) and counties."""
    return _lexicon().complete((prefix or "")[:MAX_QUERY_CHARS], limit)


# --------------------------------------------------------------------------------------------------
# Public detail
# --------------------------------------------------------------------------------------------------


def public_vacancy_or_404(vacancy_id: int):
    """A vacancy anyone may see: published, employer verified, not expired; else 404."""
    from sakoo.search.services import _public_vacancies

    today = timezone.localdate()
    vacancy = (
        _public_vacancies().select_related("employer", "county", "occupation").filter(pk=vacancy_id).first()
    )
    if vacancy is None or (vacancy.expires_on and vacancy.expires_on < today):
        raise Http404("No such vacancy")
    return vacancy
