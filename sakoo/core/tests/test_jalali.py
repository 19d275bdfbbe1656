"""Jalali display, input and month arithmetic."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from sakoo.core.jalali import (
    add_months,
    days_in_month,
    format_jalali,
    format_jalali_datetime,
    iter_months,
    jalali_month_name,
    jalali_month_of,
    jalali_month_range,
    jalali_year_range,
    month_label,
    parse_jalali,
    parse_jalali_month,
)
from sakoo.core.text import to_persian_digits

MAY_4_2024 = dt.date(2024, 5, 4)  # 15 Ordibehesht 1403


def test_format_long_and_short_in_both_languages():
    assert format_jalali(MAY_4_2024, lang="fa") == "۱۵ اردیبهشت ۱۴۰۳"
    assert format_jalali(MAY_4_2024, "short", lang="fa") == "۱۴۰۳/۰۲/۱۵"
    assert format_jalali(MAY_4_2024, lang="en") == "15 Ordibehesht 1403"
    assert format_jalali(MAY_4_2024, "short", lang="en") == "1403/02/15"


def test_format_follows_the_active_language():
    with translation.override("fa"):
        assert format_jalali(MAY_4_2024) == "۱۵ اردیبهشت ۱۴۰۳"
    with translation.override("en"):
        assert format_jalali(MAY_4_2024) == "15 Ordibehesht 1403"


def test_nowruz_1403():
    assert parse_jalali("1403/01/01") == dt.date(2024, 3, 20)
    assert format_jalali(dt.date(2024, 3, 20), lang="en") == "1 Farvardin 1403"
    assert jalali_year_range(1403) == (dt.date(2024, 3, 20), dt.date(2025, 3, 20))


def test_aware_datetime_is_shown_in_tehran():
    # 21:00 UTC on 3 May 2024 is 00:30 on 4 May in Tehran (UTC+3:30).
    late_utc = dt.datetime(2024, 5, 3, 21, 0, tzinfo=dt.UTC)
    assert format_jalali(late_utc, lang="en") == "15 Ordibehesht 1403"
    assert format_jalali_datetime(late_utc, lang="en") == "15 Ordibehesht 1403, 00:30"
    assert format_jalali_datetime(late_utc, lang="fa") == "۱۵ اردیبهشت ۱۴۰۳، ۰۰:۳۰"
    assert jalali_month_of(late_utc) == (1403, 2)


def test_empty_values_format_as_empty():
    assert (format_jalali(None), format_jalali_datetime(None)) == ("", "")


@pytest.mark.parametrize(
    "text",
    ["1403/02/15", "1403-02-15", "1403/2/15", "۱۴۰۳/۰۲/۱۵", "١٤٠٣/٠٢/١٥", " 1403 / 02 / 15 ", "14030215",
     "\u200f۱۴۰۳/۰۲/۱۵\u200f", "1403.02.15"],
)  # fmt: skip
def test_parse_jalali_accepts_every_digit_script_and_separator(text):
    assert parse_jalali(text) == MAY_4_2024


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1403/13/01", "jalali_month_range"),
        ("1403/00/10", "jalali_month_range"),
        ("1403/07/31", "jalali_day_range"),  # Mehr has 30 days
        ("1402/12/30", "jalali_day_range"),  # 1402 is not a leap year
        ("1403/01/32", "jalali_day_range"),
        ("03/02/15", "jalali_short_year"),
        ("2024-05-04", "jalali_gregorian"),
        ("1100/01/01", "jalali_year_range"),
        ("fifteen", "jalali_invalid"),
        ("", "jalali_invalid"),
    ],
)
def test_parse_jalali_errors(text, code):
    with pytest.raises(ValidationError) as info:
        parse_jalali(text)
    assert info.value.code == code


def test_parse_error_messages_are_specific_and_translated():
    with pytest.raises(ValidationError) as info:
        parse_jalali("1402/12/30")
    with translation.override("en"):
        assert info.value.messages == ["Esfand 1402 has 29 days; the day must be between 1 and 29."]
    with translation.override("fa"), pytest.raises(ValidationError) as info:
        parse_jalali("1402/12/30")
    with translation.override("fa"):
        assert info.value.messages == ["اسفند ۱۴۰۲، ۲۹ روز دارد؛ روز باید بین ۱ و ۲۹ باشد."]


def test_esfand_30_in_leap_year():
    assert parse_jalali("1403/12/30") == dt.date(2025, 3, 20)
    assert days_in_month(1403, 12) == 30
    assert days_in_month(1402, 12) == 29


@settings(deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_format_parse_round_trip(day):
    assert parse_jalali(format_jalali(day, "short", lang="fa")) == day
    assert parse_jalali(format_jalali(day, "short", lang="en")) == day


def test_parse_jalali_month():
    assert parse_jalali_month("1404-07") == (1404, 7)
    assert parse_jalali_month("۱۴۰۴/۷") == (1404, 7)
    with pytest.raises(ValidationError) as info:
        parse_jalali_month("1404-13")
    assert info.value.code == "jalali_month_range"
    with pytest.raises(ValidationError) as info:
        parse_jalali_month("Mehr")
    assert info.value.code == "jalali_month_invalid"


def test_month_range():
    assert jalali_month_range(1403, 2) == (dt.date(2024, 4, 20), dt.date(2024, 5, 20))
    assert jalali_month_range(1403, 12) == (dt.date(2025, 2, 19), dt.date(2025, 3, 20))


@settings(deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_every_day_is_inside_its_month_range(day):
    first, last = jalali_month_range(*jalali_month_of(day))
    assert first <= day <= last
    assert (last - first).days + 1 == days_in_month(*jalali_month_of(day))


def test_month_names_and_labels():
    assert [jalali_month_name(m, "fa") for m in (1, 7, 12)] == ["فروردین", "مهر", "اسفند"]
    assert [jalali_month_name(m, "en") for m in (1, 7, 12)] == ["Farvardin", "Mehr", "Esfand"]
    assert month_label(1404, 7, "fa") == "مهر ۱۴۰۴"
    assert month_label(1404, 7, "en") == "Mehr 1404"
    with translation.override("fa"):
        assert month_label(1404, 7) == "مهر " + to_persian_digits(1404)


def test_add_months():
    assert add_months(1404, 11, 3) == (1405, 2)
    assert add_months(1404, 1, -1) == (1403, 12)
    assert add_months(1404, 7, 0) == (1404, 7)
    assert add_months(1404, 7, -19) == (1402, 12)


def test_iter_months():
    assert list(iter_months((1403, 11), (1404, 2))) == [(1403, 11), (1403, 12), (1404, 1), (1404, 2)]
    assert list(iter_months((1404, 2), (1403, 11))) == []


def test_tehran_timezone_constant():
    from sakoo.core.jalali import TEHRAN

    assert TEHRAN == ZoneInfo("Asia/Tehran")
