"""The printable atlas: one Persian PDF per province, rendered by WeasyPrint from HTML.

Maps are SVG polygons drawn server-side from the shipped boundaries; every label is HTML placed over the
SVG (WeasyPrint does not shape Persian inside SVG ``<text>``). The Vazirmatn font is loaded from the
project's static files through a ``file://`` URL. This HTML is never served to a browser, so the page's
Content-Security-Policy does not apply to it.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from sakoo.atlas import layers, presentation, selectors
from sakoo.core.jalali import format_jalali
from sakoo.geo.models import County, Province

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def _census_maps(province: Province) -> list[layers.MapData]:
    return [
        layers.census_map(province, "rate"),
        layers.census_map(province, "rate", sex="female"),
        layers.census_map(province, "rate", education="graduates"),
        layers.census_map(province, "unemployed"),
    ]


def _registry_maps(province: Province, *, exact: bool, memo: dict | None = None) -> list[layers.MapData]:
    if province.code != settings.SAKOO_PROVINCE:
        return []
    # The latest complete Jalali month, as on the fact sheets (a month still running would change).
    month = selectors.latest_complete_month()
    counts = layers.registry_month_counts(province.code, month, memo)
    return [
        layers.registry_map(province, key, month=month, exact=exact, counts=counts)
        for key in ("seekers_per_1000", "women_share", "graduate_share")
    ]


def atlas_context(province: Province, *, exact: bool) -> dict:
    boundaries = presentation._boundaries(province.code)
    memo: dict = {}  # registry counts per month, shared by the maps, the trends and the key figures
    maps = [*_census_maps(province), *_registry_maps(province, exact=exact, memo=memo)]
    map_pages = []
    for i, data in enumerate(maps):
        map_pages.append(
            {
                "id": f"map-{i}",
                "data": data,
                "svg": presentation.svg_map(data, width=1000, boundaries=boundaries),
                "legend": data.legend(),
                "bars": presentation.bars(data),
            }
        )
    census = maps[0]
    concentration = layers.census_map(province, "unemployed", top=6)
    counties = list(County.objects.filter(province=province).select_related("province").order_by("name_fa"))
    trends = (
        selectors.registry_trends(province.code, months=12, exact=exact, memo=memo)
        if province.code == settings.SAKOO_PROVINCE
        else {}
    )
    key_figures = (
        selectors.registry_key_figures(province, exact=exact, memo=memo)
        if province.code == settings.SAKOO_PROVINCE
        else None
    )
    sheets = []
    for county in counties:
        sheet = selectors.fact_sheet(
            county, exact=exact, census_map=census, trends=trends, key_figures=key_figures
        )
        sheets.append(
            {"sheet": sheet, "locator": presentation.locator_map_from(boundaries, [county.code], width=300)}
        )
    names = presentation.concentration_names(concentration)
    return {
        "province": province,
        "generated": format_jalali(timezone.localdate()),
        "map_pages": map_pages,
        "concentration_data": concentration,
        "concentration": concentration.concentration,
        "concentration_names": names,
        "concentration_sentence": presentation.concentration_sentence(concentration, names),
        "lorenz": presentation.lorenz_polyline(concentration.concentration.lorenz),
        "sheets": sheets,
        "exact": exact,
        "reference_figures": list(selectors.reference_figures(province.code)),
        "font_regular": (FONT_DIR / "Vazirmatn-Regular.ttf").as_uri(),
        "font_bold": (FONT_DIR / "Vazirmatn-Bold.ttf").as_uri(),
        "source_line": _("Sources: SCI census 2016; Sakoo registry; boundaries © OpenStreetMap contributors"),
    }


def render_atlas_pdf(province: Province, *, exact: bool = False) -> tuple[bytes, int]:
    """The atlas PDF and its number of pages."""
    from weasyprint import HTML

    html = render_to_string("atlas/pdf/atlas.html", atlas_context(province, exact=exact))
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    buffer = io.BytesIO()
    document.write_pdf(buffer)
    return buffer.getvalue(), len(document.pages)


def build_atlas_pdf(province_code: str, output: Path, *, exact: bool = False) -> dict:
    started = time.monotonic()
    province = selectors.province_or_404(province_code)
    pdf, pages = render_atlas_pdf(province, exact=exact)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(pdf)
    return {"path": output, "pages": pages, "bytes": len(pdf), "seconds": time.monotonic() - started}
