"""Forms: digits in any script, Persian messages naming the field, input kept, nothing half-written."""

import datetime as dt
import itertools

import pytest
from django.urls import reverse
from django.utils import translation

from sakoo.accounts.testing import login_as
from sakoo.core.validators import make_legal_id
from sakoo.partnerships.forms import AgreementForm, CourseFilterForm, ProgressReportForm
from sakoo.partnerships.models import Agreement
from sakoo.partnerships.testing import AgencyFactory, UniversityFactory
from sakoo.vacancies.tests.factories import employer

pytestmark = pytest.mark.django_db

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


_ids = itertools.count(1)


def _company():
    """A company whose legal ID passes every check (the shared factory's first ones may not)."""
    company = employer(knowledge_based=True)
    company.legal_id = make_legal_id(f"1038{next(_ids):06d}")
    company.save(update_fields=["legal_id"])
    return company


@pytest.fixture(autouse=True)
def persian():
    with translation.override("fa"):
        yield


def _data(**overrides):
    company = overrides.pop("company", None) or _company()
    data = {
        "title": "تفاهم‌نامه کارآموزی",
        "university": UniversityFactory().pk,
        "employers": company.legal_id.translate(PERSIAN),
        "labour_office": AgencyFactory().pk,
        "status": "signed",
        "signed_on": "۱۴۰۴/۰۲/۱۵",
        "duration_months": "۱۲",
        "fields_of_study": "مهندسی مکانیک، مهندسی برق",
        "internships_committed": "٢٠",
        "hires_committed": "۱۰",
        "training_seats_committed": "0",
    }
    return data | overrides


@pytest.mark.parametrize("digits", [PERSIAN, ARABIC])
def test_agreement_form_reads_persian_and_arabic_digits(digits):
    company = _company()
    form = AgreementForm(_data(company=company, employers=company.legal_id.translate(digits)))

    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert data["employers"] == [company]
    assert (data["signed_on"], data["duration_months"], data["internships_committed"]) == (
        dt.date(2025, 5, 5),
        12,
        20,
    )


def test_a_bad_national_id_is_named_in_persian():
    form = AgreementForm(_data(employers="۱۲۳"))

    assert not form.is_valid()
    assert form.errors["employers"] == ["شرکت‌ها: «123» شناسه ملی ۱۱ رقمی معتبری نیست."]


def test_an_unknown_company_is_named():
    unknown = make_legal_id("1099999999")
    form = AgreementForm(_data(employers=unknown))

    assert not form.is_valid()
    assert unknown in form.errors["employers"][0]


def test_a_progress_report_needs_its_source_and_a_whole_number():
    form = ProgressReportForm({"measure": "hires", "number": "دوازده", "as_of": "۱۴۰۴/۰۸/۰۱", "note": ""})

    assert not form.is_valid()
    assert sorted(form.errors) == ["note", "number"]
    assert form.errors["number"][0].startswith("تعداد تا امروز")


def test_course_filter_takes_an_occupation_code_in_persian_digits():
    form = CourseFilterForm({"occupation": "۷۲۱"})

    assert form.is_valid()
    assert form.cleaned_data["occupation"] == "721"
    assert not CourseFilterForm({"occupation": "جوش"}).is_valid()


def test_the_agreement_page_keeps_what_was_typed_and_writes_nothing_on_error(client):
    login_as(client, "province_admin")
    data = _data(signed_on="", title="تفاهم‌نامه نگه‌داشته")

    response = client.post(reverse("partnerships:agreement_create"), data)

    assert response.status_code == 200
    body = response.content.decode()
    assert "تفاهم‌نامه نگه‌داشته" in body
    assert "تاریخ امضا" in body
    assert Agreement.objects.count() == 0


def test_the_agreement_page_records_an_agreement(client):
    login_as(client, "province_admin")

    response = client.post(reverse("partnerships:agreement_create"), _data())

    agreement = Agreement.objects.get()
    assert response.url == reverse("partnerships:agreement_detail", args=[agreement.pk])
    assert (agreement.status, agreement.hires_committed) == ("signed", 10)


def test_the_error_list_names_each_field_once():
    form = AgreementForm(_data(employers="۱۲۳", duration_months="دوازده"))

    assert not form.is_valid()
    assert [text for _anchor, text in form.error_summary()] == [
        "شرکت‌ها: «123» شناسه ملی ۱۱ رقمی معتبری نیست.",
        "مدت (ماه): یک عدد صحیح وارد کنید، مانند ۱۲.",
    ]
