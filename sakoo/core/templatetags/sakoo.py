"""Template filters for Persian digits, Jalali dates and money. The logic lives in sakoo.core.

``{% load sakoo %}`` then, following the active language (Persian digits and separators in fa):

* ``{{ n|num }}`` → ``۱٬۲۳۴٬۵۶۷`` / ``1,234,567``; ``{{ x|num:1 }}`` with one decimal;
* ``{{ s|fa_digits }}`` → digits of any text in Persian (fa only; unchanged in en);
  ``{{ html|fa_digits_html }}`` the same for markup (tags and character references untouched);
* ``{{ d|jdate }}`` → ``۱۵ اردیبهشت ۱۴۰۳``; ``{{ d|jdate_short }}`` → ``۱۴۰۳/۰۲/۱۵``;
  ``{{ dt|jdatetime }}`` → ``۱۵ اردیبهشت ۱۴۰۳، ۱۴:۳۰`` (Tehran time);
* ``{{ ym|jmonth }}`` → ``مهر ۱۴۰۴`` for a ``(year, month)`` pair, a ``"1404-07"`` string or a date;
* ``{{ rials|money }}`` → ``۱٬۲۵۰٬۰۰۰ تومان``; ``{{ rials|money:"rial" }}``; ``{{ rials|toman }}``;
  ``{{ rials|rial }}``;
* ``{{ 0.135|percent }}`` → ``٪۱۳٫۵``; ``{{ x|percent:0 }}`` for no decimals.

Every filter shows ``""`` for ``None`` (chain ``|default:"—"`` when a dash is wanted) and never raises
on bad input: the value is shown as it is.
"""

import datetime as dt
import re

from django import template
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from sakoo.core.jalali import format_jalali, format_jalali_datetime, month_label, parse_jalali_month
from sakoo.core.jalali import jalali_month_of as _month_of
from sakoo.core.money import format_money
from sakoo.core.text import format_number, format_percent, is_persian_language, to_persian_digits

register = template.Library()


def _safe(func, value, *args, **kwargs):
    if value is None or value == "":
        return ""
    try:
        return func(value, *args, **kwargs)
    except (TypeError, ValueError, ArithmeticError, AttributeError, ValidationError):
        return value


@register.filter
def num(value, decimals=None):
    """Number with thousands separators in the page's digits."""
    decimals = None if decimals in (None, "") else int(decimals)
    return _safe(format_number, value, decimals=decimals)


_DECIMAL_RE = re.compile(r"(?<![0-9.])([0-9]+)\.([0-9]+)(?![0-9]|\.[0-9])")


@register.filter
def fa_digits(value):
    """All digits in the text as Persian digits (fa pages only); a decimal point between digits
    (``1.23``, as ``floatformat`` writes it) becomes the Persian decimal separator ``٫``."""
    if value is None:
        return ""
    if not is_persian_language():
        return str(value)
    return to_persian_digits(_DECIMAL_RE.sub("\\1\u066b\\2", str(value)))


_MARKUP_RE = re.compile(r"(<[^>]*>|&#?[0-9A-Za-z]+;)")


@register.filter
def fa_digits_html(value):
    """Like ``fa_digits`` for markup: digits in the text become Persian, tags and character references
    (``&#x27;``) stay as they are. Safe input stays safe; other input is escaped first."""
    if value is None:
        return ""
    text = value if isinstance(value, SafeData) else conditional_escape(value)
    if not is_persian_language():
        return mark_safe(text)  # escaped above or already safe
    parts = _MARKUP_RE.split(str(text))
    out = "".join(part if i % 2 else fa_digits(part) for i, part in enumerate(parts))
    return mark_safe(out)  # only digits changed in escaped text


def _date_value(value):
    """ISO strings (from JSON or a cache) are accepted as well as dates and datetimes."""
    if isinstance(value, str):
        value = value.strip()
        return (
            dt.datetime.fromisoformat(value) if "T" in value or " " in value else dt.date.fromisoformat(value)
        )
    return value


@register.filter
def jdate(value):
    return _safe(lambda v: format_jalali(_date_value(v), "long"), value)


@register.filter
def jdate_short(value):
    return _safe(lambda v: format_jalali(_date_value(v), "short"), value)


@register.filter
def jdatetime(value, style="long"):
    return _safe(lambda v: format_jalali_datetime(_date_value(v), style or "long"), value)


def _month(value):
    if isinstance(value, dt.date):
        return month_label(*_month_of(value))
    if isinstance(value, tuple | list):
        return month_label(int(value[0]), int(value[1]))
    return month_label(*parse_jalali_month(value))


@register.filter
def jmonth(value):
    return _safe(_month, value)


@register.filter
def money(value, unit="toman"):
    return _safe(format_money, value, unit or "toman")


@register.filter
def toman(value):
    return _safe(format_money, value, "toman")


@register.filter
def rial(value):
    return _safe(format_money, value, "rial")


@register.filter
def percent(value, decimals=1):
    decimals = 1 if decimals in (None, "") else int(decimals)
    return _safe(format_percent, value, decimals=decimals)
