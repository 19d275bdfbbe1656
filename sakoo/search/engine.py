"""The vacancy search engine: a tantivy index of plain dict documents. No Django models in here.

The database is the single source of truth; this index is a cache of the *public* vacancies that
``sakoo.search.services`` keeps in step. Documents are dicts (see :data:`DOC_FIELDS`); text is analysed by
:mod:`sakoo.search.analysis` (the one normaliser, joins, light stemming) before tantivy sees it.

Relevance (``sort="relevance"`` with a text query; ``body`` holds the title's terms twice, then the
description, occupation title, employer, county and city)::

    score = Σ over query words of  Σ matching alternatives BM25(body)                 (text)
            + 1.0 if the vacancy is in the searched county (matters for "near me")     (county)
            + 1.5 if published in the last 7 days + 0.75 if in the last 30 days        (recency)

The recency bonus re-ranks the best ``RERANK_WINDOW`` (100) matches by text and county, or as many as
the requested page needs (cheaper than a per-document range clause in the query). Ties: newest first.

Matches that need a typo correction (one edit, words of ≥ 5 letters) form a second tier listed after
every exact match; they are looked for only when the exact matches are fewer than ``FUZZY_BELOW`` (20). Without a text query, results are the newest first.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import html
import itertools
import json
import logging
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import tantivy

try:  # a faster parser for the stored documents (20 per search); the standard one gives the same dicts
    from orjson import loads as _loads
except ImportError:  # pragma: no cover
    _loads = json.loads

from sakoo.core.text import normalize_text
from sakoo.search.analysis import analyze_document, join_term, query_words, stem, word_keys, words

__all__ = [
    "DOC_FIELDS",
    "MAX_QUERY_CHARS",
    "Engine",
    "EngineQuery",
    "EngineResult",
    "Hit",
    "IndexLocked",
    "fingerprint",
]

#: Keys of an input document. Dates are ISO strings (published_at a UTC datetime, expires_on a date).
DOC_FIELDS = (
    "id",
    "title",
    "description",
    "employer_name",
    "occupation_code",
    "occupation_title",
    "county_code",
    "county_name",
    "city",
    "contract_type",
    "remote",
    "wage_min",
    "wage_max",
    "education_required",
    "is_it",
    "is_knowledge_based",
    "is_graduate_targeted",
    "published_at",
    "expires_on",
    "openings",
)
STORED_FIELDS = (*tuple(f for f in DOC_FIELDS if f != "description"), "excerpt")
EXCERPT_CHARS = 300
#: Longer queries are cut here (the caller tells the user).
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
FUZZY_MIN_LENGTH = 5
#: Typo-tolerant matches are added only when the exact matches are fewer than this (one page).
FUZZY_BELOW = 20
#: Relevance bonuses (see the module docstring) and the number of best text matches they re-rank.
RECENCY_7_DAYS = 1.5
RECENCY_30_DAYS = 0.75
COUNTY_BONUS = 1.0
RERANK_WINDOW = 100
NO_EXPIRY_DAY = 10**7
_EPOCH_DAY = date(1970, 1, 1)
#: Facet counts come from three combined fast fields, one terms aggregation each (each field's pass over
#: the matches costs about as much as the first, and few values per field keep the result small):
#: "county|occupation major group", "knowledge-based it graduate flags|remote", "contract|education",
#: e.g. "0301|2", "010|on_site", "permanent|bachelor".
_FLAG_FACETS = ("knowledge_based", "it", "graduate")
_COMBINED_FACETS = {
    "facet_a": ("county", "occupation"),
    "facet_b": ("flags", "remote"),
    "facet_c": ("contract", "education"),
}
FACET_NAMES = ("county", "occupation", "contract", "education", "remote", *_FLAG_FACETS)
_WITHIN_BUCKETS = (1, 7, 30)
_READER_CHECK_SECONDS = 0.2
_WRITER_LOCK = "sakoo-writer.lock"


class IndexLocked(Exception):
    """Another process holds the index writer for longer than we were willing to wait."""


def fingerprint(doc: dict) -> int:
    """A 63-bit hash of the document's content: the index check compares it with the database's."""
    raw = json.dumps([doc.get(k) for k in DOC_FIELDS], ensure_ascii=False, default=str).encode()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big") >> 1


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    sb.add_text_field("title", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("body", tokenizer_name="whitespace", index_option="freq")
    for name in ("county", "occ", "contract", "education", "remote"):
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in _COMBINED_FACETS:
        sb.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    for name in ("kb", "it", "grad"):
        sb.add_unsigned_field(name, indexed=True)
    for name in ("pub", "exp", "wage", "stamp"):
        sb.add_unsigned_field(name, indexed=True, fast=True)
    sb.add_bytes_field("doc", stored=True, indexed=False)
    return sb.build()


SCHEMA = _schema()
logger = logging.getLogger(__name__)
_Q = tantivy.Query
_MUST = tantivy.Occur.Must
_SHOULD = tantivy.Occur.Should
_MUST_NOT = tantivy.Occur.MustNot


def _epoch_seconds(value: str | datetime | None) -> int:
    if not value:
        return 0
    dt = datetime.fromisoformat(value) if isinstance(value, str) else value
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp())


def _epoch_day(value: str | date | None) -> int:
    if not value:
        return NO_EXPIRY_DAY
    d = date.fromisoformat(value) if isinstance(value, str) else value
    return (d - _EPOCH_DAY).days


def _to_tantivy(doc: dict) -> tantivy.Document:
    code = doc.get("occupation_code") or ""
    t = tantivy.Document()
    t.add_unsigned("id", int(doc["id"]))
    title_terms = analyze_document(doc["title"])
    t.add_text("title", title_terms)
    rest = " ".join(
        str(doc.get(k) or "")
        for k in ("description", "occupation_title", "employer_name", "county_name", "city")
    )
    # one field to query: the title's terms twice (weight 2 through term frequency), then the rest
    t.add_text("body", f"{title_terms} {title_terms} {analyze_document(rest)}")
    county = doc.get("county_code") or ""
    contract = doc.get("contract_type") or ""
    education = doc.get("education_required") or "none"
    remote = doc.get("remote") or "on_site"
    flags = [int(bool(doc.get(k))) for k in ("is_knowledge_based", "is_it", "is_graduate_targeted")]
    t.add_text("county", county)
    for n in range(1, len(code) + 1):
        t.add_text("occ", code[:n])
    t.add_text("contract", contract)
    t.add_text("education", education)
    t.add_text("remote", remote)
    for field, value in zip(("kb", "it", "grad"), flags, strict=True):
        t.add_unsigned(field, value)
    t.add_text("facet_a", f"{county}|{code[:1]}")
    t.add_text("facet_b", f"{''.join(map(str, flags))}|{remote}")
    t.add_text("facet_c", f"{contract}|{education}")
    t.add_unsigned("pub", _epoch_seconds(doc.get("published_at")))
    t.add_unsigned("exp", _epoch_day(doc.get("expires_on")))
    t.add_unsigned("wage", int(doc.get("wage_max") or doc.get("wage_min") or 0))
    t.add_unsigned("stamp", fingerprint(doc))
    stored = {k: doc.get(k) for k in STORED_FIELDS if k != "excerpt"}
    stored["excerpt"] = (doc.get("description") or "")[:EXCERPT_CHARS]
    t.add_bytes("doc", json.dumps(stored, ensure_ascii=False, default=str).encode())
    return t


# --------------------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class EngineQuery:
    text: str = ""
    counties: tuple[str, ...] = ()
    home_counties: tuple[str, ...] = ()  # ranked first among ``counties`` ("near me")
    occupation: str = ""
    contract: str = ""
    education: str = ""
    min_wage: int | None = None  # rials; compared with wage_max (or wage_min when no maximum)
    remote: bool | None = None  # True: remote or hybrid; False: on site
    knowledge_based: bool | None = None
    it: bool | None = None
    graduate: bool | None = None
    within_days: int | None = None
    sort: str = "relevance"  # relevance | date | wage
    offset: int = 0
    limit: int = 20
    facets: bool = True
    highlight: bool = True  # marked title and snippet (the page); the API does without
    now: datetime | None = None
    today: date | None = None  # the local date for expiry (default: now's date)

    def without(self, name: str) -> EngineQuery:
        """The same query with one filter removed (for disjunctive facets and "widen" suggestions)."""
        empty = {"counties": (), "home_counties": (), "min_wage": None, "within_days": None}
        if name == "county":
            return dataclasses.replace(self, counties=(), home_counties=())
        if name in ("occupation", "contract", "education"):
            return dataclasses.replace(self, **{name: ""})
        if name in empty:
            return dataclasses.replace(self, **{name: empty[name]})
        return dataclasses.replace(self, **{name: None})

    def active_filters(self) -> list[str]:
        names = []
        if self.counties:
            names.append("county")
        for name in ("occupation", "contract", "education"):
            if getattr(self, name):
                names.append(name)
        for name in ("min_wage", "remote", "knowledge_based", "it", "graduate", "within_days"):
            if getattr(self, name) is not None:
                names.append(name)
        return names


@dataclasses.dataclass
class Hit:
    id: int
    score: float
    doc: dict
    title_html: str
    snippet_html: str
    typo_match: bool = False


@dataclasses.dataclass
class EngineResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    words: list[str]  # the search-key words the query was read as
    unknown_words: list[str]  # words with no exact match anywhere in the index


@dataclasses.dataclass
class _Unit:
    """One query word (or synonym phrase): alternatives of required term tuples, plus a typo-tolerant form."""

    alternatives: list[tuple[str, ...]]
    fuzzy: tuple[str, ...] = ()


def _term(field: str, term: str):
    return _Q.term_query(SCHEMA, field, term)


def _term_any(field: str, values) -> object:
    """Documents with any of ``values`` in ``field``: a term query, or a union of them.

    Not tantivy's term-set query, which first marks every document of every value in a bit set: a
    county's ten thousand vacancies for each search, where a term query lets the text query lead and
    skips to the few it matched (15–25 % faster on a filtered search, same results).
    """
    values = list(values)
    if len(values) == 1:
        return _term(field, values[0])
    return _Q.boolean_query([(_SHOULD, _term(field, v)) for v in values])


def _const(query, score: float = 0.0):
    return _Q.const_score_query(query, score)


def _term_exact(term: str):
    return _term("body", term)


def _term_fuzzy(term: str):
    return _const(_Q.fuzzy_term_query(SCHEMA, "body", term, distance=1), 0.01)


class Synonyms:
    """Groups of equivalent words/phrases; each member is matched by its analysed stems."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()):
        self.by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self.groups: list[list[tuple[str, ...]]] = []
        for group in groups:
            members = []
            for phrase in group:
                stems = tuple(stem(k) for k in words(phrase))
                if stems and stems not in members:
                    members.append(stems)
            if len(members) < 2:
                continue
            index = len(self.groups)
            self.groups.append(members)
            for member in members:
                self.by_first.setdefault(member[0], []).append((member, index))
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def match(self, stems: list[str], i: int) -> tuple[int, list[tuple[str, ...]]] | None:
        for member, index in self.by_first.get(stems[i], ()):
            if tuple(stems[i : i + len(member)]) == member:
                return len(member), self.groups[index]
        return None


def parse_units(text: str, synonyms: Synonyms) -> tuple[list[str], list[_Unit]]:
    keys = query_words(text[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]
    stems = [stem(k) for k in keys]
    units: list[_Unit] = []
    i = 0
    while i < len(keys):
        found = synonyms.match(stems, i)
        if found and found[0] > 1:
            span, members = found
            units.append(_Unit(alternatives=list(members)))
            i += span
            continue
        alternatives: list[tuple[str, ...]] = [(stems[i],)]
        if found:
            alternatives.extend(m for m in found[1] if m not in alternatives)
        if i > 0:
            alternatives.append((join_term(keys[i - 1], keys[i]),))
        if i + 1 < len(keys):
            alternatives.append((join_term(keys[i], keys[i + 1]),))
        fuzzy = [stems[i]] if len(keys[i]) >= FUZZY_MIN_LENGTH and not keys[i].isdigit() else []
        fuzzy += [a[0] for a in alternatives[1:] if len(a) == 1 and len(a[0]) >= FUZZY_MIN_LENGTH]
        units.append(_Unit(alternatives=alternatives, fuzzy=tuple(fuzzy)))
        i += 1
    return keys, units


def _unit_query(unit: _Unit, with_fuzzy: bool):
    clauses = []
    for alternative in unit.alternatives:
        if len(alternative) == 1:
            clauses.append((_SHOULD, _term_exact(alternative[0])))
        else:
            clauses.append((_SHOULD, _Q.boolean_query([(_MUST, _term_exact(t)) for t in alternative])))
    if with_fuzzy:
        clauses.extend((_SHOULD, _term_fuzzy(term)) for term in unit.fuzzy)
    if len(clauses) == 1:  # one alternative: its own query (same matches, same score, one scorer less)
        return clauses[0][1]
    return _Q.boolean_query(clauses)


def _all_of(units: tuple) -> object:
    return units[0] if len(units) == 1 else _Q.boolean_query([(_MUST, u) for u in units])


#: Largest disjunctive form used for counting (see ``_matching``); beyond it the required units are cheaper.
DNF_MAX = 4


def _minimal(alternatives) -> list[frozenset[str]]:
    """Alternatives (term sets) without those that contain another: they match nothing more."""
    kept: list[frozenset[str]] = []
    for alternative in sorted({frozenset(a) for a in alternatives}, key=lambda b: (len(b), sorted(b))):
        if not any(k <= alternative for k in kept):
            kept.append(alternative)
    return kept


def _any_of(branches: list[frozenset[str]]) -> object:
    """A disjunction of term conjunctions."""
    clauses = [
        _term_exact(next(iter(b)))
        if len(b) == 1
        else _Q.boolean_query([(_MUST, _term_exact(t)) for t in sorted(b)])
        for b in branches
    ]
    return clauses[0] if len(clauses) == 1 else _Q.boolean_query([(_SHOULD, c) for c in clauses])


def _matching(units: list[_Unit]) -> tuple | None:
    """The documents of the exact query, in the form that is cheapest to find when scores are not needed.

    The exact query requires every unit, each a choice of alternatives, e.g. for «کارشناس بیمه»
    ``(کارشناس ∨ کارشناسبیمه) ∧ (بیمه ∨ کارشناسبیمه)``. The same documents are
    ``(کارشناس ∧ بیمه) ∨ کارشناسبیمه``, which tantivy finds with plain term intersections instead of
    seeking inside unions (up to 40 % faster for two words). Scores differ between the forms, so this is
    only for passes that count or filter (facets, counts, exclusions, sorting by a field), never for
    ranking. Each unit first loses the alternatives that contain another: «برنامه‌نویس نرم‌افزار» finds
    nothing that «برنامه‌نویس» does not. When the disjunction would have more than ``DNF_MAX`` branches,
    the units stay required, with those fewer alternatives. None when nothing is gained.
    """
    if not units:
        return None
    minimal = [_minimal(u.alternatives) for u in units]
    if len(units) > 1:
        branches: list[frozenset[str]] | None = [frozenset()]
        for alternatives in minimal:
            grown = {b | a for b in branches for a in alternatives}
            if len(grown) > DNF_MAX * 4:
                branches = None
                break
            branches = _minimal(grown)
        if branches is not None and len(branches) <= DNF_MAX:
            return (_any_of(branches),)
    if all(len(m) == len(u.alternatives) for m, u in zip(minimal, units, strict=True)):
        return None
    return tuple(_any_of(m) for m in minimal)


def _scores_alike(units: list[_Unit]) -> bool:
    """Whether the disjunctive form of ``units`` ranks like their required form.

    It does when no unit has an alternative that contains another (a synonym phrase that adds score
    to its shorter member, as «کارشناس حسابداری» does to «حسابدار»). What still differs is a join term
    shared by two units, counted once instead of twice: «راننده سرویس» written together still scores
    above the two words apart, and the same titles come first (measured on the benchmark's queries, where
    only ties between equal titles change places). Ranking in that form cut the benchmark's API requests
    by 5 % of their instructions (docs/performance.md).
    """
    return all(len(_minimal(u.alternatives)) == len(u.alternatives) for u in units)


#: Query texts whose parsed units and tantivy queries are kept (per process, per synonym list).
COMPILED_CACHE_SIZE = 2048


@lru_cache(maxsize=COMPILED_CACHE_SIZE)
def _compiled(text: str, synonyms: Synonyms) -> tuple:
    """(words, units, exact, ranking, counting, with typos or None) of a query text.

    ``exact`` and the typo-tolerant form are tuples of the units' queries, every one required (``_with``
    joins them); ``counting`` finds the same documents as ``exact`` in the form that is cheapest when
    scores are not needed (``_matching``); ``ranking`` is ``exact``, or ``counting`` when that scores alike.
    Kept for the ``COMPILED_CACHE_SIZE`` latest texts: the result depends only on the text and the synonym
    list (a new list, loaded every minute, is a new key), and tantivy queries are immutable. This keeps
    the parsing, not results: every search still runs against the index as it is.
    """
    keys, units = parse_units(text, synonyms)
    if not units:
        return tuple(keys), units, None, None, None, None
    exact = tuple(_unit_query(u, False) for u in units)
    fuzzy = None
    if any(u.fuzzy for u in units):
        fuzzy = tuple(_unit_query(u, True) for u in units)
    counting = _matching(units) or exact
    # the disjunctive form ranks too when it scores like the required one (``_scores_alike``)
    ranking = counting if len(units) > 1 and len(counting) == 1 and _scores_alike(units) else exact
    return tuple(keys), units, exact, ranking, counting, fuzzy


def _today(q: EngineQuery, now: datetime) -> int:
    return ((q.today or now.date()) - _EPOCH_DAY).days


def _filter_clauses(q: EngineQuery, now: datetime, expiry: bool = True) -> list:
    """The filters as constant-score clauses. ``expiry`` False: the index holds no expired vacancy today,
    so the expiry range (a clause on every query) can be left out without changing any result."""
    big = 2**62
    clauses = []
    if expiry:
        clauses.append(_Q.range_query(SCHEMA, "exp", tantivy.FieldType.Unsigned, _today(q, now), big))
    if q.counties:
        clauses.append(_term_any("county", q.counties))
    if q.occupation:
        clauses.append(_term("occ", q.occupation))
    if q.contract:
        clauses.append(_term("contract", q.contract))
    if q.education:
        clauses.append(_term("education", q.education))
    if q.min_wage is not None:
        clauses.append(
            _Q.range_query(SCHEMA, "wage", tantivy.FieldType.Unsigned, max(int(q.min_wage), 1), big)
        )
    if q.remote is not None:
        values = ["remote", "hybrid"] if q.remote else ["on_site"]
        clauses.append(_term_any("remote", values))
    for name, field in (("knowledge_based", "kb"), ("it", "it"), ("graduate", "grad")):
        value = getattr(q, name)
        if value is not None:
            clauses.append(_term(field, int(value)))
    if q.within_days is not None:
        since = int(now.timestamp()) - int(q.within_days) * 86400
        clauses.append(_Q.range_query(SCHEMA, "pub", tantivy.FieldType.Unsigned, max(since, 0), big))
    return [(_MUST, _const(c)) for c in clauses]


def _boost_clauses(q: EngineQuery, now: datetime) -> list:
    """The county bonus (only for "near me" searches); recency is added when re-ranking (``_rank``)."""
    if q.home_counties:
        return [(_SHOULD, _const(_term_any("county", q.home_counties), COUNTY_BONUS))]
    return []


# --------------------------------------------------------------------------------------------------
# Highlighting (escape first, then mark)
# --------------------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"\S+")
_SPECIAL_RE = re.compile("[&<>\"']")


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or transposition."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1 :] == a:
            return True
    return False


@lru_cache(maxsize=200_000)
def _candidates(raw_word: str) -> frozenset[str]:
    """The index terms a raw word of a text can stand for (its stems, keys and the join of its parts)."""
    keys = word_keys(raw_word)
    if not keys:
        return frozenset()
    return frozenset({stem(k) for k in keys} | {"".join(keys[:-1]) + stem(keys[-1])} | set(keys))


class _Seen(dict):
    """Raw word → whether it is marked, each word decided once per query (a hit is a plain dict lookup)."""

    def __init__(self, decide):
        super().__init__()
        self.decide = decide

    def __missing__(self, raw_word: str) -> bool:
        found = self[raw_word] = self.decide(raw_word)
        return found


class _Marker:
    def __init__(self, terms: set[str], fuzzy: set[str]):
        self.terms = terms
        self.fuzzy = fuzzy
        self._seen = _Seen(self._matches)

    def _matches(self, raw_word: str) -> bool:
        candidates = _candidates(raw_word)
        if not candidates:
            return False
        if not self.terms.isdisjoint(candidates):
            return True
        return bool(self.fuzzy) and any(
            _edit1(c, f)
            for c in candidates
            if len(c) >= FUZZY_MIN_LENGTH - 1
            for f in self.fuzzy
            if abs(len(c) - len(f)) <= 1
        )

    def mark(self, text: str) -> str:
        out, last = [], 0
        seen = self._seen
        for m in _WORD_RE.finditer(text):
            word = m.group()
            if seen[word]:
                out.append(html.escape(text[last : m.start()]))
                out.append("<mark>" + html.escape(word) + "</mark>")
                last = m.end()
        if not out:
            return html.escape(text)
        out.append(html.escape(text[last:]))
        return "".join(out)

    def snippet(self, text: str, size: int = 160) -> str:
        """A window of about ``size`` characters around the first match (escape first, then mark)."""
        words_ = text.split()
        if not words_:
            return ""
        seen = self._seen
        first = -1
        for i, word in enumerate(words_):
            if seen[word]:
                first = i
                break
        # walk back about a third of the window from the first match, then forward to fill it
        lo = max(first, 0)
        budget = size // 3 if first > 0 else 0
        while lo > 0 and budget - len(words_[lo - 1]) - 1 >= 0:
            budget -= len(words_[lo - 1]) + 1
            lo -= 1
        hi, used = lo, 0
        while hi < len(words_) and (used + len(words_[hi]) <= size or hi == lo):
            used += len(words_[hi]) + 1
            hi += 1
        window = words_[lo:hi]
        special = _SPECIAL_RE.search(text) is not None
        if first < 0:  # nothing to mark: escaping the joined words escapes each of them
            body = " ".join(window)
            body = html.escape(body) if special else body
        else:
            parts = []
            for word in window:
                shown = html.escape(word) if special else word
                parts.append("<mark>" + shown + "</mark>" if seen[word] else shown)
            body = " ".join(parts)
        return ("… " if lo else "") + body + (" …" if hi < len(words_) else "")


# --------------------------------------------------------------------------------------------------
# The index
# --------------------------------------------------------------------------------------------------


class Engine:
    """One tantivy index directory. Readers are cheap and reload when another process commits."""

    def __init__(self, path: str | os.PathLike, synonyms: Synonyms | None = None):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.synonyms = synonyms or Synonyms()
        self._lock = threading.Lock()
        self.index = self._open()
        self._meta = self.path / "meta.json"
        self._meta_stamp = self._meta_mtime()
        self._checked_at = 0.0
        self._expiry_cache: tuple[tuple, bool] | None = None

    def _open(self) -> tantivy.Index:
        """The index in ``path``; one written with another schema (an earlier release) is emptied first.

        The index is a cache of the database: ``rebuild_search_index`` fills it again (``demo_setup`` and
        the upgrade steps in docs/operations.md run it; ``check_search_index`` reports what is missing).
        """
        try:
            return tantivy.Index(SCHEMA, path=str(self.path), reuse=True)
        except ValueError as exc:
            if "schema does not match" not in str(exc):
                raise
        with self._writer_lock(timeout=60.0):
            try:  # another process may have replaced it while we waited for the lock
                return tantivy.Index(SCHEMA, path=str(self.path), reuse=True)
            except ValueError:
                pass
            for entry in self.path.iterdir():
                if entry.is_file() and entry.name != _WRITER_LOCK:
                    entry.unlink()
            logger.warning(
                "The search index in %s had an earlier layout and was emptied; "
                "run `manage.py rebuild_search_index`.",
                self.path,
            )
            return tantivy.Index(SCHEMA, path=str(self.path), reuse=True)

    # -- reading ------------------------------------------------------------------------------------

    def _meta_mtime(self) -> int:
        try:
            return self._meta.stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def reload(self) -> None:
        self.index.reload()
        self._meta_stamp = self._meta_mtime()

    def searcher(self) -> tantivy.Searcher:
        now = time.monotonic()
        if now - self._checked_at > _READER_CHECK_SECONDS:
            self._checked_at = now
            if self._meta_mtime() != self._meta_stamp:
                self.reload()
        return self.index.searcher()

    def num_docs(self) -> int:
        return self.searcher().num_docs

    def fingerprints(self) -> dict[int, int]:
        """{vacancy id: content fingerprint} of every document in the index."""
        s = self.searcher()
        n = s.num_docs
        if not n:
            return {}
        hits = s.search(_Q.all_query(), limit=n, count=False).hits
        addresses = [a for _, a in hits]
        ids = s.fast_field_values("id", addresses)
        stamps = s.fast_field_values("stamp", addresses)
        return dict(zip(ids, stamps, strict=True))

    def get(self, vacancy_id: int) -> dict | None:
        s = self.searcher()
        hits = s.search(_term("id", int(vacancy_id)), limit=1).hits
        if not hits:
            return None
        return _loads(bytes(s.doc(hits[0][1])["doc"][0]))

    # -- writing ------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _writer_lock(self, *, timeout: float) -> Iterator[None]:
        """The exclusive file lock every writer of this directory takes first (threads, then processes)."""
        deadline = time.monotonic() + timeout
        with self._lock, open(self.path / _WRITER_LOCK, "a+") as fh:
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise IndexLocked(str(self.path)) from None
                    time.sleep(0.02)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def writer(self, *, timeout: float = 30.0, heap: int = 64_000_000, threads: int = 1) -> Iterator:
        """The single writer: an exclusive file lock first (processes), then tantivy's writer."""
        deadline = time.monotonic() + timeout
        with self._writer_lock(timeout=timeout):
            writer = None
            while writer is None:
                try:
                    writer = self.index.writer(heap, threads)
                except ValueError:
                    # tantivy's own lock may linger a moment after another process released ours
                    if time.monotonic() > deadline:
                        raise IndexLocked(str(self.path)) from None
                    time.sleep(0.02)
            try:
                yield writer
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                writer.rollback()
                raise
            finally:
                del writer
            self.reload()

    @staticmethod
    def apply(writer, *, upserts: Iterable[dict] = (), deletes: Iterable[int] = ()) -> int:
        n = 0
        # delete_documents_by_term does not match u64 terms in tantivy-py 0.27; a term query does
        for vacancy_id in deletes:
            writer.delete_documents_by_query(_term("id", int(vacancy_id)))
            n += 1
        for doc in upserts:
            writer.delete_documents_by_query(_term("id", int(doc["id"])))
            writer.add_document(_to_tantivy(doc))
            n += 1
        return n

    @staticmethod
    def replace_all(writer, docs: Iterable[dict]) -> int:
        writer.delete_all_documents()
        n = 0
        for doc in docs:
            writer.add_document(_to_tantivy(doc))
            n += 1
        return n

    # -- searching ----------------------------------------------------------------------------------

    def _queries(self, q: EngineQuery, now: datetime):
        """(words, units, exact, ranking, counting, with typos or None): ``_compiled`` for this engine's
        synonyms (``words`` a fresh list)."""
        keys, *forms = _compiled(q.text, self.synonyms)
        return [*keys], *forms

    def _expiry_needed(self, s, q: EngineQuery, now: datetime) -> bool:
        """Whether the index (as this searcher sees it) holds a vacancy that has expired by ``q``'s date.

        Expired vacancies leave the index when the nightly expiry runs (``vacancies_expire_due``); until
        then the expiry clause keeps them out of every result. Asked once per index version and day.
        """
        today = _today(q, now)
        key = (self._meta_stamp, s.num_docs, today)
        cached = self._expiry_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        expired = _Q.range_query(SCHEMA, "exp", tantivy.FieldType.Unsigned, 0, max(today - 1, 0))
        needed = today > 0 and s.search(expired, limit=1, count=True).count > 0
        self._expiry_cache = (key, needed)
        return needed

    @staticmethod
    def _with(core, q: EngineQuery, now: datetime, boosts: bool = False, exclude=None, expiry: bool = True):
        """The units of ``core`` (or every document), the filters, optional boosts and an exclusion."""
        clauses = [(_MUST, _all_of(core))] if core else [(_MUST, _const(_Q.all_query()))]
        clauses += _filter_clauses(q, now, expiry)
        if boosts:
            clauses += _boost_clauses(q, now)
        if exclude:
            clauses.append((_MUST_NOT, _all_of(exclude)))
        if len(clauses) == 1:
            return clauses[0][1]
        return _Q.boolean_query(clauses)

    def count(self, q: EngineQuery) -> int:
        now = q.now or datetime.now(UTC)
        s = self.searcher()
        _, _, _, _, counting, fuzzy = self._queries(q, now)
        x = self._expiry_needed(s, q, now)
        n = s.search(self._with(counting, q, now, expiry=x), limit=1, count=True).count
        if fuzzy is not None and n < FUZZY_BELOW:
            n = s.search(self._with(fuzzy, q, now, expiry=x), limit=1, count=True).count
        return n

    def search(self, q: EngineQuery) -> EngineResult:
        now = q.now or datetime.now(UTC)
        s = self.searcher()
        keys, units, exact, ranking, counting, fuzzy = self._queries(q, now)
        x = self._expiry_needed(s, q, now)
        limit = max(int(q.limit), 1)
        offset = max(int(q.offset), 0)
        hits: list[tuple[object, bool]] = []
        use_fuzzy = False
        count1: int | None = 0
        if exact is not None:
            ranked = q.sort not in ("date", "wage")
            if ranked:
                # with facets, the count comes from the facet aggregation (``_rank`` counts only when the
                # matches fit in its window), which lets tantivy skip low-scoring blocks of a single word
                count1, ranked_hits = self._rank(
                    s,
                    self._with(ranking, q, now, boosts=True, expiry=x),
                    offset,
                    limit,
                    now,
                    count=not q.facets,
                )
            else:
                count1 = s.search(self._with(counting, q, now, expiry=x), limit=1, count=True).count
            # typo-tolerant matches only when the exact ones are few (a precise query needs none); an
            # unknown count means more matches than the ranking window
            use_fuzzy = fuzzy is not None and count1 is not None and count1 < FUZZY_BELOW
        match_all = fuzzy if use_fuzzy else counting
        if exact is None or q.sort in ("date", "wage"):
            field = "wage" if q.sort == "wage" else "pub"
            r = s.search(
                self._with(match_all, q, now, expiry=x),
                limit=limit,
                offset=offset,
                count=True,
                order_by_field=field,
            )
            total = r.count
            hits = [(a, False) for _, a in r.hits]
        else:
            hits = [(a, False) for a in ranked_hits]
            total = count1
            if use_fuzzy:
                tier2 = self._with(fuzzy, q, now, boosts=True, exclude=counting, expiry=x)
                need = limit - len(hits)
                count2, typo_hits = self._rank(s, tier2, max(offset - count1, 0), max(need, 1), now)
                total += count2
                if need > 0:
                    hits += [(a, True) for a in typo_hits[:need]]
        facets, counted = (
            self._facets(s, match_all, q, now, x, exact=counting if use_fuzzy else None, empty=total == 0)
            if q.facets
            else ({}, None)
        )
        if total is None:
            total = counted
            if total is None:  # every facet is an active filter: no aggregation counted the matches
                total = s.search(self._with(match_all, q, now, expiry=x), limit=1, count=True).count
        unknown = []
        if total == 0 and units:
            unknown = [k for k, u in zip(keys, units, strict=False) if not self._known(s, u)]
        marker = None
        if q.highlight and units:
            marker = _Marker(
                {t for u in units for alt in u.alternatives for t in alt},
                {t for u in units for t in u.fuzzy} if use_fuzzy else set(),
            )
        out = []
        for address, typo in hits:
            doc = _loads(bytes(s.doc(address)["doc"][0]))
            title = doc.get("title") or ""
            if not q.highlight:
                title_html, snippet_html = html.escape(title), ""
            elif marker is not None:
                title_html, snippet_html = marker.mark(title), marker.snippet(doc.get("excerpt") or "")
            else:
                title_html = html.escape(title)
                snippet_html = html.escape(" ".join((doc.get("excerpt") or "").split())[:160])
            out.append(
                Hit(
                    id=int(doc["id"]),
                    score=0.0,
                    doc=doc,
                    title_html=title_html,
                    snippet_html=snippet_html,
                    typo_match=typo,
                )
            )
        return EngineResult(total=total, hits=out, facets=facets, words=keys, unknown_words=unknown)

    @staticmethod
    def _rank(
        s, query, offset: int, limit: int, now: datetime, count: bool = True
    ) -> tuple[int | None, list]:
        """Top matches by text score (+ county bonus), the best ``RERANK_WINDOW`` re-ranked with recency.

        The number of matches comes first; with ``count=False`` it is known only when they all fit in the
        window (else None), and tantivy may skip blocks of documents that cannot reach the window.
        """
        window = max(RERANK_WINDOW, offset + limit)
        r = s.search(query, limit=window, count=count)
        hits = r.hits  # a property that converts every time: read it once
        n = r.count if count else (len(hits) if len(hits) < window else None)
        if not hits:
            return n, []
        addresses = [a for _, a in hits]
        scores = [score for score, _ in hits]
        pubs = s.fast_field_values("pub", addresses)
        t = int(now.timestamp())
        # the recency bonus (module docstring), computed inline: this runs for 100 matches of every search
        week, month = t - 7 * 86400, t - 30 * 86400
        keys = [
            (
                -(
                    score
                    + ((RECENCY_7_DAYS if pub >= week else 0.0) + (RECENCY_30_DAYS if pub >= month else 0.0))
                )
                if pub
                else -score,
                -(pub or 0),
            )
            for score, pub in zip(scores, pubs, strict=True)
        ]
        order = sorted(range(len(addresses)), key=keys.__getitem__)
        return n, [addresses[i] for i in order[offset : offset + limit]]

    @staticmethod
    def _known(s, unit: _Unit) -> bool:
        for alternative in unit.alternatives:
            if all(s.doc_freq("body", t) > 0 for t in alternative):
                return True
        return False

    def _facets(
        self, s, core, q: EngineQuery, now: datetime, expiry: bool = True, exact=None, empty: bool = False
    ) -> tuple[dict[str, dict[str, int]], int | None]:
        """Counts per value of each filter, each computed with every *other* filter applied; and the number
        of matches of ``q`` itself (every document has one value of each combined field), or None when
        every facet is an active filter.

        ``core`` is what ``q`` matched with. When that is the typo-tolerant form, ``exact`` is the exact one:
        an active filter's counts (``q`` without that filter) then follow the rule the search itself
        follows, exact matches unless they are fewer than ``FUZZY_BELOW``, so that they give what choosing
        a value would show. ``empty``: ``q`` is known to match nothing (its own counts are all empty).
        """
        active = [name for name in q.active_filters() if name in FACET_NAMES]
        # the query as it is gives every facet but the active filters' (and "within N days")
        requests: list[tuple[EngineQuery, set[str]]] = [(q, set(FACET_NAMES) - set(active))]
        requests += [(q.without(name), {name}) for name in active]
        facets: dict[str, dict[str, int]] = {}
        counted = None
        for query, names in requests:
            if query is q and empty:  # nothing to count: every value of every facet has none
                facets.update({name: {} for name in names})
                facets["within_days"] = {}
                counted = 0
                continue
            wanted = {"flags" if name in _FLAG_FACETS else name for name in names}
            agg: dict = {
                field: {"terms": {"field": field, "size": _COMBINED_SIZE}}
                for field, parts in _COMBINED_FACETS.items()
                if wanted.intersection(parts)
            }
            if query is q:
                t = int(now.timestamp())
                edges = [t - d * 86400 for d in sorted(_WITHIN_BUCKETS, reverse=True)]  # 30, 7, 1 days ago
                ranges = [
                    {"key": str(i), "from": lo, "to": hi}
                    for i, (lo, hi) in enumerate(itertools.pairwise(edges))
                ]
                ranges.append({"key": str(len(edges) - 1), "from": edges[-1]})
                agg["within_days"] = {"range": {"field": "pub", "ranges": ranges}}
            result = None
            if exact is not None and query is not q:
                result = s.aggregate(self._with(exact, query, now, expiry=expiry), agg)
                if _matched(result) < FUZZY_BELOW:
                    result = None
            if result is None:
                result = s.aggregate(self._with(core, query, now, expiry=expiry), agg)
            for field, parts in _COMBINED_FACETS.items():
                if field not in result:
                    continue
                counts, n = _split_combined(result[field], parts)
                if query is q:
                    counted = n
                if "flags" in counts:
                    flags = counts.pop("flags")
                    counts.update({name: _flag_counts(flags, i) for i, name in enumerate(_FLAG_FACETS)})
                facets.update({name: n for name, n in counts.items() if name in names})
            if "within_days" in result:
                buckets = _cumulative(result["within_days"])
                facets["within_days"] = {
                    str(b["key"]): int(b["doc_count"]) for b in buckets if int(b.get("doc_count", 0)) > 0
                }
        if "within_days" in q.active_filters():
            base = q.without("within_days")
            facets["within_days"] = {}
            for d in _WITHIN_BUCKETS:
                n = self.count(dataclasses.replace(base, within_days=d, now=now))
                if n:
                    facets["within_days"][str(d)] = n
        return facets, counted

    # -- spelling -----------------------------------------------------------------------------------

    def spelling(self, word_key: str) -> str | None:
        """A word from the indexed titles within two edits of ``word_key`` (for "did you mean")."""
        if len(word_key) < 3:
            return None
        s = self.searcher()
        target = stem(word_key)
        query = _Q.fuzzy_term_query(SCHEMA, "title", target, distance=2)
        best: tuple[int, str] | None = None
        for _, address in s.search(query, limit=20, count=False).hits:
            doc = _loads(bytes(s.doc(address)["doc"][0]))
            for raw in (doc.get("title") or "").split():
                keys = word_keys(raw)
                if not keys:
                    continue
                candidate = stem("".join(keys))
                distance = _distance(candidate, target)
                shown = normalize_text(raw.strip("()[]«»،,.:؛"))
                if 0 < distance <= 2 and (best is None or (distance, shown) < best):
                    best = (distance, shown)
        return best[1] if best else None


#: More than the values a combined facet field can take (every county of Iran × 11 occupation groups).
_COMBINED_SIZE = 20_000


def _split_combined(value: dict, names: tuple[str, str]) -> tuple[dict[str, dict[str, int]], int]:
    """A terms aggregation over a combined field ("a|b") → ({name: {value: count}}, the documents counted);
    empty values left out of the counts."""
    total = 0
    first: dict[str, int] = {}
    second: dict[str, int] = {}
    for bucket in value.get("buckets", []):
        n = bucket["doc_count"]
        if n > 0:
            total += n
            a, _, b = str(bucket["key"]).partition("|")
            if a:
                first[a] = first.get(a, 0) + n
            if b:
                second[b] = second.get(b, 0) + n
    return {names[0]: first, names[1]: second}, total


def _matched(result: dict) -> int:
    """The documents an aggregation counted (every document has one value of each combined field)."""
    for field, parts in _COMBINED_FACETS.items():
        if field in result:
            return _split_combined(result[field], parts)[1]
    return 0


def _flag_counts(flags: dict[str, int], i: int) -> dict[str, int]:
    """The counts of one yes/no filter ("0", "1") from the counts of the flag strings ("010", …)."""
    out: dict[str, int] = {}
    for key, n in flags.items():
        if i < len(key):
            out[key[i]] = out.get(key[i], 0) + n
    return out


def _cumulative(value: dict) -> list[dict]:
    """Non-overlapping range buckets (30–7, 7–1, 1–0 days ago) → "within N days" counts."""
    buckets = value.get("buckets", [])
    if isinstance(buckets, dict):
        buckets = [dict(b, key=k) for k, b in buckets.items()]
    by_index = {int(b["key"]): int(b.get("doc_count", 0)) for b in buckets if str(b["key"]).isdigit()}
    days = sorted(_WITHIN_BUCKETS, reverse=True)
    out = []
    for i, d in enumerate(days):
        out.append({"key": str(d), "doc_count": sum(n for j, n in by_index.items() if j >= i)})
    return out


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def within_days_since(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)
