"""Idempotent table synchronisation used by the reference-data loaders.

``sync_rows`` compares the wanted rows with the rows in the database by a natural key and creates,
updates or deletes only what differs, so re-running a load changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Model, ProtectedError, QuerySet


@dataclass
class SyncResult:
    name: str
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: bool = False  # the content hash matched: nothing was compared

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted

    def add(self, other: SyncResult) -> SyncResult:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        self.unchanged += other.unchanged
        return self

    def __str__(self) -> str:
        if self.skipped:
            return f"{self.name}: unchanged (content hash matches)"
        return (
            f"{self.name}: {self.created} created, {self.updated} updated, "
            f"{self.deleted} deleted, {self.unchanged} unchanged"
        )


def sync_rows(
    queryset: QuerySet,
    key: Sequence[str],
    rows: Iterable[dict],
    *,
    name: str,
    delete_missing: bool = True,
    batch_size: int = 2000,
) -> SyncResult:
    """Make ``queryset`` hold exactly ``rows`` (dicts of field attnames → values), keyed by ``key``."""
    model: type[Model] = queryset.model
    rows = list(rows)
    result = SyncResult(name)
    if not rows and not delete_missing:
        return result
    fields = sorted({field for row in rows for field in row} - set(key))
    existing = {tuple(values[k] for k in key): values for values in queryset.values("pk", *key, *fields)}
    to_create: list[Model] = []
    to_update: list[Model] = []
    seen: set[tuple] = set()
    for row in rows:
        row_key = tuple(row[k] for k in key)
        seen.add(row_key)
        current = existing.get(row_key)
        if current is None:
            to_create.append(model(**row))
        elif any(current[f] != row.get(f, current[f]) for f in fields):
            to_update.append(model(pk=current["pk"], **row))
        else:
            result.unchanged += 1
    if to_create:
        model.objects.bulk_create(to_create, batch_size=batch_size)
        result.created = len(to_create)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=batch_size)
        result.updated = len(to_update)
    if delete_missing:
        stale = [values["pk"] for row_key, values in existing.items() if row_key not in seen]
        for start in range(0, len(stale), batch_size):
            chunk = stale[start : start + batch_size]
            try:
                deleted, _ = model.objects.filter(pk__in=chunk).delete()
            except ProtectedError:
                continue  # still referenced by other data; keep it rather than break references
            result.deleted += len(chunk) if deleted else 0
    return result


def file_digest(paths: Iterable[Path], *, salt: str = "") -> str:
    digest = hashlib.sha256(salt.encode())
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
