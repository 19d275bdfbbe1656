"""Reads of the working-day calendar.

Convention (as the governor's rule reads): the start day is not counted; the deadline of "N working days
from D" is the Nth working day after D. ``add_working_days(d, 0)`` returns ``d`` itself (whether or not it
is a working day), so that ``count_working_days(d, add_working_days(d, n)) == n`` for every n >= 0.
``count_working_days(start, end)`` counts the working days in (start, end]; it is negative when end is
before start (``-count_working_days(end, start)``), which reads as "overdue by".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from bisect import bisect_right
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import ClosureOverride, Holiday, WeekendRule, WorkCalendar

DEFAULT_WEEKENDS = {WorkCalendar.GOVERNMENT: (3, 4), WorkCalendar.BANK: (4,)}
# Precomputed span: every date in this range is answered in O(1) from a prefix sum.
SPAN_START = dt.date(2015, 1, 1)
SPAN_END = dt.date(2035, 12, 31)


class UnknownCalendar(LookupError):
    pass


@dataclass
class Calendar:
    """An in-memory calendar for one scope (and optionally one county), built with three queries."""

    scope: str
    county_id: int | None
    rules: list[tuple[dt.date, dt.date | None, frozenset[int]]]
    holidays: dict[dt.date, str]
    closed: dict[dt.date, str]
    opened: dict[dt.date, str]
    _prefix: list[int] = field(default_factory=list, repr=False)
    _working: list[dt.date] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        total = 0
        prefix = []
        working = []
        day = SPAN_START
        one = dt.timedelta(days=1)
        while day <= SPAN_END:
            if self._is_working(day):
                total += 1
                working.append(day)
            prefix.append(total)
            day += one
        self._prefix = prefix
        self._working = working

    # -- single days ---------------------------------------------------------------------------------
    def weekend_days(self, day: dt.date) -> frozenset[int]:
        for start, end, days in self.rules:
            if start <= day and (end is None or day <= end):
                return days
        return frozenset(DEFAULT_WEEKENDS.get(self.scope, (4,)))

    def _is_working(self, day: dt.date) -> bool:
        if day in self.opened:
            return True
        if day in self.closed or day in self.holidays:
            return False
        return day.weekday() not in self.weekend_days(day)

    def is_working_day(self, day: dt.date) -> bool:
        if SPAN_START <= day <= SPAN_END:
            i = (day - SPAN_START).days
            return self._prefix[i] - (self._prefix[i - 1] if i else 0) == 1
        return self._is_working(day)

    def reason(self, day: dt.date) -> str | None:
        """Why ``day`` is not a working day (None if it is one)."""
        if day in self.opened:
            return None
        if day in self.closed:
            return self.closed[day]
        if day in self.holidays:
            return self.holidays[day]
        if day.weekday() in self.weekend_days(day):
            return _("Weekend (%(weekday)s)") % {"weekday": _weekday_name(day)}
        return None

    # -- spans -----------------------------------------------------------------------------------------
    def _count_upto(self, day: dt.date) -> int:
        """Working days in [SPAN_START, day] (day within the span)."""
        return self._prefix[(day - SPAN_START).days]

    def count(self, start: dt.date, end: dt.date) -> int:
        if end < start:
            return -self.count(end, start)
        if SPAN_START <= start and end <= SPAN_END:
            return self._count_upto(end) - self._count_upto(start)
        n = 0
        day = start + dt.timedelta(days=1)
        while day <= end:
            n += self._is_working(day)
            day += dt.timedelta(days=1)
        return n

    def add(self, start: dt.date, n: int) -> dt.date:
        if n < 0:
            raise ValueError("n must be zero or more")
        if n == 0:
            return start
        if SPAN_START <= start <= SPAN_END:
            i = bisect_right(self._working, start) + n - 1
            if i < len(self._working):
                return self._working[i]
        day = start
        left = n
        while left:
            day += dt.timedelta(days=1)
            left -= self._is_working(day)
        return day

    def skipped(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
        out = []
        day = start + dt.timedelta(days=1)
        while day <= end:
            why = self.reason(day)
            if why is not None:
                out.append((day, why))
            day += dt.timedelta(days=1)
        return out


def _weekday_name(day: dt.date) -> str:
    from .models import WEEKDAY_NAMES

    return str(WEEKDAY_NAMES[day.weekday()])


def calendar_scopes() -> list[str]:
    return list(WorkCalendar.objects.values_list("code", flat=True))


_CACHE: dict[tuple, tuple[tuple, float, Calendar]] = {}
CACHE_SECONDS = 300


def calendar_stamp() -> str:
    """A digest of every row that decides a working day (a few hundred small rows, a couple of ms), so a
    cached calendar is never stale, whoever wrote the tables (services, the admin, tests)."""
    rows = (
        list(Holiday.objects.order_by("id").values_list("id", "date", "name_fa")),
        list(Holiday.scopes.through.objects.order_by("id").values_list("holiday_id", "workcalendar_id")),
        list(ClosureOverride.objects.order_by("id").values_list("id", "date", "calendar_id", "county_id", "kind",
                                                                "reason")),
        list(WeekendRule.objects.order_by("id").values_list("id", "calendar_id", "weekdays", "effective_from",
                                                            "effective_to")),
        list(WorkCalendar.objects.order_by("id").values_list("id", "code")),
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def get_calendar(scope: str = WorkCalendar.GOVERNMENT, county=None) -> Calendar:
    """A scope's calendar (cached per process, checked against the tables' stamp). ``county`` (a County
    or its id) adds that county's closures."""
    county_id = getattr(county, "pk", county)
    stamp = calendar_stamp()
    key = (scope, county_id)
    cached = _CACHE.get(key)
    now = time.monotonic()
    if cached and cached[0] == stamp and now - cached[1] < CACHE_SECONDS:
        return cached[2]
    calendar = _load_calendar(scope, county_id)
    _CACHE[key] = (stamp, now, calendar)
    return calendar


def _load_calendar(scope: str, county_id: int | None) -> Calendar:
    calendar = WorkCalendar.objects.filter(code=scope).first()
    if calendar is None:
        if scope in DEFAULT_WEEKENDS:  # before load_calendar ran: weekends only
            return Calendar(scope, county_id, [], {}, {}, {})
        raise UnknownCalendar(scope)
    rules = [
        (r.effective_from, r.effective_to, frozenset(r.weekdays))
        for r in WeekendRule.objects.filter(calendar=calendar).order_by("-effective_from")
    ]
    holidays = {
        h.date: h.name_fa for h in Holiday.objects.filter(scopes=calendar).only("date", "name_fa")
    }
    closed: dict[dt.date, str] = {}
    opened: dict[dt.date, str] = {}
    overrides = ClosureOverride.objects.filter(calendar=calendar).order_by("county_id")
    for o in overrides:
        if o.county_id is not None and o.county_id != county_id:
            continue
        # a county's override comes after (and wins over) the province-wide one for the same day
        target, other = (closed, opened) if o.kind == ClosureOverride.Kind.CLOSED else (opened, closed)
        target[o.date] = o.reason
        other.pop(o.date, None)
    return Calendar(scope, county_id, rules, holidays, closed, opened)


def is_working_day(day: dt.date, scope: str = WorkCalendar.GOVERNMENT, county=None) -> bool:
    return get_calendar(scope, county).is_working_day(day)


def add_working_days(start: dt.date, n: int, scope: str = WorkCalendar.GOVERNMENT, county=None) -> dt.date:
    """The Nth working day after ``start`` (the start day is not counted); ``n == 0`` returns ``start``."""
    return get_calendar(scope, county).add(start, n)


def count_working_days(start: dt.date, end: dt.date, scope: str = WorkCalendar.GOVERNMENT,
                       county=None) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
    return get_calendar(scope, county).count(start, end)


def working_days_left(today: dt.date, deadline: dt.date, scope: str = WorkCalendar.GOVERNMENT,
                      county=None) -> int:
    """Working days from tomorrow up to and including the deadline; 0 on the deadline's day when it is
    today, negative when overdue."""
    return get_calendar(scope, county).count(today, deadline)


def skipped_days(start: dt.date, end: dt.date, scope: str = WorkCalendar.GOVERNMENT,
                 county=None) -> list[tuple[dt.date, str]]:
    """The non-working days in (start, end], each with its reason."""
    return get_calendar(scope, county).skipped(start, end)


def holidays_between(start: dt.date, end: dt.date, scope: str | None = None):
    qs = Holiday.objects.filter(date__gte=start, date__lte=end)
    if scope:
        qs = qs.filter(scopes__code=scope)
    return qs.order_by("date")


def overrides_between(start: dt.date, end: dt.date, scope: str | None = None):
    qs = ClosureOverride.objects.filter(date__gte=start, date__lte=end).select_related("calendar", "county")
    if scope:
        qs = qs.filter(calendar__code=scope)
    return qs.order_by("date")
