"""The calendar page: one Jalali month with weekends, holidays and closures marked."""

from __future__ import annotations

import datetime as dt

import jdatetime
from django.shortcuts import render
from django.utils.translation import gettext as _

from .dates import ascii_digits
from .models import WorkCalendar
from .selectors import get_calendar, holidays_between, overrides_between

MONTH_NAMES = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
               "بهمن", "اسفند"]


def _month_param(raw: str | None, today: dt.date) -> tuple[int, int]:
    try:
        y, m = (int(p) for p in ascii_digits(raw or "").split("-"))
        if 1300 <= y < 1500 and 1 <= m <= 12:
            return y, m
    except ValueError:
        pass
    j = jdatetime.date.fromgregorian(date=today)
    return j.year, j.month


def calendar_month(request):
    scope = request.GET.get("scope") or WorkCalendar.GOVERNMENT
    scopes = list(WorkCalendar.objects.all())
    if scopes and scope not in {c.code for c in scopes}:
        scope = WorkCalendar.GOVERNMENT
    year, month = _month_param(request.GET.get("month"), dt.date.today())
    first = jdatetime.date(year, month, 1)
    last_day = 31 if month <= 6 else (30 if month < 12 or first.isleap() else 29)
    start = first.togregorian()
    end = jdatetime.date(year, month, last_day).togregorian()
    calendar = get_calendar(scope)
    holidays = {h.date: h for h in holidays_between(start, end, scope)}
    overrides = {o.date: o for o in overrides_between(start, end, scope) if o.county_id is None}
    # Weeks start on Saturday (Python weekday 5).
    lead = (start.weekday() - 5) % 7
    cells: list[dict | None] = [None] * lead
    day = start
    while day <= end:
        j = jdatetime.date.fromgregorian(date=day)
        cells.append({
            "day": j.day,
            "date": day,
            "working": calendar.is_working_day(day),
            "reason": calendar.reason(day),
            "holiday": holidays.get(day),
            "override": overrides.get(day),
        })
        day += dt.timedelta(days=1)
    while len(cells) % 7:
        cells.append(None)
    weeks = [cells[i:i + 7] for i in range(0, len(cells), 7)]
    prev_y, prev_m = (year, month - 1) if month > 1 else (year - 1, 12)
    next_y, next_m = (year, month + 1) if month < 12 else (year + 1, 1)
    context = {
        "year": year,
        "month": month,
        "month_name": MONTH_NAMES[month - 1],
        "weeks": weeks,
        "weekday_names": [_("Sat"), _("Sun"), _("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri")],
        "scope": scope,
        "scopes": scopes,
        "prev": f"{prev_y}-{prev_m:02d}",
        "next": f"{next_y}-{next_m:02d}",
        "holidays": sorted(holidays.values(), key=lambda h: h.date),
        "overrides": sorted(overrides.values(), key=lambda o: o.date),
        "working_count": sum(1 for c in cells if c and c["working"]),
    }
    return render(request, "workcal/calendar.html", context)
