"""Input for partnerships and skills training, through the shared Persian fields (digits in any script,
one stored form). Error messages name the field they are about."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sakoo.accounts.models import Organisation, OrganisationKind
from sakoo.core.forms import ErrorSummaryMixin, JalaliDateField, PersianCharField, PersianIntegerField
from sakoo.core.text import normalize_digits
from sakoo.core.validators import normalize_legal_id
from sakoo.geo.models import County
from sakoo.partnerships.models import Agreement, Enrolment, ProgressReport, TrainingProvider, University


class CompaniesField(PersianCharField):
    """The legal-entity national IDs (شناسه ملی) of the party companies, separated by spaces, commas or
    lines, in any digits → a list of ``employers.Employer``."""

    widget = forms.Textarea(attrs={"rows": 3, "dir": "ltr", "inputmode": "numeric"})

    def clean(self, value):
        from sakoo.employers.models import Employer

        text = super().clean(value)
        if not text:
            return []
        tokens = [t for t in re.split(r"[\s,،;؛]+", normalize_digits(text)) if t]
        ids, errors = [], []
        for token in tokens:
            try:
                ids.append(normalize_legal_id(token))
            except ValidationError:
                errors.append(
                    _("Companies: “%(value)s” is not a valid 11-digit national ID.") % {"value": token}
                )
        if errors:
            raise ValidationError(errors)
        employers = {e.legal_id: e for e in Employer.objects.filter(legal_id__in=ids)}
        missing = [i for i in ids if i not in employers]
        if missing:
            raise ValidationError(
                _("Companies: no company with the national ID %(ids)s is registered in Sakoo.")
                % {"ids": "، ".join(missing)}
            )
        return list(dict.fromkeys(employers[i] for i in ids))


def _count_field(label, required_message):
    return PersianIntegerField(
        label=label,
        min_value=0,
        max_value=100_000,
        initial=0,
        error_messages={
            "required": required_message,
            "invalid": _("%(label)s: enter a whole number, such as ۲۰.") % {"label": label},
            "min_value": _("%(label)s: the number cannot be negative.") % {"label": label},
            "max_value": _("%(label)s: at most 100,000.") % {"label": label},
        },
    )


class AgreementForm(ErrorSummaryMixin, forms.Form):
    title = PersianCharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Title: enter the agreement's title.")},
    )
    university = forms.ModelChoiceField(
        label=_("University"),
        queryset=University.objects.all(),
        error_messages={"required": _("University: choose the university.")},
    )
    employers = CompaniesField(
        label=_("Companies"),
        help_text=_("The 11-digit national ID (شناسه ملی) of each company, one per line."),
        error_messages={"required": _("Companies: enter the national ID of at least one company.")},
    )
    labour_office = forms.ModelChoiceField(
        label=_("Labour office"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.AGENCY).order_by("name"),
        error_messages={"required": _("Labour office: choose the province's labour office.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Agreement.Status.DRAFT, Agreement.Status.DRAFT.label),
            (Agreement.Status.SIGNED, Agreement.Status.SIGNED.label),
        ],
        initial=Agreement.Status.DRAFT,
    )
    signed_on = JalaliDateField(label=_("Signed on"), required=False, help_text=_("Such as ۱۴۰۴/۰۲/۱۵."))
    duration_months = PersianIntegerField(
        label=_("Duration (months)"),
        min_value=1,
        max_value=120,
        initial=12,
        error_messages={
            "required": _("Duration (months): enter how many months the agreement runs."),
            "invalid": _("Duration (months): enter a whole number, such as ۱۲."),
            "min_value": _("Duration (months): at least 1."),
            "max_value": _("Duration (months): at most 120."),
        },
    )
    fields_of_study = PersianCharField(
        label=_("Fields of study"),
        max_length=300,
        required=False,
        help_text=_("Separate fields with commas."),
    )
    internships_committed = _count_field(
        _("Internships offered"), _("Internships offered: enter a number (0 if none).")
    )
    hires_committed = _count_field(
        _("Graduates to hire"), _("Graduates to hire: enter a number (0 if none).")
    )
    training_seats_committed = _count_field(
        _("Training seats"), _("Training seats: enter a number (0 if none).")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        office = self.fields["labour_office"].queryset.filter(code="cooperatives-labour").first()
        if office is not None:
            self.fields["labour_office"].initial = office.pk


class AgreementEditForm(AgreementForm):
    """The record form without the status (it has its own form), plus why the agreement is changed.

    Only the fields the agreement still allows (``selectors.agreement_editable_fields``) are shown; the
    rules are the service's (``services.agreement_update``), shared with recording an agreement."""

    status = None
    reason = PersianCharField(
        label=_("Reason for the change"),
        max_length=300,
        required=False,  # needed only when something changed: the service decides
        help_text=_("Such as: a typo in the title, or the addendum that changed the targets."),
    )

    def __init__(self, *args, agreement: Agreement, editable: tuple[str, ...], **kwargs):
        kwargs.setdefault("initial", self.initial_for(agreement))
        super().__init__(*args, **kwargs)
        for name in [n for n in self.fields if n != "reason" and n not in editable]:
            del self.fields[name]

    @staticmethod
    def initial_for(agreement: Agreement) -> dict:
        companies = agreement.employers.order_by("name").values_list("legal_id", flat=True)
        return {
            "title": agreement.title,
            "university": agreement.university_id,
            "employers": "\n".join(companies),
            "labour_office": agreement.labour_office_id,
            "signed_on": agreement.signed_on,
            "duration_months": agreement.duration_months,
            "fields_of_study": agreement.fields_of_study,
            "internships_committed": agreement.internships_committed,
            "hires_committed": agreement.hires_committed,
            "training_seats_committed": agreement.training_seats_committed,
        }


class StatusForm(ErrorSummaryMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Agreement.Status.choices)
    signed_on = JalaliDateField(label=_("Signed on"), required=False)


class ProgressReportForm(ErrorSummaryMixin, forms.Form):
    measure = forms.ChoiceField(
        label=_("Measure"),
        choices=ProgressReport.Measure.choices,
        error_messages={"required": _("Measure: choose what the number counts.")},
    )
    number = PersianIntegerField(
        label=_("Number so far"),
        min_value=0,
        max_value=100_000,
        help_text=_("The total so far outside Sakoo's records, not the change since the last report."),
        error_messages={
            "required": _("Number so far: enter the number."),
            "invalid": _("Number so far: enter a whole number, such as ۱۲."),
            "min_value": _("Number so far: the number cannot be negative."),
            "max_value": _("Number so far: at most 100,000."),
        },
    )
    as_of = JalaliDateField(
        label=_("As of"),
        error_messages={"required": _("As of: enter the date the number refers to, such as ۱۴۰۴/۰۸/۰۱.")},
    )
    note = PersianCharField(
        label=_("Source of the figure"),
        max_length=300,
        error_messages={"required": _("Source of the figure: say where the number comes from.")},
    )


class CourseFilterForm(forms.Form):
    """``?county=0303&occupation=72&q=جوشکاری``: a county code, an ISCO-08 code or prefix (any digits) and
    words of the title."""

    county = forms.ChoiceField(
        label=_("County"),
        required=False,
        error_messages={"invalid_choice": _("County: choose a county from the list.")},
    )
    occupation = forms.CharField(
        label=_("Occupation (ISCO-08 code)"),
        required=False,
        max_length=4,
        help_text=_("Such as ۷۲۱۲ or its first digits, ۷۲."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )

    q = PersianCharField(label=_("Words"), required=False, max_length=60, help_text=_("Such as جوشکاری."))

    def __init__(self, *args, counties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("All counties"))] + [(c.code, c.name_fa) for c in counties]

    def clean_occupation(self):
        value = normalize_digits(self.cleaned_data.get("occupation") or "").strip()
        if value and not re.fullmatch(r"[0-9]{1,4}", value):
            raise ValidationError(_("Occupation: enter an ISCO-08 code of 1 to 4 digits, such as ۷۲۱۲."))
        return value


class OccupationCodeField(forms.CharField):
    """An ISCO-08 unit group typed as its four digits (any script) → ``classifications.Occupation``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}))
        super().__init__(**kwargs)

    def clean(self, value):
        from sakoo.classifications.models import Occupation

        code = normalize_digits(super().clean(value) or "").strip()
        if not code:
            return None
        occupation = Occupation.objects.filter(code=code, level=4).first() if len(code) == 4 else None
        if occupation is None:
            raise ValidationError(
                _("Occupation: “%(code)s” is not an ISCO-08 unit group; enter four digits, such as ۷۲۱۲.")
                % {"code": code}
            )
        return occupation


class CourseForm(ErrorSummaryMixin, forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=TrainingProvider.objects.none(),
        error_messages={"required": _("Provider: choose who runs the course.")},
    )
    title = PersianCharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Title: enter the course's title.")},
    )
    occupation = OccupationCodeField(
        label=_("Occupation"),
        help_text=_("The four-digit unit group, such as ۷۲۱۲ for welders."),
        error_messages={"required": _("Occupation: enter the ISCO-08 code of the occupation taught.")},
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.none(),
        error_messages={"required": _("County: choose where the course is held.")},
    )
    starts_on = JalaliDateField(
        label=_("Starts on"),
        error_messages={"required": _("Starts on: enter the first day, such as ۱۴۰۵/۰۹/۱۵.")},
    )
    ends_on = JalaliDateField(
        label=_("Ends on"),
        error_messages={"required": _("Ends on: enter the last day, such as ۱۴۰۵/۱۰/۳۰.")},
    )
    seats = PersianIntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=500,
        error_messages={
            "required": _("Seats: enter how many trainees the course takes."),
            "invalid": _("Seats: enter a whole number, such as ۲۰."),
            "min_value": _("Seats: at least 1."),
            "max_value": _("Seats: at most 500."),
        },
    )
    hours = PersianIntegerField(
        label=_("Hours"),
        min_value=1,
        max_value=2000,
        error_messages={
            "required": _("Hours: enter the length of the course in hours."),
            "invalid": _("Hours: enter a whole number, such as ۱۲۰."),
            "min_value": _("Hours: at least 1."),
            "max_value": _("Hours: at most 2,000."),
        },
    )
    agreement = forms.ModelChoiceField(
        label=_("Under agreement (optional)"),
        queryset=Agreement.objects.in_force().order_by("title"),
        required=False,
        help_text=_("The tripartite agreement whose training seats this course provides, if any."),
    )

    def __init__(self, *args, providers=None, counties=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = (
            providers if providers is not None else TrainingProvider.objects.none()
        )
        self.fields["county"].queryset = counties if counties is not None else County.objects.none()
        if providers is not None and providers.count() == 1:
            self.fields["provider"].initial = providers.get().pk


class EnrolmentMarkForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Enrolment.Status.choices)
