"""The fair order: fewest days of work in the 30 days before the work date first, then arrival, then id."""

import datetime as dt

import pytest
from django.utils import timezone

from sakoo.squares.models import Assignment
from sakoo.squares.selectors import fair_order
from sakoo.squares.testing import CheckInFactory, DayRequestFactory, LabourerFactory, trade

pytestmark = pytest.mark.django_db


def _arrive(labourer, day, hour, minute=0):
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
    return CheckInFactory(labourer=labourer, date=day, arrived_at=at)


def _worked(labourer, day, outcome=Assignment.Outcome.WORKED):
    request = DayRequestFactory(square=labourer.square, work_date=day)
    return Assignment.objects.create(
        request=request, labourer=labourer, work_date=day, days_worked_before=0, outcome=outcome
    )


def _order(request):
    return [(c.labourer.full_name, c.days_worked) for c in fair_order(request)]


def test_fewest_days_of_work_first_then_earliest_arrival(square, today):
    busy, idle_late, idle_early = (
        LabourerFactory(square=square, full_name=n) for n in ("پرکار", "دیر", "زود")
    )
    for n in (1, 3, 5):
        _worked(busy, today - dt.timedelta(days=n))
    _arrive(busy, today, 5, 30)
    _arrive(idle_late, today, 7, 0)
    _arrive(idle_early, today, 6, 0)

    assert _order(DayRequestFactory(square=square)) == [("زود", 0), ("دیر", 0), ("پرکار", 3)]


def test_only_the_last_30_days_count(square, today):
    old, recent = (
        LabourerFactory(square=square, full_name="قدیمی"),
        LabourerFactory(square=square, full_name="تازه"),
    )
    for n in (31, 32, 33):
        _worked(old, today - dt.timedelta(days=n))
    _worked(recent, today - dt.timedelta(days=30))
    _arrive(old, today, 7)
    _arrive(recent, today, 6)

    assert _order(DayRequestFactory(square=square)) == [("قدیمی", 0), ("تازه", 1)]


def test_a_no_show_is_not_a_day_of_work(square, today):
    labourer = LabourerFactory(square=square, full_name="غایب")
    _worked(labourer, today - dt.timedelta(days=2), outcome=Assignment.Outcome.NO_SHOW)
    _arrive(labourer, today, 6)

    assert _order(DayRequestFactory(square=square)) == [("غایب", 0)]


def test_absent_busy_other_trade_and_other_square_labourers_are_not_candidates(square, other_square, today):
    present = LabourerFactory(square=square, full_name="حاضر")
    LabourerFactory(square=square, full_name="غایب")
    busy = LabourerFactory(square=square, full_name="سرکار")
    painter = LabourerFactory(square=square, full_name="نقاش", trades=[trade("painter")])
    elsewhere = LabourerFactory(square=other_square, full_name="میدان دیگر")
    inactive = LabourerFactory(square=square, full_name="غیرفعال", is_active=False)
    for lab in (present, busy, painter, elsewhere, inactive):
        _arrive(lab, today, 6)
    _worked(busy, today)

    assert _order(DayRequestFactory(square=square)) == [("حاضر", 0)]


def test_candidates_carry_their_rank(square, today):
    for hour in (6, 7):
        _arrive(LabourerFactory(square=square), today, hour)

    assert [c.rank for c in fair_order(DayRequestFactory(square=square))] == [1, 2]
