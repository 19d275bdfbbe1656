from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakoo.core.forms import (
    JalaliDateField,
    MoneyField,
    NationalIdField,
    PersianCharField,
    PersianIntegerField,
    ShebaField,
)
from sakoo.core.text import format_number
from sakoo.geo.models import County

from .models import (
    Bank,
    Branch,
    FacilityFile,
    FiscalYear,
    ImportBatch,
    Program,
    ReallocationProposal,
    RejectionReason,
    Step,
)


class FiscalYearChoiceField(forms.ModelChoiceField):
    """Fiscal years labelled in the page's digits (۱۴۰۳ on a Persian page)."""

    def label_from_instance(self, obj) -> str:
        return format_number(obj.year, grouping=False)


class FacilityFileForm(forms.ModelForm):
    national_id = NationalIdField(label=_("National ID"))
    applicant_name = PersianCharField(label=_("Applicant's name"), max_length=200)
    sheba = ShebaField(label=_("Sheba (IBAN)"), required=False)
    amount_requested = MoneyField(label=_("Amount requested"), min_value=1)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FacilityFile
        fields = ["national_id", "applicant_name", "sex", "age", "county", "program", "fiscal_year",
                  "amount_requested", "planned_jobs", "sheba", "bank", "branch"]
        field_classes = {"fiscal_year": FiscalYearChoiceField}

    def __init__(self, *args, province_code: str | None = None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if province_code:
            self.fields["county"].queryset = County.objects.filter(province__code=province_code)
        self.fields["branch"].queryset = Branch.objects.select_related("bank")
        if editing:
            self.fields["national_id"].disabled = True
            if self.instance.referred_on:
                for name in ("bank", "branch"):
                    self.fields[name].disabled = True


class StepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Step"), choices=[])
    date = JalaliDateField(label=_("Date"))
    amount = MoneyField(label=_("Amount"), required=False, min_value=1)
    reason = forms.ModelChoiceField(label=_("Rejection reason"), queryset=RejectionReason.objects.all(),
                                    required=False)
    bank = forms.ModelChoiceField(label=_("Bank"), queryset=Bank.objects.all(), required=False)
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=Branch.objects.select_related("bank"),
                                    required=False)

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, Step(k).label) for k in kinds]
        self.fields["date"].initial = timezone.localdate()


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What are you importing?"), choices=ImportBatch.Kind.choices)
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class ProposalForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.all())
    fiscal_year = FiscalYearChoiceField(label=_("Fiscal year"), queryset=FiscalYear.objects.all())
    checkpoint = JalaliDateField(label=_("Checkpoint"))
    measure = forms.ChoiceField(label=_("Absorption measure"),
                                choices=[("contracted", _("Contracted ÷ quota")), ("paid", _("Paid ÷ quota"))])
    threshold = forms.DecimalField(label=_("Threshold (%)"), min_value=0, max_value=100, initial=65,
                                   decimal_places=1)
    release_percent = forms.DecimalField(label=_("Share of unabsorbed quota released (%)"), min_value=0,
                                         max_value=100, initial=100, decimal_places=1)
    rule = forms.ChoiceField(label=_("Distribute released credit"), choices=ReallocationProposal.Rule.choices)
    reason = PersianCharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkpoint"].initial = timezone.localdate()

    def threshold_fraction(self) -> Decimal:
        return self.cleaned_data["threshold"] / 100

    def release_fraction(self) -> Decimal:
        return self.cleaned_data["release_percent"] / 100


class AllocationForm(forms.Form):
    """A new allocation version: one amount (and target jobs) per agency, with the reason."""

    reason = PersianCharField(label=_("Reason (e.g. the working group's resolution)"),
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, agencies, current: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.agencies = list(agencies)
        for agency in self.agencies:
            amount, jobs = current.get(agency.pk, (None, None))
            self.fields[f"amount_{agency.pk}"] = MoneyField(label=agency.name, required=False, initial=amount)
            self.fields[f"jobs_{agency.pk}"] = PersianIntegerField(
                label=_("Target jobs"), required=False, min_value=0, initial=jobs)

    def rows(self):
        return [(agency, self[f"amount_{agency.pk}"], self[f"jobs_{agency.pk}"]) for agency in self.agencies]

    def lines(self) -> dict:
        out = {}
        for agency in self.agencies:
            amount = self.cleaned_data.get(f"amount_{agency.pk}")
            if amount:
                out[agency] = (amount, self.cleaned_data.get(f"jobs_{agency.pk}") or 0)
        return out
