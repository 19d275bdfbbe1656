"""Input for labour squares, through the shared Persian fields (digits in any script, one stored form).

Error messages name the field they are about, so that a list of errors read out of context (at the
top of the form, or by a screen reader) still says what to fix."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sakoo.accounts.models import Organisation
from sakoo.core.forms import (
    ErrorSummaryMixin,
    JalaliDateField,
    JalaliMonthField,
    MobileField,
    MoneyField,
    NationalIdField,
    PersianCharField,
    PersianIntegerField,
    TimeOfDayField,
)
from sakoo.geo.models import County
from sakoo.squares.models import Assignment, InsuranceStatus, Square, Trade


class TradeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class TradesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class LabourerForm(ErrorSummaryMixin, forms.Form):
    full_name = PersianCharField(
        label=_("Full name"),
        max_length=120,
        error_messages={"required": _("Full name: enter the labourer's first and last name.")},
    )
    mobile = MobileField(
        label=_("Mobile number"),
        error_messages={"required": _("Mobile number: enter the labourer's mobile number.")},
        help_text=_("Only the square's coordinator sees it, to call the labourer about work."),
    )
    national_id = NationalIdField(
        label=_("National ID (optional)"),
        required=False,
        help_text=_("Never shown in lists or to employers."),
    )
    trades = TradesField(
        label=_("Trades"),
        queryset=Trade.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Trades: choose at least one trade.")},
    )
    insurance = forms.ChoiceField(
        label=_("Insurance"),
        choices=InsuranceStatus.choices,
        initial=InsuranceStatus.UNKNOWN,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_("The labourer agrees to be registered and to be called by the coordinator about work."),
        error_messages={"required": _("Consent: register a labourer only after they agree.")},
    )

    def clean_national_id(self):
        return self.cleaned_data.get("national_id") or None


class LabourerEditForm(LabourerForm):
    is_active = forms.BooleanField(label=_("Active (comes to the square)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["consent"]


class DayRequestForm(ErrorSummaryMixin, forms.Form):
    """The request form. ``walk_in``: the coordinator types the employer's name and number; ``squares``:
    an employer chooses the square."""

    square = forms.ModelChoiceField(
        label=_("Labour square"),
        queryset=Square.objects.none(),
        error_messages={"required": _("Labour square: choose a square.")},
    )
    employer_name = PersianCharField(
        label=_("Employer's name"),
        max_length=120,
        error_messages={"required": _("Employer's name: enter who is hiring.")},
    )
    employer_mobile = MobileField(label=_("Employer's mobile number (optional)"), required=False)
    trade = TradeChoiceField(
        label=_("Trade"),
        queryset=Trade.objects.filter(is_active=True),
        error_messages={"required": _("Trade: choose the trade you need.")},
    )
    workers = PersianIntegerField(
        label=_("Number of workers"),
        min_value=1,
        max_value=50,
        error_messages={
            "required": _("Number of workers: enter how many workers you need."),
            "invalid": _("Number of workers: enter a whole number, such as ۲."),
            "min_value": _("Number of workers: ask for at least 1."),
            "max_value": _("Number of workers: ask for at most 50."),
        },
    )
    work_date = JalaliDateField(
        label=_("Work date"),
        error_messages={"required": _("Work date: enter the day of work, such as ۱۴۰۴/۰۸/۰۵.")},
    )
    place = PersianCharField(
        label=_("Place of work"),
        max_length=200,
        error_messages={"required": _("Place of work: enter the address or neighbourhood.")},
    )
    daily_wage = MoneyField(
        label=_("Daily wage"),
        unit="toman",
        min_value=1,
        error_messages={
            "required": _("Daily wage: enter the wage for one day, in tomans."),
            "min_value": _("Daily wage: enter an amount above zero."),
        },
    )
    hours = PersianIntegerField(
        label=_("Hours of work"),
        min_value=1,
        max_value=12,
        initial=8,
        error_messages={
            "required": _("Hours of work: enter the hours of the working day."),
            "invalid": _("Hours of work: enter a whole number, such as ۸."),
            "min_value": _("Hours of work: at least 1 hour."),
            "max_value": _("Hours of work: at most 12 hours."),
        },
    )

    def __init__(self, *args, squares=None, walk_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if squares is None:
            del self.fields["square"]
        else:
            self.fields["square"].queryset = squares
        if not walk_in:
            del self.fields["employer_name"]
            del self.fields["employer_mobile"]


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.county.name_fa})" if obj.county_id else obj.name


class SquareDetailsForm(ErrorSummaryMixin, forms.Form):
    """A square's practical details: what its coordinators may change."""

    address = PersianCharField(
        label=_("Address"),
        max_length=250,
        error_messages={"required": _("Address: enter where the square is.")},
    )
    landmark = PersianCharField(
        label=_("Landmark (optional)"),
        max_length=150,
        required=False,
        help_text=_("Something everyone knows nearby, such as a mosque, a bakery or a bus stop."),
    )
    opens_at = TimeOfDayField(
        label=_("Opens at"),
        error_messages={
            "required": _("Opens at: enter the time labourers start gathering, such as ۰۵:۳۰."),
            "invalid": _("Opens at: enter a time such as ۰۵:۳۰."),
        },
    )
    closes_at = TimeOfDayField(
        label=_("Closes at"),
        error_messages={
            "required": _("Closes at: enter the time the square empties, such as ۱۰:۰۰."),
            "invalid": _("Closes at: enter a time such as ۱۰:۰۰."),
        },
    )
    is_active = forms.BooleanField(
        label=_("Active (labourers gather here and employers may send requests)"),
        required=False,
        initial=True,
    )

    @classmethod
    def initial_for(cls, square: Square) -> dict:
        return {name: getattr(square, name) for name in cls.base_fields}


class SquareForm(SquareDetailsForm):
    """All of a square, for the province admin and county officers: ``counties`` and ``municipalities``
    are the choices in the user's scope."""

    name = PersianCharField(
        label=_("Name of the square"),
        max_length=120,
        error_messages={"required": _("Name of the square: enter the name people know it by.")},
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.none(),
        error_messages={
            "required": _("County: choose the county of the square."),
            "invalid_choice": _("County: choose a county from the list."),
        },
    )
    city = PersianCharField(
        label=_("City"),
        max_length=80,
        error_messages={"required": _("City: enter the city or village of the square.")},
    )
    organisation = MunicipalityChoiceField(
        label=_("Managing municipality"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": _("Managing municipality: choose the municipality that runs the square."),
            "invalid_choice": _("Managing municipality: choose a municipality from the list."),
        },
        help_text=_(
            "Its members with the coordinator role run the square and see its labourers' names and numbers."
        ),
    )

    field_order = ["name", "county", "city", "organisation"]

    def __init__(self, *args, counties, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties
        self.fields["organisation"].queryset = municipalities


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("What happened"), choices=Assignment.Outcome.choices)
    wage = forms.ChoiceField(label=_("Wage"), choices=Assignment.Wage.choices)
    note = PersianCharField(label=_("Note"), max_length=300, required=False)


class MonthForm(forms.Form):
    month = JalaliMonthField(label=_("Month"), required=False)
