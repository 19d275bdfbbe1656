"""Writes: registration, check-in, requests (minimum wage), assignments (one a day), outcomes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from sakoo.squares import services
from sakoo.squares.models import Assignment, CheckIn, DayRequest, Labourer
from sakoo.squares.testing import CheckInFactory, DayRequestFactory, LabourerFactory, set_minimum_wage, trade

pytestmark = pytest.mark.django_db


def _register(square, **overrides):
    data = {
        "square": square,
        "full_name": "علي  رضايي",
        "mobile": "+98 914 123 4567",
        "national_id": "۰۰۱۲۳۴۵۶۷۹",
        "trades": [trade("mason")],
        "insurance": "insured",
        "consent": True,
    }
    data.update(overrides)
    return services.labourer_register(**data)


def test_registration_stores_the_normalised_name_mobile_and_national_id(square):
    labourer = _register(square)

    assert (labourer.full_name, labourer.mobile, labourer.national_id) == (
        "علی رضایی",
        "09141234567",
        "0012345679",
    )


def test_registration_refuses_a_national_id_already_registered(square, other_square):
    _register(square)

    with pytest.raises(ValidationError) as exc:
        _register(other_square, mobile="09140000000")

    assert list(exc.value.message_dict) == ["national_id"]
    assert Labourer.objects.count() == 1


def test_registration_without_consent_writes_nothing(square):
    with pytest.raises(ValidationError) as exc:
        _register(square, consent=False)

    assert list(exc.value.message_dict) == ["consent"]
    assert Labourer.objects.count() == 0


def test_national_id_is_optional(square):
    assert _register(square, national_id="").national_id is None


def test_check_in_is_idempotent_and_can_be_undone(labourer, today):
    first = services.check_in_set(labourer=labourer, day=today, present=True)
    again = services.check_in_set(labourer=labourer, day=today, present=True)
    assert first.pk == again.pk

    services.check_in_set(labourer=labourer, day=today, present=False)

    assert CheckIn.objects.filter(labourer=labourer).count() == 0


def test_check_in_refuses_a_future_day(labourer, today):
    with pytest.raises(ValidationError):
        services.check_in_set(labourer=labourer, day=today + dt.timedelta(days=1), present=True)


def test_a_labourer_with_work_cannot_be_marked_absent(labourer, today):
    CheckInFactory(labourer=labourer, date=today)
    services.assignment_create(day_request=DayRequestFactory(square=labourer.square), labourer=labourer)

    with pytest.raises(ValidationError):
        services.check_in_set(labourer=labourer, day=today, present=False)
    assert CheckIn.objects.filter(labourer=labourer, date=today).count() == 1


def _request(square, **overrides):
    data = {
        "square": square,
        "trade": trade("labourer"),
        "workers": 2,
        "work_date": dt.date.today() + dt.timedelta(days=1),
        "place": "کوی بهار",
        "daily_wage": 4_000_000,
        "hours": 8,
        "employer_name": "آقای پیمانکار",
        "employer_mobile": "۰۹۱۲ ۱۲۳ ۴۵۶۷",
    }
    data.update(overrides)
    return services.day_request_create(**data)


def test_a_wage_below_the_minimum_is_refused_in_persian_naming_the_field(square):
    set_minimum_wage(3_500_000)

    with translation.override("fa"), pytest.raises(ValidationError) as exc:
        _request(square, daily_wage=3_000_000)

    assert list(exc.value.message_dict) == ["daily_wage"]
    assert exc.value.message_dict["daily_wage"][0].startswith("دستمزد روزانه")
    assert "۳۵۰٬۰۰۰" in exc.value.message_dict["daily_wage"][0]
    assert DayRequest.objects.count() == 0


def test_the_minimum_in_force_on_the_work_date_applies(square):
    set_minimum_wage(3_000_000, effective_from=dt.date(2000, 1, 1))
    set_minimum_wage(9_000_000, effective_from=dt.date.today() + dt.timedelta(days=30))

    assert _request(square, daily_wage=3_000_000).daily_wage == 3_000_000


def test_a_request_for_a_past_day_is_refused(square):
    with pytest.raises(ValidationError) as exc:
        _request(square, work_date=dt.date.today() - dt.timedelta(days=1))
    assert list(exc.value.message_dict) == ["work_date"]


def test_request_normalises_the_employer_mobile(square):
    assert _request(square).employer_mobile == "09121234567"


def test_a_labourer_cannot_be_assigned_twice_on_one_day(labourer, today):
    CheckInFactory(labourer=labourer, date=today)
    first = DayRequestFactory(square=labourer.square)
    second = DayRequestFactory(square=labourer.square)
    services.assignment_create(day_request=first, labourer=labourer)

    with pytest.raises(ValidationError) as exc:
        services.assignment_create(day_request=second, labourer=labourer)

    assert list(exc.value.message_dict) == ["labourer"]
    assert Assignment.objects.filter(labourer=labourer).count() == 1


def test_the_database_also_refuses_a_second_assignment_on_one_day(labourer, today):
    """Two coordinators assigning at once both pass the service's check; the constraint decides."""
    first, second = DayRequestFactory(square=labourer.square), DayRequestFactory(square=labourer.square)
    Assignment.objects.create(request=first, labourer=labourer, work_date=today, days_worked_before=0)

    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(request=second, labourer=labourer, work_date=today, days_worked_before=0)


def test_an_absent_labourer_cannot_be_assigned(labourer):
    with pytest.raises(ValidationError):
        services.assignment_create(day_request=DayRequestFactory(square=labourer.square), labourer=labourer)


def test_a_labourer_of_another_trade_cannot_be_assigned(labourer, today):
    CheckInFactory(labourer=labourer, date=today)
    with pytest.raises(ValidationError):
        services.assignment_create(
            day_request=DayRequestFactory(square=labourer.square, trade=trade("welder")), labourer=labourer
        )


def test_a_request_is_filled_when_it_has_its_workers_and_refuses_more(square, today):
    request = DayRequestFactory(square=square, workers=1)
    first, second = LabourerFactory(square=square), LabourerFactory(square=square)
    for lab in (first, second):
        CheckInFactory(labourer=lab, date=today)
    services.assignment_create(day_request=request, labourer=first)
    request.refresh_from_db()
    assert request.status == DayRequest.Status.FILLED

    with pytest.raises(ValidationError):
        services.assignment_create(day_request=request, labourer=second)


def test_the_assignment_records_days_worked_before(labourer, today):
    for n in (1, 2, 40):
        day = today - dt.timedelta(days=n)
        Assignment.objects.create(
            request=DayRequestFactory(square=labourer.square, work_date=day),
            labourer=labourer,
            work_date=day,
            days_worked_before=0,
            outcome=Assignment.Outcome.WORKED,
        )
    CheckInFactory(labourer=labourer, date=today)

    assignment = services.assignment_create(
        day_request=DayRequestFactory(square=labourer.square), labourer=labourer
    )

    assert assignment.days_worked_before == 2


def test_cancelling_a_request_frees_its_labourers(labourer, today):
    CheckInFactory(labourer=labourer, date=today)
    request = DayRequestFactory(square=labourer.square)
    services.assignment_create(day_request=request, labourer=labourer)

    services.day_request_cancel(day_request=request)

    assert (
        services.assignment_create(
            day_request=DayRequestFactory(square=labourer.square), labourer=labourer
        ).outcome
        == Assignment.Outcome.PENDING
    )


def test_outcome_worked_and_unpaid_is_recorded(labourer, today):
    CheckInFactory(labourer=labourer, date=today)
    assignment = services.assignment_create(
        day_request=DayRequestFactory(square=labourer.square), labourer=labourer
    )

    services.assignment_record_outcome(
        assignment=assignment, outcome="worked", wage="unpaid", note="  قول داد  "
    )

    assignment.refresh_from_db()
    assert (assignment.outcome, assignment.wage, assignment.note) == ("worked", "unpaid", "قول داد")


def test_wage_is_recorded_only_for_a_labourer_who_worked(labourer, today):
    CheckInFactory(labourer=labourer, date=today)
    assignment = services.assignment_create(
        day_request=DayRequestFactory(square=labourer.square), labourer=labourer
    )

    with pytest.raises(ValidationError) as exc:
        services.assignment_record_outcome(assignment=assignment, outcome="no_show", wage="paid")
    assert list(exc.value.message_dict) == ["wage"]


def test_cancelling_an_assignment_reopens_a_filled_request(labourer, today):
    CheckInFactory(labourer=labourer, date=today)
    request = DayRequestFactory(square=labourer.square, workers=1)
    assignment = services.assignment_create(day_request=request, labourer=labourer)

    services.assignment_record_outcome(assignment=assignment, outcome="cancelled", wage="unknown")

    request.refresh_from_db()
    assert request.status == DayRequest.Status.OPEN
