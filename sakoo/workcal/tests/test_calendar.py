"""Hand-checked deadlines across Nowruz and lunar holidays, weekend rules, overrides and the API."""

import datetime as dt

import pytest
from django.core.management import call_command

from sakoo.workcal.models import ClosureOverride, Holiday, WorkCalendar
from sakoo.workcal.selectors import (
    add_working_days,
    count_working_days,
    get_calendar,
    skipped_days,
    working_days_left,
)
from sakoo.workcal.services import closure_override_create, holiday_confirm, weekend_rule_set

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def calendars():
    call_command("load_calendar", "--from-year", "1402", "--to-year", "1403")


def test_load_calendar_seeds_nowruz_and_lunar_holidays_with_persian_names(calendars):
    nowruz = Holiday.objects.get(date=D(2024, 3, 20))
    assert (nowruz.kind, nowruz.name_en, nowruz.tentative) == ("solar", "Nowruz", False)
    assert nowruz.name_fa == "جشن نوروز"
    ashura = Holiday.objects.get(date=D(2024, 7, 16))
    assert (ashura.kind, ashura.name_en) == ("lunar", "Ashura")
    assert sorted(ashura.scopes.values_list("code", flat=True)) == ["bank", "government"]


def test_load_calendar_is_idempotent(calendars):
    before = Holiday.objects.count()
    call_command("load_calendar", "--from-year", "1402", "--to-year", "1403")
    assert Holiday.objects.count() == before
    assert WorkCalendar.objects.count() == 2


def test_deadline_across_nowruz_government(calendars):
    # Sunday 1402-12-27. Skipped: 29 Esfand (oil), 1–4 Farvardin, Thu/Fri weekends, 12 and 13 Farvardin.
    start = D(2024, 3, 17)
    assert add_working_days(start, 1) == D(2024, 3, 18)
    assert add_working_days(start, 2) == D(2024, 3, 24)  # 1403-01-05
    assert add_working_days(start, 7) == D(2024, 4, 2)  # 1403-01-14, after 12 and 13 Farvardin
    assert add_working_days(start, 10) == D(2024, 4, 7)
    assert count_working_days(start, D(2024, 4, 7)) == 10


def test_skipped_days_across_nowruz_name_each_reason(calendars):
    skipped = dict(skipped_days(D(2024, 3, 18), D(2024, 3, 24)))
    assert sorted(skipped) == [D(2024, 3, 19), D(2024, 3, 20), D(2024, 3, 21), D(2024, 3, 22), D(2024, 3, 23)]
    assert skipped[D(2024, 3, 20)] == "جشن نوروز"


def test_deadline_across_tasua_and_ashura(calendars):
    start = D(2024, 7, 13)  # Saturday 1403-04-23
    assert add_working_days(start, 3) == D(2024, 7, 20)  # Tasua, Ashura, Thursday and Friday skipped
    assert add_working_days(start, 3, scope="bank") == D(2024, 7, 18)  # banks work on Thursday


def test_zero_days_returns_the_start_even_on_a_holiday(calendars):
    assert add_working_days(D(2024, 3, 20), 0) == D(2024, 3, 20)
    assert count_working_days(D(2024, 3, 20), D(2024, 3, 20)) == 0


def test_working_days_left_is_negative_when_overdue(calendars):
    assert working_days_left(D(2024, 7, 13), D(2024, 7, 20)) == 3
    assert working_days_left(D(2024, 7, 20), D(2024, 7, 13)) == -3


def test_province_closure_and_county_closure(calendars, county_factory=None):
    closure_override_create(date=D(2024, 7, 14), scope="government", reason="گرما")
    assert add_working_days(D(2024, 7, 13), 1) == D(2024, 7, 17)
    assert dict(skipped_days(D(2024, 7, 13), D(2024, 7, 14))) == {D(2024, 7, 14): "گرما"}
    assert add_working_days(D(2024, 7, 13), 1, scope="bank") == D(2024, 7, 14)


def test_open_override_corrects_a_lunar_holiday(calendars):
    closure_override_create(date=D(2024, 7, 15), scope="government", reason="correction",
                            kind=ClosureOverride.Kind.OPEN)
    assert add_working_days(D(2024, 7, 13), 2) == D(2024, 7, 15)


def test_confirming_a_moved_holiday(calendars, django_user_model):
    admin = django_user_model.objects.create(username="admin-wc", role="province_admin")
    ashura = Holiday.objects.get(date=D(2024, 7, 16))
    holiday_confirm(holiday=ashura, user=admin, date=D(2024, 7, 17))
    ashura.refresh_from_db()
    assert (ashura.date, ashura.tentative, ashura.confirmed_by) == (D(2024, 7, 17), False, admin)
    assert get_calendar().is_working_day(D(2024, 7, 16)) is True


def test_weekend_rule_with_effective_date(calendars):
    weekend_rule_set(scope="government", weekdays=[4], effective_from=D(2024, 9, 1))
    assert get_calendar().is_working_day(D(2024, 8, 29)) is False  # a Thursday under the old rule
    assert get_calendar().is_working_day(D(2024, 9, 5)) is True  # a Thursday under the new rule


def test_estimated_lunar_dates_are_tentative():
    call_command("load_calendar", "--from-year", "1405", "--to-year", "1405")
    tentative = Holiday.objects.filter(tentative=True)
    assert tentative.exists()
    assert set(tentative.values_list("kind", flat=True)) == {"lunar"}
    assert Holiday.objects.filter(kind="solar", tentative=True).count() == 0


def test_api_working_days_example(calendars, client):
    response = client.get("/api/v1/calendar/working-days", {"start": "1403-07-12", "days": "3"})
    assert response.status_code == 200
    body = response.json()
    # 1403-07-12 = Thursday 2024-10-03: skip Thu, Fri; Sat 05, Sun 06, Mon 07
    assert (body["end"], body["end_gregorian"]) == ("1403-07-16", "2024-10-07")
    assert [s["date"] for s in body["skipped"]] == ["1403-07-13"]


def test_api_accepts_persian_digits_and_lists_skipped_with_reasons(calendars, client):
    response = client.get("/api/v1/calendar/working-days",
                          {"start": "۱۴۰۳/۰۴/۲۳", "days": "۳", "scope": "government"})
    body = response.json()
    assert (body["end"], body["end_gregorian"]) == ("1403-04-30", "2024-07-20")
    assert [s["date"] for s in body["skipped"]] == ["1403-04-25", "1403-04-26", "1403-04-28", "1403-04-29"]
    assert body["skipped"][0]["reason"] == Holiday.objects.get(date=D(2024, 7, 15)).name_fa


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "1403-13-01", "days": "5"}, "start"),
        ({"start": "tomorrow", "days": "5"}, "start"),
        ({"start": "1403-02-01", "days": "x"}, "days"),
        ({"start": "1403-02-01", "days": "-1"}, "days"),
        ({"start": "1403-02-01", "days": "5", "scope": "moon"}, "scope"),
    ],
)
def test_api_rejects_bad_input_with_422_naming_the_field(calendars, client, params, field):
    response = client.get("/api/v1/calendar/working-days", params)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(field)
