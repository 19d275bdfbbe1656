from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sakoo.core.forms import (
    JalaliDateField,
    MoneyField,
    NationalIdField,
    PersianCharField,
    PersianIntegerField,
)
from sakoo.seekers.models import (
    SELF_REPORTED_STATUSES,
    ContractType,
    Disability,
    EducationLevel,
    EmploymentStatus,
    PriorityGroup,
    Sex,
)
from sakoo.vacancies.forms import OccupationChoiceField, province_counties, unit_occupations


class OccupationsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.code})"


#: The name of the picker's search box and the id of the GET form it submits (outside the POST form).
OCCUPATION_QUERY_PARAM = "occupation_q"
OCCUPATION_SEARCH_FORM_ID = "occupation-search"
MAX_DESIRED_OCCUPATIONS = 5


class OccupationPicker(forms.SelectMultiple):
    """A searchable picker for ~430 ISCO-08 unit groups that works without JavaScript.

    It renders the chosen occupations as checked checkboxes, a search box (submitted by its own GET form,
    ``OCCUPATION_SEARCH_FORM_ID``) and, for a search, the matching occupations as checkboxes; the POST
    stays ``desired_occupations=<id>`` repeated. With JavaScript (``seekers/occupation-picker.js``) the
    search box is a typeahead (htmx GET to the same page, which answers with the results partial) and
    the chosen ones become removable chips backed by hidden inputs.
    """

    template_name = "seekers/widgets/occupation_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.query = ""
        self.search_url = ""

    def id_for_label(self, id_, index=None):
        return id_  # the label names the search box

    def get_context(self, name, value, attrs):
        from sakoo.seekers.selectors import occupation_picker_options

        context = forms.Widget.get_context(self, name, value, attrs)  # not the 430 options
        chosen, matches = occupation_picker_options(self.query, chosen_ids=context["widget"]["value"])
        label = self.choices.field.label_from_instance
        context["picker"] = {
            "name": name,
            "id": context["widget"]["attrs"].get("id") or f"id_{name}",
            "query": self.query,
            "query_param": OCCUPATION_QUERY_PARAM,
            "search_form": OCCUPATION_SEARCH_FORM_ID,
            "search_url": self.search_url,
            "chosen": [(o.pk, label(o)) for o in chosen],
            "matches": [(o.pk, label(o)) for o in matches],
            "max": MAX_DESIRED_OCCUPATIONS,
        }
        return context


class ProfileForm(forms.Form):
    first_name = PersianCharField(label=_("First name"), max_length=80)
    last_name = PersianCharField(label=_("Last name"), max_length=80)
    birth_date = JalaliDateField(label=_("Birth date"))
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    county = forms.ModelChoiceField(label=_("County of residence"), queryset=None)
    city = PersianCharField(label=_("City or village"), max_length=80, required=False)
    education_level = forms.ChoiceField(label=_("Education level"), choices=EducationLevel.choices)
    field_of_study = PersianCharField(label=_("Field of study"), max_length=120, required=False)
    university = PersianCharField(label=_("University"), max_length=150, required=False)
    graduation_year = PersianIntegerField(
        label=_("Graduation year (Jalali)"), min_value=1330, max_value=1420, required=False
    )
    skills = PersianCharField(
        label=_("Skills"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Separate skills with commas, e.g. Excel, driving licence grade 1, welding."),
    )
    desired_occupations = OccupationsField(
        label=_("Desired occupations"),
        queryset=None,
        required=False,
        widget=OccupationPicker,
        help_text=_("Search by job title or ISCO code (e.g. حسابدار or 2411) and choose up to 5."),
    )
    preferred_contract_types = forms.MultipleChoiceField(
        label=_("Preferred contract types"),
        choices=ContractType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_counties = forms.ModelMultipleChoiceField(
        label=_("Other counties where you would work"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    expected_wage = MoneyField(label=_("Expected monthly wage"), required=False)
    disability = forms.ChoiceField(label=_("Disability"), choices=Disability.choices, required=False)
    priority_group = forms.ChoiceField(
        label=_("Priority group"), choices=PriorityGroup.choices, required=False
    )
    consent_to_be_found = forms.BooleanField(
        label=_("Employers may find my profile (without my national ID or phone number)"), required=False
    )

    def __init__(self, *args, occupation_query: str = "", occupation_search_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = province_counties()
        self.fields["preferred_counties"].queryset = province_counties()
        self.fields["desired_occupations"].queryset = unit_occupations()
        picker = self.fields["desired_occupations"].widget
        picker.query = (occupation_query or "")[:100]
        picker.search_url = occupation_search_url

    def clean_desired_occupations(self):
        value = self.cleaned_data.get("desired_occupations")
        if value is not None and len(value) > MAX_DESIRED_OCCUPATIONS:
            raise forms.ValidationError(_("Choose at most 5 occupations."))
        return value


class OnboardingForm(ProfileForm):
    national_id = NationalIdField(
        label=_("National ID"), help_text=_("10 digits, Persian or English digits.")
    )
    employment_status = forms.ChoiceField(
        label=_("Employment status"),
        choices=[(s.value, s.label) for s in SELF_REPORTED_STATUSES],
        initial=EmploymentStatus.UNEMPLOYED_LOOKING,
    )

    field_order = [
        "national_id",
        "first_name",
        "last_name",
        "birth_date",
        "sex",
        "county",
        "city",
        "education_level",
        "employment_status",
    ]


class StatusForm(forms.Form):
    """A seeker's own report of their status. The list starts with a blank choice, so a seeker whose
    status came from a recorded hire (``employed``, not on the list) cannot change it by a stray click."""

    status = forms.ChoiceField(
        label=_("Employment status"),
        choices=[("", _("Choose…")), *((s.value, s.label) for s in SELF_REPORTED_STATUSES)],
    )
    valid_from = JalaliDateField(label=_("Since"))


class CvUploadForm(forms.Form):
    cv_pdf = forms.FileField(
        label=_("CV (PDF, at most 2 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class ExperienceForm(forms.Form):
    title = PersianCharField(label=_("Job title"), max_length=150)
    employer_name = PersianCharField(label=_("Employer"), max_length=150, required=False)
    occupation = OccupationChoiceField(label=_("Occupation"), queryset=None, required=False)
    start_date = JalaliDateField(label=_("From"))
    end_date = JalaliDateField(label=_("To"), required=False, help_text=_("Empty if current."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].queryset = unit_occupations()
