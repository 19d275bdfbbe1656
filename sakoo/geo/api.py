"""Geography API, mounted at /api/v1/geo/: provinces, counties with their 2016 census figures, GeoJSON.

Census figures: Statistical Centre of Iran, 2016 (1395) census. Boundaries: © OpenStreetMap
contributors, ODbL 1.0. A county created after 2016 has ``active``/``unemployed`` null and names the
2016 county that holds its figures in ``census2016_parent``.
"""

from __future__ import annotations

import hashlib
import json
import re

from django.core.cache import cache
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from sakoo.core.text import normalize_digits
from sakoo.geo import selectors
from sakoo.geo.models import County, ReferenceDataset

router = Router(tags=["geo"])

ATTRIBUTION = "© OpenStreetMap contributors (ODbL 1.0)"


class ProvinceOut(Schema):
    code: str
    iso3166_2: str
    name_fa: str
    name_en: str
    counties: int
    active: int | None
    unemployed: int | None
    rate: float | None
    population: int | None


class CountyOut(Schema):
    code: str
    name_fa: str
    name_en: str
    census2016_code: str | None
    active: int | None
    unemployed: int | None
    rate: float | None
    population: int | None
    census2016_parent: str | None
    parent_name_fa: str | None
    parent_name_en: str | None
    census_note: str


class ErrorOut(Schema):
    detail: str


class ProvinceQuery(Schema):
    province: str | None = None


def _province_code(raw: str | None) -> str:
    """Validated province code: two digits (Persian digits accepted); 422 if malformed, 404 if unknown."""
    if raw is None or raw.strip() == "":
        return selectors.active_province_code()
    code = normalize_digits(raw).strip()
    if not re.fullmatch(r"[0-9]{1,2}", code):
        raise HttpError(
            422,
            _("The province must be a two-digit SCI province code such as 03; got %(value)r.")
            % {"value": raw},
        )
    code = code.zfill(2)
    if not selectors.province_exists(code):
        raise HttpError(404, _("There is no province with the code %(code)s.") % {"code": code})
    return code


@router.get("provinces", response=list[ProvinceOut], summary="The 31 provinces with 2016 census totals")
def list_provinces(request: HttpRequest):
    counts = dict(
        County.objects.values("province__code").annotate(n=Count("pk")).values_list("province__code", "n")
    )
    totals = selectors.census_totals_by_province()
    out = []
    for province in selectors.provinces():
        figures = totals.get(province.code, {})
        out.append(
            {
                "code": province.code,
                "iso3166_2": province.iso3166_2,
                "name_fa": province.name_fa,
                "name_en": province.name_en,
                "counties": counts.get(province.code, 0),
                "active": figures.get("active"),
                "unemployed": figures.get("unemployed"),
                "rate": figures.get("rate"),
                "population": figures.get("population"),
            }
        )
    return out


@router.get(
    "counties",
    response={200: list[CountyOut], 404: ErrorOut, 422: ErrorOut},
    summary="Counties of a province with their 2016 census figures (or the 2016 county holding them)",
)
def list_counties(request: HttpRequest, filters: Query[ProvinceQuery]):
    """`active` and `unemployed` are the county's own 2016 census figures; null when the county did not
    exist in 2016, in which case `census2016_parent` is the 2016 county whose figures include it."""
    code = _province_code(filters.province)
    return [_county_out(row) for row in selectors.counties_with_census(code)]


def _county_out(row: dict) -> dict:
    return {key: row[key] for key in CountyOut.model_fields}


def _data_version() -> str:
    return "-".join(
        ReferenceDataset.objects.filter(
            name__in=["geo.counties", "geo.census_activity", "geo.census_population"]
        )
        .order_by("name")
        .values_list("sha256", flat=True)
    )


def counties_geojson(province_code: str) -> tuple[bytes, str]:
    """(body, etag) of the FeatureCollection of a province's counties, cached per data version."""
    language = (get_language() or "fa")[:2]
    data_version = _data_version()
    version = hashlib.sha256(f"{data_version}:{province_code}:{language}".encode()).hexdigest()[:32]
    key = f"geo:counties.geojson:{version}"
    # Only data loaded by load_reference has a version; anything else (e.g. test factories) is not cached.
    cached = cache.get(key) if data_version else None
    if cached is not None:
        return cached, version
    rows = selectors.counties_with_census(province_code)
    boundaries = dict(selectors.counties(province_code, with_boundary=True).values_list("code", "boundary"))
    features = []
    for row in rows:
        county = row["county"]
        properties = _county_out(row)
        properties.update(
            {
                "status": row["status"],
                "parent_active": row["parent_active"],
                "parent_unemployed": row["parent_unemployed"],
                "parent_rate": row["parent_rate"],
                "centroid": [county.centroid_lat, county.centroid_lon],
            }
        )
        features.append(
            {
                "type": "Feature",
                "id": row["code"],
                "properties": properties,
                "geometry": boundaries.get(row["code"]),
            }
        )
    body = json.dumps(
        {
            "type": "FeatureCollection",
            "name": f"counties-{province_code}",
            "attribution": ATTRIBUTION,
            "source": selectors.CENSUS_SOURCE,
            "features": features,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    if data_version:
        cache.set(key, body, 60 * 60 * 24)
    else:
        version = hashlib.sha256(body).hexdigest()[:32]
    return body, version


@router.get(
    "counties.geojson",
    response={200: dict, 304: None, 404: ErrorOut, 422: ErrorOut},
    summary="GeoJSON FeatureCollection of a province's counties with their 2016 census figures",
)
def list_counties_geojson(request: HttpRequest, filters: Query[ProvinceQuery]):
    """Boundaries © OpenStreetMap contributors (ODbL 1.0). Cached: answers 304 to a matching
    If-None-Match."""
    code = _province_code(filters.province)
    body, version = counties_geojson(code)
    etag = f'"{version}"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=3600"
    response["Vary"] = "Accept-Language, Cookie"
    return response
