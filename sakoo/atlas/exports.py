"""Downloads of every map's data: CSV (manifest as leading ``#`` comment rows), XLSX (a second sheet
"manifest") and GeoJSON (a top-level ``manifest`` member). The table is the same as the page's table."""

from __future__ import annotations

import csv
import io
import json

from sakoo.atlas.layers import MapData

COLUMNS = [
    "code",
    "name_fa",
    "name_en",
    "value",
    "numerator",
    "denominator",
    "ci_low",
    "ci_high",
    "smoothed",
    "reliable",
    "suppressed",
    "change",
    "class",
    "counties",
    "note",
]


def _round(value, places=4):
    return None if value is None else round(value, places)


def rows_of(data: MapData) -> list[dict]:
    out = []
    for r in data.rows:
        out.append(
            {
                "code": r.code,
                "name_fa": r.name_fa,
                "name_en": r.name_en,
                "value": _round(r.value),
                "numerator": r.numerator,
                "denominator": r.denominator,
                "ci_low": _round(r.ci_low),
                "ci_high": _round(r.ci_high),
                "smoothed": _round(r.smoothed),
                "reliable": r.reliable,
                "suppressed": r.suppressed,
                "change": _round(r.change),
                "class": r.class_index,
                "counties": " ".join(r.county_codes),
                "note": str(r.note),
            }
        )
    return out


def _manifest(data: MapData) -> dict:
    manifest = {
        k: (str(v) if v is not None and not isinstance(v, list | bool | int | float) else v)
        for k, v in data.manifest().items()
    }
    manifest["province_value"] = _round(data.province_value)
    manifest["columns"] = (
        "value in the unit above; ci_low/ci_high: 95% Wilson interval; smoothed: empirical-Bayes rate; "
        "change: from the previous month (percentage points for percents); class: colour class from 0"
    )
    return manifest


def to_csv(data: MapData) -> str:
    """UTF-8 CSV; the manifest comes first as ``# key: value`` comment rows, then the header row."""
    buffer = io.StringIO()
    for key, value in _manifest(data).items():
        buffer.write(f"# {key}: {'' if value is None else value}\n")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows_of(data):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buffer.getvalue()


def to_xlsx(data: MapData) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    sheet.sheet_view.rightToLeft = True
    sheet.append(COLUMNS)
    for row in rows_of(data):
        sheet.append([row[c] for c in COLUMNS])
    manifest = workbook.create_sheet("manifest")
    manifest.append(["key", "value"])
    for key, value in _manifest(data).items():
        manifest.append([key, json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _merge(geometries: list[dict]) -> dict | None:
    polygons = []
    for g in geometries:
        if g.get("type") == "Polygon":
            polygons.append(g["coordinates"])
        elif g.get("type") == "MultiPolygon":
            polygons.extend(g["coordinates"])
    if not polygons:
        return None
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def to_geojson(data: MapData, boundaries: dict[str, dict] | None = None) -> dict:
    from sakoo.atlas.presentation import _boundaries

    boundaries = boundaries if boundaries is not None else _boundaries(data.province.code)
    features = []
    for row, props in zip(data.rows, rows_of(data), strict=True):
        props["colour"] = row.colour
        features.append(
            {
                "type": "Feature",
                "id": row.code,
                "properties": props,
                "geometry": _merge([boundaries[c] for c in row.county_codes if c in boundaries]),
            }
        )
    return {"type": "FeatureCollection", "manifest": _manifest(data), "features": features}
