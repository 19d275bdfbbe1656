"""Parsing dates typed by people or sent to the API: Jalali (Persian, Arabic-Indic or ASCII digits) or ISO.

Uses sakoo.core.jalali when it is present, else jdatetime directly.
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*$")


def ascii_digits(text: str) -> str:
    return str(text).translate(_DIGITS)


def parse_date(text: str) -> dt.date:
    """A Jalali date (years 1300–1499) or a Gregorian ISO date (years 1900+). ValueError if neither."""
    match = _DATE_RE.match(ascii_digits(text or ""))
    if not match:
        raise ValueError("format")
    y, m, d = (int(g) for g in match.groups())
    if 1300 <= y < 1500:
        return jdatetime.date(y, m, d).togregorian()
    if 1900 <= y < 2200:
        return dt.date(y, m, d)
    raise ValueError("year")


def jalali_iso(day: dt.date) -> str:
    j = jdatetime.date.fromgregorian(date=day)
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"
