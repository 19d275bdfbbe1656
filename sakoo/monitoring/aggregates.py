"""Compute the monthly aggregates from the registry in single passes, and store them.

``refresh_monthly_aggregates(from_ym, to_ym)`` recomputes a range of Jalali months: one ordered pass over
the status history (difference arrays over month ends, so its cost grows with the number of events, not
events × months), one pass over the placements, one over the vacancies and one grouped query for the
registrations. The nightly command refreshes the last two months; ``--all`` rebuilds from the start.
"""

from __future__ import annotations

import datetime as dt
import statistics
from bisect import bisect_left
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from sakoo.core.jalali import iter_months, jalali_month_of, jalali_month_range
from sakoo.monitoring.indicators import age_group, is_youth
from sakoo.monitoring.models import MonthlyAggregate

YM = tuple[int, int]
Key = tuple[int | None, str, str, str]  # (county_id, indicator, breakdown, key)


def month_code(ym: YM) -> str:
    return f"{ym[0]:04d}-{ym[1]:02d}"


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


ISIC_SECTIONS = [
    ("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39), ("F", 41, 43), ("G", 45, 47),
    ("H", 49, 53), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68), ("M", 69, 75), ("N", 77, 82),
    ("O", 84, 84), ("P", 85, 85), ("Q", 86, 88), ("R", 90, 93), ("S", 94, 96), ("T", 97, 98), ("U", 99, 99),
]


def isic_section(code: str | None) -> str:
    if not code:
        return "unknown"
    if code[0].isalpha():
        return code[0].upper()
    try:
        division = int(code[:2])
    except ValueError:
        return "unknown"
    for letter, low, high in ISIC_SECTIONS:
        if low <= division <= high:
            return letter
    return "unknown"


def is_ict_occupation(code: str | None) -> bool:
    return bool(code) and code[:2] in ("25", "35")


class _Accumulator:
    def __init__(self, months: list[YM]):
        self.months = months
        self.index = {ym: i for i, ym in enumerate(months)}
        self.values: dict[int, dict[Key, float]] = defaultdict(lambda: defaultdict(float))

    def add(self, month_index: int, county_id, indicator: str, breakdown: str = "", key: str = "", n: float = 1):
        self.values[month_index][(county_id, indicator, breakdown, key)] += n
        self.values[month_index][(None, indicator, breakdown, key)] += n


def _seeker_stocks(acc: _Accumulator, ends: list[dt.date]) -> None:
    """Registered job seekers by status on each month end: one ordered pass over the status history."""
    from sakoo.seekers.models import StatusChange

    n = len(ends)
    # diff[(county, indicator, breakdown, key)][i] → +1/-1 at month-end index i
    diff: dict[Key, list[int]] = defaultdict(lambda: [0] * (n + 1))
    rows = (
        StatusChange.objects.filter(seeker__registered_on__lte=ends[-1], valid_from__lte=ends[-1])
        .order_by("seeker_id", "valid_from", "pk")
        .values_list(
            "seeker_id", "valid_from", "status", "seeker__county_id", "seeker__sex", "seeker__birth_date",
            "seeker__education_level", "seeker__is_graduate", "seeker__field_of_study", "seeker__registered_on",
        )
    )

    def flush(entries, info):
        county, sex, birth, education, graduate, field, registered_on = info
        # Split points where the age group changes, so age is right on every month end.
        for j, (start, status) in enumerate(entries):
            stop = entries[j + 1][0] if j + 1 < len(entries) else None
            start = max(start, registered_on)
            if stop is not None and stop <= start:
                continue
            i0 = bisect_left(ends, start)
            i1 = bisect_left(ends, stop) if stop is not None else n
            if i0 >= i1:
                continue
            for indicator in ("registered_job_seekers", status):
                static = [
                    ("", ""), ("sex", sex), ("education", education), ("graduate", "graduate" if graduate else "other"),
                    ("field", field or "-"),
                ]
                for breakdown, key in static:
                    d = diff[(county, indicator, breakdown, key)]
                    d[i0] += 1
                    d[i1] -= 1
                # age group (and youth) can change inside the interval: split at birthdays
                i = i0
                while i < i1:
                    age = _age_on(birth, ends[i])
                    group = age_group(age)
                    youth = "youth" if is_youth(age) else "other"
                    # next month end where the age group or youth flag may change: next birthday boundary
                    next_change = i1
                    for boundary in (15, 25, 30, 40, 50, 65):
                        if boundary > age:
                            when = _add_years(birth, boundary)
                            next_change = min(i1, max(i + 1, bisect_left(ends, when)))
                            break
                    for breakdown, key in (("age", group), ("youth", youth)):
                        d = diff[(county, indicator, breakdown, key)]
                        d[i] += 1
                        d[next_change] -= 1
                    i = next_change

    current = None
    entries: list[tuple[dt.date, str]] = []
    info = None
    for seeker_id, valid_from, status, county, sex, birth, education, graduate, field, registered in rows.iterator(
        chunk_size=20000
    ):
        if seeker_id != current:
            if entries:
                flush(entries, info)
            current, entries = seeker_id, []
            info = (county, sex, birth, education, graduate, (field or "").strip(), registered)
        entries.append((valid_from, status))
    if entries:
        flush(entries, info)
    for (county, indicator, breakdown, key), d in diff.items():
        running = 0
        for i in range(n):
            running += d[i]
            if running:
                acc.add(i, county, indicator, breakdown, key, running)


def _registrations(acc: _Accumulator, start: dt.date, end: dt.date) -> None:
    from django.db.models import Count

    from sakoo.seekers.models import JobSeeker

    rows = (
        JobSeeker.objects.filter(registered_on__gte=start, registered_on__lte=end)
        .order_by()
        .values("registered_on", "county_id", "sex", "education_level", "is_graduate")
        .annotate(n=Count("pk"))
    )
    for row in rows.iterator(chunk_size=20000):
        i = acc.index.get(jalali_month_of(row["registered_on"]))
        if i is None:
            continue
        county, n = row["county_id"], row["n"]
        acc.add(i, county, "new_registrations", n=n)
        acc.add(i, county, "new_registrations", "sex", row["sex"], n)
        acc.add(i, county, "new_registrations", "education", row["education_level"], n)
        acc.add(i, county, "new_registrations", "graduate", "graduate" if row["is_graduate"] else "other", n)


PERMANENT = "permanent"


def _placements(acc: _Accumulator, start: dt.date, end: dt.date) -> dict[tuple[int, int | None], list[int]]:
    from sakoo.vacancies.models import Placement

    days: dict[tuple[int, int | None], list[int]] = defaultdict(list)
    rows = (
        Placement.objects.filter(hired_on__gte=start, hired_on__lte=end)
        .order_by()
        .values_list(
            "hired_on", "county_id", "source", "contract_type", "insured", "seeker__sex", "seeker__birth_date",
            "seeker__education_level", "seeker__is_graduate", "seeker__field_of_study", "seeker__registered_on",
            "occupation__code", "employer__activity__code", "employer__is_knowledge_based",
            "employer__is_cooperative", "vacancy__is_it", "vacancy__occupation__code",
        )
    )
    for (hired_on, county, source, contract, insured, sex, birth, education, graduate, field, registered,
         occupation, activity, knowledge_based, cooperative, vacancy_it, vacancy_occupation) in rows.iterator(
        chunk_size=20000
    ):
        i = acc.index.get(jalali_month_of(hired_on))
        if i is None:
            continue
        age = _age_on(birth, hired_on)
        occupation = occupation or vacancy_occupation
        acc.add(i, county, "placements")
        for breakdown, key in (
            ("sex", sex),
            ("age", age_group(age)),
            ("youth", "youth" if is_youth(age) else "other"),
            ("education", education),
            ("graduate", "graduate" if graduate else "other"),
            ("field", (field or "").strip() or "-"),
            ("occupation", occupation[0] if occupation else "unknown"),
            ("activity", isic_section(activity)),
            ("contract", contract),
            ("permanence", "permanent" if contract == PERMANENT else "temporary"),
            ("insured", "insured" if insured else "uninsured"),
            ("source", source),
        ):
            acc.add(i, county, "placements", breakdown, key)
        if knowledge_based:
            acc.add(i, county, "placements_knowledge_based")
        if cooperative:
            acc.add(i, county, "placements_cooperative")
        if vacancy_it or is_ict_occupation(occupation):
            acc.add(i, county, "it_placements")
        if registered is not None and hired_on >= registered:
            delta = (hired_on - registered).days
            days[(i, county)].append(delta)
            days[(i, None)].append(delta)
    return days


def _vacancies(acc: _Accumulator, ends: list[dt.date], start: dt.date) -> None:
    from sakoo.vacancies.models import Vacancy

    n = len(ends)
    diff: dict[Key, list[int]] = defaultdict(lambda: [0] * (n + 1))
    rows = (
        Vacancy.objects.filter(published_at__isnull=False)
        .exclude(status__in=["draft", "pending_review"])
        .order_by()
        .values_list("published_at", "closed_at", "expires_on", "county_id", "openings", "is_it", "marked_it",
                     "occupation__code")
    )
    for published_at, closed_at, expires_on, county, openings, is_it, marked_it, occupation in rows.iterator(
        chunk_size=20000
    ):
        opened = timezone.localtime(published_at).date()
        if opened >= start:
            i = acc.index.get(jalali_month_of(opened))
            if i is not None:
                acc.add(i, county, "vacancies_published")
        closes = []
        if closed_at is not None:
            closes.append(timezone.localtime(closed_at).date())
        if expires_on is not None:
            closes.append(expires_on + dt.timedelta(days=1))  # open through its expiry day
        stop = min(closes) if closes else None
        i0 = bisect_left(ends, opened)
        i1 = bisect_left(ends, stop) if stop is not None else n
        if i0 >= i1:
            continue
        it = is_it or marked_it or is_ict_occupation(occupation)
        for indicator, amount in (("open_vacancies", 1), ("open_openings", openings), ("it_vacancies", 1 if it else 0)):
            if amount:
                d = diff[(county, indicator, "", "")]
                d[i0] += amount
                d[i1] -= amount
    for (county, indicator, breakdown, key), d in diff.items():
        running = 0
        for i in range(n):
            running += d[i]
            if running:
                acc.add(i, county, indicator, breakdown, key, running)


def compute(from_ym: YM, to_ym: YM) -> dict[str, dict[Key, float]]:
    """{month code: {(county id or None, indicator, breakdown, key): value}} for the months in range."""
    months = list(iter_months(from_ym, to_ym))
    if not months:
        return {}
    acc = _Accumulator(months)
    ends = [jalali_month_range(*ym)[1] for ym in months]
    start = jalali_month_range(*months[0])[0]
    _seeker_stocks(acc, ends)
    _registrations(acc, start, ends[-1])
    days = _placements(acc, start, ends[-1])
    _vacancies(acc, ends, start)
    for (i, county), values in days.items():
        acc.values[i][(county, "median_days_to_placement", "", "")] = float(statistics.median(values))
    return {month_code(months[i]): dict(acc.values.get(i, {})) for i in range(len(months))}


def refresh_monthly_aggregates(from_ym: YM, to_ym: YM) -> int:
    """Recompute and replace the stored aggregates of the months in range; returns the rows written."""
    computed = compute(from_ym, to_ym)
    now = timezone.now()
    written = 0
    with transaction.atomic():
        for month, values in computed.items():
            MonthlyAggregate.objects.filter(month=month).delete()
            batch = [
                MonthlyAggregate(
                    month=month, county_id=county, indicator=indicator, breakdown=breakdown, key=key[:150],
                    value=value, computed_at=now,
                )
                for (county, indicator, breakdown, key), value in values.items()
            ]
            # an empty month still records that it was computed
            batch.append(
                MonthlyAggregate(month=month, county_id=None, indicator="_computed", value=0, computed_at=now)
            )
            MonthlyAggregate.objects.bulk_create(batch, batch_size=5000)
            written += len(batch)
    from sakoo.monitoring.selectors import bump_cache_generation

    bump_cache_generation()  # cached dashboards of any month are re-rendered from the new rows
    return written


def default_range(today: dt.date | None = None, months_back: int = 1) -> tuple[YM, YM]:
    """The current Jalali month and the ``months_back`` before it (nightly: last month may still change)."""
    from sakoo.core.jalali import add_months

    current = jalali_month_of(today or timezone.localdate())
    return add_months(*current, -months_back), current


def data_start() -> YM | None:
    from sakoo.seekers.models import JobSeeker

    first = JobSeeker.objects.order_by("registered_on").values_list("registered_on", flat=True).first()
    return jalali_month_of(first) if first else None

