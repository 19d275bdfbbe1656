"""Calendar API: /api/v1/calendar/working-days."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from sakoo.geo.models import County

from .dates import ascii_digits, jalali_iso, parse_date
from .selectors import UnknownCalendar, get_calendar

router = Router(tags=["calendar"])
MAX_DAYS = 3650


class SkippedDay(Schema):
    date: str
    date_gregorian: str
    reason: str


class WorkingDaysOut(Schema):
    start: str
    start_gregorian: str
    days: int
    scope: str
    end: str
    end_gregorian: str
    skipped: list[SkippedDay]


@router.get("/working-days", response=WorkingDaysOut, summary="Add N working days to a date")
def working_days(request, start: str, days: str, scope: str = "government", county: str | None = None):
    """`start` is a Jalali date (``1403-02-01``, Persian digits accepted) or an ISO Gregorian date; the
    start day is not counted, and `end` is the `days`-th working day after it. `skipped` lists the days
    passed over, each with its reason (weekend, holiday, closure)."""
    try:
        start_date = parse_date(start)
    except ValueError:
        raise HttpError(422, _("start: not a valid date; write a Jalali date like 1403-02-01.")) from None
    try:
        n = int(ascii_digits(days).strip())
    except ValueError:
        raise HttpError(422, _("days: must be a whole number of working days.")) from None
    if not 0 <= n <= MAX_DAYS:
        raise HttpError(422, _("days: must be between 0 and %(max)s.") % {"max": MAX_DAYS})
    county_obj = None
    if county:
        county_obj = County.objects.filter(code=ascii_digits(county).strip()).first()
        if county_obj is None:
            raise HttpError(422, _("county: unknown county code."))
    try:
        calendar = get_calendar(scope, county_obj)
    except UnknownCalendar:
        raise HttpError(422, _("scope: unknown calendar (for example government or bank).")) from None
    end = calendar.add(start_date, n)
    return {
        "start": jalali_iso(start_date),
        "start_gregorian": start_date.isoformat(),
        "days": n,
        "scope": scope,
        "end": jalali_iso(end),
        "end_gregorian": end.isoformat(),
        "skipped": [
            {"date": jalali_iso(d), "date_gregorian": d.isoformat(), "reason": why}
            for d, why in calendar.skipped(start_date, end)
        ],
    }
