"""The monthly report of the province employment working group (گزارش ماهانه کارگروه اشتغال استان):
a PDF (WeasyPrint, Vazirmatn) and an XLSX for one Jalali month, shared by the dashboard button and the
``monthly_report`` command."""

from __future__ import annotations

import io
import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from sakoo.core.jalali import jalali_month_range, month_label
from sakoo.monitoring import indicators as ind
from sakoo.monitoring import selectors
from sakoo.monitoring.aggregates import month_code
from sakoo.monitoring.presentation import bar_width, column_chart

logger = logging.getLogger(__name__)


def province_map_svg(width: float = 260.0) -> dict | None:
    """A thumbnail of the province's counties as SVG paths (no text: names are in the HTML table)."""
    try:
        from sakoo.atlas.geometry import projection_for, svg_path
    except ImportError:  # pragma: no cover
        return None
    from sakoo.geo.models import County

    counties = list(County.objects.filter(province__code=selectors._province_code()).exclude(boundary=None))
    projection = projection_for([c.boundary for c in counties], width=width)
    if projection is None:
        return None
    return {
        "width": projection.width,
        "height": projection.height,
        "paths": [svg_path(c.boundary, projection) for c in counties],
    }


def facilities_summary(ym: tuple[int, int]) -> dict | None:
    """Absorption by agency and the bank scorecard, when the facilities app provides them."""
    try:
        from sakoo.facilities import selectors as fac
    except ImportError:
        return None
    if not all(hasattr(fac, name) for name in ("fiscal_year_for", "agency_measures", "scorecard")):
        return None
    try:
        fiscal_year = fac.fiscal_year_for(ym[0])
        if fiscal_year is None:
            return None
        end = jalali_month_range(*ym)[1]
        measures = fac.agency_measures(fiscal_year=fiscal_year, today=min(end, timezone.localdate()))
        card = fac.scorecard(fiscal_year=fiscal_year)
    except Exception:  # a summary from another app must not break the report
        logger.exception("facilities summary unavailable")
        return None
    agencies = [
        {"name": str(r.get("agency")), "absorption": r.get("absorption"), "payment_rate": r.get("payment_rate")}
        for r in measures.get("rows", [])
    ]
    banks = [
        {
            "rank": r.get("rank"),
            "name": str(r.get("object") or r.get("bank") or ""),
            "contract_rate": r.get("contract_rate"),
            "median_days": r.get("median_days_to_contract"),
        }
        for r in card.get("banks", [])
    ]
    return {"agencies": agencies, "banks": banks, "measure": measures.get("measure")}


def report_context(ym: tuple[int, int]) -> dict:
    from sakoo.resolutions.selectors import overdue_resolutions

    data = selectors.dashboard(ym=ym, county=None, span=12)
    end = jalali_month_range(*ym)[1]
    today = min(end, timezone.localdate())
    return {
        "title": _("Monthly report of the province employment working group"),
        "month_label": month_label(*ym),
        "month_code": month_code(ym),
        "data": data,
        "trends": [
            {"indicator": ind.INDICATORS[c], "bars": column_chart(points)} for c, points in data.trends.items()
        ][:3],
        "bar_width": bar_width(len(data.months)),
        "map": province_map_svg(),
        "facilities": facilities_summary(ym),
        "overdue": list(overdue_resolutions(None, today)[:40]),
        "generated_at": timezone.localtime(),
        "reference_figures": selectors.reference_figures(),
    }


def report_pdf(ym: tuple[int, int]) -> bytes:
    from sakoo.resolutions.pdf import render_pdf

    with override("fa"):
        return render_pdf("monitoring/report_pdf.html", report_context(ym))


def report_xlsx(ym: tuple[int, int]) -> bytes:
    from openpyxl import Workbook

    with override("fa"):
        ctx = report_context(ym)
        book = Workbook()
        sheet = book.active
        sheet.title = _("Headline")[:31]
        sheet.sheet_view.rightToLeft = True
        sheet.append([ctx["title"], ctx["month_label"]])
        sheet.append([_("Indicator"), _("Value"), _("Previous month"), _("Definition"), _("Source"), _("As of")])
        for f in ctx["data"].headline + ctx["data"].themes:
            sheet.append([
                str(f.label), f.value, f.previous, str(f.definition), str(f.source),
                f.as_of.isoformat() if f.as_of else "",
            ])
        counties = book.create_sheet(_("Counties")[:31])
        counties.sheet_view.rightToLeft = True
        counties.append([_("County"), _("Code"), *[str(ind.INDICATORS[c].label) for c in selectors.COUNTY_TABLE]])
        for r in ctx["data"].county_rows:
            counties.append([r["county"].name_fa, r["county"].code, *[r[c] for c in selectors.COUNTY_TABLE]])
        trends = book.create_sheet(_("Trends")[:31])
        trends.sheet_view.rightToLeft = True
        trends.append([_("Month"), *[str(ind.INDICATORS[c].label) for c in ctx["data"].trends]])
        for i, ym_ in enumerate(ctx["data"].months):
            trends.append([month_code(ym_), *[points[i][1] for points in ctx["data"].trends.values()]])
        overdue = book.create_sheet(_("Overdue resolutions")[:31])
        overdue.sheet_view.rightToLeft = True
        overdue.append([_("Meeting"), _("No."), _("Resolution"), _("Owner agency"), _("Due date")])
        for r in ctx["overdue"]:
            overdue.append([r.meeting.title, r.number, r.text, r.owner.name, r.due_date.isoformat()])
        if ctx["facilities"]:
            fac = book.create_sheet(_("Facilities")[:31])
            fac.sheet_view.rightToLeft = True
            fac.append([_("Agency"), _("Absorption"), _("Payment rate")])
            for a in ctx["facilities"]["agencies"]:
                fac.append([a["name"], a["absorption"], a["payment_rate"]])
            fac.append([])
            fac.append([_("Rank"), _("Bank"), _("Contract rate"), _("Median days to contract")])
            for b in ctx["facilities"]["banks"]:
                fac.append([b["rank"], b["name"], b["contract_rate"], b["median_days"]])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
