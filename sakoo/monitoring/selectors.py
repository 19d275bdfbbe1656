"""Reads for the dashboard, the API and the report: always from the stored monthly aggregates.

Access: province admins and analysts see the province and every county; a county officer sees only the
county of their county-governorate membership; everyone else is refused (403). The public API gets the
published aggregates with small cells suppressed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.utils import timezone

from sakoo.core.jalali import add_months, iter_months, jalali_month_of
from sakoo.monitoring import indicators as ind
from sakoo.monitoring.aggregates import month_code, refresh_monthly_aggregates
from sakoo.monitoring.models import MonthlyAggregate, Target

SMALL_CELL = 10  # anonymous callers see counts below this as suppressed


@dataclass
class Scope:
    county: object | None  # a geo.County or None for the whole province
    counties: list  # the counties the user may pick
    exact: bool  # officials see exact small numbers; the public sees suppressed ones


def monitoring_scope(user, county_code: str | None = None) -> Scope:
    """What the user may see, or PermissionDenied. ``county_code`` asks for one county."""
    from sakoo.accounts.scoping import is_province_staff, user_county_ids
    from sakoo.geo.models import County

    counties = County.objects.filter(province__code=_province_code()).defer("boundary").order_by("code")
    if is_province_staff(user):
        county = None
        if county_code:
            county = counties.filter(code=county_code).first()
            if county is None:
                raise LookupError(county_code)
        return Scope(county=county, counties=list(counties), exact=True)
    if user.is_authenticated and getattr(user, "role", None) == "county_officer":
        own = list(counties.filter(pk__in=user_county_ids(user)))
        if not own:
            raise PermissionDenied
        if county_code and county_code not in {c.code for c in own}:
            raise PermissionDenied
        county = next((c for c in own if c.code == county_code), own[0])
        return Scope(county=county, counties=own, exact=True)
    raise PermissionDenied


GENERATION_KEY = "monitoring:generation"


def cache_generation() -> int:
    from django.core.cache import cache

    return cache.get_or_set(GENERATION_KEY, 1, None)


def bump_cache_generation() -> None:
    from django.core.cache import cache

    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _province_code() -> str:
    from django.conf import settings

    return settings.SAKOO_PROVINCE


def current_month() -> tuple[int, int]:
    return jalali_month_of(timezone.localdate())


def ensure_month(ym: tuple[int, int]) -> None:
    ensure_months([ym])


def ensure_months(months: list[tuple[int, int]]) -> None:
    """Months not computed yet (a fresh installation, or the current month before the nightly run) are
    computed on demand in one pass; months after the current one never are."""
    limit = current_month()
    wanted = {month_code(m): m for m in months if m <= limit}
    if not wanted:
        return
    done = set(
        MonthlyAggregate.objects.filter(month__in=list(wanted), county=None, indicator="_computed").values_list(
            "month", flat=True
        )
    )
    missing = sorted(m for code, m in wanted.items() if code not in done)
    if missing:
        refresh_monthly_aggregates(missing[0], missing[-1])


def _rows(months: list[str], county, breakdown: str | None = ""):
    qs = MonthlyAggregate.objects.filter(month__in=months, county=county)
    if breakdown is not None:
        qs = qs.filter(breakdown=breakdown)
    return qs.values_list("month", "indicator", "breakdown", "key", "value")


@dataclass
class Figure:
    code: str
    label: object
    definition: object
    source: object
    unit: str
    value: float | None
    previous: float | None
    as_of: dt.datetime | None
    month: str
    suppressed: bool = False
    series: list = field(default_factory=list)

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def is_share(self) -> bool:
        return self.unit == "share"


class MonthData:
    """All stored numbers of one month for one scope: {(indicator, breakdown, key): value}."""

    def __init__(self, values: dict[tuple[str, str, str], float], plus12: float | None = None):
        self.values = values
        self.placements_12m = plus12

    def get(self, spec: str) -> float | None:
        if spec == "looking":
            a, b = self.get("unemployed_looking"), self.get("employed_looking")
            return (a or 0) + (b or 0)
        parts = spec.split(":")
        indicator, breakdown, key = [*parts, "", ""][:3]
        return self.values.get((indicator, breakdown, key))

    def value(self, code: str) -> float | None:
        indicator = ind.get(code)
        if indicator is None:
            return None
        if code == "placements_12m":
            return self.placements_12m
        if indicator.kind == "ratio":
            denominator = self.get(indicator.denominator) or 0
            if not denominator:
                return None
            return (self.get(indicator.numerator) or 0) / denominator
        value = self.get(code)
        if value is None and indicator.kind in ("stock", "flow"):
            return 0.0
        return value

    def breakdown(self, indicator: str, breakdown: str) -> list[tuple[str, float]]:
        items = [(k, v) for (i, b, k), v in self.values.items() if i == indicator and b == breakdown]
        return sorted(items, key=lambda kv: (-kv[1], kv[0]))


def month_data(months: list[str], county) -> dict[str, MonthData]:
    by_month: dict[str, dict] = {m: {} for m in months}
    for month, indicator, breakdown, key, value in _rows(months, county, breakdown=None):
        by_month[month][(indicator, breakdown, key)] = value
    return {m: MonthData(v) for m, v in by_month.items()}


def as_of(month: str) -> dt.datetime | None:
    return MonthlyAggregate.objects.filter(month=month, county=None, indicator="_computed").aggregate(
        t=Min("computed_at")
    )["t"]


def trend_months(ym: tuple[int, int], span: int) -> list[tuple[int, int]]:
    return list(iter_months(add_months(*ym, -(span - 1)), ym))


@dataclass
class Dashboard:
    month: tuple[int, int]
    county: object | None
    headline: list[Figure]
    themes: list[Figure]
    trends: dict[str, list[tuple[tuple[int, int], float | None]]]
    breakdowns: dict[str, list[tuple[str, float]]]
    placement_breakdowns: dict[str, list[tuple[str, float]]]
    county_rows: list[dict]
    as_of: dt.datetime | None
    months: list[tuple[int, int]]


def series(code: str, months: list[tuple[int, int]], county) -> list[tuple[tuple[int, int], float | None]]:
    codes = [month_code(m) for m in months]
    extra = [month_code(m) for m in iter_months(add_months(*months[0], -11), add_months(*months[0], -1))]
    data = month_data(extra + codes, county) if code == "placements_12m" else month_data(codes, county)
    out = []
    for i, ym in enumerate(months):
        md = data[codes[i]]
        if code == "placements_12m":
            window = [month_code(m) for m in iter_months(add_months(*ym, -11), ym)]
            md.placements_12m = sum((data[w].get("placements") or 0) for w in window if w in data)
        out.append((ym, md.value(code)))
    return out


def dashboard(*, ym: tuple[int, int], county, span: int = 12) -> Dashboard:
    months = trend_months(ym, max(span, 12))
    ensure_months(months)
    codes = [month_code(m) for m in months]
    data = month_data(codes, county)
    current = data[codes[-1]]
    previous = data[codes[-2]]
    current.placements_12m = sum((data[c].get("placements") or 0) for c in codes[-12:])
    prev_window = [month_code(m) for m in iter_months(add_months(*ym, -12), add_months(*ym, -1))]
    previous.placements_12m = sum((data[c].get("placements") or 0) for c in prev_window if c in data)
    stamp = as_of(codes[-1])

    def figure(code):
        meta = ind.INDICATORS[code]
        return Figure(
            code=code, label=meta.label, definition=meta.definition, source=meta.source, unit=meta.unit,
            value=current.value(code), previous=previous.value(code), as_of=stamp, month=codes[-1],
        )

    trend_span = months[-span:]
    trends = {
        code: [(m, data[month_code(m)].value(code)) for m in trend_span] for code in ind.TREND_INDICATORS
    }
    breakdowns = {b: current.breakdown("registered_job_seekers", b) for b in ("sex", "age", "education", "field")}
    placement_breakdowns = {
        b: current.breakdown("placements", b)
        for b in ("sex", "age", "education", "field", "occupation", "activity", "contract", "source")
    }
    county_rows = county_table(ym) if county is None else []
    return Dashboard(
        month=ym,
        county=county,
        headline=[figure(c) for c in ind.HEADLINE],
        themes=[figure(c) for c in ind.THEMES],
        trends=trends,
        breakdowns=breakdowns,
        placement_breakdowns=placement_breakdowns,
        county_rows=county_rows,
        as_of=stamp,
        months=trend_span,
    )


COUNTY_TABLE = ["registered_job_seekers", "unemployed_looking", "new_registrations", "placements", "open_openings"]


def county_table(ym: tuple[int, int]) -> list[dict]:
    from sakoo.geo.models import County

    code = month_code(ym)
    values: dict[int, dict[str, float]] = {}
    for county_id, indicator, value in MonthlyAggregate.objects.filter(
        month=code, county__isnull=False, breakdown="", indicator__in=COUNTY_TABLE
    ).values_list("county_id", "indicator", "value"):
        values.setdefault(county_id, {})[indicator] = value
    rows = []
    for county in County.objects.filter(province__code=_province_code()).defer("boundary").order_by("code"):
        v = values.get(county.pk, {})
        rows.append({"county": county, **{c: v.get(c, 0.0) for c in COUNTY_TABLE}})
    return rows


def targets_status(ym: tuple[int, int], county) -> list[dict]:
    """Each target in force this month for the scope, with the actual value, met or not, and its trend."""
    code = month_code(ym)
    targets = Target.objects.filter(from_month__lte=code, to_month__gte=code, county=county)
    out = []
    months = trend_months(ym, 6)
    for target in targets:
        trend = series(target.indicator, months, county)
        actual = trend[-1][1]
        met = None
        if actual is not None:
            met = actual >= target.value if target.direction == Target.Direction.AT_LEAST else actual <= target.value
        meta = ind.get(target.indicator)
        out.append({"target": target, "indicator": meta, "actual": actual, "met": met, "trend": trend})
    return out


def reference_figures():
    try:
        from sakoo.atlas.models import ReferenceFigure
    except ImportError:  # pragma: no cover
        return []
    return list(ReferenceFigure.objects.for_province(_province_code())[:6])


def suppress(value: float | None, unit: str, exact: bool) -> tuple[float | None, bool]:
    """Counts below SMALL_CELL (but above zero) are withheld from anonymous callers."""
    if exact or value is None or unit in ("share", "ratio", "days"):
        return value, False
    if 0 < value < SMALL_CELL:
        return None, True
    return value, False
