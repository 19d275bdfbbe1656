"""Load ISCO-08 (Iran), ISIC Rev.4 (Iran) and the ILO generative-AI exposure scores, idempotently."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from sakoo.classifications.models import EconomicActivity, GenAIExposure, Occupation
from sakoo.geo.models import ReferenceDataset
from sakoo.geo.sync import SyncResult, file_digest, sync_rows

DATA_DIR = Path(__file__).resolve().parent / "data"
LOADER_VERSION = "classifications-1"
ISCO_FILE = DATA_DIR / "isco08-fa.csv"
ISIC_FILE = DATA_DIR / "isic4-fa.csv"
GENAI_FILE = DATA_DIR / "genai-exposure-isco08.csv"

GRADIENTS = {
    "Not Exposed": "not_exposed",
    "Minimal Exposure": "minimal",
    "Exposed: Gradient 1": "gradient_1",
    "Exposed: Gradient 2": "gradient_2",
    "Exposed: Gradient 3": "gradient_3",
    "Exposed: Gradient 4": "gradient_4",
}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _titles(record: dict[str, str]) -> dict[str, str]:
    from sakoo.core.text import normalize_text, search_key

    title_fa = normalize_text(record.get("title_fa") or "", multiline=False)
    title_en = " ".join((record.get("title_en") or "").split())
    return {
        "title_fa": title_fa,
        "title_en": title_en,
        "search_key": search_key(f"{record['code']} {title_fa} {title_en}").strip()[:600],
    }


def _fast_path(name: str, paths: list[Path], count: int, force: bool) -> tuple[bool, str]:
    digest = file_digest(paths, salt=LOADER_VERSION)
    if force:
        return False, digest
    record = ReferenceDataset.objects.filter(name=name).first()
    return bool(record and record.sha256 == digest and record.rows == count), digest


def _sync_by_level(model, rows: list[dict], parent_of: dict[str, str], name: str) -> SyncResult:
    """Create level by level so that each level's parents exist; parent_id from the code map."""
    result = SyncResult(name)
    levels = sorted({row["level"] for row in rows})
    for level in levels:
        ids = dict(model.objects.values_list("code", "pk"))
        level_rows = []
        for row in rows:
            if row["level"] != level:
                continue
            parent_code = parent_of.get(row["code"])
            level_rows.append({**row, "parent_id": ids.get(parent_code) if parent_code else None})
        result.add(
            sync_rows(
                model.objects.filter(level=level), ["code"], level_rows, name=name, delete_missing=False
            )
        )
    # Delete codes no longer shipped, deepest level first (PROTECTed ones referenced elsewhere stay).
    wanted = {row["code"] for row in rows}
    for level in sorted(levels, reverse=True):
        stale = model.objects.filter(level=level).exclude(code__in=wanted)
        result.add(sync_rows(stale, ["code"], [], name=name, delete_missing=True))
    return result


def load_occupations(*, force: bool = False) -> SyncResult:
    name = "classifications.occupations"
    skip, digest = _fast_path(
        name, [ISCO_FILE, GENAI_FILE], Occupation.objects.count() + GenAIExposure.objects.count(), force
    )
    if skip:
        return SyncResult(name, skipped=True)
    exposure_rows = [
        {
            "isco08": record["isco08"].strip(),
            "title_en": record["title_en"].strip(),
            "tasks": int(record["tasks"]),
            "mean_score": float(record["mean_score_2025"]),
            "sd_score": float(record["sd_score_2025"]),
            "exposure": GRADIENTS[record["exposure_gradient"].strip()],
        }
        for record in _read_csv(GENAI_FILE)
    ]
    exposure = {row["isco08"]: row for row in exposure_rows}
    rows, parent_of = [], {}
    for record in _read_csv(ISCO_FILE):
        code = record["code"].strip()
        level = int(record["level"])
        scored = exposure.get(code) if level == 4 else None
        rows.append(
            {
                "code": code,
                "level": level,
                **_titles(record),
                "is_it": level == 4 and code[:2] in ("25", "35"),
                "genai_tasks": scored["tasks"] if scored else None,
                "genai_mean_score": scored["mean_score"] if scored else None,
                "genai_sd_score": scored["sd_score"] if scored else None,
                "genai_exposure": scored["exposure"] if scored else "",
            }
        )
        if level > 1:
            parent_of[code] = code[:-1]
    with transaction.atomic():
        result = _sync_by_level(Occupation, rows, parent_of, name)
        result.add(sync_rows(GenAIExposure.objects.all(), ["isco08"], exposure_rows, name=name))
        ReferenceDataset.objects.update_or_create(
            name=name, defaults={"sha256": digest, "rows": len(rows) + len(exposure_rows)}
        )
    return result


def load_activities(*, force: bool = False) -> SyncResult:
    name = "classifications.activities"
    skip, digest = _fast_path(name, [ISIC_FILE], EconomicActivity.objects.count(), force)
    if skip:
        return SyncResult(name, skipped=True)
    rows, parent_of = [], {}
    section = None
    for record in _read_csv(ISIC_FILE):
        code = record["code"].strip()
        level = int(record["level"])
        rows.append({"code": code, "level": level, **_titles(record)})
        if level == 1:
            section = code  # divisions follow their section in the file
        elif level == 2:
            parent_of[code] = section
        else:
            parent_of[code] = code[:-1]
    with transaction.atomic():
        result = _sync_by_level(EconomicActivity, rows, parent_of, name)
        ReferenceDataset.objects.update_or_create(name=name, defaults={"sha256": digest, "rows": len(rows)})
    return result


def load_classifications(*, force: bool = False) -> list[SyncResult]:
    return [load_occupations(force=force), load_activities(force=force)]
