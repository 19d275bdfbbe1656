"""Input for employment cooperatives, through the shared Persian fields (digits in any script, one stored
form). Error messages name their field, so a list of errors read out of context still says what to fix."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sakoo.cooperatives.models import Sector, Status, SupportItem, Unit
from sakoo.core.forms import (
    ErrorSummaryMixin,
    JalaliDateField,
    MoneyField,
    PersianCharField,
    PersianIntegerField,
)

#: A message that already names what it is about («مبلغ مصوب: …», «دلیل: …»), as the services' do.


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


def _count_field(label, *, required_msg="", invalid_msg, min_msg, required=True):
    return PersianIntegerField(
        label=label,
        min_value=0,
        required=required,
        error_messages={"required": required_msg, "invalid": invalid_msg, "min_value": min_msg},
    )


def _members_field(sex: str):
    """The number of male or female members, with the same messages on registration and in a report."""
    if sex == "male":
        return _count_field(
            _("Male members"),
            required_msg=_("Male members: enter a number (zero if none)."),
            invalid_msg=_("Male members: enter a whole number, such as ۱۲."),
            min_msg=_("Male members: enter zero or more."),
        )
    return _count_field(
        _("Female members"),
        required_msg=_("Female members: enter a number (zero if none)."),
        invalid_msg=_("Female members: enter a whole number, such as ۱۲."),
        min_msg=_("Female members: enter zero or more."),
    )


class ApplicationForm(ErrorSummaryMixin, forms.Form):
    """A cooperative's application. For an item counted in rials the amount is typed in tomans
    (``amount``); otherwise the number of seats or months (``quantity``)."""

    item = ItemChoiceField(
        label=_("Support item"),
        queryset=SupportItem.objects.none(),
        error_messages={"required": _("Support item: choose an item of the package.")},
    )
    plan = PersianCharField(
        label=_("Plan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Plan: describe in a few lines what the support is for.")},
    )
    jobs_promised = _count_field(
        _("Jobs to be created"),
        required_msg=_("Jobs to be created: enter how many jobs the plan creates."),
        invalid_msg=_("Jobs to be created: enter a whole number, such as ۱۲."),
        min_msg=_("Jobs to be created: enter zero or more."),
    )
    amount = MoneyField(
        label=_("Amount requested (for items in money)"),
        unit="toman",
        min_value=1,
        required=False,
        error_messages={"min_value": _("Amount requested: enter an amount above zero.")},
    )
    quantity = _count_field(
        _("Seats or months requested (for other items)"),
        required=False,
        invalid_msg=_("Seats or months requested: enter a whole number, such as ۱۲."),
        min_msg=_("Seats or months requested: enter zero or more."),
    )
    facility_file_number = PersianCharField(
        label=_("Facility file number (bank credit only, optional)"), max_length=30, required=False
    )

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = (
            items if items is not None else SupportItem.objects.filter(is_active=True)
        )

    def clean(self):
        data = super().clean()
        item = data.get("item")
        if item is None:
            return data
        if item.unit == Unit.RIALS:
            if not data.get("amount") and "amount" not in self.errors:
                self.add_error("amount", _("Amount requested: enter the amount in tomans."))
            data["amount_requested"] = data.get("amount")
        else:
            if not data.get("quantity") and "quantity" not in self.errors:
                self.add_error(
                    "quantity",
                    _("Seats or months requested: enter how many %(unit)s you ask for.")
                    % {"unit": item.get_unit_display()},
                )
            data["amount_requested"] = data.get("quantity")
        return data


class EmployerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ProfileForm(ErrorSummaryMixin, forms.Form):
    """A cooperative's user registers its profile (for an employer flagged as a cooperative)."""

    employer = EmployerChoiceField(
        label=_("Company"),
        queryset=None,
        error_messages={"required": _("Company: choose the cooperative.")},
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", "—"), *Sector.choices],
        error_messages={"required": _("Sector: choose the cooperative's sector.")},
    )
    village = PersianCharField(
        label=_("Village"),
        max_length=120,
        required=False,
        help_text=_("Required for a target tourism village."),
    )
    registration_number = PersianCharField(
        label=_("Registration number"),
        max_length=12,
        error_messages={
            "required": _("Registration number: enter the number in the cooperatives' register.")
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"}),
    )
    members_male = _members_field("male")
    members_female = _members_field("female")
    jobs = _count_field(
        _("Current employees"),
        required_msg=_("Current employees: enter how many people the cooperative employs today."),
        invalid_msg=_("Current employees: enter a whole number, such as ۱۲."),
        min_msg=_("Current employees: enter zero or more."),
    )

    def __init__(self, *args, employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers


class DecisionForm(ErrorSummaryMixin, forms.Form):
    """A reviewer's step: take up, approve (amount), reject (reason) or record delivery (amount)."""

    ACTIONS = ("start", "approve", "reject", "deliver")

    amount = MoneyField(label=_("Amount (tomans)"), unit="toman", min_value=1, required=False)
    quantity = _count_field(
        _("Seats or months"),
        required=False,
        invalid_msg=_("Seats or months: enter a whole number, such as ۱۲."),
        min_msg=_("Seats or months: enter zero or more."),
    )
    reason = PersianCharField(label=_("Reason for rejection"), max_length=300, required=False)
    on = JalaliDateField(label=_("Date"), required=False, help_text=_("Empty: today."))


class FollowUpForm(ErrorSummaryMixin, forms.Form):
    jobs_created = _count_field(
        _("Jobs created"),
        required_msg=_("Jobs created: enter how many jobs the support has created so far."),
        invalid_msg=_("Jobs created: enter a whole number, such as ۱۲."),
        min_msg=_("Jobs created: enter zero or more."),
    )
    reported_on = JalaliDateField(label=_("Date"), required=False, help_text=_("Empty: today."))


class JobsReportForm(ErrorSummaryMixin, forms.Form):
    jobs = _count_field(
        _("Current employees"),
        required_msg=_("Current employees: enter how many people the cooperative employs today."),
        invalid_msg=_("Current employees: enter a whole number, such as ۱۲."),
        min_msg=_("Current employees: enter zero or more."),
    )
    reported_on = JalaliDateField(label=_("Date"), required=False, help_text=_("Empty: today."))


class MembersReportForm(ErrorSummaryMixin, forms.Form):
    """The cooperative's members by sex on a day (a new dated report; earlier ones are kept)."""

    members_male = _members_field("male")
    members_female = _members_field("female")
    reported_on = JalaliDateField(label=_("Date"), required=False, help_text=_("Empty: today."))


class FilterForm(forms.Form):
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All sectors")), *Sector.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Every status")), *Status.choices], required=False
    )
