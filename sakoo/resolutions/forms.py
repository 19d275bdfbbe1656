from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sakoo.core.forms import JalaliDateField
from sakoo.resolutions.models import Resolution


def agency_choices():
    from sakoo.accounts.models import Organisation

    return Organisation.objects.filter(kind="agency").order_by("name")


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = JalaliDateField(label=_("Date"))
    chair = forms.CharField(label=_("Chair"), max_length=200)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    attendees = forms.CharField(label=_("Attendees (one per line)"), widget=forms.Textarea, required=False)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea, required=False)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea, required=False)


class ResolutionForm(forms.Form):
    text = forms.CharField(label=_("Resolution text"), widget=forms.Textarea)
    owner = forms.ModelChoiceField(label=_("Owner agency"), queryset=None)
    co_owners = forms.ModelMultipleChoiceField(label=_("Co-owners"), queryset=None, required=False)
    due_rule = forms.ChoiceField(label=_("Due date"), choices=Resolution.DueRule.choices, widget=forms.RadioSelect)
    due_date = JalaliDateField(label=_("Due date (Jalali)"), required=False)
    due_working_days = forms.IntegerField(
        label=_("Working days from the meeting"), min_value=1, max_value=365, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = agency_choices()
        self.fields["co_owners"].queryset = agency_choices()

    def clean(self):
        data = super().clean()
        rule = data.get("due_rule")
        if rule == Resolution.DueRule.DATE and not data.get("due_date"):
            self.add_error("due_date", _("Enter the due date."))
        if rule == Resolution.DueRule.WORKING_DAYS and not data.get("due_working_days"):
            self.add_error("due_working_days", _("Enter a number of working days (1 or more)."))
        return data


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("Follow-up note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, PNG or JPEG image, or XLSX; at most 10 MB."),
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Resolution.Status.choices)

    def __init__(self, *args, current: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if current is not None:
            from sakoo.resolutions.services import ALLOWED_TRANSITIONS

            allowed = ALLOWED_TRANSITIONS[Resolution.Status(current)]
            self.fields["status"].choices = [(v, label) for v, label in Resolution.Status.choices if v in allowed]
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required to close without evidence, and to cancel."),
    )
