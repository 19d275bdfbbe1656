"""Turn a ``MapData`` into what templates draw: SVG map paths, symbols, labels, bars, the Lorenz curve,
and the plain-language concentration sentence. Shared by the page and the PDF."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sakoo.atlas import geometry
from sakoo.atlas.formatting import format_share, format_value
from sakoo.atlas.layers import MapData, Row
from sakoo.core.text import format_number
from sakoo.geo.models import County


@dataclass
class MapShape:
    code: str
    name: str
    d: str
    fill: str
    title: str
    label_x: float  # percent of the drawing width (for HTML labels)
    label_y: float
    cx: float  # SVG units (for symbols)
    cy: float
    radius: float = 0.0
    highlighted: bool = False
    suppressed: bool = False
    no_data: bool = False


@dataclass
class SvgMap:
    width: float
    height: float
    shapes: list[MapShape]
    symbols: bool = False

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"


def _boundaries(province_code: str) -> dict[str, dict]:
    return dict(
        County.objects.filter(province__code=province_code, boundary__isnull=False).values_list(
            "code", "boundary"
        )
    )


def svg_map(data: MapData, width: float = 1000.0, boundaries: dict[str, dict] | None = None) -> SvgMap | None:
    """The choropleth (rates) or proportional-symbol map (counts) of ``data``."""
    boundaries = boundaries if boundaries is not None else _boundaries(data.province.code)
    projection = geometry.projection_for(boundaries.values(), width)
    if projection is None:
        return None
    symbols = data.indicator.is_count
    max_value = max((r.value or 0 for r in data.rows if not r.suppressed), default=0) or 1
    max_radius = width / 18
    covered: set[str] = set()
    shapes: list[MapShape] = []
    for row in data.rows:
        geoms = [boundaries[c] for c in row.county_codes if c in boundaries]
        if not geoms:
            continue
        covered.update(row.county_codes)
        point = geometry.label_point(geoms)
        cx, cy = projection(*point) if point else (0, 0)
        lx, ly = projection.percent(*point) if point else (0, 0)
        radius = 0.0
        if symbols and row.value and not row.suppressed:
            radius = max_radius * math.sqrt(row.value / max_value)
        shapes.append(
            MapShape(
                code=row.code,
                name=row.name,
                d="".join(geometry.svg_path(g, projection) for g in geoms),
                fill="#f0f0f0" if symbols and not row.suppressed else row.colour,
                title=shape_title(data, row),
                label_x=lx,
                label_y=ly,
                cx=round(cx, 1),
                cy=round(cy, 1),
                radius=round(radius, 1),
                suppressed=row.suppressed,
                no_data=row.value is None and not row.suppressed,
            )
        )
    for code, boundary in boundaries.items():
        if code in covered:
            continue
        point = geometry.label_point([boundary])
        lx, ly = projection.percent(*point) if point else (0, 0)
        shapes.append(
            MapShape(
                code=code,
                name="",
                d=geometry.svg_path(boundary, projection),
                fill="#ffffff",
                title=_("No data"),
                label_x=lx,
                label_y=ly,
                cx=0,
                cy=0,
                no_data=True,
            )
        )
    return SvgMap(width, projection.height, shapes, symbols)


def locator_map(province_code: str, county_codes: list[str], width: float = 300.0) -> SvgMap | None:
    """A small province outline with the given counties highlighted (fact sheets)."""
    return locator_map_from(_boundaries(province_code), county_codes, width)


def locator_map_from(
    boundaries: dict[str, dict], county_codes: list[str], width: float = 300.0
) -> SvgMap | None:
    projection = geometry.projection_for(boundaries.values(), width)
    if projection is None:
        return None
    shapes = []
    for code, boundary in boundaries.items():
        point = geometry.label_point([boundary])
        lx, ly = projection.percent(*point) if point else (0, 0)
        shapes.append(
            MapShape(
                code=code,
                name="",
                d=geometry.svg_path(boundary, projection),
                fill="#bd0026" if code in county_codes else "#eeeeee",
                title="",
                label_x=lx,
                label_y=ly,
                cx=0,
                cy=0,
                highlighted=code in county_codes,
            )
        )
    return SvgMap(width, projection.height, shapes)


def shape_title(data: MapData, row: Row) -> str:
    if row.suppressed:
        return f"{row.name}: {_('suppressed (fewer than 10 persons)')}"
    if row.value is None:
        return f"{row.name}: {_('No data')}"
    return f"{row.name}: {format_value(row.value, data.unit)}"


@dataclass
class Bar:
    row: Row
    width: float  # 0..100 of the chart
    ci_low: float | None
    ci_high: float | None
    province: float | None


def bars(data: MapData) -> list[Bar]:
    """Ranking bars (highest first) on a common scale including the intervals."""
    ranked = data.ranked()
    top = (
        max([r.ci_high or 0 for r in ranked] + [r.value or 0 for r in ranked] + [data.province_value or 0])
        or 1
    )

    def pct(v):
        return None if v is None else round(100 * v / top, 2)

    return [
        Bar(
            row=r,
            width=pct(r.value) or 0,
            ci_low=pct(r.ci_low),
            ci_high=pct(r.ci_high),
            province=pct(data.province_value),
        )
        for r in ranked
    ]


def lorenz_polyline(points: list[tuple[float, float]], size: float = 100.0) -> str:
    return " ".join(f"{x * size:.2f},{size - y * size:.2f}" for x, y in points)


def concentration_sentence(data: MapData, names: list[str]) -> str:
    """A plain sentence answering: is unemployment concentrated beyond population size?"""
    c = data.concentration
    if c is None:
        return ""
    who = _("registered job seekers looking for work") if data.layer == "registry" else _("unemployed")
    ratio = c.share_unemployed / c.share_active if c.share_active else 1
    if ratio >= 1.2:
        verdict = _("well beyond their share of the active population: unemployment is concentrated there.")
    elif ratio >= 1.05:
        verdict = _(
            "somewhat beyond their share of the active population: most of the concentration follows "
            "where people live and work, the rest is higher rates."
        )
    elif ratio > 0.95:
        verdict = _(
            "in line with their share of the active population: the concentration is population size."
        )
    else:
        verdict = _("less than their share of the active population: their rates are below the province's.")
    head = ngettext(
        "The county with the most %(who)s (%(names)s) holds %(share_u)s of them and %(share_a)s of the "
        "active population,",
        "The %(k)s counties with the most %(who)s (%(names)s) hold %(share_u)s of them and %(share_a)s of "
        "the active population,",
        c.k,
    ) % {
        "k": format_number(c.k),
        "who": who,
        "names": "، ".join(names) if _lang_fa() else ", ".join(names),
        "share_u": format_share(c.share_unemployed),
        "share_a": format_share(c.share_active),
    }
    hoover = _(
        "Hoover index %(hoover)s: that share of the %(who)s would have to be elsewhere for every county "
        "to have the province's rate. Gini %(gini)s."
    ) % {"hoover": format_share(c.hoover), "who": who, "gini": format_value(c.gini, "ratio")}
    return f"{head} {verdict} {hoover}"


def _lang_fa() -> bool:
    from sakoo.core.text import is_persian_language

    return is_persian_language()


def concentration_names(data: MapData) -> list[str]:
    if data.concentration is None:
        return []
    by_code = {r.code: r for r in data.rows}
    names = []
    for code in data.concentration.counties:
        row = by_code.get(code)
        names.append(row.name if row else code)
    return names
