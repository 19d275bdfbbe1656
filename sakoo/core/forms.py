"""Form fields that normalise Persian input once (in ``to_python``) and then validate the canonical form.

Django's own ``IntegerField`` and ``\\d`` regexes accept Persian digits as they are, so the same ID
could be stored twice in two digit scripts: these fields always hand ASCII digits to ``cleaned_data``.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sakoo.core import validators
from sakoo.core.jalali import format_jalali, jalali_today, parse_jalali, parse_jalali_month
from sakoo.core.money import format_money, money_input_value, parse_money, unit_label
from sakoo.core.text import (
    PERSIAN_DECIMAL_SEPARATOR,
    PERSIAN_THOUSANDS_SEPARATOR,
    format_number,
    has_bidi_controls,
    is_persian_language,
    normalize_digits,
    normalize_text,
    strip_bidi_controls,
    to_persian_digits,
)

__all__ = [
    "JalaliDateField",
    "JalaliDateInput",
    "JalaliMonthField",
    "LegalIdField",
    "MobileField",
    "MoneyField",
    "NationalIdField",
    "PersianCharField",
    "PersianIntegerField",
    "ShebaField",
    "TimeOfDayField",
    "normalize_model_text",
]

_LTR_NUMERIC = {"dir": "ltr", "inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}


class _IdentifierField(forms.CharField):
    """A CharField whose ``to_python`` runs one of the ``sakoo.core.validators.normalize_*`` functions."""

    normalizer = staticmethod(lambda value: value)
    widget_attrs_extra: dict = _LTR_NUMERIC

    def __init__(self, **kwargs):
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.TextInput):  # not on HiddenInput
            attrs.update(self.widget_attrs_extra)
        return attrs

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return self.empty_value
        return self.normalizer(value)


class NationalIdField(_IdentifierField):
    """کد ملی: ``"۰۰۱۲-۳۴۵۶۷۸-۹"`` → ``"0012345679"`` (8/9-digit input left-padded with zeros)."""

    normalizer = staticmethod(validators.normalize_national_id)


class LegalIdField(_IdentifierField):
    """شناسه ملی: 11 digits with the legal-entity checksum."""

    normalizer = staticmethod(validators.normalize_legal_id)


class ShebaField(_IdentifierField):
    """Sheba: ``"ir06 0170 …"`` → ``"IR060170…"``."""

    normalizer = staticmethod(validators.normalize_sheba)
    widget_attrs_extra = {"dir": "ltr", "autocomplete": "off", "spellcheck": "false", "placeholder": "IR"}


class MobileField(_IdentifierField):
    """Any common form of an Iranian mobile number → ``"09XXXXXXXXX"``."""

    normalizer = staticmethod(validators.normalize_mobile)
    widget_attrs_extra = {"dir": "ltr", "inputmode": "tel", "autocomplete": "tel"}

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.TextInput) and widget.input_type == "text":
            widget.input_type = "tel"
            attrs.setdefault("placeholder", _PhonePlaceholder())
        return attrs


class _PhonePlaceholder:
    """Rendered at template time, so the digits follow the page's language."""

    def __str__(self) -> str:
        text = "0912 345 6789"
        return to_persian_digits(text) if is_persian_language() else text


class _MonthPlaceholder:
    """This Jalali month as an example (``۱۴۰۵-۰۹``), in the page's digits at template time."""

    def __str__(self) -> str:
        year, month, _day = jalali_today()
        text = f"{year}-{month:02d}"
        return to_persian_digits(text) if is_persian_language() else text


class PersianCharField(forms.CharField):
    """Text in the stored form of ``sakoo.core.text.normalize_text``.

    Hidden bidi control characters (RLO, LRM, isolates…) are rejected with a message naming them, since
    in names they can make one text look like another. ``multiline`` keeps line breaks (textareas).
    """

    default_error_messages = {
        "bidi": _(
            "This text contains hidden direction-control characters (often copied from another program). "
            "Retype it or paste it as plain text."
        ),
    }

    def __init__(self, *, multiline: bool | None = None, allow_bidi: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.multiline = multiline if multiline is not None else isinstance(self.widget, forms.Textarea)
        self.allow_bidi = allow_bidi

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return self.empty_value
        if has_bidi_controls(value) and not self.allow_bidi:
            raise ValidationError(self.error_messages["bidi"], code="bidi")
        return normalize_text(value, multiline=self.multiline)


class JalaliDateInput(forms.TextInput):
    """A text input for Jalali dates: numeric keyboard on phones, placeholder ``۱۴۰۳/۰۲/۱۵``."""

    def __init__(self, attrs=None):
        base = {"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"}
        base.update(attrs or {})
        super().__init__(base)

    def format_value(self, value):
        if isinstance(value, dt.date):
            return format_jalali(value, "short")
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if "placeholder" not in widget_attrs:
            widget_attrs["placeholder"] = (
                to_persian_digits("1403/02/15") if is_persian_language() else "1403/02/15"
            )
        return context


class JalaliDateField(forms.Field):
    """A Jalali date typed as ``۱۴۰۳/۰۲/۱۵`` (any digits, ``/`` or ``-``) → ``datetime.date`` (Gregorian).

    ``min_value`` / ``max_value`` (Gregorian dates) are checked with Jalali messages.
    """

    widget = JalaliDateInput
    default_error_messages = {
        "min_value": _("The date must be on or after %(limit)s."),
        "max_value": _("The date must be on or before %(limit)s."),
    }

    def __init__(self, *, min_value: dt.date | None = None, max_value: dt.date | None = None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return parse_jalali(str(value))

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value and value < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit": format_jalali(self.min_value)},
            )
        if self.max_value and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit": format_jalali(self.max_value)},
            )

    def has_changed(self, initial, data):
        try:
            data = self.to_python(data)
        except ValidationError:
            return True
        return initial != data


class JalaliMonthField(forms.CharField):
    """A Jalali month ``1404-07`` (any digits, ``/`` or ``-``) → ``(1404, 7)``."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"})
        attrs.setdefault("placeholder", _MonthPlaceholder())
        return attrs

    def to_python(self, value):
        if isinstance(value, tuple):
            return parse_jalali_month(value)
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_jalali_month(value)

    def prepare_value(self, value):
        if isinstance(value, tuple) and len(value) == 2:
            return f"{value[0]:04d}-{value[1]:02d}"
        return value


class _TimePlaceholder:
    """``۰۵:۳۰`` in the page's digits at template time."""

    def __str__(self) -> str:
        return to_persian_digits("05:30") if is_persian_language() else "05:30"


class TimeOfDayField(forms.TimeField):
    """A time of day typed as ``۰۵:۳۰`` (any digits; ``:``, ``.`` or ``٫`` between hours and minutes) →
    ``datetime.time``; shown in the page's digits.

    A text input, like the Jalali dates: a browser's time picker writes the device's digits and AM/PM. The
    decimal keyboard on phones has a separator key, which a numeric one may not."""

    widget = forms.TextInput
    input_formats = ["%H:%M", "%H:%M:%S"]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "dir": "ltr", "autocomplete": "off"})
        attrs.setdefault("placeholder", _TimePlaceholder())
        return attrs

    def to_python(self, value):
        if isinstance(value, str):
            value = strip_bidi_controls(normalize_digits(value)).strip()
            value = value.replace(PERSIAN_DECIMAL_SEPARATOR, ":").replace(".", ":")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, dt.time):
            text = value.strftime("%H:%M")
            return to_persian_digits(text) if is_persian_language() else text
        return value


def _numeric_text(value) -> str:
    """Persian digits → ASCII; thousands separators, spaces and bidi characters removed."""
    s = strip_bidi_controls(normalize_digits(value)).strip()
    for sep in (PERSIAN_THOUSANDS_SEPARATOR, ",", "\u060c", " ", "\u00a0", "\u202f", "\u200c", "'"):
        s = s.replace(sep, "")
    return s.replace(PERSIAN_DECIMAL_SEPARATOR, ".").replace("\u2212", "-")


class PersianIntegerField(forms.IntegerField):
    """An integer typed with Persian, Arabic-Indic or ASCII digits and optional thousands separators.

    Rendered as a text input with a numeric keyboard (``type=number`` refuses Persian digits).
    """

    widget = forms.TextInput

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        for key in ("min", "max", "step"):  # number-input attributes; validation happens on the server
            attrs.pop(key, None)
        attrs.update({"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"})
        return attrs

    def to_python(self, value):
        if isinstance(value, str):
            value = _numeric_text(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return format_number(value, grouping=False)
        return value


class MoneyField(forms.Field):
    """An amount typed in tomans (default) or rials → integer **rials** in ``cleaned_data``.

    Accepts Persian digits, thousands separators and the unit word; an initial value (rials) is shown
    in ``unit`` with grouped digits in the page's script.
    """

    widget = forms.TextInput
    default_error_messages = {
        "min_value": _("The amount must be at least %(limit)s."),
        "max_value": _("The amount must be at most %(limit)s."),
    }

    def __init__(
        self, *, unit: str = "toman", min_value: int | None = 0, max_value: int | None = None, **kwargs
    ):
        self.unit, self.min_value, self.max_value = unit, min_value, max_value
        kwargs.setdefault("help_text", _MoneyUnitHelp(unit))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"})
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value  # already rials (initial data)
        return parse_money(value, self.unit)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit": format_money(self.min_value, self.unit)},
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit": format_money(self.max_value, self.unit)},
            )

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return money_input_value(value, self.unit)
        return value


class _MoneyUnitHelp:
    def __init__(self, unit: str):
        self.unit = unit

    def __str__(self) -> str:
        return str(_("In %(unit)s.") % {"unit": unit_label(self.unit)})


def normalize_model_text(instance, *field_names: str) -> None:
    """Put the named text attributes of a model instance into the stored form (for services and
    imports that do not go through a form). Call before ``full_clean()``."""
    for name in field_names:
        value = getattr(instance, name)
        if isinstance(value, str):
            setattr(instance, name, normalize_text(value))


#: A message that already names its field: «دلیل: …» (a name, then a colon and a space).
_NAMED_MESSAGE = re.compile(r"^[^:\n]{1,60}:\s")


class ErrorSummaryMixin:
    """``form.error_summary()``: (field id, message) pairs for the list of errors at the top of a form.

    A message that does not already name its field (it starts with the label, or with ``Name: ``) gets
    the field's label in front, so each field is named once.
    """

    def error_summary(self) -> list[tuple[str, str]]:
        out = [("", str(error)) for error in self.non_field_errors()]
        for field in self:
            label = str(field.label)
            for error in field.errors:
                text = str(error)
                named = text.startswith(label) or _NAMED_MESSAGE.match(text)
                out.append((field.id_for_label, text if named else f"{label}: {text}"))
        return out
