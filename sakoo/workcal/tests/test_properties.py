"""Properties of the working-day arithmetic, on an in-memory calendar with Iran's real holidays."""

import datetime as dt

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from sakoo.workcal.selectors import Calendar

_IR = holidays.country_holidays("IR", years=range(2022, 2029))
GOV = Calendar("government", None, [], dict(_IR), {}, {})
BANK = Calendar("bank", None, [], dict(_IR), {D: "closure" for D in [dt.date(2024, 7, 21)]}, {})

dates = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2027, 12, 31))
counts = st.integers(min_value=0, max_value=400)
cals = st.sampled_from([GOV, BANK])


@given(cals, dates, counts)
@settings(max_examples=300, deadline=None)
def test_add_then_count_round_trips(cal, start, n):
    assert cal.count(start, cal.add(start, n)) == n


@given(cals, dates, st.integers(min_value=1, max_value=400))
@settings(max_examples=300, deadline=None)
def test_result_is_a_working_day_after_the_start(cal, start, n):
    end = cal.add(start, n)
    assert end > start
    assert cal.is_working_day(end) is True
    assert cal.reason(end) is None


@given(cals, dates, counts, counts)
@settings(max_examples=300, deadline=None)
def test_monotonic_in_n(cal, start, a, b):
    lo, hi = sorted((a, b))
    assert cal.add(start, lo) <= cal.add(start, hi)


@given(cals, dates, dates)
@settings(max_examples=300, deadline=None)
def test_monotonic_in_start_and_count_antisymmetric(cal, a, b):
    lo, hi = sorted((a, b))
    assert cal.add(lo, 5) <= cal.add(hi, 5)
    assert cal.count(a, b) == -cal.count(b, a)


@given(cals, dates, dates)
@settings(max_examples=200, deadline=None)
def test_count_plus_skipped_is_the_number_of_days(cal, a, b):
    lo, hi = sorted((a, b))
    assert cal.count(lo, hi) + len(cal.skipped(lo, hi)) == (hi - lo).days


@given(cals, st.dates(min_value=dt.date(2034, 6, 1), max_value=dt.date(2040, 1, 1)), counts)
@settings(max_examples=100, deadline=None)
def test_beyond_the_precomputed_span_agrees(cal, start, n):
    assert cal.count(start, cal.add(start, n)) == n
    assert cal.is_working_day(cal.add(start, n + 1)) is True
