"""The atlas's map layers: census 2016 and Sakoo's registry, county by county, ready to draw.

Reads only (other apps' tables through their models; nothing is written). Each ``*_map`` function returns
a ``MapData`` that the page, the downloads, the API and the PDF all share, so that every output shows the
same numbers with the same caption (what it counts, source, date, boundary, method, suppression rule).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sakoo.atlas import stats
from sakoo.geo.models import CensusActivity, CensusPopulation, County, Province

CENSUS = "census2016"
REGISTRY = "registry"
LAYERS = (CENSUS, REGISTRY)

CENSUS_BOUNDARY = "2016 census units on OpenStreetMap county boundaries (Hurand inside Ahar)"
REGISTRY_BOUNDARY = "current counties (OpenStreetMap, 21 in East Azerbaijan; Leylan inside Malekan)"

CLASSIFICATIONS = ("fixed", "quantile", "jenks")


@dataclass(frozen=True)
class Indicator:
    key: str
    layer: str
    unit: str  # percent | count | per_1000 | ratio
    palette: str
    fixed_breaks: tuple[float, ...]
    change_breaks: tuple[float, ...] = (-2.0, -0.5, 0.5, 2.0)

    @property
    def is_count(self) -> bool:
        return self.unit == "count"

    @property
    def label(self) -> str:
        return str(INDICATOR_LABELS[self.key])


# Fixed classes are stated scales, not fitted to any month's data: a county keeps its colour unless its
# own value changes. Counts are drawn as proportional symbols; their colour classes serve the table.
# Registry count scales were widened after checking against the demo registry (20,000 seekers): with
# the first scales (seekers 50/100/250/500) every county but the smallest fell in the top class.
INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        Indicator("rate", CENSUS, "percent", "YlOrRd", (5, 10, 15, 20)),
        Indicator("unemployed", CENSUS, "count", "YlOrRd", (2500, 5000, 10000, 20000)),
        Indicator("active", CENSUS, "count", "Blues", (25000, 50000, 100000, 200000)),
        Indicator("seekers", REGISTRY, "count", "Purples", (250, 500, 1000, 2500)),
        Indicator(
            "seekers_per_1000", REGISTRY, "per_1000", "Purples", (2.5, 5, 10, 20), (-1, -0.25, 0.25, 1)
        ),
        Indicator("new_registrations", REGISTRY, "count", "Purples", (25, 50, 100, 250)),
        Indicator("placements", REGISTRY, "count", "Blues", (10, 25, 50, 100)),
        Indicator("vacancies", REGISTRY, "count", "Blues", (25, 50, 100, 250)),
        Indicator("openings", REGISTRY, "count", "Blues", (50, 100, 250, 500)),
        Indicator(
            "vacancies_per_seeker", REGISTRY, "ratio", "Blues", (0.1, 0.25, 0.5, 1), (-0.2, -0.05, 0.05, 0.2)
        ),
        Indicator("graduate_share", REGISTRY, "percent", "Purples", (20, 40, 60, 80), (-5, -1, 1, 5)),
        Indicator("women_share", REGISTRY, "percent", "Purples", (20, 40, 60, 80), (-5, -1, 1, 5)),
    )
}


def _labels():
    from django.utils.translation import gettext_lazy

    return {
        "rate": gettext_lazy("Unemployment rate"),
        "unemployed": gettext_lazy("Unemployed"),
        "active": gettext_lazy("Active population"),
        "seekers": gettext_lazy("Registered job seekers looking for work"),
        "seekers_per_1000": gettext_lazy(
            "Registered job seekers looking for work per 1,000 active population"
        ),
        "new_registrations": gettext_lazy("New registrations of job seekers"),
        "placements": gettext_lazy("Placements"),
        "vacancies": gettext_lazy("Open vacancies"),
        "openings": gettext_lazy("Openings in open vacancies"),
        "vacancies_per_seeker": gettext_lazy("Openings per registered job seeker"),
        "graduate_share": gettext_lazy("Graduates' share of registered job seekers"),
        "women_share": gettext_lazy("Women's share of registered job seekers"),
    }


INDICATOR_LABELS = _labels()


def indicators_for(layer: str) -> list[Indicator]:
    return [i for i in INDICATORS.values() if i.layer == layer]


@dataclass
class Row:
    code: str
    name_fa: str
    name_en: str
    value: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    smoothed: float | None = None
    reliable: bool | None = None
    suppressed: bool = False
    change: float | None = None
    class_index: int | None = None
    colour: str = stats.NO_DATA_COLOUR
    county_codes: list[str] = field(default_factory=list)  # current counties whose boundaries it covers
    unemployed: int = 0
    active: int = 0
    population: int = 0
    note: str = ""

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "fa").startswith("en") and self.name_en else self.name_fa


@dataclass
class MapData:
    layer: str
    indicator: Indicator
    province: Province
    rows: list[Row]
    title: str
    counts: str  # what the map counts, in words
    source: str
    date: str
    boundary: str
    method: str
    suppression_rule: str
    caveat: str = ""
    denominator_note: str = ""
    province_value: float | None = None
    province_ci: tuple[float, float] | None = None
    breaks: list[float] = field(default_factory=list)
    palette: str = "YlOrRd"
    classification: str = "fixed"
    sex: str = "all"
    education: str = "all"
    month: tuple[int, int] | None = None
    smooth: bool = False
    exact: bool = True
    concentration: stats.Concentration | None = None
    has_suppressed: bool = False
    by_change: bool = False  # colour by the change from the previous month (registry)
    preliminary: bool = False  # the month is not over yet (registry)

    @property
    def unit(self) -> str:
        return self.indicator.unit

    def legend(self) -> list[dict]:
        colours = stats.PALETTES[self.palette]
        bounds = [None, *self.breaks, None]
        items = []
        for i in range(len(self.breaks) + 1):
            items.append(
                {"low": bounds[i], "high": bounds[i + 1], "colour": colours[min(i, len(colours) - 1)]}
            )
        return items

    def ranked(self) -> list[Row]:
        return sorted(
            self.rows,
            key=lambda r: (
                r.value is None or r.suppressed,
                -(r.value or 0) if r.value is not None else 0,
                r.code,
            ),
        )

    def manifest(self) -> dict:
        return {
            "title": self.title,
            "counts": self.counts,
            "layer": self.layer,
            "indicator": self.indicator.key,
            "unit": self.indicator.unit,
            "province": self.province.code,
            "sex": self.sex,
            "education": self.education,
            "month": f"{self.month[0]}-{self.month[1]:02d}" if self.month else None,
            "source": self.source,
            "date": self.date,
            "boundary_version": self.boundary,
            "method": self.method,
            "classification": "change from the previous month" if self.by_change else self.classification,
            "breaks": self.breaks,
            "suppression_rule": self.suppression_rule,
            "denominator": self.denominator_note,
            "caveat": self.caveat,
            "exact_figures": self.exact,
            "preliminary": self.preliminary,
            "attribution": "© OpenStreetMap contributors (ODbL 1.0); census: Statistical Centre of Iran, 2016",
        }


def _breaks_for(values: list[float], indicator: Indicator, classification: str) -> list[float]:
    if classification == "quantile":
        return stats.quantile_breaks(values, 5)
    if classification == "jenks":
        return stats.jenks_breaks(values, 5)
    return list(indicator.fixed_breaks)


def _colour_rows(data: MapData) -> None:
    """Classes and colours: by value, or (registry, on request) by change from the previous month on the
    indicator's fixed symmetric breaks with the diverging palette."""
    if data.by_change:
        data.breaks = list(data.indicator.change_breaks)
        data.palette = "RdBu_r"
        for row in data.rows:
            if row.suppressed:
                row.class_index, row.colour = None, stats.SUPPRESSED_COLOUR
            else:
                row.class_index = stats.classify(row.change, data.breaks)
                row.colour = stats.colour_for(row.class_index, data.palette)
        return
    values = [r.value for r in data.rows if r.value is not None and not r.suppressed]
    data.breaks = _breaks_for(values, data.indicator, data.classification)
    for row in data.rows:
        if row.suppressed:
            row.class_index, row.colour = None, stats.SUPPRESSED_COLOUR
        else:
            row.class_index = stats.classify(row.value, data.breaks)
            row.colour = stats.colour_for(row.class_index, data.palette)


# ---------------------------------------------------------------------------------------------------
# Census 2016
# ---------------------------------------------------------------------------------------------------

SEXES = ("all", "male", "female")
EDUCATIONS = ("all", "graduates", "non_graduates")
GRADUATE_EDUCATION = frozenset({"college", "higher"})


@dataclass
class CensusUnit:
    code: str
    name_fa: str
    name_en: str
    county_codes: list[str]
    active: int = 0
    unemployed: int = 0
    population: int = 0


def census_units(province_code: str, sex: str = "all", education: str = "all") -> list[CensusUnit]:
    """The 2016 census units of a province with active, unemployed and population (sex/education filters).

    Counties created after 2016 (Hurand) are drawn inside their 2016 unit (Ahar) and named with it.
    """
    activity = CensusActivity.objects.filter(province_code=province_code)
    if sex in ("male", "female"):
        activity = activity.filter(sex=sex)
    if education == "graduates":
        activity = activity.filter(education__in=GRADUATE_EDUCATION)
    elif education == "non_graduates":
        activity = activity.exclude(education__in=GRADUATE_EDUCATION)
    figures = activity.values("census_code", "county_name").annotate(
        active=Sum("count", filter=Q(status="active")), unemployed=Sum("count", filter=Q(status="unemployed"))
    )
    population = CensusPopulation.objects.filter(province_code=province_code)
    if sex in ("male", "female"):
        population = population.filter(sex=sex)
    pop = dict(population.values_list("census_code").annotate(total=Sum("count")))
    counties = list(
        County.objects.filter(province__code=province_code).only(
            "code", "name_fa", "name_en", "census2016_code", "census2016_parent_code"
        )
    )
    own = {c.census2016_code: c for c in counties if c.census2016_code}
    members: dict[str, list[County]] = defaultdict(list)
    for c in counties:
        if c.census2016_unit_code:
            members[c.census2016_unit_code].append(c)
    units = []
    for f in figures.order_by("census_code"):
        code = f["census_code"]
        base = own.get(code)
        name_fa = f["county_name"]
        name_en = base.name_en if base else ""
        added = [c for c in members.get(code, []) if not c.census2016_code]
        if added:
            name_fa = _with_added(name_fa, [c.name_fa for c in added], "fa")
            name_en = _with_added(name_en, [c.name_en or c.name_fa for c in added], "en")
        units.append(
            CensusUnit(
                code=code,
                name_fa=name_fa,
                name_en=name_en,
                county_codes=[c.code for c in members.get(code, [])],
                active=f["active"] or 0,
                unemployed=f["unemployed"] or 0,
                population=pop.get(code, 0) or 0,
            )
        )
    return units


def _with_added(name: str, added: list[str], lang: str) -> str:
    """«اهر (با هوراند)» / "Ahar (with Hurand)": a 2016 unit named with the counties created since."""
    from django.utils import translation

    with translation.override(lang):
        separator = "، " if lang == "fa" else ", "
        return _("%(name)s (with %(added)s)") % {"name": name, "added": separator.join(added)}


def local_names(counties) -> str:
    """County names in the active language, joined with the language's comma."""
    from sakoo.core.text import is_persian_language

    if is_persian_language():
        return "، ".join(c.name_fa for c in counties)
    return ", ".join(c.name_en or c.name_fa for c in counties)


def census_map(
    province: Province,
    indicator: str = "rate",
    *,
    sex: str = "all",
    education: str = "all",
    classification: str = "fixed",
    smooth: bool = False,
    top: int = 6,
) -> MapData:
    ind = INDICATORS[indicator]
    units = census_units(province.code, sex, education)
    rows = [
        Row(
            code=u.code,
            name_fa=u.name_fa,
            name_en=u.name_en,
            county_codes=u.county_codes,
            unemployed=u.unemployed,
            active=u.active,
            population=u.population,
            note=_("Includes counties created after 2016") if len(u.county_codes) > 1 else "",
        )
        for u in units
    ]
    smoothed = stats.eb_smooth([r.unemployed for r in rows], [r.active for r in rows])
    for row, eb in zip(rows, smoothed, strict=True):
        if indicator == "rate":
            row.numerator, row.denominator = row.unemployed, row.active
            if row.active:
                lo, hi = stats.wilson_interval(row.unemployed, row.active)
                row.value = 100 * row.unemployed / row.active
                row.ci_low, row.ci_high = 100 * lo, 100 * hi
                row.smoothed, row.reliable = 100 * eb.smoothed, eb.reliable
                if smooth:
                    row.value = row.smoothed
        else:
            row.value = row.unemployed if indicator == "unemployed" else row.active
            row.numerator = int(row.value)
    total_u = sum(r.unemployed for r in rows)
    total_a = sum(r.active for r in rows)
    data = MapData(
        layer=CENSUS,
        indicator=ind,
        province=province,
        rows=rows,
        title="",
        counts=_census_counts(indicator, sex, education),
        source=_("Statistical Centre of Iran, National Population and Housing Census 2016 (1395)"),
        date=_("Census day, Mehr 1395 (October 2016)"),
        boundary=_("2016 census counties on OpenStreetMap boundaries; Hurand shown inside Ahar"),
        method=_census_method(indicator, smooth),
        suppression_rule=_("None: published census aggregates."),
        caveat=_(
            "The census asks a single question on activity status; its unemployment figures are below the "
            "quality of the Labour Force Survey and are not comparable with it."
        ),
        denominator_note=_("Active population (employed and unemployed) aged 10 and over, census 2016"),
        palette=ind.palette,
        classification=classification,
        sex=sex,
        education=education,
        smooth=smooth,
    )
    if indicator == "rate" and total_a:
        data.province_value = 100 * total_u / total_a
        lo, hi = stats.wilson_interval(total_u, total_a)
        data.province_ci = (100 * lo, 100 * hi)
    elif indicator != "rate":
        data.province_value = total_u if indicator == "unemployed" else total_a
    data.title = _map_title(data)
    _colour_rows(data)
    if rows:
        data.concentration = stats.top_k_concentration(
            [stats.Unit(r.code, r.unemployed, r.active, r.population) for r in rows], k=top
        )
    return data


def _census_counts(indicator: str, sex: str, education: str) -> str:
    parts = {
        "rate": _("Unemployed as a percentage of the active population"),
        "unemployed": _("Unemployed persons (census definition)"),
        "active": _("Active population: employed and unemployed persons"),
    }[indicator]
    who = {"all": _("men and women"), "male": _("men"), "female": _("women")}[sex]
    edu = {
        "all": _("all education levels"),
        "graduates": _("university graduates (college and higher education)"),
        "non_graduates": _("without a university degree"),
    }[education]
    return f"{parts}; {who}; {edu}"


def _census_method(indicator: str, smooth: bool) -> str:
    if indicator != "rate":
        return _("Counts as published; drawn as circles whose area is proportional to the count.")
    text = _("Rate = unemployed ÷ active × 100; 95% Wilson score intervals.")
    if smooth:
        text += " " + _(
            "Shown: empirical-Bayes smoothed rates (Marshall's global estimator), pulling small counties "
            "toward the province rate."
        )
    return text


def _map_title(data: MapData) -> str:
    from sakoo.atlas.formatting import format_value

    name = data.province.name_en if (get_language() or "fa").startswith("en") else data.province.name_fa
    # The title says what is counted, when (census 2016 or the registry's month) and where.
    when = _("census 2016") if data.layer == CENSUS else data.date
    if data.province_value is None:
        return (
            f"{data.indicator.label}، {when} — {name}"
            if _fa()
            else f"{data.indicator.label}, {when} — {name}"
        )
    value = format_value(data.province_value, data.indicator.unit)
    return _("%(indicator)s by county, %(when)s — %(province)s: %(value)s") % {
        "indicator": data.indicator.label,
        "when": when,
        "province": name,
        "value": value,
    }


def _fa() -> bool:
    from sakoo.core.text import is_persian_language

    return is_persian_language()


# ---------------------------------------------------------------------------------------------------
# Registry (Sakoo's own data)
# ---------------------------------------------------------------------------------------------------

LOOKING = ("unemployed_looking", "employed_looking")


def registry_counts(province_code: str, first: dt.date, last: dt.date) -> dict[str, dict[str, int]]:
    """Per current county code: seekers looking for work at ``last`` (and of them women, graduates),
    new registrations in [first, last], placements hired in [first, last], vacancies open at some time in
    the month and their openings."""
    from sakoo.seekers.models import JobSeeker, StatusChange
    from sakoo.vacancies.models import Placement, Vacancy

    result: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    seekers = JobSeeker.objects.filter(
        county__province__code=province_code, registered_on__lte=last
    ).values_list("pk", "county__code", "sex", "is_graduate", "employment_status", "registered_on")
    status_at: dict[int, str] = {}
    for seeker_id, status in (
        StatusChange.objects.filter(seeker__county__province__code=province_code, valid_from__lte=last)
        .order_by("seeker_id", "valid_from", "pk")
        .values_list("seeker_id", "status")
    ):
        status_at[seeker_id] = status  # the last one wins
    for pk, county, sex, graduate, current, registered_on in seekers:
        status = status_at.get(pk, current)
        if registered_on >= first:
            result[county]["new_registrations"] += 1
        if status in LOOKING:
            result[county]["seekers"] += 1
            result[county]["women"] += sex == "female"
            result[county]["graduates"] += bool(graduate)
    for county, n in (
        Placement.objects.filter(county__province__code=province_code, hired_on__range=(first, last))
        .values_list("county__code")
        .annotate(n=Count("pk"))
    ):
        result[county]["placements"] = n
    start = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    vacancies = (
        Vacancy.objects.filter(county__province__code=province_code, published_at__lt=start)
        .exclude(status__in=["draft", "pending_review"])
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=first))
        .values_list("county__code")
        .annotate(n=Count("pk"), openings=Sum("openings"))
    )
    for county, n, openings in vacancies:
        result[county]["vacancies"] = n
        result[county]["openings"] = openings or 0
    return result


def registry_month_counts(
    province_code: str, month: tuple[int, int], memo: dict | None = None
) -> tuple[dict, dict]:
    """Exact ``registry_counts`` of a Jalali month and of the month before (what ``registry_map`` needs).

    ``memo`` (a dict the caller keeps) avoids counting a month twice when one output needs many maps
    (the PDF: its maps, the 12-month trends and the fact sheets' key figures)."""
    from sakoo.core.jalali import add_months

    return (
        registry_month(province_code, month, memo),
        registry_month(province_code, add_months(*month, -1), memo),
    )


def registry_month(province_code: str, month: tuple[int, int], memo: dict | None = None) -> dict:
    """``registry_counts`` of one Jalali month, kept in ``memo`` when given."""
    from sakoo.core.jalali import jalali_month_range

    if memo is None:
        return registry_counts(province_code, *jalali_month_range(*month))
    key = (province_code, tuple(month))
    if key not in memo:
        memo[key] = registry_counts(province_code, *jalali_month_range(*month))
    return memo[key]


def _registry_value(ind: str, c: dict[str, int], active: int) -> tuple[float | None, int | None, int | None]:
    """(value, numerator, denominator) for one county."""
    seekers = c.get("seekers", 0)
    if ind in ("seekers", "new_registrations", "placements", "vacancies", "openings"):
        return float(c.get(ind, 0)), c.get(ind, 0), None
    if ind == "seekers_per_1000":
        return (1000 * seekers / active if active else None), seekers, active
    if ind == "vacancies_per_seeker":
        return (c.get("openings", 0) / seekers if seekers else None), c.get("openings", 0), seekers
    key = "graduates" if ind == "graduate_share" else "women"
    return (100 * c.get(key, 0) / seekers if seekers else None), c.get(key, 0), seekers


#: Registry cells counting persons are suppressed and rounded on public pages; vacancies are not persons.
PERSON_COUNTS = ("seekers", "new_registrations", "placements")


def registry_map(
    province: Province,
    indicator: str = "seekers_per_1000",
    *,
    month: tuple[int, int],
    classification: str = "fixed",
    exact: bool = False,
    top: int = 6,
    by_change: bool = False,
    counts: tuple[dict, dict] | None = None,
) -> MapData:
    """``counts``: the exact ``registry_counts`` of the month and of the previous month, when the caller
    already has them (several maps of one month, the fact sheets)."""
    from sakoo.core.jalali import jalali_month_range, month_label

    ind = INDICATORS[indicator]
    _first, last = jalali_month_range(*month)
    if counts is None:
        counts = registry_month_counts(province.code, month)
    exact_counts, previous = counts
    counts = exact_counts
    if not exact:
        # The public sees figures built from counts rounded to 5 (shares, rates and changes included), so
        # that no published number can be turned back into an exact count.
        counts, previous = _rounded(exact_counts), _rounded(previous)
    counties = list(County.objects.filter(province__code=province.code).order_by("code"))
    units = {u.code: u for u in census_units(province.code)}
    # Census denominator for a current county: its 2016 unit's active population; counties sharing a unit
    # (Ahar and Hurand) share it, so their per-1,000 figure is computed over the unit (stated in the note).
    unit_seekers: dict[str, int] = defaultdict(int)
    unit_prev: dict[str, int] = defaultdict(int)
    for c in counties:
        unit_seekers[c.census2016_unit_code] += counts.get(c.code, {}).get("seekers", 0)
        unit_prev[c.census2016_unit_code] += previous.get(c.code, {}).get("seekers", 0)
    rows: list[Row] = []
    for c in counties:
        unit = units.get(c.census2016_unit_code)
        active = unit.active if unit else 0
        now = counts.get(c.code, {})
        before = previous.get(c.code, {})
        shared = unit is not None and len(unit.county_codes) > 1
        if indicator == "seekers_per_1000" and shared:
            value = 1000 * unit_seekers[unit.code] / active if active else None
            before_value = 1000 * unit_prev[unit.code] / active if active else None
            numerator, denominator = unit_seekers[unit.code], active
        else:
            value, numerator, denominator = _registry_value(indicator, now, active)
            before_value = _registry_value(indicator, before, active)[0]
        row = Row(
            code=c.code,
            name_fa=c.name_fa,
            name_en=c.name_en,
            value=value,
            numerator=numerator,
            denominator=denominator,
            county_codes=[c.code],
            unemployed=now.get("seekers", 0),
            active=active,
            change=(value - before_value) if value is not None and before_value is not None else None,
            note=(
                _("Per 1,000 computed over %(unit)s together (one 2016 census unit)")
                % {"unit": unit.name_en if not _fa() and unit.name_en else unit.name_fa}
                if shared and indicator == "seekers_per_1000"
                else ""
            ),
        )
        if ind.unit == "percent" and numerator is not None and denominator:
            lo, hi = stats.wilson_interval(numerator, denominator)
            row.ci_low, row.ci_high = 100 * lo, 100 * hi
        rows.append(row)
    data = MapData(
        layer=REGISTRY,
        indicator=ind,
        province=province,
        rows=rows,
        title="",
        counts=_registry_counts_text(indicator),
        source=_("Sakoo registry of job seekers, vacancies and placements"),
        date=month_label(*month),
        boundary=_("Current counties (OpenStreetMap); Leylan inside Malekan"),
        method=_registry_method(indicator),
        suppression_rule=(
            _("Exact figures (official view).")
            if exact
            else _(
                "Counts of persons under 10 are suppressed, with a second cell suppressed where a total "
                "would reveal one; published counts are rounded to the nearest 5; shares and rates built "
                "on a suppressed count are suppressed."
            )
        ),
        caveat=_(
            "Registered job seekers are people who registered on Sakoo and look for work: not the "
            "unemployed. Employed people also look for work and many unemployed people never register."
        ),
        denominator_note=_("Active population of the 2016 census (the latest county figures)"),
        palette=ind.palette,
        classification=classification,
        month=month,
        exact=exact,
        by_change=by_change and not INDICATORS[indicator].is_count,
    )
    totals: dict[str, int] = defaultdict(int)
    for c in exact_counts.values():
        for k, v in c.items():
            totals[k] += v
    if not exact:
        totals = _rounded({"": totals})[""]
    total_active = sum(u.active for u in units.values())
    data.province_value = _registry_value(indicator, totals, total_active)[0]
    if not exact:
        _protect(data, exact_counts)
    data.has_suppressed = any(r.suppressed for r in rows)
    from django.utils import timezone

    data.preliminary = last >= timezone.localdate()
    data.title = _map_title(data)
    _colour_rows(data)
    if exact:
        # Concentration of registered job seekers over 2016 units (Hurand counted inside Ahar).
        data.concentration = stats.top_k_concentration(
            [stats.Unit(code, unit_seekers[code], u.active, u.population) for code, u in units.items()], k=top
        )
    return data


PERSON_KEYS = frozenset({"seekers", "new_registrations", "placements", "women", "graduates"})


def _rounded(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {
        code: {k: (stats.round_to_base(v) if k in PERSON_KEYS else v) for k, v in c.items()}
        for code, c in counts.items()
    }


def _protect(data: MapData, counts: dict[str, dict[str, int]]) -> None:
    """Suppression for the public view, decided on the exact counts (values are already rounded)."""
    ind = data.indicator.key
    if ind in ("vacancies", "openings"):
        return
    base = {"new_registrations": "new_registrations", "placements": "placements"}.get(ind, "seekers")
    codes = [r.code for r in data.rows]
    values = {code: counts.get(code, {}).get(base, 0) for code in codes}
    hidden = stats.suppress(values, {"total": codes}).cells
    if ind in ("graduate_share", "women_share"):
        part = "graduates" if ind == "graduate_share" else "women"
        cells = {}
        for code in codes:
            n = counts.get(code, {}).get(part, 0)
            cells[(code, "in")] = n
            cells[(code, "out")] = counts.get(code, {}).get("seekers", 0) - n
        two_way = stats.suppress(cells, stats.table_margins(codes, ["in", "out"]))
        hidden |= {code for code, _side in two_way.cells}
    for row in data.rows:
        if row.code in hidden:
            row.suppressed = True
            row.value = row.numerator = row.denominator = row.ci_low = row.ci_high = row.change = None


def _registry_counts_text(indicator: str) -> str:
    return {
        "seekers": _("Registered job seekers whose status at the end of the month is looking for work"),
        "seekers_per_1000": _(
            "Registered job seekers looking for work at the end of the month per 1,000 active population "
            "(denominator: census 2016)"
        ),
        "new_registrations": _("Job seekers who registered during the month"),
        "placements": _("Registered job seekers hired during the month (county of work)"),
        "vacancies": _("Vacancies open at some time during the month"),
        "openings": _("Openings (posts) in vacancies open during the month"),
        "vacancies_per_seeker": _("Openings in open vacancies per registered job seeker looking for work"),
        "graduate_share": _("University graduates among registered job seekers looking for work, percent"),
        "women_share": _("Women among registered job seekers looking for work, percent"),
    }[indicator]


def _registry_method(indicator: str) -> str:
    text = _("Change from the previous month: in percentage points for shares, in points for rates.")
    if INDICATORS[indicator].unit == "percent":
        text += " " + _("95% Wilson score intervals.")
    return text


def previous_month_change_unit(indicator: Indicator) -> str:
    return {"percent": "pp", "per_1000": "points", "ratio": "points", "count": "count"}[indicator.unit]


def is_nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)
