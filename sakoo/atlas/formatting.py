"""Numbers as the atlas shows them (Persian digits on Persian pages)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sakoo.core.text import format_number, format_percent


def format_value(value, unit: str, lang: str | None = None) -> str:
    if value is None:
        return ""
    if unit == "percent":
        return format_percent(value / 100, lang, decimals=1)
    if unit == "count":
        return format_number(round(value), lang)
    if unit == "per_1000":
        return format_number(value, lang, decimals=1)
    return format_number(value, lang, decimals=2)


def format_change(value, unit: str, lang: str | None = None) -> str:
    """Signed change: percentage points for percents, points otherwise."""
    if value is None:
        return ""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    decimals = 0 if unit == "count" else (1 if unit in ("percent", "per_1000") else 2)
    number = format_number(abs(value), lang, decimals=decimals)
    suffix = " " + _("pp") if unit == "percent" else ""
    return f"{sign}{number}{suffix}"


def format_share(fraction, lang: str | None = None) -> str:
    return format_percent(fraction, lang, decimals=1)
