"""Keeping the search index in step with the database (the single source of truth).

* ``index_vacancy(vacancy_id)`` / ``remove_vacancy(vacancy_id)``: called by the vacancy services inside their
  transaction. They write an :class:`IndexQueueEntry` in that same transaction (so the change can never be
  lost) and, after commit, process the queue at once under the single-writer lock.
* ``process_search_queue()``: the backstop (command and django-task) and the after-commit step.
* ``rebuild_search_index()`` and ``check_search_index()``: the whole index from/against the database.

An entry never says *what* to do: processing reads the vacancy from the database and indexes it if it is
public (published, employer verified) or removes it otherwise, so entries are idempotent and their order
does not matter.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import UTC

from django.conf import settings
from django.db import transaction

from sakoo.search.engine import Engine, IndexLocked, Synonyms, fingerprint
from sakoo.search.models import IndexQueueEntry, SynonymGroup

logger = logging.getLogger(__name__)

__all__ = [
    "check_search_index",
    "get_engine",
    "index_employer",
    "index_vacancy",
    "process_search_queue",
    "rebuild_search_index",
    "remove_vacancy",
    "reset_engine",
    "vacancy_documents",
]

SYNONYM_REFRESH_SECONDS = 60.0
_engine_lock = threading.Lock()
_engine: Engine | None = None
_engine_path = None
_synonyms_loaded_at = 0.0


def _load_synonyms() -> Synonyms:
    groups = [g.members() for g in SynonymGroup.objects.filter(active=True)]
    return Synonyms(groups)


def get_engine() -> Engine:
    """The process's engine for ``settings.SEARCH_INDEX_DIR`` (synonyms refreshed every minute)."""
    global _engine, _engine_path, _synonyms_loaded_at
    path = settings.SEARCH_INDEX_DIR
    with _engine_lock:
        if _engine is None or _engine_path != str(path):
            _engine = Engine(path)
            _engine_path = str(path)
            _synonyms_loaded_at = 0.0
        if time.monotonic() - _synonyms_loaded_at > SYNONYM_REFRESH_SECONDS:
            _engine.synonyms = _load_synonyms()
            _synonyms_loaded_at = time.monotonic()
        return _engine


def reset_engine() -> None:
    """Forget the cached engine and synonyms (tests; after changing SEARCH_INDEX_DIR)."""
    global _engine, _engine_path
    with _engine_lock:
        _engine = None
        _engine_path = None


# --------------------------------------------------------------------------------------------------
# Database → documents
# --------------------------------------------------------------------------------------------------

_VALUES = (
    "id",
    "title",
    "description",
    "employer__name",
    "occupation__code",
    "occupation__title_fa",
    "county__code",
    "county__name_fa",
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


def _public_vacancies():
    from sakoo.vacancies.models import Vacancy, VacancyStatus

    return Vacancy.objects.filter(status=VacancyStatus.PUBLISHED, employer__verified_at__isnull=False)


def _document(row: tuple) -> dict:
    v = dict(zip(_VALUES, row, strict=True))
    published = v["published_at"]
    return {
        "id": v["id"],
        "title": v["title"],
        "description": v["description"],
        "employer_name": v["employer__name"],
        "occupation_code": v["occupation__code"] or "",
        "occupation_title": v["occupation__title_fa"] or "",
        "county_code": v["county__code"],
        "county_name": v["county__name_fa"],
        "city": v["city"] or "",
        "contract_type": v["contract_type"],
        "remote": v["remote"],
        "wage_min": v["wage_min"],
        "wage_max": v["wage_max"],
        "education_required": v["education_required"] or "",
        "is_it": bool(v["is_it"]),
        "is_knowledge_based": bool(v["is_knowledge_based"]),
        "is_graduate_targeted": bool(v["is_graduate_targeted"]),
        "published_at": published.astimezone(UTC).isoformat() if published else None,
        "expires_on": v["expires_on"].isoformat() if v["expires_on"] else None,
        "openings": v["openings"],
    }


def vacancy_documents(ids: Iterable[int] | None = None, *, chunk: int = 5000) -> Iterator[dict]:
    """Index documents of the public vacancies (all, or those among ``ids``), in id order."""
    qs = _public_vacancies().order_by("id")
    if ids is not None:
        ids = sorted(set(ids))
        for start in range(0, len(ids), 900):
            for row in qs.filter(id__in=ids[start : start + 900]).values_list(*_VALUES):
                yield _document(row)
        return
    last = 0
    while True:
        rows = list(qs.filter(id__gt=last).values_list(*_VALUES)[:chunk])
        if not rows:
            return
        for row in rows:
            yield _document(row)
        last = rows[-1][0]


# --------------------------------------------------------------------------------------------------
# The queue
# --------------------------------------------------------------------------------------------------


def _enqueue(vacancy_ids: Iterable[int]) -> None:
    entries = [IndexQueueEntry(vacancy_id=int(i)) for i in vacancy_ids]
    if not entries:
        return
    IndexQueueEntry.objects.bulk_create(entries)
    transaction.on_commit(_process_after_commit, robust=True)


def _process_after_commit() -> None:
    try:
        process_search_queue(timeout=5.0)
    except IndexLocked:
        logger.info("search index busy; the queue will be processed by the backstop")


def index_vacancy(vacancy_id: int) -> None:
    """Bring one vacancy's index entry in step with the database (after the current transaction commits).

    Call it inside the transaction that changes the vacancy (publish, edit, close, expire…): the queue
    entry is part of that transaction. Whether the vacancy is added, updated or removed is decided from
    the database when the entry is processed.
    """
    _enqueue([vacancy_id])


def remove_vacancy(vacancy_id: int) -> None:
    """Same as :func:`index_vacancy`: a closed, filled or deleted vacancy leaves the index."""
    _enqueue([vacancy_id])


def index_employer(employer_id: int) -> None:
    """Re-index every vacancy of an employer (after verification, un-verification or a rename)."""
    from sakoo.vacancies.models import Vacancy

    _enqueue(Vacancy.objects.filter(employer_id=employer_id).values_list("id", flat=True))


def process_search_queue(*, timeout: float = 30.0, batch: int = 5000) -> int:
    """Apply queued changes to the index. Returns the number of queue entries processed."""
    engine = get_engine()
    done = 0
    while True:
        with engine.writer(timeout=timeout) as writer:
            entries = list(IndexQueueEntry.objects.order_by("id").values_list("id", "vacancy_id")[:batch])
            if not entries:
                return done
            ids = {vacancy_id for _, vacancy_id in entries}
            docs = list(vacancy_documents(ids))
            public = {d["id"] for d in docs}
            Engine.apply(writer, upserts=docs, deletes=ids - public)
        # only after the index has committed; by primary key, so entries committed meanwhile stay
        pks = [pk for pk, _ in entries]
        for start in range(0, len(pks), 900):
            IndexQueueEntry.objects.filter(pk__in=pks[start : start + 900]).delete()
        done += len(entries)
        if len(entries) < batch:
            return done


def rebuild_search_index(*, threads: int = 1) -> int:
    """Rebuild the whole index from the database. Returns the number of documents indexed.

    One indexing thread writes one segment (200,000 vacancies fit in the 256 MB budget): a search then
    walks one posting list per term and one column per facet instead of one per thread's segment.
    """
    engine = get_engine()
    with engine.writer(timeout=300.0, heap=256_000_000, threads=threads) as writer:
        # entries visible now are covered by what we read below; later ones are processed afterwards
        covered = list(IndexQueueEntry.objects.values_list("id", flat=True))
        n = Engine.replace_all(writer, vacancy_documents())
    for start in range(0, len(covered), 900):
        IndexQueueEntry.objects.filter(pk__in=covered[start : start + 900]).delete()
    process_search_queue()
    return n


def check_search_index() -> dict[str, list[int]]:
    """Differences between the index and the database: ``missing``, ``stale`` and ``extra`` vacancy ids."""
    engine = get_engine()
    engine.reload()
    in_index = engine.fingerprints()
    missing, stale = [], []
    seen = set()
    for doc in vacancy_documents():
        seen.add(doc["id"])
        stamp = in_index.get(doc["id"])
        if stamp is None:
            missing.append(doc["id"])
        elif stamp != fingerprint(doc):
            stale.append(doc["id"])
    extra = sorted(set(in_index) - seen)
    return {"missing": missing, "stale": stale, "extra": extra}
