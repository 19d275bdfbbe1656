"""/api/v1/stats/: the monitoring figures as JSON.

Anonymous callers get the published monthly aggregates with small cells suppressed (counts from 1 to 9
are returned as ``null`` with ``"suppressed": true``); signed-in province staff get exact figures for the
province and any county, county officers exact figures for their own county. Bad months, indicators or
counties are answered with 422 and a message naming the parameter.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Query, Router
from ninja.errors import HttpError

from sakoo.core.jalali import iter_months, parse_jalali_month
from sakoo.monitoring import indicators as ind
from sakoo.monitoring import selectors
from sakoo.monitoring.aggregates import month_code

router = Router(tags=["monitoring"])


def _unprocessable(field: str, message: str):
    return HttpError(422, f"{field}: {message}")


def _month(raw: str | None, field: str) -> tuple[int, int]:
    if not raw:
        return selectors.current_month()
    try:
        ym = parse_jalali_month(raw)
    except (ValidationError, ValueError) as exc:
        raise _unprocessable(field, "expected a Jalali month such as 1404-07") from exc
    if ym > selectors.current_month():
        raise _unprocessable(field, "the month is in the future")
    return ym


def _scope(request, province: str | None, county: str | None):
    from django.conf import settings

    from sakoo.geo.models import County

    if province and province != settings.SAKOO_PROVINCE:
        raise _unprocessable("province", f"this installation serves province {settings.SAKOO_PROVINCE}")
    county_obj = None
    if county:
        county_obj = County.objects.filter(code=county, province__code=settings.SAKOO_PROVINCE).defer("boundary").first()
        if county_obj is None:
            raise _unprocessable("county", "unknown county code (see /api/v1/geo/counties)")
    user = request.user
    if user.is_authenticated and (county or getattr(user, "role", None) != "county_officer"):
        try:
            scope = selectors.monitoring_scope(user, county)
            return scope.county, True
        except PermissionDenied:
            pass  # other signed-in roles get the public figures
        except LookupError as exc:
            raise _unprocessable("county", "unknown county code") from exc
    return county_obj, False


def _figure(code: str, data: selectors.MonthData, exact: bool, stamp) -> dict:
    meta = ind.INDICATORS[code]
    value = data.value(code)
    suppressed = False
    if not exact and meta.kind == "ratio" and meta.denominator and (data.get(meta.denominator) or 0) < selectors.SMALL_CELL:
        value, suppressed = None, value is not None
    else:
        value, suppressed = selectors.suppress(value, meta.unit, exact)
    return {
        "value": value,
        "unit": meta.unit,
        "label": str(meta.label),
        "definition": str(meta.definition),
        "source": str(meta.source),
        "as_of": stamp.isoformat() if stamp else None,
        "suppressed": suppressed,
    }


@router.get("/summary", summary="Headline figures of a Jalali month for the province or a county")
def summary(request, month: str | None = None, province: str | None = None, county: str | None = None):
    ym = _month(month, "month")
    county_obj, exact = _scope(request, province, county)
    months = selectors.trend_months(ym, 12)
    if exact:  # officials may trigger the on-demand computation; the public reads what is published
        selectors.ensure_months(months)
    codes = [month_code(m) for m in months]
    data = selectors.month_data(codes, county_obj)
    current = data[codes[-1]]
    current.placements_12m = sum((data[c].get("placements") or 0) for c in codes)
    stamp = selectors.as_of(codes[-1])
    return {
        "month": codes[-1],
        "province": selectors._province_code(),
        "county": county_obj.code if county_obj else None,
        "exact": exact,
        "figures": {code: _figure(code, current, exact, stamp) for code in ind.HEADLINE + ind.THEMES},
    }


@router.get("/series", summary="One indicator by Jalali month")
def series(
    request,
    indicator: str,
    month_from: str | None = Query(None, alias="from", description="first Jalali month, e.g. 1403-07"),
    to: str | None = Query(None, description="last Jalali month, e.g. 1404-07"),
    county: str | None = None,
    province: str | None = None,
):
    meta = ind.get(indicator)
    if meta is None:
        raise _unprocessable("indicator", "unknown indicator; one of " + ", ".join(sorted(ind.INDICATORS)))
    raw_from = month_from
    end = _month(to, "to")
    start = _month(raw_from, "from") if raw_from else selectors.trend_months(end, 12)[0]
    months = list(iter_months(start, end))
    if not months:
        raise _unprocessable("from", "must not be after 'to'")
    if len(months) > 60:
        raise _unprocessable("from", "at most 60 months at a time")
    county_obj, exact = _scope(request, province, county)
    if exact:
        selectors.ensure_months(months)
    points = selectors.series(indicator, months, county_obj)
    out = []
    for ym, value in points:
        shown, suppressed = selectors.suppress(value, meta.unit, exact)
        out.append({"month": month_code(ym), "value": shown, "suppressed": suppressed})
    return {
        "indicator": indicator,
        "label": str(meta.label),
        "definition": str(meta.definition),
        "source": str(meta.source),
        "unit": meta.unit,
        "county": county_obj.code if county_obj else None,
        "exact": exact,
        "points": out,
    }


@router.get("/indicators", summary="The indicators, their definitions and sources")
def indicators(request):
    return [
        {"code": m.code, "label": str(m.label), "definition": str(m.definition), "source": str(m.source), "unit": m.unit}
        for m in ind.INDICATORS.values()
    ]
