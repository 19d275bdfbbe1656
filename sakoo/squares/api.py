"""/api/v1/squares/: public monthly aggregates of the labour squares, per county.

Nothing about individual labourers is ever returned. Small cells are suppressed with the atlas's rule
(``sakoo.core.disclosure.suppress``): each count from 1 to 9 is returned as ``null`` with its name in
``suppressed``, and a second county is withheld where the province total would reveal the first.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from sakoo.core.disclosure import SUPPRESSION_THRESHOLD, suppress
from sakoo.core.jalali import jalali_month_of, jalali_month_range, parse_jalali_month
from sakoo.squares import selectors

router = Router(tags=["labour squares"])

#: Published counts, in the order of the response.
MEASURES = ("registered", "present", "present_people", "demand", "hired", "unmet", "worked")


def _month(raw: str | None) -> tuple[int, int]:
    current = jalali_month_of(timezone.localdate())
    if not raw:
        return current
    try:
        month = parse_jalali_month(raw)
    except (ValidationError, ValueError) as exc:
        raise HttpError(422, "month: expected a Jalali month such as 1404-07") from exc
    if month > current:
        raise HttpError(422, "month: the month is in the future")
    return month


@router.get("/summary", summary="Labour squares per county for a Jalali month (small cells suppressed)")
def summary(request, month: str | None = None):
    ym = _month(month)
    start, end = jalali_month_range(*ym)
    end = min(end, timezone.localdate())
    rows = selectors.county_month_summary(start, end)
    codes = [row["code"] for row in rows]
    hidden: dict[str, set[str]] = {}
    for measure in MEASURES:
        values = {row["code"]: getattr(row["figures"], measure) for row in rows}
        hidden[measure] = suppress(values, {"total": codes}).cells if codes else set()
    counties = []
    totals = dict.fromkeys(MEASURES, 0)
    for row in rows:
        figures = row["figures"]
        out = {
            "code": row["code"],
            "name_fa": row["name_fa"],
            "name_en": row["name_en"],
            "squares": row["squares"],
        }
        suppressed = []
        for measure in MEASURES:
            value = getattr(figures, measure)
            totals[measure] += value
            if row["code"] in hidden[measure]:
                out[measure] = None
                suppressed.append(measure)
            else:
                out[measure] = value
        out["suppressed"] = suppressed
        counties.append(out)
    province_hidden = [m for m in MEASURES if 0 < totals[m] < SUPPRESSION_THRESHOLD]
    province = {m: (None if m in province_hidden else totals[m]) for m in MEASURES}
    province["squares"] = sum(row["squares"] for row in rows)
    province["suppressed"] = province_hidden
    return {
        "month": f"{ym[0]:04d}-{ym[1]:02d}",
        "from": start.isoformat(),
        "to": end.isoformat(),
        "definitions": {
            "registered": "active day labourers registered at the squares by the end of the period",
            "present": "labourer-days present (check-ins at a square)",
            "present_people": "distinct labourers present at least once",
            "demand": "workers asked for in employers' day requests (not cancelled)",
            "hired": "labourers assigned to a request (labourer-days)",
            "unmet": "workers asked for and not assigned",
            "worked": "assignments recorded as worked",
        },
        "suppression": f"counts from 1 to {SUPPRESSION_THRESHOLD - 1} are null, with a second cell where a "
        "total would reveal one",
        "province": province,
        "counties": counties,
    }
