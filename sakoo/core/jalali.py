"""Jalali (Solar Hijri) dates: display, input and month arithmetic. Dates are stored as Gregorian ISO
``datetime.date`` and shown Jalali; datetimes are converted to Asia/Tehran before display."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import jdatetime
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sakoo.core.text import (
    is_persian_language,
    lazy_number,
    normalize_digits,
    strip_bidi_controls,
    to_persian_digits,
)

__all__ = [
    "JALALI_MAX_YEAR",
    "JALALI_MIN_YEAR",
    "TEHRAN",
    "add_months",
    "days_in_month",
    "format_jalali",
    "format_jalali_datetime",
    "format_jalali_month",
    "is_leap_year",
    "iter_months",
    "jalali_month_name",
    "jalali_month_of",
    "jalali_month_range",
    "jalali_today",
    "jalali_year_range",
    "month_label",
    "parse_jalali",
    "parse_jalali_month",
    "to_gregorian",
    "to_jalali",
]

TEHRAN = ZoneInfo("Asia/Tehran")
#: Accepted years for input (birth dates to plans a few decades ahead).
JALALI_MIN_YEAR = 1250
JALALI_MAX_YEAR = 1499

_MONTH_NAMES = (
    pgettext_lazy("Jalali month", "Farvardin"),
    pgettext_lazy("Jalali month", "Ordibehesht"),
    pgettext_lazy("Jalali month", "Khordad"),
    pgettext_lazy("Jalali month", "Tir"),
    pgettext_lazy("Jalali month", "Mordad"),
    pgettext_lazy("Jalali month", "Shahrivar"),
    pgettext_lazy("Jalali month", "Mehr"),
    pgettext_lazy("Jalali month", "Aban"),
    pgettext_lazy("Jalali month", "Azar"),
    pgettext_lazy("Jalali month", "Dey"),
    pgettext_lazy("Jalali month", "Bahman"),
    pgettext_lazy("Jalali month", "Esfand"),
)


def _digits(text: str, lang: str | None) -> str:
    return to_persian_digits(text) if is_persian_language(lang) else text


def _as_date(value) -> dt.date:
    """A date from a date, a datetime (aware → Tehran local date) or a jdatetime date."""
    if isinstance(value, jdatetime.datetime):
        value = value.togregorian()
    elif isinstance(value, jdatetime.date):
        return value.togregorian()
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(TEHRAN)
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"expected a date or datetime, got {type(value).__name__}")


def to_jalali(value) -> jdatetime.date:
    """The Jalali date of a date or datetime (aware datetimes are taken in Asia/Tehran)."""
    return jdatetime.date.fromgregorian(date=_as_date(value))


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Gregorian date of a valid Jalali (year, month, day); raises ValidationError when out of range."""
    _check_ymd(year, month, day)
    return jdatetime.date(year, month, day).togregorian()


def jalali_today() -> tuple[int, int, int]:
    """Today's Jalali (year, month, day) in Tehran."""
    j = to_jalali(timezone.now())
    return j.year, j.month, j.day


def jalali_month_name(month: int, lang: str | None = None) -> str:
    """``7`` → ``مهر`` (fa) / ``Mehr`` (en)."""
    if not 1 <= int(month) <= 12:
        raise ValueError(f"month out of range: {month}")
    if lang is None:
        return str(_MONTH_NAMES[int(month) - 1])
    with translation.override(lang):
        return str(_MONTH_NAMES[int(month) - 1])


def is_leap_year(year: int) -> bool:
    return jdatetime.date(year, 1, 1).isleap()


def days_in_month(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap_year(year) else 29


def format_jalali(value, style: str = "long", lang: str | None = None) -> str:
    """``date(2024, 5, 4)`` → ``۱۵ اردیبهشت ۱۴۰۳`` (fa, long), ``۱۴۰۳/۰۲/۱۵`` (fa, short),
    ``15 Ordibehesht 1403`` / ``1403/02/15`` in English. Datetimes show their Tehran date.
    ``None`` or ``""`` → ``""``."""
    if value is None or value == "":
        return ""
    j = to_jalali(value)
    if style == "short":
        text = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    elif style == "long":
        text = f"{j.day} {jalali_month_name(j.month, lang)} {j.year}"
    else:
        raise ValueError(f"unknown style {style!r}: use 'long' or 'short'")
    return _digits(text, lang)


def format_jalali_datetime(value, style: str = "long", lang: str | None = None) -> str:
    """A datetime in Tehran time: ``۱۵ اردیبهشت ۱۴۰۳، ۱۴:۳۰`` / ``15 Ordibehesht 1403, 14:30``."""
    if value is None or value == "":
        return ""
    if not isinstance(value, dt.datetime):
        return format_jalali(value, style, lang)
    local = value.astimezone(TEHRAN) if timezone.is_aware(value) else value
    separator = "، " if is_persian_language(lang) else ", "
    return format_jalali(local, style, lang) + separator + _digits(local.strftime("%H:%M"), lang)


def month_label(year: int, month: int, lang: str | None = None) -> str:
    """``(1404, 7)`` → ``مهر ۱۴۰۴`` (fa) / ``Mehr 1404`` (en)."""
    return _digits(f"{jalali_month_name(month, lang)} {int(year)}", lang)


format_jalali_month = month_label


# ---------------------------------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$")
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_RE = re.compile(r"^(\d{1,4})\s*[/\-.]\s*(\d{1,2})$")


def _clean_input(text) -> str:
    s = strip_bidi_controls(normalize_digits(text))
    s = s.replace("\u066b", ".").replace("\u060c", "/")  # Persian decimal separator, Arabic comma
    return s.strip()


def _year(year: int):
    """A year as a message parameter, in the digits of the language the message is shown in."""
    return lazy_number(year, grouping=False)


def _check_year(year: int) -> None:
    if year < 100:
        raise ValidationError(
            _("Write the year with four digits, for example 1403."), code="jalali_short_year"
        )
    if year > 1700:
        raise ValidationError(
            _(
                "This looks like a Gregorian date. Enter the Jalali (Solar Hijri) date, for example 1403/02/15."
            ),
            code="jalali_gregorian",
        )
    if not JALALI_MIN_YEAR <= year <= JALALI_MAX_YEAR:
        raise ValidationError(
            _("The year must be between %(min)s and %(max)s."),
            code="jalali_year_range",
            params={"min": _year(JALALI_MIN_YEAR), "max": _year(JALALI_MAX_YEAR)},
        )


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise ValidationError(_("The month must be between 1 and 12."), code="jalali_month_range")


def _check_ymd(year: int, month: int, day: int) -> None:
    _check_year(year)
    _check_month(month)
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        raise ValidationError(
            _("%(month)s %(year)s has %(days)s days; the day must be between 1 and %(days)s."),
            code="jalali_day_range",
            params={"month": _MONTH_NAMES[month - 1], "year": _year(year), "days": lazy_number(last)},
        )


def parse_jalali(text) -> dt.date:
    """A Jalali date typed by a person → Gregorian ``datetime.date``.

    Accepts Persian, Arabic-Indic or ASCII digits, ``/``, ``-`` or ``.`` separators, one-digit months
    and days, ``YYYYMMDD``, and hidden bidi characters: ``۱۴۰۳/۰۲/۱۵``, ``1403-2-15``, ``14030215``.
    Raises ``ValidationError`` (codes ``jalali_invalid``, ``jalali_short_year``, ``jalali_gregorian``,
    ``jalali_year_range``, ``jalali_month_range``, ``jalali_day_range``). A ``date`` passes through.
    """
    if isinstance(text, dt.datetime):
        return _as_date(text)
    if isinstance(text, dt.date):
        return text
    s = _clean_input(text)
    match = _DATE_RE.match(s) or _COMPACT_DATE_RE.match(s)
    if not match:
        raise ValidationError(
            _("Enter a Jalali date as year/month/day, for example 1403/02/15."), code="jalali_invalid"
        )
    year, month, day = (int(g) for g in match.groups())
    return to_gregorian(year, month, day)


def parse_jalali_month(text) -> tuple[int, int]:
    """``"1404-07"`` (or ``۱۴۰۴/۷``) → ``(1404, 7)``; raises ``ValidationError``."""
    if isinstance(text, tuple) and len(text) == 2:
        year, month = int(text[0]), int(text[1])
    else:
        match = _MONTH_RE.match(_clean_input(text))
        if not match:
            raise ValidationError(
                _("Enter a Jalali month as year-month, for example 1404-07."), code="jalali_month_invalid"
            )
        year, month = int(match.group(1)), int(match.group(2))
    _check_year(year)
    _check_month(month)
    return year, month


# ---------------------------------------------------------------------------------------------------
# Months
# ---------------------------------------------------------------------------------------------------


def jalali_month_of(value) -> tuple[int, int]:
    """The Jalali (year, month) of a date or datetime (aware datetimes in Tehran)."""
    j = to_jalali(value)
    return j.year, j.month


def jalali_month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian dates of a Jalali month (both inclusive)."""
    first = jdatetime.date(year, month, 1).togregorian()
    last = jdatetime.date(year, month, days_in_month(year, month)).togregorian()
    return first, last


def jalali_year_range(year: int) -> tuple[dt.date, dt.date]:
    """First (Nowruz) and last Gregorian dates of a Jalali year (both inclusive)."""
    return jalali_month_range(year, 1)[0], jalali_month_range(year, 12)[1]


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    """``(1404, 11) + 3`` → ``(1405, 2)``; negative ``k`` goes back."""
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def iter_months(from_ym: tuple[int, int], to_ym: tuple[int, int]) -> Iterator[tuple[int, int]]:
    """Every Jalali (year, month) from ``from_ym`` to ``to_ym``, both inclusive (empty if reversed)."""
    year, month = from_ym
    while (year, month) <= tuple(to_ym):
        yield year, month
        year, month = add_months(year, month, 1)
