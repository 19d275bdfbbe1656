"""Form fields: normalise once, store ASCII, keep what the user typed on errors, say what is wrong."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from sakoo.core.forms import (
    JalaliDateField,
    JalaliMonthField,
    LegalIdField,
    MobileField,
    MoneyField,
    NationalIdField,
    PersianCharField,
    PersianIntegerField,
    ShebaField,
    TimeOfDayField,
    normalize_model_text,
)


class PersonForm(forms.Form):
    national_id = NationalIdField(label="National ID")
    mobile = MobileField(required=False)
    legal_id = LegalIdField(required=False)
    sheba = ShebaField(required=False)
    full_name = PersianCharField(required=False, max_length=100)
    bio = PersianCharField(required=False, widget=forms.Textarea)
    birth_date = JalaliDateField(required=False, min_value=dt.date(1940, 1, 1))
    month = JalaliMonthField(required=False)
    children = PersianIntegerField(required=False, min_value=0)
    salary = MoneyField(required=False, max_value=10**12)


def clean(**data):
    data.setdefault("national_id", "0499370899")
    form = PersonForm(data=data)
    valid = form.is_valid()
    return valid, form


def test_national_id_in_persian_digits_is_stored_as_ascii():
    assert NationalIdField().clean("۰۴۹۹۳۷۰۸۹۹") == "0499370899"
    assert NationalIdField().clean("٠٠٦٨٤١٥٩٤١") == "0068415941"
    assert NationalIdField().clean(" ۶۸۴۱۵۹۴۱ ") == "0068415941"


def test_django_integer_field_would_have_kept_persian_digits():
    """Why these fields exist: Django's CharField/regex accept Persian digits as they are."""
    assert forms.CharField().clean("۰۴۹۹۳۷۰۸۹۹") == "۰۴۹۹۳۷۰۸۹۹"
    assert forms.RegexField(r"^\d{10}$").clean("۰۴۹۹۳۷۰۸۹۹") == "۰۴۹۹۳۷۰۸۹۹"


def test_every_identifier_field_normalises():
    valid, form = clean(
        national_id="\u202a۰۴۹-۹۳۷۰۸۹-۹\u202c",
        mobile="+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷",
        legal_id="۱۰۳۸۰۲۸۴۷۹۰",
        sheba="ir82 0540 1026 8002 0817 9090 02",
    )
    assert valid, form.errors
    assert (
        form.cleaned_data["national_id"],
        form.cleaned_data["mobile"],
        form.cleaned_data["legal_id"],
        form.cleaned_data["sheba"],
    ) == ("0499370899", "09121234567", "10380284790", "IR820540102680020817909002")


def test_bad_national_id_keeps_the_typed_value_and_names_the_problem():
    with translation.override("fa"):
        valid, form = clean(national_id="۰۴۹۹۳۷۰۸۹۸")
        assert valid is False
        assert form.errors["national_id"] == [
            "این کد ملی معتبر نیست: رقم کنترل آن درست درنمی‌آید. اشتباه تایپی را بررسی کنید."
        ]
        assert 'value="۰۴۹۹۳۷۰۸۹۸"' in str(form["national_id"])


def test_required_identifier():
    with translation.override("en"):
        _valid, form = clean(national_id="")
        assert form.errors["national_id"] == ["This field is required."]


def test_persian_char_field_normalises_text():
    valid, form = clean(full_name="  علي\u200bرضا  كريمي ", bio="خط يك\r\n\r\n\r\nخط دو")
    assert valid, form.errors
    assert form.cleaned_data["full_name"] == "علی\u200cرضا کریمی"
    assert form.cleaned_data["bio"] == "خط یک\n\nخط دو"


def test_persian_char_field_rejects_bidi_controls_in_names():
    with translation.override("en"):
        valid, form = clean(full_name="علی\u202eرضا")
        assert valid is False
        assert form.errors["full_name"] == [
            "This text contains hidden direction-control characters (often copied from another program). "
            "Retype it or paste it as plain text."
        ]


def test_jalali_date_field():
    valid, form = clean(birth_date="۱۴۰۳/۰۲/۱۵")
    assert valid, form.errors
    assert form.cleaned_data["birth_date"] == dt.date(2024, 5, 4)


def test_jalali_date_field_errors_and_limits():
    with translation.override("en"):
        _valid, form = clean(birth_date="1403/07/31")
        assert form.errors["birth_date"] == ["Mehr 1403 has 30 days; the day must be between 1 and 30."]
        _valid, form = clean(birth_date="1300/01/01")
        assert form.errors["birth_date"] == ["The date must be on or after 10 Dey 1318."]


def test_jalali_date_input_renders_jalali_text_with_numeric_keyboard():
    form = PersonForm(initial={"birth_date": dt.date(2024, 5, 4)})
    with translation.override("fa"):
        html = str(form["birth_date"])
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert 'placeholder="۱۴۰۳/۰۲/۱۵"' in html
    assert 'value="۱۴۰۳/۰۲/۱۵"' in html
    with translation.override("en"):
        assert 'value="1403/02/15"' in str(form["birth_date"])


def test_jalali_month_field():
    valid, form = clean(month="۱۴۰۴/۷")
    assert valid, form.errors
    assert form.cleaned_data["month"] == (1404, 7)


def test_persian_integer_field():
    valid, form = clean(children="۱٬۲۰۰")
    assert valid, form.errors
    assert form.cleaned_data["children"] == 1200
    with translation.override("en"):
        valid, form = clean(children="-۳")
        assert form.errors["children"] == ["Ensure this value is greater than or equal to 0."]
    html = str(PersonForm()["children"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html


def test_money_field_takes_tomans_and_gives_rials():
    valid, form = clean(salary="۱۵٬۰۰۰٬۰۰۰ تومان")
    assert valid, form.errors
    assert form.cleaned_data["salary"] == 150_000_000


def test_money_field_limits_and_initial_display():
    with translation.override("en"):
        _valid, form = clean(salary="200,000,000,000")
        assert form.errors["salary"] == ["The amount must be at most 100,000,000,000 tomans."]
    form = PersonForm(initial={"salary": 150_000_000})
    with translation.override("fa"):
        assert 'value="۱۵٬۰۰۰٬۰۰۰"' in str(form["salary"])


def test_mobile_field_renders_as_tel():
    html = str(PersonForm()["mobile"])
    assert 'type="tel"' in html and 'dir="ltr"' in html


def test_hidden_mobile_stays_hidden_and_still_normalises():
    field = MobileField(widget=forms.HiddenInput)
    assert 'type="hidden"' in field.widget.render("phone", "09121234567")
    assert field.clean("۰۹۱۲ ۱۲۳ ۴۵۶۷") == "09121234567"


def test_normalize_model_text():
    class Thing:
        title = "كار\u0640\u0640گر"
        count = 3

    thing = Thing()
    normalize_model_text(thing, "title", "count")
    assert (thing.title, thing.count) == ("کارگر", 3)


@pytest.mark.parametrize("field", [NationalIdField(required=False), MobileField(required=False)])
def test_empty_optional_identifier_is_empty_string(field):
    assert field.clean("") == ""


def test_month_field_placeholder_is_this_month_in_the_page_digits():
    from django import forms as django_forms
    from django.utils import translation

    from sakoo.core.forms import JalaliMonthField
    from sakoo.core.jalali import jalali_today

    class F(django_forms.Form):
        month = JalaliMonthField()

    year, month, _ = jalali_today()
    with translation.override("fa"):
        html = str(F()["month"])
        assert (
            f'placeholder="{year}-{month:02d}"'.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in html
        )
    with translation.override("en"):
        assert f'placeholder="{year}-{month:02d}"' in str(F()["month"])


class HoursForm(forms.Form):
    opens_at = TimeOfDayField(error_messages={"invalid": "Opens at: enter a time such as 05:30."})


@pytest.mark.parametrize("typed", ["05:30", "۰۵:۳۰", "٠٥:٣٠", "۵:۳۰", "05.30", "۰۵٫۳۰", " 05:30:00 "])
def test_a_time_of_day_in_any_digits_and_separator(typed):
    form = HoursForm({"opens_at": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["opens_at"] == dt.time(5, 30)


@pytest.mark.parametrize("typed", ["25:00", "۰۵:۶۰", "صبح", "5"])
def test_a_time_that_is_not_one_is_refused_and_kept(typed):
    form = HoursForm({"opens_at": typed})
    assert form.errors == {"opens_at": ["Opens at: enter a time such as 05:30."]}
    assert f'value="{typed}"' in str(form["opens_at"])


def test_a_time_is_shown_in_the_pages_digits_as_a_text_input():
    form = HoursForm(initial={"opens_at": dt.time(5, 30)})
    with translation.override("fa"):
        html = str(form["opens_at"])
        assert 'type="text"' in html and 'inputmode="decimal"' in html
        assert 'value="۰۵:۳۰"' in html and 'placeholder="۰۵:۳۰"' in html
    with translation.override("en"):
        assert 'value="05:30"' in str(form["opens_at"])
