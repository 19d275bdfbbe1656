"""Pydantic (django-ninja) types for Persian input: the same normalisation and messages as the forms.

Use them as field types in ninja ``Schema`` classes or as query parameters::

    class SeekerIn(Schema):
        national_id: NationalId
        mobile: Mobile
        birth_date: JalaliDate      # "1370-05-12" in, datetime.date out, "1370-05-12" when serialised
        full_name: PersianText

Errors come back as ordinary ninja 422 responses whose ``msg`` is the translated validator message and
whose ``type`` is the validator's code (``national_id_checksum``, ``jalali_day_range``…).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from sakoo.core import validators
from sakoo.core.jalali import parse_jalali, parse_jalali_month, to_jalali
from sakoo.core.text import has_bidi_controls, normalize_text

__all__ = [
    "JalaliDate",
    "JalaliMonth",
    "LegalId",
    "Mobile",
    "NationalId",
    "PersianText",
    "Sheba",
    "pydantic_validator",
]


def _message(error: ValidationError) -> tuple[str, str]:
    code = getattr(error, "code", None) or "invalid"
    messages = error.messages
    return code, " ".join(str(m) for m in messages)


def pydantic_validator(func):
    """Wrap a function that raises Django ``ValidationError`` so pydantic reports its message as is."""

    def wrapper(value):
        try:
            return func(value)
        except ValidationError as error:
            code, message = _message(error)
            # Braces would be read as pydantic placeholders.
            raise PydanticCustomError(code, message.replace("{", "(").replace("}", ")")) from None

    wrapper.__name__ = getattr(func, "__name__", "validator")
    return wrapper


def _int_to_text(value):
    """Identifiers may arrive as JSON numbers (leading zeros lost): the normalisers decide what to do."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


NationalId = Annotated[
    str,
    BeforeValidator(_int_to_text),
    AfterValidator(pydantic_validator(validators.normalize_national_id)),
    Field(
        description="Iranian national ID (کد ملی), 10 digits; returned as ASCII digits.",
        examples=["0012345679"],
    ),
]

LegalId = Annotated[
    str,
    BeforeValidator(_int_to_text),
    AfterValidator(pydantic_validator(validators.normalize_legal_id)),
    Field(description="Legal entity national ID (شناسه ملی), 11 digits.", examples=["10380284790"]),
]


def _sheba_before(value):
    if isinstance(value, int | float) and not isinstance(value, bool):
        return pydantic_validator(validators.normalize_sheba)(value)  # raises the "arrived as a number" error
    return value


Sheba = Annotated[
    str,
    BeforeValidator(_sheba_before),
    AfterValidator(pydantic_validator(validators.normalize_sheba)),
    Field(
        description="Sheba (Iranian IBAN): IR followed by 24 digits.", examples=["IR062960000000100324200001"]
    ),
]

Mobile = Annotated[
    str,
    BeforeValidator(_int_to_text),
    AfterValidator(pydantic_validator(validators.normalize_mobile)),
    Field(
        description="Iranian mobile number in any common form; returned as 09XXXXXXXXX.",
        examples=["09121234567"],
    ),
]


def _persian_text(value: str) -> str:
    if has_bidi_controls(value):
        raise ValidationError(
            _("This text contains hidden direction-control characters. Send it as plain text."),
            code="bidi",
        )
    return normalize_text(value)


PersianText = Annotated[
    str,
    AfterValidator(pydantic_validator(_persian_text)),
    Field(
        description="Text; stored in Sakoo's normalised Persian form. Bidi control characters are refused."
    ),
]


def _jalali_date_in(value):
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    if not isinstance(value, str):
        raise PydanticCustomError(
            "jalali_invalid", str(_("Enter a Jalali date as year/month/day, for example 1403/02/15."))
        )
    return pydantic_validator(parse_jalali)(value)


def _jalali_date_out(value: dt.date) -> str:
    j = to_jalali(value)
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"


JalaliDate = Annotated[
    dt.date,
    BeforeValidator(_jalali_date_in),
    PlainSerializer(_jalali_date_out, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}$",
            "description": "A Jalali (Solar Hijri) date, YYYY-MM-DD, for example 1403-02-15.",
            "examples": ["1403-02-15"],
        }
    ),
]


def _jalali_month(value) -> str:
    year, month = pydantic_validator(parse_jalali_month)(value)
    return f"{year:04d}-{month:02d}"


JalaliMonth = Annotated[
    str,
    AfterValidator(_jalali_month),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}$",
            "description": "A Jalali month, YYYY-MM, for example 1404-07. Use parse_jalali_month() for (y, m).",
            "examples": ["1404-07"],
        }
    ),
]
