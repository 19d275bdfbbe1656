from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from sakoo.core.text import normalize_digits, strip_bidi_controls
from sakoo.core.validators import normalize_mobile

_SIX_DIGITS = re.compile(r"^[0-9]{6}$")


def _digits_only(value: str) -> str:
    """Persian/Arabic digits → ASCII, spaces, dashes and hidden characters removed."""
    text = normalize_digits(strip_bidi_controls(value or ""))
    return re.sub(r"[\s\-\u200c]", "", text)


class PhoneLoginForm(forms.Form):
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=32,
        help_text=_("For example 09123456789. We send a 6-digit code to this number."),
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "dir": "ltr", "placeholder": "09xxxxxxxxx"}
        ),
    )
    is_employer = forms.BooleanField(
        label=_("I am an employer (first login only)"),
        required=False,
        help_text=_("Leave unticked if you are looking for work."),
    )

    def clean_phone(self) -> str:
        return normalize_mobile(self.cleaned_data["phone"])


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code in the SMS."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "dir": "ltr", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code = _digits_only(self.cleaned_data["code"])
        if not _SIX_DIGITS.match(code):
            raise forms.ValidationError(_("The code has 6 digits."), code="format")
        return code


class StaffLoginForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "dir": "ltr", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean_username(self) -> str:
        return normalize_digits(strip_bidi_controls(self.cleaned_data["username"])).strip()


class TOTPForm(forms.Form):
    token = forms.CharField(
        label=_("Authenticator code"),
        max_length=20,
        help_text=_("The 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "dir": "ltr", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = _digits_only(self.cleaned_data["token"])
        if not _SIX_DIGITS.match(token):
            raise forms.ValidationError(_("The code has 6 digits."), code="format")
        return token
