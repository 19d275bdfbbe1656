from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from sakoo.classifications.models import Occupation
from sakoo.core.forms import (
    JalaliDateField,
    MoneyField,
    NationalIdField,
    PersianCharField,
    PersianIntegerField,
)
from sakoo.geo.models import County
from sakoo.seekers.models import ContractType, EducationLevel
from sakoo.vacancies.models import (
    ApplicationStatus,
    RemoteMode,
    SavedSearch,
    SexRequirement,
    VacancyReport,
)


class OccupationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.code})"


def unit_occupations():
    return Occupation.objects.filter(level=4).order_by("code")


def province_counties():
    from django.conf import settings

    return County.objects.filter(province__code=settings.SAKOO_PROVINCE).order_by("name_fa")


class VacancyForm(forms.Form):
    title = PersianCharField(label=_("Job title"), max_length=150)
    occupation = OccupationChoiceField(
        label=_("Occupation (ISCO-08)"),
        queryset=Occupation.objects.none(),
        help_text=_("Suggested from the title; choose the closest occupation."),
    )
    description = PersianCharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10000
    )
    county = forms.ModelChoiceField(label=_("County"), queryset=County.objects.none())
    city = PersianCharField(label=_("City"), max_length=80, required=False)
    contract_type = forms.ChoiceField(label=_("Contract type"), choices=ContractType.choices)
    hours_per_week = PersianIntegerField(label=_("Hours per week"), required=False, min_value=1, max_value=84)
    remote = forms.ChoiceField(
        label=_("Place of work"), choices=RemoteMode.choices, initial=RemoteMode.ON_SITE
    )
    wage_min = MoneyField(label=_("Minimum monthly wage"), required=False)
    wage_max = MoneyField(label=_("Maximum monthly wage"), required=False)
    education_required = forms.ChoiceField(
        label=_("Education required"),
        choices=[("", _("No requirement")), *EducationLevel.choices],
        required=False,
    )
    field_required = PersianCharField(label=_("Field of study required"), max_length=120, required=False)
    experience_years = PersianIntegerField(
        label=_("Years of experience"), min_value=0, max_value=40, initial=0
    )
    openings = PersianIntegerField(label=_("Number of openings"), min_value=1, max_value=1000, initial=1)
    insurance_provided = forms.BooleanField(label=_("Insurance provided"), required=False, initial=True)
    sex_requirement = forms.ChoiceField(
        label=_("Sex requirement"), choices=SexRequirement.choices, initial=SexRequirement.NONE
    )
    sex_requirement_reason = PersianCharField(
        label=_("Reason for the sex requirement"),
        max_length=300,
        required=False,
        help_text=_("Required when the vacancy is for one sex only; shown to job seekers."),
    )
    marked_it = forms.BooleanField(label=_("IT-oriented job"), required=False)
    expires_on = JalaliDateField(
        label=_("Expiry date"), required=False, help_text=_("Default: 30 days after publication.")
    )

    def __init__(self, *args, suggested=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].queryset = unit_occupations()
        self.fields["county"].queryset = province_counties()
        self.suggested = list(suggested or [])
        field = self.fields["occupation"]
        all_choices = [("", "---------")] + [(o.pk, field.label_from_instance(o)) for o in field.queryset]
        if self.suggested:
            field.choices = [
                ("", "---------"),
                (
                    _("Suggested from the title"),
                    [(o.pk, field.label_from_instance(o)) for o in self.suggested],
                ),
                (_("All occupations"), all_choices[1:]),
            ]
        else:
            field.choices = all_choices
        self.fields["title"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("vacancies:suggest_occupation"),
                "hx-trigger": "change, keyup changed delay:700ms",
                "hx-target": "#field-occupation",
                "hx-swap": "outerHTML",
                "hx-include": "[name=occupation]",
                "autocomplete": "off",
            }
        )

    def clean(self):
        data = super().clean()
        sex = data.get("sex_requirement")
        reason = data.get("sex_requirement_reason")
        if sex and sex != SexRequirement.NONE and not reason:
            self.add_error(
                "sex_requirement_reason",
                _("A sex requirement is allowed only with a stated reason, which is shown to job seekers."),
            )
        if sex == SexRequirement.NONE and reason:
            self.add_error(
                "sex_requirement_reason", _("Give a reason only when the vacancy has a sex requirement.")
            )
        lo, hi = data.get("wage_min"), data.get("wage_max")
        if lo is not None and hi is not None and lo > hi:
            self.add_error("wage_max", _("The maximum wage must not be less than the minimum wage."))
        return data


class ApplyForm(forms.Form):
    cover_note = PersianCharField(
        label=_("A note to the employer (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=3000,
    )


class ReportForm(forms.ModelForm):
    details = PersianCharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )

    class Meta:
        model = VacancyReport
        fields = ["reason", "details"]


class MoveForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ApplicationStatus.choices)
    note = PersianCharField(label=_("Note"), max_length=300, required=False)


class MessageForm(forms.Form):
    body = PersianCharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)


class HireForm(forms.Form):
    hired_on = JalaliDateField(label=_("Hire date"))
    contract_type = forms.ChoiceField(label=_("Contract type"), choices=ContractType.choices)
    insured = forms.BooleanField(label=_("Insured"), required=False)
    wage = MoneyField(label=_("Monthly wage"), required=False)


class ExternalHireForm(forms.Form):
    national_id = NationalIdField(label=_("Job seeker's national ID"))
    employer_name = PersianCharField(
        label=_("Employer name"),
        max_length=200,
        required=False,
        help_text=_("For an employer not registered in Sakoo."),
    )
    county = forms.ModelChoiceField(label=_("County of work"), queryset=County.objects.none())
    occupation = OccupationChoiceField(
        label=_("Occupation"), queryset=Occupation.objects.none(), required=False
    )
    hired_on = JalaliDateField(label=_("Hire date"))
    contract_type = forms.ChoiceField(label=_("Contract type"), choices=ContractType.choices)
    insured = forms.BooleanField(label=_("Insured"), required=False)
    wage = MoneyField(label=_("Monthly wage"), required=False)

    def __init__(self, *args, employer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = province_counties()
        self.fields["occupation"].queryset = unit_occupations()
        self.employer = employer
        if employer is not None:
            del self.fields["employer_name"]
            self.fields["county"].initial = employer.county_id


class SavedSearchForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["querystring", "frequency", "name"]
        widgets = {"querystring": forms.HiddenInput}


class ApplicantFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *ApplicationStatus.choices], required=False
    )
    education_level = forms.ChoiceField(
        label=_("Education"), choices=[("", _("All")), *EducationLevel.choices], required=False
    )
