"""Reads for geography and the 2016 census baseline. The atlas, pages and API build on these.

Census figures live on **2016 census units** (the counties as they were at the 2016 census, keyed by the
SCI four-digit ``census_code``). Current counties (``County``) point to their unit through
``census2016_code`` (the county existed in 2016) or ``census2016_parent_code`` (created later, e.g.
Hurand → 0302 Ahar). Nothing here puts 2016 figures on a newer boundary: ``county_census`` says when a
county's figures are inside its parent, and ``CensusUnit.covers`` lists the current counties a unit spans.

Every figure is "Statistical Centre of Iran, 2016 (1395) National Population and Housing Census";
``active`` is the economically active population (employed + unemployed) as counted by the census;
``rate`` = unemployed / active as a fraction (0.135 = 13.5 %), ``None`` when active is 0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sakoo.geo.models import (
    GRADUATE_LEVELS,
    CensusActivity,
    CensusEducation,
    CensusPopulation,
    County,
    CountyVersion,
    Province,
    Sex,
)

CENSUS_SOURCE = "Statistical Centre of Iran, 2016 (1395) National Population and Housing Census"
CENSUS_YEAR = 2016
CENSUS_YEAR_JALALI = 1395


def _rate(unemployed: int, active: int) -> float | None:
    return unemployed / active if active else None


@dataclass(frozen=True)
class ActivityFigures:
    """Active and unemployed persons of one cell (a sex, an education level, graduates, ...)."""

    active: int = 0
    unemployed: int = 0

    @property
    def employed(self) -> int:
        return self.active - self.unemployed

    @property
    def rate(self) -> float | None:
        return _rate(self.unemployed, self.active)

    def as_dict(self) -> dict:
        return {"active": self.active, "unemployed": self.unemployed, "rate": self.rate}


@dataclass(frozen=True)
class CoveredCounty:
    """A current county inside a 2016 census unit."""

    code: str
    name_fa: str
    name_en: str
    existed_in_2016: bool  # False: created after 2016, its figures are inside the unit


@dataclass(frozen=True)
class CensusUnit:
    """2016 census figures of one census unit (a 2016 county) or, for province totals, a province.

    - ``code``: the 2016 SCI county code (``census_code``), or the province code for province totals;
    - ``name_fa``/``name_en``: the current county of that code (else the census's name);
    - ``active``, ``unemployed``, ``employed``, ``rate`` (fraction or None), ``population``
      (all ages), ``population_male``, ``population_female``;
    - ``by_sex``: {"male"|"female": ActivityFigures};
    - ``by_education``: {CensusEducation value: ActivityFigures} for the 8 census levels, in census order;
    - ``by_sex_education``: {"male"|"female": {education: ActivityFigures}};
    - ``graduates``: ActivityFigures of College + Higher education; ``graduates_by_sex`` likewise by sex;
    - ``covers``: the current counties this unit spans (Ahar 0302 covers Ahar and Hurand); empty for
      province totals.
    """

    code: str
    province_code: str
    name_fa: str
    name_en: str
    active: int
    unemployed: int
    population: int
    population_male: int
    population_female: int
    by_sex: dict[str, ActivityFigures]
    by_education: dict[str, ActivityFigures]
    by_sex_education: dict[str, dict[str, ActivityFigures]]
    covers: tuple[CoveredCounty, ...] = field(default_factory=tuple)

    @property
    def employed(self) -> int:
        return self.active - self.unemployed

    @property
    def rate(self) -> float | None:
        return _rate(self.unemployed, self.active)

    @property
    def graduates(self) -> ActivityFigures:
        return _sum_figures(self.by_education[level] for level in GRADUATE_LEVELS)

    @property
    def graduates_by_sex(self) -> dict[str, ActivityFigures]:
        return {
            sex: _sum_figures(cells[level] for level in GRADUATE_LEVELS)
            for sex, cells in self.by_sex_education.items()
        }

    @property
    def covers_newer_counties(self) -> bool:
        """True when a county created after 2016 lies inside this unit (its 2016 boundary differs)."""
        return any(not county.existed_in_2016 for county in self.covers)

    def as_dict(self) -> dict:
        """A JSON-ready dict with every figure (rates as fractions)."""
        return {
            "code": self.code,
            "province_code": self.province_code,
            "name_fa": self.name_fa,
            "name_en": self.name_en,
            "active": self.active,
            "unemployed": self.unemployed,
            "employed": self.employed,
            "rate": self.rate,
            "population": self.population,
            "population_male": self.population_male,
            "population_female": self.population_female,
            "by_sex": {sex: figures.as_dict() for sex, figures in self.by_sex.items()},
            "by_education": {level: figures.as_dict() for level, figures in self.by_education.items()},
            "graduates": self.graduates.as_dict(),
            "graduates_by_sex": {sex: f.as_dict() for sex, f in self.graduates_by_sex.items()},
            "covers": [asdict(county) for county in self.covers],
        }


def _sum_figures(items) -> ActivityFigures:
    active = unemployed = 0
    for item in items:
        active += item.active
        unemployed += item.unemployed
    return ActivityFigures(active, unemployed)


# --- provinces and counties -------------------------------------------------------------------------


def active_province_code() -> str:
    """The province this installation serves (settings.SAKOO_PROVINCE, default "03")."""
    return getattr(settings, "SAKOO_PROVINCE", "03")


def active_province() -> Province | None:
    """The active Province (settings.SAKOO_PROVINCE), or None when reference data is not loaded."""
    return Province.objects.filter(code=active_province_code()).defer("boundary").first()


def provinces() -> QuerySet[Province]:
    """All provinces by code, without their (heavy) boundaries."""
    return Province.objects.defer("boundary").order_by("code")


def province_exists(province_code: str) -> bool:
    return Province.objects.filter(code=province_code).exists()


def counties(province_code: str | None = None, *, with_boundary: bool = False) -> QuerySet[County]:
    """Current counties of a province (default: the active one), ordered by SCI code.

    Boundaries (GeoJSON) are deferred unless ``with_boundary``.
    """
    queryset = County.objects.select_related("province").filter(
        province__code=province_code or active_province_code()
    )
    if not with_boundary:
        queryset = queryset.defer("boundary", "province__boundary")
    return queryset.order_by("code")


def county_by_code(code: str) -> County | None:
    return County.objects.select_related("province").defer("boundary").filter(code=code).first()


# --- census -----------------------------------------------------------------------------------------


def _activity_cells(filters: dict) -> dict[str, dict[tuple[str, str, str], int]]:
    """{census_code: {(sex, status, education): count}}"""
    cells: dict[str, dict[tuple[str, str, str], int]] = defaultdict(dict)
    rows = CensusActivity.objects.filter(**filters).values_list(
        "census_code", "sex", "status", "education", "count"
    )
    for code, sex, status, education, count in rows:
        cells[code][(sex, status, education)] = count
    return cells


def _population(filters: dict) -> dict[str, dict[str, int]]:
    """{census_code: {"male": n, "female": n}}"""
    result: dict[str, dict[str, int]] = defaultdict(lambda: {"male": 0, "female": 0})
    rows = (
        CensusPopulation.objects.filter(**filters)
        .values("census_code", "sex")
        .annotate(total=Sum("count"))
        .values_list("census_code", "sex", "total")
    )
    for code, sex, total in rows:
        result[code][sex] = total or 0
    return result


def _build_unit(code, province_code, name_fa, name_en, cells, population, covers=()) -> CensusUnit:
    by_sex_education: dict[str, dict[str, ActivityFigures]] = {}
    for sex in Sex.values:
        by_sex_education[sex] = {
            level: ActivityFigures(
                cells.get((sex, "active", level), 0), cells.get((sex, "unemployed", level), 0)
            )
            for level in CensusEducation.values
        }
    by_sex = {sex: _sum_figures(levels.values()) for sex, levels in by_sex_education.items()}
    by_education = {
        level: _sum_figures(by_sex_education[sex][level] for sex in Sex.values)
        for level in CensusEducation.values
    }
    total = _sum_figures(by_sex.values())
    return CensusUnit(
        code=code,
        province_code=province_code,
        name_fa=name_fa,
        name_en=name_en,
        active=total.active,
        unemployed=total.unemployed,
        population=population.get("male", 0) + population.get("female", 0),
        population_male=population.get("male", 0),
        population_female=population.get("female", 0),
        by_sex=by_sex,
        by_education=by_education,
        by_sex_education=by_sex_education,
        covers=tuple(covers),
    )


def census_by_unit(province_code: str | None = None) -> list[CensusUnit]:
    """2016 census figures per 2016 census unit of a province (default: the active one), by code.

    Each CensusUnit carries its totals, breakdowns by sex and education, and ``covers``: the current
    counties inside it (for East Azerbaijan: 20 units; 0302 Ahar covers Ahar and Hurand).
    """
    province_code = province_code or active_province_code()
    cells = _activity_cells({"province_code": province_code})
    population = _population({"province_code": province_code})
    names = dict(
        CensusActivity.objects.filter(province_code=province_code)
        .values_list("census_code", "county_name")
        .distinct()
    )
    covers: dict[str, list[CoveredCounty]] = defaultdict(list)
    current_names: dict[str, tuple[str, str]] = {}
    for county in counties(province_code).only(
        "code", "name_fa", "name_en", "census2016_code", "census2016_parent_code", "province"
    ):
        unit = county.census2016_unit_code
        if not unit:
            continue
        covers[unit].append(
            CoveredCounty(county.code, county.name_fa, county.name_en, county.existed_in_2016)
        )
        if county.census2016_code:
            current_names[county.census2016_code] = (county.name_fa, county.name_en)
    units = []
    for code in sorted(cells):
        name_fa, name_en = current_names.get(code, (names.get(code, code), ""))
        # the county that existed in 2016 first, then those created later
        covered = sorted(covers.get(code, []), key=lambda c: (not c.existed_in_2016, c.code))
        units.append(
            _build_unit(code, province_code, name_fa, name_en, cells[code], population[code], covered)
        )
    return units


def census_unit(census_code: str) -> CensusUnit | None:
    """One 2016 census unit by its four-digit code, or None."""
    province_code = census_code[:2]
    for unit in census_by_unit(province_code):
        if unit.code == census_code:
            return unit
    return None


def census_province_totals(province_code: str | None = None) -> CensusUnit | None:
    """2016 census totals of a province as a CensusUnit (``code`` = province code, ``covers`` empty).

    None when the province has no census rows (unknown code or data not loaded).
    East Azerbaijan: active 1,264,524, unemployed 171,272 (rate 0.1354), population 3,909,652.
    """
    province_code = province_code or active_province_code()
    per_unit = _activity_cells({"province_code": province_code})
    if not per_unit:
        return None
    cells: dict[tuple[str, str, str], int] = defaultdict(int)
    for unit_cells in per_unit.values():
        for key, count in unit_cells.items():
            cells[key] += count
    population: dict[str, int] = {"male": 0, "female": 0}
    for sexes in _population({"province_code": province_code}).values():
        for sex, count in sexes.items():
            population[sex] += count
    province = Province.objects.filter(code=province_code).only("name_fa", "name_en").first()
    return _build_unit(
        province_code,
        province_code,
        province.name_fa if province else province_code,
        province.name_en if province else "",
        cells,
        population,
    )


@dataclass(frozen=True)
class CountyCensus:
    """The 2016 census figures that belong to a current county, said honestly.

    ``status``:
    - ``"own"``: the county existed in 2016; ``figures`` are its 2016 unit. ``shared_with`` lists the
      current counties created later inside that unit (Ahar: Hurand), whose area the figures include;
    - ``"inside_parent"``: created after 2016; ``figures`` is None and ``parent`` holds the figures of
      the 2016 county it was part of (Hurand → Ahar). Never show them as the county's own;
    - ``"none"``: no 2016 figures known.
    ``note`` is a translated sentence saying which of these applies.
    """

    county: County
    status: str
    figures: CensusUnit | None
    parent: CensusUnit | None
    shared_with: tuple[CoveredCounty, ...]
    note: str


def county_census_note(county: County, parent_name: str = "", shared_names: tuple[str, ...] = ()) -> str:
    """The translated census note for a county (active language)."""
    if county.census2016_code:
        if shared_names:
            return _(
                "2016 census figures on the 2016 boundary, which also covers %(counties)s "
                "(created later as a separate county)."
            ) % {"counties": _list_separator().join(shared_names)}
        return _("2016 census figures for this county.")
    if county.census2016_parent_code:
        return _(
            "This county was created after the 2016 census: its 2016 figures are inside %(parent)s's."
        ) % {"parent": parent_name or county.census2016_parent_code}
    return _("No 2016 census figures are available for this county.")


def county_census(county: County) -> CountyCensus:
    """The 2016 figures for a current county, or where they are (see CountyCensus)."""
    unit_code = county.census2016_unit_code
    unit = census_unit(unit_code) if unit_code else None
    if unit is None:
        return CountyCensus(county, "none", None, None, (), county_census_note(county))
    if county.census2016_code:
        shared = tuple(c for c in unit.covers if c.code != county.code and not c.existed_in_2016)
        names = tuple(_localised_name(c) for c in shared)
        return CountyCensus(county, "own", unit, None, shared, county_census_note(county, "", names))
    return CountyCensus(
        county, "inside_parent", None, unit, (), county_census_note(county, _localised_name(unit))
    )


def _is_english() -> bool:
    return (get_language() or "fa").startswith("en")


def _list_separator() -> str:
    return ", " if _is_english() else "، "


def _localised_name(item) -> str:
    if _is_english() and item.name_en:
        return item.name_en
    return item.name_fa


def counties_with_census(province_code: str | None = None) -> list[dict]:
    """Every current county of a province with its 2016 figures or its parent, for lists, API and maps.

    Each dict: ``county`` (County, boundary deferred), ``code``, ``name_fa``, ``name_en``, ``status``
    ("own" | "inside_parent" | "none"), ``active``, ``unemployed``, ``rate``, ``population`` (None
    unless "own"), ``census2016_code``, ``census2016_parent`` (the unit code when "inside_parent"),
    ``parent_name_fa``/``parent_name_en``, ``parent_active``/``parent_unemployed``/``parent_rate``
    (the parent unit's figures when "inside_parent", else None), ``shared_with`` (names of newer
    counties inside this county's 2016 unit) and ``census_note`` (translated).
    """
    province_code = province_code or active_province_code()
    units = {unit.code: unit for unit in census_by_unit(province_code)}
    result = []
    for county in counties(province_code):
        unit = units.get(county.census2016_unit_code) if county.census2016_unit_code else None
        own = bool(unit and county.census2016_code)
        parent = unit if (unit and not county.census2016_code) else None
        shared = (
            tuple(c for c in unit.covers if c.code != county.code and not c.existed_in_2016) if own else ()
        )
        status = "own" if own else ("inside_parent" if parent else "none")
        result.append(
            {
                "county": county,
                "code": county.code,
                "name_fa": county.name_fa,
                "name_en": county.name_en,
                "status": status,
                "active": unit.active if own else None,
                "unemployed": unit.unemployed if own else None,
                "rate": unit.rate if own else None,
                "population": unit.population if own else None,
                "census2016_code": county.census2016_code or None,
                "census2016_parent": parent.code if parent else None,
                "parent_name_fa": parent.name_fa if parent else None,
                "parent_name_en": parent.name_en if parent else None,
                "parent_active": parent.active if parent else None,
                "parent_unemployed": parent.unemployed if parent else None,
                "parent_rate": parent.rate if parent else None,
                "shared_with": [_localised_name(c) for c in shared],
                "census_note": county_census_note(
                    county,
                    _localised_name(parent) if parent else "",
                    tuple(_localised_name(c) for c in shared),
                ),
            }
        )
    return result


# --- the home page's "province at a glance" ---------------------------------------------------------

#: Fixed, rounded class breaks for county unemployment rates (fractions), kept the same for every
#: province so maps compare; with a colour-blind-safe sequential palette (ColorBrewer YlOrRd, 5 classes).
RATE_BREAKS = (0.08, 0.12, 0.16, 0.20)
RATE_COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_DATA_COLOUR = "#d9d9d9"


def rate_class(rate: float | None) -> int | None:
    """Index of the class of ``rate`` in RATE_BREAKS (0 … 4), None for no data."""
    if rate is None:
        return None
    for index, upper in enumerate(RATE_BREAKS):
        if rate < upper:
            return index
    return len(RATE_BREAKS)


def rate_legend() -> list[dict]:
    """Legend entries: ``index``, ``colour``, ``lower``, ``upper`` (fractions; None = open end)."""
    bounds = (None, *RATE_BREAKS, None)
    return [
        {"index": i, "colour": colour, "lower": bounds[i], "upper": bounds[i + 1]}
        for i, colour in enumerate(RATE_COLOURS)
    ]


def province_at_a_glance(province_code: str | None = None) -> dict | None:
    """Everything the home page shows: ``province``, ``totals`` (CensusUnit), ``counties`` (the rows
    of counties_with_census, each with ``rate_class`` and ``colour``, sorted by name), ``legend``,
    ``breaks`` and ``colours``. None when the reference data is not loaded."""
    province_code = province_code or active_province_code()
    province = Province.objects.filter(code=province_code).defer("boundary").first()
    totals = census_province_totals(province_code)
    if province is None or totals is None:
        return None
    rows = counties_with_census(province_code)
    for row in rows:
        row["rate_class"] = rate_class(row["rate"])
        row["colour"] = NO_DATA_COLOUR if row["rate_class"] is None else RATE_COLOURS[row["rate_class"]]
        row["name"] = _localised_name(row["county"])
        row["shared_with_text"] = _list_separator().join(row["shared_with"])
        row["parent_name"] = (
            (row["parent_name_en"] or row["parent_name_fa"]) if _is_english() else row["parent_name_fa"]
        )
    rows.sort(key=lambda row: row["name"])
    unit_count = (
        CensusActivity.objects.filter(province_code=province_code).values("census_code").distinct().count()
    )
    return {
        "unit_count": unit_count,
        "newer_counties": [row for row in rows if row["status"] == "inside_parent"],
        "province": province,
        "totals": totals,
        "counties": rows,
        "county_count": len(rows),
        "legend": rate_legend(),
        "breaks": list(RATE_BREAKS),
        "colours": list(RATE_COLOURS),
        "no_data_colour": NO_DATA_COLOUR,
    }


# --- county versions (crosswalks) -------------------------------------------------------------------


def county_names_in_year(province_code: str, year: int) -> dict[str, str]:
    """{SCI code: name} of the counties that existed in a province in a division year (Jalali).

    The versions table lists only some years (e.g. 1355 … 1402); the latest listed year not after
    ``year`` is used. Example: East Azerbaijan in 1395 has 20 counties, in 1397 21 (Hurand 0327).
    """
    years = sorted(
        set(CountyVersion.objects.filter(province_code=province_code).values_list("year", flat=True))
    )
    usable = [listed for listed in years if listed <= year]
    if not usable:
        return {}
    return dict(
        CountyVersion.objects.filter(province_code=province_code, year=usable[-1])
        .order_by("code")
        .values_list("code", "name")
    )


def census_totals_by_province() -> dict[str, dict]:
    """{province code: {"active", "unemployed", "rate", "population"}} for every province, in 2 queries."""
    totals: dict[str, dict] = defaultdict(lambda: {"active": 0, "unemployed": 0, "population": 0})
    activity = CensusActivity.objects.values("province_code", "status").annotate(total=Sum("count"))
    for row in activity.values_list("province_code", "status", "total"):
        totals[row[0]][row[1]] = row[2] or 0
    population = CensusPopulation.objects.values("province_code").annotate(total=Sum("count"))
    for code, total in population.values_list("province_code", "total"):
        totals[code]["population"] = total or 0
    for figures in totals.values():
        figures["rate"] = _rate(figures["unemployed"], figures["active"])
    return dict(totals)
