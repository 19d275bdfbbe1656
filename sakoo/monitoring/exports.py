"""CSV and XLSX exports of the stored aggregates."""

from __future__ import annotations

import io

from sakoo.monitoring.aggregates import month_code
from sakoo.monitoring.models import MonthlyAggregate

HEADER = ["month", "county_code", "indicator", "breakdown", "key", "value", "computed_at"]


def aggregate_rows(ym: tuple[int, int], county) -> list[list]:
    qs = (
        MonthlyAggregate.objects.filter(month=month_code(ym), county=county)
        .exclude(indicator="_computed")
        .order_by("indicator", "breakdown", "key")
        .values_list("month", "indicator", "breakdown", "key", "value", "computed_at")
    )
    code = county.code if county is not None else ""
    return [[m, code, i, b, k, v, c.isoformat()] for m, i, b, k, v, c in qs]


def rows_to_xlsx(rows: list[list], *, title: str, header: list[str] | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.sheet_view.rightToLeft = True
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
