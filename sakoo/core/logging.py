"""Logging filter that masks personal data (national IDs, phone numbers) in every log record."""

from __future__ import annotations

import logging
import re

# Ten-digit national IDs, eleven-digit legal IDs and Iranian mobiles, in any digit script.
_DIGIT = r"[0-9\u06F0-\u06F9\u0660-\u0669]"
_MOBILE = re.compile(rf"(?:\+98|0098|0|\u06F0|\u0660)?9{_DIGIT}{{9}}(?!{_DIGIT})|(?:\+|00)?98{_DIGIT}{{10}}")
_LONG_ID = re.compile(rf"(?<!{_DIGIT}){_DIGIT}{{10,11}}(?!{_DIGIT})")


def mask_personal(text: str) -> str:
    text = _MOBILE.sub("09*********", text)
    return _LONG_ID.sub(lambda m: "*" * (len(m.group()) - 3) + m.group()[-3:], text)


class MaskPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True
