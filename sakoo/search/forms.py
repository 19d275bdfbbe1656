"""The search parameters, read the same way by the page (wage in tomans) and the API (wage in rials)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from sakoo.core.text import normalize_digits
from sakoo.search.selectors import SORTS, counties_by_code, parse_wage
from sakoo.seekers.models import ContractType, EducationLevel

_OCCUPATION_RE = re.compile(r"^\d{1,4}$")
_YES_NO = [("", _("Any")), ("1", _("Yes")), ("0", _("No"))]
DAY_CHOICES = [
    ("", _("Any time")),
    ("1", _("Last 24 hours")),
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
]
SORT_CHOICES = [("relevance", _("Relevance")), ("date", _("Newest")), ("wage", _("Highest wage"))]
MAX_WAGE_RIALS = 10**13


def _tri(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value)


class _Shared:
    """A field no form changes after it is declared: forms share it instead of deep-copying it per request.

    Django deep-copies every declared field for each form instance (about 0.3 ms for this form, paid by
    every search request) so that a form may change its own fields. SearchForm never does: the only
    per-instance difference, the wage field's label, is a choice between two shared fields. Labels and
    choices are lazy translations, so a shared field still renders in the active language.
    """

    def __deepcopy__(self, memo):
        return self


class _CharField(_Shared, forms.CharField):
    pass


class _ChoiceField(_Shared, forms.ChoiceField):
    """Flat, fixed choices: a value is checked against a set of the keys, built once.

    (Django's check walks the choices and inspects each lazily translated label on every request.)
    """

    def valid_value(self, value) -> bool:
        keys = self.__dict__.get("_keys")
        if keys is None:
            keys = self._keys = frozenset(str(k) for k, _label in self.choices)
        return str(value) in keys


class _BooleanField(_Shared, forms.BooleanField):
    pass


_WAGE_FIELDS = {
    "toman": _CharField(label=_("Minimum monthly wage (tomans)"), required=False),
    "rial": _CharField(label=_("Minimum monthly wage (rials)"), required=False),
}


class SearchForm(forms.Form):
    q = _CharField(label=_("What job?"), required=False, strip=True)
    county = _CharField(label=_("County"), required=False)
    near = _BooleanField(label=_("Include neighbouring counties"), required=False)
    occupation = _CharField(label=_("Occupation group (ISCO-08 code)"), required=False)
    contract = _ChoiceField(
        label=_("Contract type"), required=False, choices=[("", _("Any contract")), *ContractType.choices]
    )
    education = _ChoiceField(
        label=_("Education required"),
        required=False,
        choices=[("", _("Any education")), *EducationLevel.choices],
    )
    min_wage = _WAGE_FIELDS["toman"]
    remote = _ChoiceField(label=_("Remote work"), required=False, choices=_YES_NO)
    kb = _ChoiceField(label=_("Knowledge-based company"), required=False, choices=_YES_NO)
    it = _ChoiceField(label=_("IT-oriented"), required=False, choices=_YES_NO)
    graduate = _ChoiceField(label=_("For university graduates"), required=False, choices=_YES_NO)
    days = _ChoiceField(label=_("Posted"), required=False, choices=DAY_CHOICES)
    sort = _ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    page = _CharField(required=False)

    def __init__(self, *args, wage_unit: str = "toman", **kwargs):
        super().__init__(*args, **kwargs)
        self.wage_unit = wage_unit
        self.fields["min_wage"] = _WAGE_FIELDS["toman" if wage_unit == "toman" else "rial"]

    def clean_county(self):
        code = normalize_digits(self.cleaned_data["county"]).strip()
        if code and code not in counties_by_code():
            raise forms.ValidationError(_("Unknown county code."), code="unknown_county")
        return code

    def clean_occupation(self):
        code = normalize_digits(self.cleaned_data["occupation"]).strip()
        if code and not _OCCUPATION_RE.match(code):
            raise forms.ValidationError(
                _("Enter an ISCO-08 occupation code of 1 to 4 digits."), code="bad_occupation"
            )
        return code

    def clean_min_wage(self):
        try:
            value = parse_wage(self.cleaned_data["min_wage"])
        except ValueError:
            raise forms.ValidationError(
                _("Enter the wage as a whole number, e.g. ۲۰۰۰۰۰۰۰."), code="bad_wage"
            ) from None
        if value is None:
            return None
        rials = value * 10 if self.wage_unit == "toman" else value
        if rials > MAX_WAGE_RIALS:
            raise forms.ValidationError(_("This wage is too large."), code="wage_too_large")
        return rials

    def clean_page(self):
        raw = normalize_digits(self.cleaned_data["page"]).strip()
        if not raw:
            return 1
        if not raw.isdigit() or int(raw) < 1:
            raise forms.ValidationError(_("The page must be a whole number from 1."), code="bad_page")
        return min(int(raw), 10**6)

    def search_kwargs(self) -> dict:
        """Keyword arguments for ``selectors.vacancy_search`` (only call after ``is_valid()``)."""
        d = self.cleaned_data
        return {
            "q": d.get("q") or "",
            "county": d.get("county") or None,
            "near": bool(d.get("near")),
            "occupation": d.get("occupation") or None,
            "contract": d.get("contract") or None,
            "education": d.get("education") or None,
            "min_wage": d.get("min_wage"),
            "remote": _tri(d.get("remote") or ""),
            "knowledge_based": _tri(d.get("kb") or ""),
            "it": _tri(d.get("it") or ""),
            "graduate": _tri(d.get("graduate") or ""),
            "within_days": int(d["days"]) if d.get("days") else None,
            "sort": d.get("sort") if d.get("sort") in SORTS else "relevance",
            "page": d.get("page") or 1,
        }
