"""Logging filter that masks personal data (national IDs, phone numbers) in every log record.

Digits are read in any script (Persian, Arabic-Indic, ASCII; ``sakoo.core.text.normalize_digits``),
and hidden bidi/zero-width characters are removed first, so ``۰۹۱۲‎۱۲۳۴۵۶۷`` is masked as well as
``09121234567``. Masked forms: mobiles ``09*********``, 10/11-digit IDs keep their last three digits.
The message, its arguments, any exception text and string values passed with ``extra=`` are masked.
"""

from __future__ import annotations

import logging
import re

from sakoo.core.text import normalize_digits, strip_bidi_controls

_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SEP = r"[ \-.]?"
# Iranian mobiles in every common form, with optional single separators between digit groups.
_MOBILE = re.compile(
    rf"(?<![0-9])(?:(?:\+|00)98{_SEP}(?:\(0\){_SEP}|0)?|0)?9[0-9]{{2}}{_SEP}[0-9]{{3}}{_SEP}[0-9]{{4}}(?![0-9])"
)
# National IDs printed as 001-234567-8, and any run of 10 or 11 digits (national and legal IDs).
_DASHED_NATIONAL_ID = re.compile(r"(?<![0-9])[0-9]{3}-[0-9]{6}-[0-9](?![0-9])")
_LONG_ID = re.compile(r"(?<![0-9])[0-9]{10,11}(?![0-9])")


def _mask_id(match: re.Match) -> str:
    digits = re.sub(r"[^0-9]", "", match.group())
    return "*" * (len(digits) - 3) + digits[-3:]


def mask_personal(text: str) -> str:
    """Mask mobiles and 10/11-digit identifiers in a text, whatever the digit script."""
    text = normalize_digits(_INVISIBLE_RE.sub("", strip_bidi_controls(text)))
    text = _MOBILE.sub("09*********", text)
    text = _DASHED_NATIONAL_ID.sub(_mask_id, text)
    return _LONG_ID.sub(_mask_id, text)


class MaskPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal(message)
        if masked != message:
            record.msg = masked
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal(record.stack_info)
        for name, value in list(vars(record).items()):  # values passed with extra={...}
            if name not in _STANDARD_ATTRS and isinstance(value, str | dict | list | tuple):
                setattr(record, name, _mask_value(value))
        return True


_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def _mask_value(value):
    if isinstance(value, str):
        return mask_personal(value)
    if isinstance(value, dict):
        return {k: _mask_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_mask_value(v) for v in value)
    return value
