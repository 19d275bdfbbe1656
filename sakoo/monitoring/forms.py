from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sakoo.monitoring import indicators as ind
from sakoo.monitoring.models import Target


def indicator_choices():
    return [(code, meta.label) for code, meta in ind.INDICATORS.items() if code != "placements_12m"]


class TargetForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=indicator_choices)
    county = forms.ModelChoiceField(label=_("County"), queryset=None, required=False, empty_label=_("Whole province"))
    direction = forms.ChoiceField(label=_("Direction"), choices=Target.Direction.choices)
    value = forms.FloatField(label=_("Target value"), help_text=_("A count per month, or a share between 0 and 1."))
    from_month = forms.CharField(label=_("From (Jalali month)"), max_length=7, help_text=_("e.g. 1404-01"))
    to_month = forms.CharField(label=_("To (Jalali month)"), max_length=7, help_text=_("e.g. 1404-12"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, counties=(), **kwargs):
        super().__init__(*args, **kwargs)
        from sakoo.geo.models import County

        self.fields["county"].queryset = County.objects.filter(pk__in=[c.pk for c in counties]).defer("boundary").order_by("code")

    def clean_value(self):
        from sakoo.core.text import normalize_digits

        raw = self.data.get("value", "")
        try:
            return float(normalize_digits(str(raw)).replace("٫", "."))
        except ValueError as exc:
            raise forms.ValidationError(_("Enter a number.")) from exc

    def clean_from_month(self):
        from sakoo.core.text import normalize_digits

        return normalize_digits(self.cleaned_data["from_month"])

    def clean_to_month(self):
        from sakoo.core.text import normalize_digits

        return normalize_digits(self.cleaned_data["to_month"])
