"""Iranian identifiers: national ID (کد ملی), legal-entity national ID (شناسه ملی), Sheba (IBAN) and
mobile numbers.

Every ``normalize_*`` function takes what a person or a spreadsheet gave (Persian or Arabic-Indic
digits, spaces, dashes, hidden bidi characters) and returns the one canonical ASCII form, or raises a
``django.core.exceptions.ValidationError`` with a translatable message and a ``code``. Store only the
canonical form, so the same ID can never be stored twice in two digit scripts.

``validate_*`` are Django model-field validators: they accept only the canonical form.
"""

from __future__ import annotations

import math
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sakoo.core.text import lazy_number, normalize_digits, strip_bidi_controls, strip_identifier

__all__ = [
    "is_valid_legal_id",
    "is_valid_mobile",
    "is_valid_national_id",
    "is_valid_sheba",
    "legal_id_check_digit",
    "make_legal_id",
    "make_national_id",
    "make_sheba",
    "mask_mobile",
    "mask_national_id",
    "national_id_check_digit",
    "normalize_legal_id",
    "normalize_mobile",
    "normalize_national_id",
    "normalize_sheba",
    "sheba_bank_code",
    "sheba_check_digits",
    "validate_legal_id",
    "validate_mobile",
    "validate_national_id",
    "validate_sheba",
]

_DIGITS_RE = re.compile(r"^[0-9]+$")


def _identifier_text(value) -> str:
    """Spreadsheet numbers come in as int (leading zeros lost) or integral float."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and math.isfinite(value):
        value = int(value)
    return strip_identifier(value)


def _require_digits(s: str, label) -> None:
    if not s:
        raise ValidationError(_("Enter the %(label)s."), code="required", params={"label": label})
    if not _DIGITS_RE.match(s):
        raise ValidationError(
            _("The %(label)s may contain only digits."), code="invalid_characters", params={"label": label}
        )


# ---------------------------------------------------------------------------------------------------
# National ID (کد ملی)
# ---------------------------------------------------------------------------------------------------

NATIONAL_ID_LABEL = _("national ID")


def national_id_check_digit(first9: str) -> int:
    """The check digit for the first nine digits of a national ID."""
    r = sum(int(d) * (10 - i) for i, d in enumerate(first9[:9])) % 11
    return r if r < 2 else 11 - r


def make_national_id(first9: str) -> str:
    """A valid national ID from nine digits (for factories and tests)."""
    first9 = f"{int(first9):09d}"
    return first9 + str(national_id_check_digit(first9))


def normalize_national_id(value, pad: bool = True) -> str:
    """``"۰۰۱۲-۳۴۵۶۷۸ ۹"`` → ``"0012345678"`` after checking the checksum.

    Spaces, dashes, dots and bidi characters are removed and digits made ASCII. With ``pad`` an
    8- or 9-digit value is left-padded with zeros (spreadsheets drop leading zeros). Codes:
    ``required``, ``invalid_characters``, ``national_id_length``, ``national_id_identical``,
    ``national_id_zero`` (digits 4-9 all zero, as public implementations reject), ``national_id_checksum``.
    """
    s = _identifier_text(value)
    _require_digits(s, NATIONAL_ID_LABEL)
    if pad and len(s) in (8, 9):
        s = s.zfill(10)
    if len(s) != 10:
        raise ValidationError(
            _("A national ID has 10 digits; this one has %(count)s."),
            code="national_id_length",
            params={"count": lazy_number(len(s))},
        )
    if len(set(s)) == 1:
        raise ValidationError(
            _("A national ID cannot be the same digit ten times."), code="national_id_identical"
        )
    if s[3:9] == "000000":
        raise ValidationError(
            _("This national ID is not valid: its six middle digits are all zero."), code="national_id_zero"
        )
    if int(s[9]) != national_id_check_digit(s):
        raise ValidationError(
            _("This national ID is not valid: its check digit does not match. Check for a typing mistake."),
            code="national_id_checksum",
        )
    return s


def is_valid_national_id(value) -> bool:
    try:
        normalize_national_id(value)
    except ValidationError:
        return False
    return True


def validate_national_id(value) -> None:
    """Model validator: a valid national ID in canonical form (10 ASCII digits)."""
    if normalize_national_id(value, pad=False) != value:
        raise ValidationError(_("Store the national ID as 10 ASCII digits."), code="national_id_form")


def mask_national_id(value) -> str:
    """``0012345678`` → ``*******678`` (for logs and screens that only need to recognise it)."""
    s = strip_identifier(value)
    return "*" * max(len(s) - 3, 0) + s[-3:]


# ---------------------------------------------------------------------------------------------------
# Legal-entity national ID (شناسه ملی)
# ---------------------------------------------------------------------------------------------------

LEGAL_ID_LABEL = _("legal entity national ID")
_LEGAL_WEIGHTS = (29, 27, 23, 19, 17)


def legal_id_check_digit(first10: str) -> int:
    """Check digit of an 11-digit legal ID: every one of the first ten digits is shifted by the tens
    digit (d[9]) + 2, weighted 29, 27, 23, 19, 17 repeating; sum mod 11, then mod 10."""
    shift = int(first10[9]) + 2
    total = sum((shift + int(d)) * _LEGAL_WEIGHTS[i % 5] for i, d in enumerate(first10[:10]))
    return total % 11 % 10


def make_legal_id(first10: str) -> str:
    """A valid legal ID from ten digits (for factories and tests)."""
    first10 = f"{int(first10):010d}"
    return first10 + str(legal_id_check_digit(first10))


def normalize_legal_id(value) -> str:
    """``"۱۰۳۸۰۲۸۴۷۹۰"`` → ``"10380284790"``. Codes: ``required``, ``invalid_characters``,
    ``legal_id_length``, ``legal_id_zero``, ``legal_id_checksum``."""
    s = _identifier_text(value)
    _require_digits(s, LEGAL_ID_LABEL)
    if len(s) != 11:
        raise ValidationError(
            _("A legal entity national ID has 11 digits; this one has %(count)s."),
            code="legal_id_length",
            params={"count": lazy_number(len(s))},
        )
    if int(s[3:9]) == 0:
        raise ValidationError(
            _("This legal entity national ID is not valid: its middle digits are all zero."),
            code="legal_id_zero",
        )
    if int(s[10]) != legal_id_check_digit(s):
        raise ValidationError(
            _(
                "This legal entity national ID is not valid: its check digit does not match. "
                "Check for a typing mistake."
            ),
            code="legal_id_checksum",
        )
    return s


def is_valid_legal_id(value) -> bool:
    try:
        normalize_legal_id(value)
    except ValidationError:
        return False
    return True


def validate_legal_id(value) -> None:
    if normalize_legal_id(value) != value:
        raise ValidationError(
            _("Store the legal entity national ID as 11 ASCII digits."), code="legal_id_form"
        )


# ---------------------------------------------------------------------------------------------------
# Sheba (Iranian IBAN): IR + 2 check digits + 22 digits (bank code 3, account 19); ISO 13616 mod 97.
# ---------------------------------------------------------------------------------------------------

SHEBA_LABEL = _("Sheba number")
# "6.2006E+24", "620060170000000100324200001.0": a spreadsheet cell that became a number.
_NUMBER_TEXT_RE = re.compile(r"^[0-9,]+(\.[0-9]*)?([eE][+-]?[0-9]+)?$")


def _mod97(digits: str) -> int:
    """ISO 7064 MOD 97-10 remainder of a long digit string, seven digits at a time (by hand, no bigint)."""
    remainder = 0
    for start in range(0, len(digits), 7):
        remainder = int(str(remainder) + digits[start : start + 7]) % 97
    return remainder


def _iban_numeric(country: str, check: str, bban: str) -> str:
    rearranged = bban + country + check
    return "".join(str(ord(c) - 55) if c.isalpha() else c for c in rearranged)


def sheba_check_digits(bban: str) -> str:
    """The two check digits for a 22-digit Iranian BBAN (bank code + account)."""
    return f"{98 - _mod97(_iban_numeric('IR', '00', bban)):02d}"


def make_sheba(bban: str) -> str:
    """A valid Sheba from 22 digits (for factories and tests): ``IR`` + check digits + ``bban``."""
    bban = strip_identifier(bban)
    if len(bban) != 22 or not bban.isdigit():
        raise ValueError("a Sheba BBAN has 22 digits")
    return "IR" + sheba_check_digits(bban) + bban


def normalize_sheba(value) -> str:
    """``"ir۰۶ ۰۱۷۰ ..."`` → ``"IR060170000000100324200001"``.

    Accepts lower case, spaces, dashes, Persian digits and hidden bidi characters. A value that arrived
    as a number (int, float, scientific notation, or 24 digits without ``IR``) is rejected with its own
    message: spreadsheets turn Sheba numbers into numbers and lose digits. Codes: ``required``,
    ``sheba_number``, ``sheba_prefix``, ``invalid_characters``, ``sheba_length``, ``sheba_checksum``.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValidationError(_SHEBA_AS_NUMBER, code="sheba_number")
    raw = strip_bidi_controls(normalize_digits(value)).strip().replace(" ", "")
    if _NUMBER_TEXT_RE.match(raw) and (len(raw) >= 20 or any(c in raw for c in ".,eE")):
        raise ValidationError(_SHEBA_AS_NUMBER, code="sheba_number")
    s = strip_identifier(raw).upper()
    if not s:
        raise ValidationError(_("Enter the %(label)s."), code="required", params={"label": SHEBA_LABEL})
    if s.isdigit() and len(s) >= 20:
        raise ValidationError(_SHEBA_AS_NUMBER, code="sheba_number")
    if not s.startswith("IR"):
        raise ValidationError(
            _(
                "A Sheba number starts with IR followed by 24 digits, for example IR06 2960 0000 0010 0324 2000 01."
            ),
            code="sheba_prefix",
        )
    rest = s[2:]
    if not _DIGITS_RE.match(rest):
        raise ValidationError(
            _("After IR a Sheba number may contain only digits."), code="invalid_characters"
        )
    if len(rest) != 24:
        raise ValidationError(
            _("A Sheba number has 24 digits after IR; this one has %(count)s."),
            code="sheba_length",
            params={"count": lazy_number(len(rest))},
        )
    if _mod97(_iban_numeric("IR", rest[:2], rest[2:])) != 1:
        raise ValidationError(
            _("This Sheba number is not valid: its check digits do not match. Check for a typing mistake."),
            code="sheba_checksum",
        )
    return s


_SHEBA_AS_NUMBER = _(
    "This Sheba number arrived as a number and may have lost digits (spreadsheets do this). "
    "Enter it as text starting with IR, for example IR062960000000100324200001."
)


def is_valid_sheba(value) -> bool:
    try:
        normalize_sheba(value)
    except ValidationError:
        return False
    return True


def validate_sheba(value) -> None:
    if normalize_sheba(value) != value:
        raise ValidationError(_("Store the Sheba number as IR followed by 24 digits."), code="sheba_form")


def sheba_bank_code(value) -> str:
    """The three-digit bank identifier of a valid Sheba (e.g. ``"017"`` for Bank Melli)."""
    return normalize_sheba(value)[4:7]


# ---------------------------------------------------------------------------------------------------
# Mobile numbers
# ---------------------------------------------------------------------------------------------------

MOBILE_LABEL = _("mobile number")


def normalize_mobile(value) -> str:
    """Any common form of an Iranian mobile number → ``09XXXXXXXXX``.

    ``09121234567``, ``9121234567``, ``+98 912 123 4567``, ``0098-912-123-4567``, ``989121234567``,
    ``+98 (0) 912…``, Persian digits, hidden bidi characters. Codes: ``required``,
    ``invalid_characters``, ``mobile_country``, ``mobile_not_mobile``, ``mobile_length``.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    s = _identifier_text(value)
    if s.startswith("+"):
        s = "00" + s[1:]
    _require_digits(s, MOBILE_LABEL)
    if s.startswith("00"):
        if not s.startswith("0098"):
            raise ValidationError(
                _("Enter an Iranian mobile number (starting 09 or +98)."), code="mobile_country"
            )
        national = s[4:]
    elif s.startswith("98") and len(s) in (12, 13):
        national = s[2:]
    else:
        national = s
    if national.startswith("0"):
        national = national[1:]
    if not national.startswith("9"):
        raise ValidationError(
            _("This is not a mobile number: Iranian mobile numbers start with 09."), code="mobile_not_mobile"
        )
    if len(national) != 10:
        raise ValidationError(
            _("A mobile number has 11 digits starting with 09, for example 0912 345 6789."),
            code="mobile_length",
        )
    return "0" + national


def is_valid_mobile(value) -> bool:
    try:
        normalize_mobile(value)
    except ValidationError:
        return False
    return True


def validate_mobile(value) -> None:
    if normalize_mobile(value) != value:
        raise ValidationError(_("Store the mobile number as 11 digits starting with 09."), code="mobile_form")


def mask_mobile(value) -> str:
    """``09121234567`` → ``0912***4567``."""
    s = strip_identifier(value)
    if len(s) < 8:
        return "*" * len(s)
    return s[:4] + "*" * (len(s) - 8) + s[-4:]
