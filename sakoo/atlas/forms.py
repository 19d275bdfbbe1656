"""The atlas's pickers: one GET form shared by the page, the downloads and the PDF button."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sakoo.atlas import layers
from sakoo.core.jalali import jalali_month_of, parse_jalali_month
from sakoo.core.text import normalize_digits
from sakoo.geo.models import Province


def current_month() -> tuple[int, int]:
    from django.utils import timezone

    return jalali_month_of(timezone.localdate())


def month_text(month: tuple[int, int]) -> str:
    return f"{month[0]}-{month[1]:02d}"


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
    top = forms.IntegerField(label=_("Top counties (k)"), min_value=1, max_value=30, required=False)

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
            return current_month()
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
            "month": current_month(),
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
