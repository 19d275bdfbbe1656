"""Pages: forms with Persian and Arabic-Indic digits, clear Persian errors that keep what was typed,
the today board with and without htmx, and what employers never see."""

import datetime as dt

import pytest
from django.urls import reverse

from sakoo.accounts.testing import login_as
from sakoo.core.jalali import format_jalali
from sakoo.core.text import to_persian_digits
from sakoo.squares.models import CheckIn, DayRequest, Labourer
from sakoo.squares.testing import CheckInFactory, DayRequestFactory, LabourerFactory, set_minimum_wage, trade

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _jalali_short(day: dt.date) -> str:
    return to_persian_digits(format_jalali(day, "short", lang="en"))


def _request_data(today, **overrides):
    data = {
        "employer_name": "آقاي پيمانكار",  # Arabic yeh and kaf
        "employer_mobile": "۰۹۱۲ ۱۲۳ ۴۵۶۷",
        "trade": trade("mason").pk,
        "workers": "٢",  # Arabic-Indic two
        "work_date": _jalali_short(today + dt.timedelta(days=1)),
        "place": "کوی بهار",
        "daily_wage": "۵۰۰٬۰۰۰",
        "hours": "۸",
    }
    data.update(overrides)
    return data


def test_walk_in_request_with_persian_and_arabic_digits(signed_in, square, today):
    response = signed_in.post(
        reverse("squares:request_create_walk_in", args=[square.pk]), _request_data(today)
    )

    request = DayRequest.objects.get()
    assert response.status_code == 302
    assert (
        request.workers,
        request.daily_wage,
        request.hours,
        request.work_date,
        request.employer_mobile,
    ) == (
        2,
        5_000_000,
        8,
        today + dt.timedelta(days=1),
        "09121234567",
    )
    assert request.employer_name == "آقای پیمانکار"


def test_a_wage_below_the_minimum_is_shown_in_persian_and_the_form_keeps_what_was_typed(
    signed_in, square, today
):
    set_minimum_wage(3_500_000)

    response = signed_in.post(
        reverse("squares:request_create_walk_in", args=[square.pk]),
        _request_data(today, daily_wage="۲۰۰٬۰۰۰"),
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "دستمزد روزانه: ۲۰۰٬۰۰۰ تومان کمتر از حداقل دستمزد روزانه" in body
    assert 'value="۲۰۰٬۰۰۰"' in body
    assert 'value="کوی بهار"' in body
    assert DayRequest.objects.count() == 0


def test_an_unparseable_number_names_the_field(signed_in, square, today):
    response = signed_in.post(
        reverse("squares:request_create_walk_in", args=[square.pk]), _request_data(today, workers="دو")
    )

    assert "تعداد کارگر: یک عدد صحیح وارد کنید" in response.content.decode()
    assert DayRequest.objects.count() == 0


def test_registering_a_labourer_with_persian_digits(signed_in, square):
    data = {
        "full_name": "صمد نوروزی",
        "mobile": "۰۹۱۴۱۲۳۴۵۶۷",
        "national_id": "٠٠١٢٣٤٥٦٧٩",
        "trades": [trade("mason").pk, trade("tiler").pk],
        "insurance": "not_insured",
        "consent": "on",
    }

    response = signed_in.post(reverse("squares:labourer_create", args=[square.pk]), data)

    labourer = Labourer.objects.get()
    assert response.status_code == 302
    assert (labourer.mobile, labourer.national_id, labourer.square_id) == (
        "09141234567",
        "0012345679",
        square.pk,
    )
    assert sorted(labourer.trades.values_list("code", flat=True)) == ["mason", "tiler"]


def test_a_bad_national_id_is_refused_and_the_rest_is_kept(signed_in, square):
    data = {
        "full_name": "صمد نوروزی",
        "mobile": "09141234567",
        "national_id": "0012345678",
        "trades": [trade("mason").pk],
        "insurance": "unknown",
        "consent": "on",
    }

    response = signed_in.post(reverse("squares:labourer_create", args=[square.pk]), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "کد ملی" in body
    assert 'value="صمد نوروزی"' in body
    assert Labourer.objects.count() == 0


def test_check_in_without_javascript_returns_to_the_board_at_the_row(signed_in, square, labourer, today):
    url = reverse("squares:check_in", args=[square.pk])

    response = signed_in.post(url, {"labourer": labourer.pk, "present": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("squares:board", args=[square.pk]) + f"#labourer-{labourer.pk}"
    assert CheckIn.objects.filter(labourer=labourer, date=today).count() == 1


def test_check_in_with_htmx_swaps_the_row_and_the_counts(signed_in, square, labourer):
    url = reverse("squares:check_in", args=[square.pk])

    response = signed_in.post(url, {"labourer": labourer.pk, "present": "1"}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert f'id="labourer-{labourer.pk}"' in body and "is-present" in body
    assert 'id="board-figures" hx-swap-oob="true"' in body
    assert '<dd data-testid="present-count">۱</dd>' in body


def test_the_board_lists_present_labourers_first_without_national_ids(
    signed_in, square, today, django_assert_max_num_queries
):
    absent = LabourerFactory(square=square, full_name="الف غایب")
    present = LabourerFactory(square=square, full_name="ی حاضر")
    LabourerFactory.create_batch(10, square=square)
    CheckInFactory(labourer=present, date=today)

    with django_assert_max_num_queries(20):
        response = signed_in.get(reverse("squares:board", args=[square.pk]))

    body = response.content.decode()
    assert body.index("ی حاضر") < body.index("الف غایب")
    assert absent.national_id not in body
    assert present.national_id not in body


def test_assigning_from_the_request_page_shows_why_and_records_it(signed_in, square, today):
    labourer = LabourerFactory(square=square, full_name="کریم باقری")
    CheckInFactory(labourer=labourer, date=today)
    request = DayRequest.objects.create(
        square=square,
        employer_name="پیمانکار",
        trade=trade("labourer"),
        workers=1,
        work_date=today,
        place="کوی",
        daily_wage=5_000_000,
        hours=8,
    )
    page = signed_in.get(reverse("squares:request_detail", args=[request.pk])).content.decode()
    assert "۰ روز کار در ۳۰ روز گذشته" in page

    response = signed_in.post(reverse("squares:assign", args=[request.pk]), {"labourer": labourer.pk})

    assert response.status_code == 302
    assert list(request.assignments.values_list("labourer_id", "days_worked_before")) == [(labourer.pk, 0)]


def test_the_reason_for_a_turn_is_one_persian_sentence(signed_in, square, today):
    """The days of work and the arrival time are joined with the Persian semicolon, not a Latin one."""
    labourer = LabourerFactory(square=square)
    CheckInFactory(labourer=labourer, date=today)
    request = DayRequest.objects.create(
        square=square,
        employer_name="پیمانکار",
        trade=trade("labourer"),
        workers=1,
        work_date=today,
        place="کوی",
        daily_wage=5_000_000,
        hours=8,
    )
    page = signed_in.get(reverse("squares:request_detail", args=[request.pk])).content.decode()
    assert "چرا در این نوبت: ۰ روز کار در ۳۰ روز گذشته؛ رسیده در ساعت ۰۶:۰۰" in page


def test_an_employer_asks_for_workers_from_a_square(client, square, today):
    employer = login_as(client, "employer")
    data = _request_data(today, square=square.pk)
    del data["employer_name"], data["employer_mobile"]

    response = client.post(reverse("squares:request_create"), data)

    request = DayRequest.objects.get()
    assert response.status_code == 302
    assert (request.employer_user, request.square) == (employer, square)


def test_the_error_list_names_the_field_of_a_generic_message_once(signed_in, square, today):
    response = signed_in.post(
        reverse("squares:request_create_walk_in", args=[square.pk]), _request_data(today, daily_wage="زیاد")
    )

    summary = response.content.decode().split('id="form-errors"')[1].split("</div>")[0]
    assert summary.count("دستمزد روزانه:") == 1
    assert DayRequest.objects.count() == 0


def test_the_board_shows_the_coming_days_requests_so_the_coordinator_can_plan(signed_in, square, today):
    DayRequestFactory(square=square, work_date=today + dt.timedelta(days=1), place="کوی فردا")
    DayRequestFactory(square=square, work_date=today + dt.timedelta(days=3), place="کوی پس‌فردا")
    DayRequestFactory(square=square, work_date=today + dt.timedelta(days=30), place="کوی ماه بعد")
    DayRequestFactory(
        square=square,
        work_date=today + dt.timedelta(days=2),
        place="کوی لغوشده",
        status=DayRequest.Status.CANCELLED,
    )
    body = signed_in.get(reverse("squares:board", args=[square.pk])).content.decode()
    upcoming = body[body.index('data-testid="upcoming-requests"') :]
    assert upcoming.index("کوی فردا") < upcoming.index("کوی پس‌فردا")
    assert "کوی ماه بعد" not in body  # beyond two weeks
    assert "کوی لغوشده" not in body


def test_a_request_with_recorded_outcomes_offers_no_cancel_button(signed_in, square, today):
    from sakoo.squares import services
    from sakoo.squares.models import Assignment

    labourer = LabourerFactory(square=square)
    CheckInFactory(labourer=labourer, date=today)
    request = DayRequestFactory(square=square, work_date=today, workers=1)
    url = reverse("squares:request_detail", args=[request.pk])
    assert "cancel-form" in signed_in.get(url).content.decode()
    assignment = services.assignment_create(day_request=request, labourer=labourer)
    services.assignment_record_outcome(
        assignment=assignment, outcome=Assignment.Outcome.WORKED, wage=Assignment.Wage.PAID
    )
    assert "cancel-form" not in signed_in.get(url).content.decode()
