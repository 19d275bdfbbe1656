"""Reads of the atlas: one map for a query, a county's fact sheet, reference figures, access helpers."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.http import Http404

from sakoo.atlas import layers, stats
from sakoo.atlas.layers import MapData
from sakoo.atlas.models import ReferenceFigure
from sakoo.geo.models import CensusActivity, County, Province

OFFICIAL_ROLES = ("province_analyst", "province_admin", "county_officer")


def sees_exact_figures(user) -> bool:
    """Officials (province staff, county officers) see exact registry figures; the public sees them
    suppressed and rounded."""
    from sakoo.accounts.scoping import has_role

    return has_role(user, *OFFICIAL_ROLES)


def province_or_404(code: str) -> Province:
    try:
        return Province.objects.get(code=code)
    except Province.DoesNotExist as exc:
        raise Http404("No such province") from exc


def county_or_404(code: str) -> County:
    try:
        return County.objects.select_related("province").get(code=code)
    except County.DoesNotExist as exc:
        raise Http404("No such county") from exc


def atlas_map(query: dict, *, exact: bool) -> MapData:
    province = province_or_404(query["province"])
    if query["layer"] == layers.REGISTRY:
        return layers.registry_map(
            province,
            query["indicator"],
            month=query["month"],
            classification=query["classification"],
            exact=exact,
            top=query["top"],
            by_change=query.get("change", False),
        )
    return layers.census_map(
        province,
        query["indicator"],
        sex=query["sex"],
        education=query["education"],
        classification=query["classification"],
        smooth=query["smooth"],
        top=query["top"],
    )


def reference_figures(province_code: str):
    """Figures in use for a province (retired ones are not shown beside the maps)."""
    return ReferenceFigure.objects.for_province(province_code)


def retired_reference_figures(province_code: str):
    return (
        ReferenceFigure.objects.filter(province__code=province_code, retired_at__isnull=False)
        .select_related("province")
        .order_by("-retired_at", "pk")
    )


def reference_figure_or_404(province_code: str, pk: int) -> ReferenceFigure:
    try:
        return ReferenceFigure.objects.get(province__code=province_code, pk=pk)
    except ReferenceFigure.DoesNotExist as exc:
        raise Http404("No such reference figure") from exc


# ---------------------------------------------------------------------------------------------------
# County fact sheets
# ---------------------------------------------------------------------------------------------------

EDUCATION_ORDER = [
    "illiterate",
    "elementary",
    "middle",
    "high_school",
    "college",
    "higher",
    "other",
    "unknown",
]


#: Education groups with fewer active persons are left out of a sheet's bars: their rates say nothing
#: (a Wilson interval spanning most of the scale), and they are usually "unknown".
MIN_BAR_ACTIVE = 50


@dataclass
class RateBar:
    key: str
    label: str
    unemployed: int
    active: int
    rate: float | None = None  # percent
    ci_low: float | None = None
    ci_high: float | None = None
    width: float = 0.0
    province_rate: float | None = None


@dataclass
class FactSheet:
    county: County
    unit_code: str
    unit_counties: list[County]
    unit_name: str
    active: int
    unemployed: int
    population: int
    rate: float | None
    rate_ci: tuple[float, float] | None
    province_rate: float | None
    province_active: int
    province_unemployed: int
    rank: int | None
    units_count: int
    graduate_rate: float | None
    province_graduate_rate: float | None
    sex_bars: list[RateBar] = field(default_factory=list)
    education_bars: list[RateBar] = field(default_factory=list)
    trend: list[dict] = field(default_factory=list)
    occupations_sought: list[tuple[str, int]] = field(default_factory=list)
    occupations_offered: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    registry_figures: list[KeyFigure] = field(default_factory=list)
    registry_month: str = ""


@dataclass
class KeyFigure:
    """One registry figure of a county next to the province's (public: suppressed and rounded)."""

    key: str
    label: str
    unit: str
    value: float | None
    province_value: float | None
    suppressed: bool = False
    note: str = ""


#: Registry figures on the fact sheets (latest complete Jalali month), in this order.
SHEET_REGISTRY_INDICATORS = (
    "seekers",
    "seekers_per_1000",
    "placements",
    "vacancies",
    "vacancies_per_seeker",
    "graduate_share",
    "women_share",
)


def latest_complete_month() -> tuple[int, int]:
    from django.utils import timezone

    from sakoo.core.jalali import add_months, jalali_month_of

    return add_months(*jalali_month_of(timezone.localdate()), -1)


def registry_key_figures(
    province: Province, *, exact: bool, month: tuple[int, int] | None = None, memo: dict | None = None
) -> tuple[tuple[int, int], dict[str, list[KeyFigure]]]:
    """Per current county: the registry's key figures for ``month`` (default: the latest complete Jalali
    month) with the province's, computed by the same ``registry_map`` as the atlas page (same suppression
    and rounding for the public, exact figures for officials)."""
    month = month or latest_complete_month()
    counts = layers.registry_month_counts(province.code, month, memo)
    figures: dict[str, list[KeyFigure]] = defaultdict(list)
    for key in SHEET_REGISTRY_INDICATORS:
        data = layers.registry_map(province, key, month=month, exact=exact, counts=counts)
        for row in data.rows:
            figures[row.code].append(
                KeyFigure(
                    key=key,
                    label=data.indicator.label,
                    unit=data.indicator.unit,
                    value=row.value,
                    province_value=data.province_value,
                    suppressed=row.suppressed,
                    note=row.note,
                )
            )
    return month, dict(figures)


def _rate(u: int, a: int) -> float | None:
    return 100 * u / a if a else None


def _bars(groups: dict[str, tuple[int, int]], labels: dict[str, str], province: dict[str, tuple[int, int]]):
    bars = []
    for key, (u, a) in groups.items():
        bar = RateBar(key=key, label=labels.get(key, key), unemployed=u, active=a, rate=_rate(u, a))
        if a:
            lo, hi = stats.wilson_interval(u, a)
            bar.ci_low, bar.ci_high = 100 * lo, 100 * hi
        pu, pa = province.get(key, (0, 0))
        bar.province_rate = _rate(pu, pa)
        bars.append(bar)
    top = max([b.ci_high or 0 for b in bars] + [b.province_rate or 0 for b in bars]) or 1
    for b in bars:
        b.width = round(100 * (b.rate or 0) / top, 2)
        b.ci_low = None if b.ci_low is None else round(100 * b.ci_low / top, 2)
        b.ci_high = None if b.ci_high is None else round(100 * b.ci_high / top, 2)
        b.province_rate = None if b.province_rate is None else round(100 * b.province_rate / top, 2)
    return bars


def _activity_groups(qs, key: str) -> dict[str, tuple[int, int]]:
    rows = qs.values(key).annotate(
        active=Sum("count", filter=Q(status="active")), unemployed=Sum("count", filter=Q(status="unemployed"))
    )
    return {r[key]: (r["unemployed"] or 0, r["active"] or 0) for r in rows}


def fact_sheet(
    county: County,
    *,
    exact: bool,
    months: int = 12,
    census_map: MapData | None = None,
    trends: dict[str, list[dict]] | None = None,
    key_figures: tuple[tuple[int, int], dict[str, list[KeyFigure]]] | None = None,
) -> FactSheet:
    from django.utils.translation import gettext as _

    from sakoo.core.jalali import month_label
    from sakoo.geo.models import CensusEducation, Sex

    province = county.province
    census = census_map or layers.census_map(province, "rate")
    unit_code = county.census2016_unit_code
    row = next((r for r in census.rows if r.code == unit_code), None)
    unit_counties = list(
        County.objects.filter(Q(census2016_code=unit_code) | Q(census2016_parent_code=unit_code))
    )
    ranked = [r.code for r in sorted(census.rows, key=lambda r: -(r.value or 0))]
    total_u = sum(r.unemployed for r in census.rows)
    total_a = sum(r.active for r in census.rows)
    unit_qs = CensusActivity.objects.filter(census_code=unit_code)
    province_qs = CensusActivity.objects.filter(province_code=province.code)
    sex_labels = {Sex.MALE.value: str(Sex.MALE.label), Sex.FEMALE.value: str(Sex.FEMALE.label)}
    edu_labels = {c.value: str(c.label) for c in CensusEducation}
    unit_edu = _activity_groups(unit_qs, "education")
    prov_edu = _activity_groups(province_qs, "education")
    grad_u = sum(unit_edu.get(k, (0, 0))[0] for k in layers.GRADUATE_EDUCATION)
    grad_a = sum(unit_edu.get(k, (0, 0))[1] for k in layers.GRADUATE_EDUCATION)
    pgrad_u = sum(prov_edu.get(k, (0, 0))[0] for k in layers.GRADUATE_EDUCATION)
    pgrad_a = sum(prov_edu.get(k, (0, 0))[1] for k in layers.GRADUATE_EDUCATION)
    sheet = FactSheet(
        county=county,
        unit_code=unit_code,
        unit_counties=unit_counties,
        unit_name=row.name if row else county.name_fa,
        active=row.active if row else 0,
        unemployed=row.unemployed if row else 0,
        population=row.population if row else 0,
        rate=_rate(row.unemployed, row.active) if row else None,
        rate_ci=(row.ci_low, row.ci_high) if row and row.ci_low is not None else None,
        province_rate=_rate(total_u, total_a),
        province_active=total_a,
        province_unemployed=total_u,
        rank=(ranked.index(unit_code) + 1) if unit_code in ranked else None,
        units_count=len(ranked),
        graduate_rate=_rate(grad_u, grad_a),
        province_graduate_rate=_rate(pgrad_u, pgrad_a),
    )
    sheet.sex_bars = _bars(
        {k: v for k, v in sorted(_activity_groups(unit_qs, "sex").items())},
        sex_labels,
        _activity_groups(province_qs, "sex"),
    )
    sheet.education_bars = _bars(
        {k: unit_edu[k] for k in EDUCATION_ORDER if k in unit_edu and unit_edu[k][1] >= MIN_BAR_ACTIVE},
        edu_labels,
        prov_edu,
    )
    if len(unit_counties) > 1:
        sheet.notes.append(
            _("Census 2016 figures cover %(names)s together: the county was divided after the census.")
            % {"names": layers.local_names(sorted(unit_counties, key=lambda c: c.code))}
        )
    sheet.notes.append(census.caveat)
    if province.code == _installation_province():
        memo: dict = {}  # the key figures' two months are among the trend's twelve
        if trends is None:
            trends = registry_trends(province.code, months=months, exact=exact, memo=memo)
        sheet.trend = trends.get(county.code, [])
        if key_figures is None:
            key_figures = registry_key_figures(province, exact=exact, memo=memo)
        month, per_county = key_figures
        sheet.registry_figures = per_county.get(county.code, [])
        sheet.registry_month = month_label(*month)
        sheet.occupations_sought, sheet.occupations_offered = top_occupations(county, exact=exact)
    return sheet


def _installation_province() -> str:
    from django.conf import settings

    return settings.SAKOO_PROVINCE


def registry_trends(
    province_code: str, *, months: int, exact: bool, memo: dict | None = None
) -> dict[str, list[dict]]:
    """Per current county: registered job seekers looking for work at the end of each of the last
    ``months`` Jalali months, and placements in each month (suppressed and rounded for the public)."""
    from django.utils import timezone

    from sakoo.core.jalali import add_months, jalali_month_of, month_label

    now = jalali_month_of(timezone.localdate())
    per_month = []
    for i in range(months - 1, -1, -1):
        ym = add_months(*now, -i)
        per_month.append((ym, layers.registry_month(province_code, ym, memo)))
    codes = County.objects.filter(province__code=province_code).values_list("code", flat=True)
    trends: dict[str, list[dict]] = {}
    for code in codes:
        result = []
        for ym, counts in per_month:
            c = counts.get(code, {})
            seekers, placements = c.get("seekers", 0), c.get("placements", 0)
            entry = {
                "month": ym,
                "label": month_label(*ym),
                "seekers": seekers,
                "placements": placements,
                "suppressed": False,
                "preliminary": ym == now,  # the current month is not over: its figures will change
            }
            if not exact:
                small = 0 < seekers < stats.SUPPRESSION_THRESHOLD
                entry["seekers"] = None if small else stats.round_to_base(seekers)
                entry["suppressed"] = small
                entry["placements"] = (
                    None if 0 < placements < stats.SUPPRESSION_THRESHOLD else stats.round_to_base(placements)
                )
            result.append(entry)
        top = max([e["seekers"] or 0 for e in result]) or 1
        for e in result:
            e["width"] = round(100 * (e["seekers"] or 0) / top, 2)
        trends[code] = result
    return trends


def top_occupations(county: County, *, exact: bool, limit: int = 5):
    """Occupations most sought by the county's registered job seekers and most offered by its vacancies."""
    from sakoo.core.text import is_persian_language
    from sakoo.seekers.models import JobSeeker
    from sakoo.vacancies.models import Vacancy

    fa = is_persian_language()
    sought: Counter = Counter()
    for title_fa, title_en in JobSeeker.objects.filter(
        county=county, employment_status__in=layers.LOOKING
    ).values_list("desired_occupations__title_fa", "desired_occupations__title_en"):
        if title_fa:
            sought[title_fa if fa else (title_en or title_fa)] += 1
    offered: defaultdict = defaultdict(int)
    for title_fa, title_en, openings in Vacancy.objects.filter(county=county, status="published").values_list(
        "occupation__title_fa", "occupation__title_en", "openings"
    ):
        offered[title_fa if fa else (title_en or title_fa)] += openings or 0
    threshold = 0 if exact else stats.SUPPRESSION_THRESHOLD
    sought_list = [
        (t, n if exact else stats.round_to_base(n)) for t, n in sought.most_common() if n >= threshold
    ]
    offered_list = sorted(offered.items(), key=lambda kv: -kv[1])
    return sought_list[:limit], offered_list[:limit]
