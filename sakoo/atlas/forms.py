"""The atlas's pickers: one GET form shared by the page, the downloads and the PDF button."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sakoo.atlas import layers
from sakoo.core.forms import PersianIntegerField
from sakoo.core.jalali import jalali_month_of, parse_jalali_month
from sakoo.core.text import format_number, normalize_digits
from sakoo.geo.models import Province


def current_month() -> tuple[int, int]:
    from django.utils import timezone

    return jalali_month_of(timezone.localdate())


def default_month() -> tuple[int, int]:
    """The registry's default month: the latest complete Jalali month (a running month still changes)."""
    from sakoo.core.jalali import add_months

    return add_months(*current_month(), -1)


def month_text(month: tuple[int, int]) -> str:
    return f"{month[0]}-{month[1]:02d}"


class PersianDigitsInput(forms.TextInput):
    """A text input that shows its value in Persian digits on Persian pages (the server accepts either)."""

    def format_value(self, value):
        value = super().format_value(value)
        if value is None:
            return None
        from sakoo.core.text import to_persian_digits

        return to_persian_digits(value) if _is_fa() else value


class AtlasQueryForm(forms.Form):
    layer = forms.ChoiceField(
        label=_("Layer"),
        choices=[(layers.CENSUS, _("Census 2016")), (layers.REGISTRY, _("Registry (Sakoo)"))],
        required=False,
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    sex = forms.ChoiceField(
        label=_("Sex"),
        choices=[("all", _("Men and women")), ("male", _("Men")), ("female", _("Women"))],
        required=False,
        help_text=_("Census layer only"),
    )
    education = forms.ChoiceField(
        label=_("Education"),
        choices=[
            ("all", _("All levels")),
            ("graduates", _("University graduates")),
            ("non_graduates", _("Without a university degree")),
        ],
        required=False,
        help_text=_("Census layer only"),
    )
    month = forms.CharField(
        label=_("Month (Jalali)"),
        required=False,
        max_length=10,
        help_text=_("For example 1404-07; registry only"),
        widget=PersianDigitsInput(attrs={"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}),
    )
    classification = forms.ChoiceField(
        label=_("Classes"),
        choices=[
            ("fixed", _("Fixed rounded classes")),
            ("quantile", _("Quantiles")),
            ("jenks", _("Natural breaks (Fisher–Jenks)")),
        ],
        required=False,
    )
    smooth = forms.BooleanField(label=_("Smoothed rates (empirical Bayes)"), required=False)
    change = forms.BooleanField(
        label=_("Colour by change from the previous month"),
        required=False,
        help_text=_("Registry shares and rates"),
    )
    top = PersianIntegerField(
        label=_("Top counties (k)"),
        min_value=1,
        max_value=30,
        required=False,
        widget=PersianDigitsInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [
            (p.code, p.name_fa if _is_fa() else (p.name_en or p.name_fa))
            for p in Province.objects.order_by("code").only("code", "name_fa", "name_en")
        ]
        self.fields["indicator"].choices = [(i.key, i.label) for i in layers.INDICATORS.values()]

    @classmethod
    def from_query(cls, params) -> AtlasQueryForm:
        """A bound form whose empty fields show the defaults (so that the pickers display what is drawn)."""
        data = {
            "layer": layers.CENSUS,
            "province": settings.SAKOO_PROVINCE,
            "sex": "all",
            "education": "all",
            "classification": "fixed",
            "top": "6",
        }
        data.update({key: value for key, value in params.items() if value not in (None, "")})
        return cls(data)

    def clean_month(self):
        raw = normalize_digits(self.cleaned_data.get("month") or "").strip()
        if not raw:
            return default_month()
        try:
            return parse_jalali_month(raw)
        except (ValidationError, ValueError) as exc:
            raise ValidationError(_("Enter a Jalali month such as 1404-07.")) from exc

    def clean(self):
        data = super().clean()
        data["layer"] = data.get("layer") or layers.CENSUS
        data["province"] = data.get("province") or settings.SAKOO_PROVINCE
        data["sex"] = data.get("sex") or "all"
        data["education"] = data.get("education") or "all"
        data["classification"] = data.get("classification") or "fixed"
        data["top"] = data.get("top") or 6
        indicator = data.get("indicator")
        default = "rate" if data["layer"] == layers.CENSUS else "seekers_per_1000"
        if not indicator:
            data["indicator"] = default
        elif layers.INDICATORS[indicator].layer != data["layer"]:
            self.add_error("indicator", _("This indicator belongs to the other layer."))
            data["indicator"] = default
        if data["layer"] == layers.REGISTRY and data["province"] != settings.SAKOO_PROVINCE:
            self.add_error("province", _("The registry covers this installation's province only."))
            data["province"] = settings.SAKOO_PROVINCE
        return data

    def query(self) -> dict:
        """Cleaned values, falling back to defaults for any field with an error (the page still draws)."""
        self.is_valid()
        defaults = {
            "layer": layers.CENSUS,
            "province": settings.SAKOO_PROVINCE,
            "indicator": "rate",
            "sex": "all",
            "education": "all",
            "month": default_month(),
            "classification": "fixed",
            "smooth": False,
            "change": False,
            "top": 6,
        }
        cleaned = getattr(self, "cleaned_data", {}) or {}
        result = {key: cleaned.get(key, value) for key, value in defaults.items()}
        for key, value in defaults.items():
            if result[key] in (None, ""):
                result[key] = value
        if layers.INDICATORS[result["indicator"]].layer != result["layer"]:
            result["indicator"] = "rate" if result["layer"] == layers.CENSUS else "seekers_per_1000"
        return result


def _is_fa() -> bool:
    from sakoo.core.text import is_persian_language

    return is_persian_language()


# ---------------------------------------------------------------------------------------------------
# Reference figures (province admins)
# ---------------------------------------------------------------------------------------------------


class PersianDecimalField(forms.DecimalField):
    """A decimal typed with Persian or ASCII digits, Persian or ASCII separators (``۱۲۵٬۰۰۰``, ``۱۲٫۵``)."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        for key in ("min", "max", "step"):
            attrs.pop(key, None)
        attrs.update({"inputmode": "decimal", "dir": "ltr", "autocomplete": "off"})
        return attrs

    def to_python(self, value):
        if isinstance(value, str):
            value = normalize_digits(value).strip()
            for sep in ("\u066c", ",", "\u060c", " ", "\u00a0", "\u202f", "\u200c"):
                value = value.replace(sep, "")
            value = value.replace("\u066b", ".").replace("/", ".").replace("\u2212", "-")
        return super().to_python(value)


def _required(field: str):
    return {"required": _("%(field)s: this field is required.") % {"field": field}}


class ReferenceFigureForm(forms.Form):
    """What an admin types; the service validates and saves."""

    label = forms.CharField(
        label=_("What it counts"),
        max_length=200,
        help_text=_("For example: unemployed persons, Labour Force Survey estimate"),
    )
    value = PersianDecimalField(
        label=_("Value"),
        max_digits=14,
        decimal_places=2,
        help_text=_("A number, for example 125,000 or 12.5"),
    )
    unit = forms.ChoiceField(label=_("Unit"))
    source = forms.CharField(label=_("Source"), max_length=300, help_text=_("Publisher and publication"))
    reference_period = forms.CharField(
        label=_("Reference period"), max_length=100, help_text=_("For example: spring 1404")
    )
    reference_date = forms.CharField(
        label=_("Date of the figure (Jalali)"),
        max_length=20,
        help_text=_("The date the figure refers to or was published, for example 1404/03/31"),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from sakoo.atlas.models import ReferenceFigure

        self.fields["unit"].choices = ReferenceFigure.Unit.choices
        self.fields["reference_date"].widget.attrs.update({"dir": "ltr", "inputmode": "numeric"})
        for field in self.fields.values():
            if field.required:
                field.error_messages.update(_required(field.label))
        self.fields["value"].error_messages.update(
            {
                "invalid": _("Value: enter a number, for example 125,000 or 12.5."),
                "max_digits": _("Value: the number is too large."),
                "max_decimal_places": _("Value: at most two decimal places."),
                "max_whole_digits": _("Value: the number is too large."),
            }
        )
        self.fields["unit"].error_messages["invalid_choice"] = _("Unit: choose persons or percent.")
        for name in ("label", "source", "reference_period"):
            self.fields[name].error_messages["max_length"] = _("%(field)s: at most %(limit)s characters.") % {
                "field": self.fields[name].label,
                "limit": format_number(self.fields[name].max_length),
            }

    def clean_reference_date(self):
        from sakoo.core.jalali import parse_jalali

        raw = self.cleaned_data["reference_date"]
        try:
            return parse_jalali(normalize_digits(raw).strip())
        except (ValidationError, ValueError) as exc:
            raise ValidationError(_("Date of the figure: enter a Jalali date such as 1404/03/31.")) from exc
