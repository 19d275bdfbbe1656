from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sakoo.classifications.models import EconomicActivity
from sakoo.core.forms import LegalIdField, MobileField, PersianCharField
from sakoo.employers.models import SizeBand
from sakoo.seekers.models import EducationLevel
from sakoo.vacancies.forms import OccupationChoiceField, province_counties, unit_occupations


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.title}"


class EmployerForm(forms.Form):
    legal_id = LegalIdField(
        label=_("Legal-entity national ID"), help_text=_("11 digits (شناسه ملی), Persian or English digits.")
    )
    name = PersianCharField(label=_("Company name"), max_length=200)
    activity = ActivityChoiceField(
        label=_("Economic activity (ISIC)"), queryset=EconomicActivity.objects.none()
    )
    county = forms.ModelChoiceField(label=_("County"), queryset=None)
    size = forms.ChoiceField(label=_("Size"), choices=SizeBand.choices)
    is_knowledge_based = forms.BooleanField(label=_("Knowledge-based company (دانش‌بنیان)"), required=False)
    is_cooperative = forms.BooleanField(label=_("Cooperative (تعاونی)"), required=False)
    phone = PersianCharField(label=_("Office phone"), max_length=20, required=False)
    address = PersianCharField(label=_("Address"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = province_counties()
        self.fields["activity"].queryset = EconomicActivity.objects.filter(level__in=[1, 2]).order_by("code")


class CandidateSearchForm(forms.Form):
    q = PersianCharField(label=_("Skills or field of study"), max_length=100, required=False)
    occupation = OccupationChoiceField(label=_("Occupation"), queryset=None, required=False)
    county = forms.ModelChoiceField(label=_("County"), queryset=None, required=False)
    education_level = forms.ChoiceField(
        label=_("Education"), choices=[("", _("All")), *EducationLevel.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].queryset = unit_occupations()
        self.fields["county"].queryset = province_counties()


class MemberForm(forms.Form):
    phone = MobileField(label=_("Colleague's mobile number"))
