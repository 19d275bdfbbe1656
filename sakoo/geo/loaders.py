"""Load the shipped geography and census files (sakoo/geo/data) into the database, idempotently.

Each dataset is skipped when its files' content hash (plus ``LOADER_VERSION``) matches the last load and
the table still holds the rows then loaded; otherwise rows are compared by natural key and only what
differs is written (see sakoo.geo.sync). Everything happens inside one transaction per dataset.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from django.db import transaction

from sakoo.geo.models import (
    CensusActivity,
    CensusPopulation,
    County,
    CountyVersion,
    Province,
    ReferenceDataset,
)
from sakoo.geo.sync import SyncResult, file_digest, sync_rows

DATA_DIR = Path(__file__).resolve().parent / "data"
LOADER_VERSION = "geo-1"

PROVINCES_FILE = DATA_DIR / "iran-provinces.geojson"
COUNTIES_FILE = DATA_DIR / "iran-counties.geojson"
NEIGHBOURS_FILE = DATA_DIR / "county-neighbours.csv"
VERSIONS_DIR = DATA_DIR / "county-versions"
ACTIVITY_FILE = DATA_DIR / "census2016-activity-by-county.csv"
POPULATION_FILE = DATA_DIR / "census2016-population-by-county.csv"

#: Census CSV education columns → CensusEducation values.
EDUCATION_COLUMNS = {
    "Elementary school": "elementary",
    "Middle school": "middle",
    "High school": "high_school",
    "College": "college",
    "Higher education": "higher",
    "Other education": "other",
    "Illitrate": "illiterate",  # sic, as in the source
    "Unknown": "unknown",
}
SEX_VALUES = {"Male": "male", "Female": "female"}
STATUS_VALUES = {"Active": "active", "Unemployed": "unemployed"}


def _text():
    from sakoo.core import text

    return text


def _norm(value: str | None) -> str:
    return _text().normalize_text(value or "", multiline=False)


def name_match_key(value: str) -> str:
    """A loose key to match county names across sources (آ/ا, spaces and ZWNJ ignored)."""
    key = _text().search_key(value or "")
    return re.sub(r"\s+", "", key.replace("آ", "ا"))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _read_json(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _fast_path(name: str, paths: list[Path], counter: Callable[[], int], force: bool) -> tuple[bool, str]:
    digest = file_digest(paths, salt=LOADER_VERSION)
    if force:
        return False, digest
    record = ReferenceDataset.objects.filter(name=name).first()
    return bool(record and record.sha256 == digest and record.rows == counter()), digest


def _remember(name: str, digest: str, rows: int) -> None:
    ReferenceDataset.objects.update_or_create(name=name, defaults={"sha256": digest, "rows": rows})


# --- geometry helpers -------------------------------------------------------------------------------


def _ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid (x, y) of a closed ring, planar in lon/lat (fine at county scale)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area, cx / (6 * area), cy / (6 * area)


def geometry_centroid(geometry: dict | None) -> tuple[float | None, float | None]:
    """Area-weighted centroid (lat, lon) of a GeoJSON Polygon or MultiPolygon, rounded to 1e-4."""
    if not geometry:
        return None, None
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    total = sx = sy = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            area, x, y = _ring_area_centroid(ring)
            area = abs(area) * (1 if index == 0 else -1)  # holes subtract
            total += area
            sx += x * area
            sy += y * area
    if total == 0:
        return None, None
    return round(sy / total, 4), round(sx / total, 4)


# --- provinces --------------------------------------------------------------------------------------


def load_provinces(*, force: bool = False) -> SyncResult:
    name = "geo.provinces"
    skip, digest = _fast_path(name, [PROVINCES_FILE], Province.objects.count, force)
    if skip:
        return SyncResult(name, skipped=True)
    rows = []
    for feature in _read_json(PROVINCES_FILE)["features"]:
        props = feature["properties"]
        rows.append(
            {
                "code": props["province_code"],
                "iso3166_2": props.get("iso3166_2") or f"IR-{props['province_code']}",
                "name_fa": _norm(props["name_fa"]),
                "name_en": props.get("name_en") or "",
                "boundary": feature["geometry"],
            }
        )
    with transaction.atomic():
        result = sync_rows(Province.objects.all(), ["code"], rows, name=name, delete_missing=True)
        _remember(name, digest, len(rows))
    return result


# --- county versions --------------------------------------------------------------------------------


def _version_rows() -> list[dict]:
    rows = []
    for path in sorted(VERSIONS_DIR.glob("*_counties_versions.csv")):
        province_code = path.name[:2]
        for record in _read_csv(path):
            code = record["ID"].strip()
            for year, value in record.items():
                if year == "ID" or not (value or "").strip():
                    continue
                rows.append(
                    {"province_code": province_code, "code": code, "year": int(year), "name": _norm(value)}
                )
    return rows


def load_county_versions(*, force: bool = False) -> SyncResult:
    name = "geo.county_versions"
    paths = sorted(VERSIONS_DIR.glob("*_counties_versions.csv"))
    skip, digest = _fast_path(name, paths, CountyVersion.objects.count, force)
    if skip:
        return SyncResult(name, skipped=True)
    rows = _version_rows()
    with transaction.atomic():
        result = sync_rows(CountyVersion.objects.all(), ["code", "year"], rows, name=name)
        _remember(name, digest, len(rows))
    return result


# --- counties ---------------------------------------------------------------------------------------


def assign_county_codes(features: list[dict], versions: list[dict]) -> dict[int, str]:
    """SCI four-digit code per OSM relation.

    1. the county's census-2016 code where it existed in 2016;
    2. else the code in the county-versions table whose name (normalised) matches inside the province
       and that no other county holds (Hurand هوراند → 0327);
    3. else a stable fallback: the province code + the highest two-digit number unused in that
       province's versions table and by other counties (99, 98, …), in order of OSM relation id.
    """
    codes: dict[int, str] = {}
    for feature in features:
        props = feature["properties"]
        if props.get("census2016_code"):
            codes[props["osm_relation"]] = props["census2016_code"]
    taken = set(codes.values())
    by_name: dict[tuple[str, str], list[tuple[int, str]]] = {}
    known_codes: set[str] = set()
    for version in versions:
        known_codes.add(version["code"])
        by_name.setdefault((version["province_code"], name_match_key(version["name"])), []).append(
            (version["year"], version["code"])
        )
    pending = sorted(
        (f["properties"] for f in features if f["properties"]["osm_relation"] not in codes),
        key=lambda p: p["osm_relation"],
    )
    unresolved = []
    for props in pending:
        candidates = by_name.get((props["province_code"], name_match_key(props["name_fa"])), [])
        # latest year first, then code
        for _year, code in sorted(candidates, key=lambda c: (-c[0], c[1])):
            if code not in taken:
                codes[props["osm_relation"]] = code
                taken.add(code)
                break
        else:
            unresolved.append(props)
    for props in unresolved:
        province = props["province_code"]
        for number in range(99, 0, -1):
            code = f"{province}{number:02d}"
            if code not in taken and code not in known_codes:
                codes[props["osm_relation"]] = code
                taken.add(code)
                break
    return codes


def _county_rows(features: list[dict], versions: list[dict], census_units: dict[str, set[str]]):
    provinces = dict(Province.objects.values_list("code", "pk"))
    codes = assign_county_codes(features, versions)
    rows = []
    for feature in features:
        props = feature["properties"]
        geometry = feature["geometry"]
        lat, lon = geometry_centroid(geometry)
        census_code = props.get("census2016_code") or ""
        parent = "" if census_code else (props.get("census2016_parent") or "")
        if not census_code and not parent:
            # No parent found by overlap: if the province had a single 2016 census unit, it is that one.
            units = census_units.get(props["province_code"], set())
            if len(units) == 1:
                parent = next(iter(units))
        name_fa = _norm(props["name_fa"])
        rows.append(
            {
                "code": codes[props["osm_relation"]],
                "province_id": provinces[props["province_code"]],
                "name_fa": name_fa,
                "name_en": (props.get("name_en") or "").strip(),
                "search_key": _text().search_key(f"{name_fa} {props.get('name_en') or ''}").strip(),
                "osm_relation": int(props["osm_relation"]),
                "wikidata": props.get("wikidata") or "",
                "census2016_code": census_code,
                "census2016_parent_code": parent,
                "boundary": geometry,
                "centroid_lat": lat,
                "centroid_lon": lon,
            }
        )
    return rows


def _census_units() -> dict[str, set[str]]:
    units: dict[str, set[str]] = {}
    for record in _read_csv(ACTIVITY_FILE):
        units.setdefault(record["province_code"], set()).add(record["county_code"])
    return units


def load_counties(*, force: bool = False) -> list[SyncResult]:
    """Counties with boundaries, centroids and census-2016 codes, then their neighbours."""
    name = "geo.counties"
    paths = [COUNTIES_FILE, NEIGHBOURS_FILE, ACTIVITY_FILE, *sorted(VERSIONS_DIR.glob("*.csv"))]
    through = County.neighbours.through
    skip, digest = _fast_path(name, paths, lambda: County.objects.count() + through.objects.count(), force)
    if skip:
        return [SyncResult(name, skipped=True)]
    features = _read_json(COUNTIES_FILE)["features"]
    rows = _county_rows(features, _version_rows(), _census_units())
    with transaction.atomic():
        # Counties are referenced by other apps: never delete them here.
        result = sync_rows(County.objects.all(), ["osm_relation"], rows, name=name, delete_missing=False)
        neighbours = _sync_neighbours()
        _remember(name, digest, County.objects.count() + through.objects.count())
    return [result, neighbours]


def _sync_neighbours() -> SyncResult:
    through = County.neighbours.through
    ids = dict(County.objects.values_list("osm_relation", "pk"))
    wanted: set[tuple[int, int]] = set()
    for record in _read_csv(NEIGHBOURS_FILE):
        a = ids.get(int(record["osm_relation_a"]))
        b = ids.get(int(record["osm_relation_b"]))
        if a and b and a != b:
            wanted.add((a, b))
            wanted.add((b, a))
    existing = {
        (row["from_county_id"], row["to_county_id"]): row["pk"]
        for row in through.objects.values("pk", "from_county_id", "to_county_id")
    }
    result = SyncResult("geo.neighbours (pairs, both directions)")
    missing = [through(from_county_id=a, to_county_id=b) for (a, b) in sorted(wanted - existing.keys())]
    through.objects.bulk_create(missing, batch_size=2000)
    stale = [pk for pair, pk in existing.items() if pair not in wanted]
    if stale:
        through.objects.filter(pk__in=stale).delete()
    result.created, result.deleted = len(missing), len(stale)
    result.unchanged = len(wanted) - len(missing)
    return result


# --- census -----------------------------------------------------------------------------------------


def _activity_rows() -> list[dict]:
    rows = []
    for record in _read_csv(ACTIVITY_FILE):
        for column, education in EDUCATION_COLUMNS.items():
            rows.append(
                {
                    "province_code": record["province_code"],
                    "census_code": record["county_code"],
                    "county_name": _norm(record["county_name"]),
                    "sex": SEX_VALUES[record["gender"]],
                    "status": STATUS_VALUES[record["status"]],
                    "education": education,
                    "count": int(record[column]),
                }
            )
    return rows


def load_census_activity(*, force: bool = False) -> SyncResult:
    name = "geo.census_activity"
    skip, digest = _fast_path(name, [ACTIVITY_FILE], CensusActivity.objects.count, force)
    if skip:
        return SyncResult(name, skipped=True)
    rows = _activity_rows()
    with transaction.atomic():
        result = sync_rows(
            CensusActivity.objects.all(), ["census_code", "sex", "status", "education"], rows, name=name
        )
        _remember(name, digest, len(rows))
    return result


def _population_rows() -> list[dict]:
    rows = []
    for record in _read_csv(POPULATION_FILE):
        for sex in ("male", "female"):
            rows.append(
                {
                    "province_code": record["province_code"],
                    "census_code": record["county_code"],
                    "county_name": _norm(record["county_name"]),
                    "age_group": record["age_group"],
                    "sex": sex,
                    "count": int(record[sex]),
                }
            )
    return rows


def load_census_population(*, force: bool = False) -> SyncResult:
    name = "geo.census_population"
    skip, digest = _fast_path(name, [POPULATION_FILE], CensusPopulation.objects.count, force)
    if skip:
        return SyncResult(name, skipped=True)
    rows = _population_rows()
    with transaction.atomic():
        result = sync_rows(
            CensusPopulation.objects.all(), ["census_code", "age_group", "sex"], rows, name=name
        )
        _remember(name, digest, len(rows))
    return result


def load_geo(*, force: bool = False) -> list[SyncResult]:
    """Everything in the geography app, in dependency order."""
    return [
        load_provinces(force=force),
        load_county_versions(force=force),
        *load_counties(force=force),
        load_census_activity(force=force),
        load_census_population(force=force),
    ]
