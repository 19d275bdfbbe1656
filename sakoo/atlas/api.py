"""Atlas API, mounted at /api/v1/atlas/.

``GET /api/v1/atlas/indicators?layer=census2016&province=03&top=6`` → per-county values of one map and a
``concentration`` object (``k``, ``counties``, ``share_unemployed``, ``share_active``, ``share_population``
as fractions, ``hoover``, ``gini``). ``layer=registry&month=1404-07`` likewise, over registered job seekers
looking for work; for anonymous users registry counts are suppressed/rounded and the concentration is null.
Bad parameters answer 422 with a message naming the parameter.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from sakoo.atlas import exports, layers, selectors
from sakoo.atlas.forms import default_month, month_text
from sakoo.core.jalali import parse_jalali_month
from sakoo.core.text import normalize_digits
from sakoo.geo.models import Province

router = Router(tags=["atlas"])


def _bad(param: str, message: str):
    raise HttpError(422, f"{param}: {message}")


def _parse(
    layer: str,
    province: str,
    indicator: str | None,
    month: str | None,
    top: str,
    sex: str,
    education: str,
    classification: str,
) -> dict:
    if layer not in layers.LAYERS:
        _bad("layer", f"must be one of {', '.join(layers.LAYERS)}")
    province = normalize_digits(province or "").strip()
    if not Province.objects.filter(code=province).exists():
        _bad("province", "unknown province code (two digits, e.g. 03)")
    if layer == layers.REGISTRY and province != settings.SAKOO_PROVINCE:
        _bad("province", f"the registry covers province {settings.SAKOO_PROVINCE} only")
    if indicator is None or indicator == "":
        indicator = "rate" if layer == layers.CENSUS else "seekers_per_1000"
    if indicator not in layers.INDICATORS or layers.INDICATORS[indicator].layer != layer:
        _bad("indicator", f"must be one of {', '.join(i.key for i in layers.indicators_for(layer))}")
    try:
        k = int(normalize_digits(top))
    except (TypeError, ValueError):
        k = 0
    if not 1 <= k <= 50:
        _bad("top", "must be a whole number from 1 to 50")
    if sex not in layers.SEXES:
        _bad("sex", "must be all, male or female")
    if education not in layers.EDUCATIONS:
        _bad("education", "must be all, graduates or non_graduates")
    if classification not in ("fixed", "quantile", "jenks"):
        _bad("classification", "must be fixed, quantile or jenks")
    ym = default_month()
    if month:
        try:
            ym = parse_jalali_month(normalize_digits(month))
        except (ValidationError, ValueError):
            _bad("month", "must be a Jalali month such as 1404-07")
    return {
        "layer": layer,
        "province": province,
        "indicator": indicator,
        "month": ym,
        "top": k,
        "sex": sex,
        "education": education,
        "classification": classification,
        "smooth": False,
    }


def concentration_json(data: layers.MapData) -> dict | None:
    c = data.concentration
    if c is None:
        return None
    by_code = {r.code: r for r in data.rows}
    return {
        "k": c.k,
        "counties": [
            {"code": code, "name_fa": by_code[code].name_fa, "name_en": by_code[code].name_en}
            for code in c.counties
        ],
        "share_unemployed": round(c.share_unemployed, 6),
        "share_active": round(c.share_active, 6),
        "share_population": round(c.share_population, 6),
        "hoover": round(c.hoover, 6),
        "gini": round(c.gini, 6),
    }


@router.get("/indicators", summary="Per-county values of one atlas map, with the concentration panel")
def indicators(
    request: HttpRequest,
    layer: str = layers.CENSUS,
    province: str = "",
    indicator: str | None = None,
    month: str | None = None,
    top: str = "6",
    sex: str = "all",
    education: str = "all",
    classification: str = "fixed",
):
    query = _parse(
        layer, province or settings.SAKOO_PROVINCE, indicator, month, top, sex, education, classification
    )
    exact = selectors.sees_exact_figures(request.user)
    data = selectors.atlas_map(query, exact=exact)
    return {
        "layer": data.layer,
        "indicator": data.indicator.key,
        "unit": data.indicator.unit,
        "province": data.province.code,
        "month": month_text(data.month) if data.month else None,
        "title": data.title,
        "province_value": None if data.province_value is None else round(data.province_value, 6),
        "breaks": data.breaks,
        "manifest": exports._manifest(data),
        "counties": exports.rows_of(data),
        "concentration": concentration_json(data),
    }
