"""Money is stored as integer rials and shown in tomans (1 toman = 10 rials) or rials."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sakoo.core.text import (
    PERSIAN_DECIMAL_SEPARATOR,
    PERSIAN_THOUSANDS_SEPARATOR,
    format_number,
    normalize_text,
)

__all__ = [
    "RIALS_PER_TOMAN",
    "UNITS",
    "format_money",
    "money_input_value",
    "parse_money",
    "rials_to_tomans",
    "tomans_to_rials",
    "unit_label",
]

RIALS_PER_TOMAN = 10
UNITS = ("toman", "rial")


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(f"unknown money unit {unit!r}: use 'toman' or 'rial'")


def tomans_to_rials(tomans) -> int:
    return int(Decimal(str(tomans)) * RIALS_PER_TOMAN)


def rials_to_tomans(rials: int) -> Decimal | int:
    """Integer tomans when the amount divides by 10, else a Decimal with one decimal."""
    rials = int(rials)
    if rials % RIALS_PER_TOMAN == 0:
        return rials // RIALS_PER_TOMAN
    return Decimal(rials) / RIALS_PER_TOMAN


def unit_label(unit: str = "toman", count: int = 2) -> str:
    """The unit word in the active language: ``تومان`` / ``tomans``."""
    _check_unit(unit)
    if unit == "toman":
        return ngettext("toman", "tomans", count)
    return ngettext("rial", "rials", count)


_lazy_unit_label = lazy(unit_label, str)


def format_money(rials, unit: str = "toman", lang: str | None = None, *, with_unit: bool = True) -> str:
    """``12_500_000`` rials → ``۱٬۲۵۰٬۰۰۰ تومان`` (fa) / ``1,250,000 tomans`` (en);
    ``unit="rial"`` → ``۱۲٬۵۰۰٬۰۰۰ ریال``. ``None`` → ``""``."""
    _check_unit(unit)
    if rials is None or rials == "":
        return ""
    rials = int(rials)
    amount = rials_to_tomans(rials) if unit == "toman" else rials
    number = format_number(amount, lang)
    if not with_unit:
        return number
    count = abs(int(amount)) if amount == int(amount) else 2
    if lang is None:
        return _money_words(unit, count) % {"amount": number}
    with translation.override(lang):
        return _money_words(unit, count) % {"amount": number}


def _money_words(unit: str, count: int) -> str:
    if unit == "toman":
        return ngettext("%(amount)s toman", "%(amount)s tomans", count)
    return ngettext("%(amount)s rial", "%(amount)s rials", count)


_UNIT_WORDS_RE = re.compile(r"(تومان|تومن|ریال|tomans?|rials?|irr|irt)", re.IGNORECASE)
_GROUP_RE = re.compile(rf"[\s,،'’_{PERSIAN_THOUSANDS_SEPARATOR}\u200c\u00a0\u202f]")
_NUMBER_RE = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_MULTIPLIERS = {
    "هزار": 10**3,
    "میلیون": 10**6,
    "میلیارد": 10**9,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
}
_PART_RE = re.compile(
    r"^(?P<number>[0-9٬٫,،'’_.\s\u200c\u00a0\u202f]*?)\s*(?P<word>" + "|".join(_MULTIPLIERS) + r")?$",
    re.IGNORECASE,
)
_AND_RE = re.compile(r"\s+(?:و|and)\s+", re.IGNORECASE)


def _invalid() -> ValidationError:
    return ValidationError(
        _("Enter an amount of money using digits, for example 1,250,000."), code="money_invalid"
    )


def _parse_part(part: str) -> tuple[Decimal, bool]:
    """``"1,250,000"`` → 1250000; ``"۱٫۵ میلیون"`` → 1500000. Returns (amount, had a multiplier word)."""
    match = _PART_RE.match(part.strip())
    if not match:
        raise _invalid()
    number = _GROUP_RE.sub("", match.group("number")).replace(PERSIAN_DECIMAL_SEPARATOR, ".")
    word = (match.group("word") or "").lower()
    if not number and word:
        number = "1"  # "میلیون تومان" = one million
    if not _NUMBER_RE.match(number):
        raise _invalid()
    try:
        amount = Decimal(number)
    except InvalidOperation as exc:  # pragma: no cover - the regex already checked the shape
        raise _invalid() from exc
    return amount * _MULTIPLIERS.get(word, 1), bool(word)


def parse_money(text, unit: str = "toman") -> int:
    """A typed amount in ``unit`` → integer rials.

    Accepts Persian/Arabic-Indic digits, thousands separators (``٬ , ، '`` or spaces), the Persian
    decimal separator ``٫``, the words هزار / میلیون / میلیارد (thousand / million / billion), joined
    with و / and, and an optional unit word (``تومان``, ``ریال``, ``toman``…; it must match ``unit``):
    ``"۱٬۲۵۰٬۰۰۰ تومان"`` → ``12_500_000``; ``"۱۵ میلیون و ۵۰۰ هزار"`` (tomans) → ``155_000_000``.
    Raises ``ValidationError`` (codes ``money_invalid``, ``money_negative``, ``money_fraction``,
    ``money_unit``). Ints pass through as amounts in ``unit``.
    """
    _check_unit(unit)
    if isinstance(text, bool) or text is None:
        raise _invalid()
    s = normalize_text(str(text), multiline=False)  # digits to ASCII, Arabic yeh/kaf, spaces, bidi
    words = {w.lower() for w in _UNIT_WORDS_RE.findall(s)}
    if words:
        is_toman = words <= {"تومان", "تومن", "toman", "tomans", "irt"}
        is_rial = words <= {"ریال", "rial", "rials", "irr"}
        if (unit == "toman" and not is_toman) or (unit == "rial" and not is_rial):
            raise ValidationError(
                _("Enter the amount in %(unit)s."), code="money_unit", params={"unit": _lazy_unit_label(unit)}
            )
        s = _UNIT_WORDS_RE.sub("", s).strip()
    if s.startswith(("-", "\u2212")):
        raise ValidationError(_("The amount cannot be negative."), code="money_negative")
    if not s:
        raise _invalid()
    parts = [_parse_part(p) for p in _AND_RE.split(s)]
    if len(parts) > 1 and not all(had_word for _amount, had_word in parts[:-1]):
        raise _invalid()
    amount = sum((a for a, _w in parts), Decimal(0))
    rials = amount * (RIALS_PER_TOMAN if unit == "toman" else 1)
    if rials != rials.to_integral_value():
        raise ValidationError(_("The amount is smaller than one rial."), code="money_fraction")
    return int(rials)


def money_input_value(rials, unit: str = "toman", lang: str | None = None) -> str:
    """The amount as it goes back into an input box: grouped digits in the page's script, no unit."""
    if rials is None or rials == "":
        return ""
    return format_money(rials, unit, lang, with_unit=False)
