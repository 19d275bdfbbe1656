"""Editing an agreement: the rules (shared with recording one), the change record, the form and page."""

import datetime as dt
import itertools
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from sakoo.accounts.testing import login_as
from sakoo.core.text import to_persian_digits
from sakoo.core.validators import make_legal_id
from sakoo.partnerships import selectors, services
from sakoo.partnerships.forms import AgreementEditForm
from sakoo.partnerships.models import Agreement, AgreementChange, ProgressReport
from sakoo.partnerships.testing import AgreementFactory, UniversityFactory
from sakoo.vacancies.tests.factories import employer, staff

pytestmark = pytest.mark.django_db

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_ids = itertools.count(500)


@pytest.fixture(autouse=True)
def persian():
    with translation.override("fa"):
        yield


def _company(name=None):
    """A company whose legal ID passes every check (the form looks companies up by it)."""
    company = employer(knowledge_based=True, name=name)
    company.legal_id = make_legal_id(f"1038{next(_ids):06d}")
    company.save(update_fields=["legal_id"])
    return company


def _report(agreement, *, measure="hires", number=12, as_of=None):
    return ProgressReport.objects.create(
        agreement=agreement,
        measure=measure,
        number=number,
        as_of=as_of or agreement.signed_on + dt.timedelta(days=30),
        note="نامه شرکت",
        reported_by=staff(),
    )


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


# --- the service: what is kept ----------------------------------------------------------------------


def test_a_typo_in_the_title_is_corrected_and_the_change_is_kept_with_who_when_and_why():
    agreement = AgreementFactory(employers=[employer()], title="تفاهم نامه کارآموزى")
    admin = staff()

    change = services.agreement_update(
        agreement=agreement, changed_by=admin, title="  تفاهم‌نامه کارآموزی  ", reason="غلط تایپی"
    )

    agreement.refresh_from_db()
    assert agreement.title == "تفاهم‌نامه کارآموزی"
    assert (change.changed_by, change.reason) == (admin, "غلط تایپی")
    assert change.changes == [{"field": "title", "old": "تفاهم نامه کارآموزى", "new": "تفاهم‌نامه کارآموزی"}]


def test_a_renegotiated_target_and_a_new_party_company_are_one_change_recorded_by_name():
    first, second = _company("شرکت الف"), _company("شرکت ب")
    agreement = AgreementFactory(employers=[first], hires_committed=20)

    change = services.agreement_update(
        agreement=agreement,
        changed_by=staff(),
        employers=[first, second],
        hires_committed=25,
        reason="الحاقیه شماره ۲",
    )

    assert sorted(agreement.employers.values_list("name", flat=True)) == ["شرکت الف", "شرکت ب"]
    assert change.changes == [
        {"field": "employers", "old": ["شرکت الف"], "new": ["شرکت الف", "شرکت ب"]},
        {"field": "hires_committed", "old": 20, "new": 25},
    ]
    assert AgreementChange.objects.count() == 1


def test_saving_what_is_already_stored_writes_nothing():
    agreement = AgreementFactory(employers=[employer()])

    change = services.agreement_update(
        agreement=agreement,
        changed_by=staff(),
        title=agreement.title,
        hires_committed=agreement.hires_committed,
    )

    assert change is None
    assert AgreementChange.objects.count() == 0


def test_the_status_is_not_changed_here():
    with pytest.raises(TypeError):
        services.agreement_update(
            agreement=AgreementFactory(employers=[employer()]), changed_by=staff(), status="ended", reason="x"
        )


# --- the service: what is refused -------------------------------------------------------------------


def test_a_change_needs_a_reason():
    agreement = AgreementFactory(employers=[employer()], hires_committed=20)

    with pytest.raises(ValidationError) as exc_info:
        services.agreement_update(agreement=agreement, changed_by=staff(), hires_committed=30, reason="  ")

    assert list(_errors(exc_info)) == ["reason"]
    agreement.refresh_from_db()
    assert agreement.hires_committed == 20


def test_the_rules_of_recording_apply_and_are_all_reported_at_once(today):
    agreement = AgreementFactory(employers=[employer()])

    with pytest.raises(ValidationError) as exc_info:
        services.agreement_update(
            agreement=agreement,
            changed_by=staff(),
            employers=[],
            signed_on=today + dt.timedelta(days=1),
            internships_committed=0,
            hires_committed=0,
            training_seats_committed=0,
            reason="اصلاح",
        )

    assert sorted(_errors(exc_info)) == ["__all__", "employers", "signed_on"]
    assert AgreementChange.objects.count() == 0


def test_a_signed_agreement_keeps_its_signing_date():
    agreement = AgreementFactory(employers=[employer()])

    with pytest.raises(ValidationError) as exc_info:
        services.agreement_update(agreement=agreement, changed_by=staff(), signed_on=None, reason="اصلاح")

    assert _errors(exc_info) == {"signed_on": ["تاریخ امضا: تاریخ امضای تفاهم‌نامه را وارد کنید."]}


def test_a_duration_out_of_range_is_refused_by_the_model_and_nothing_is_written():
    agreement = AgreementFactory(employers=[employer()], duration_months=12)

    with pytest.raises(ValidationError):
        services.agreement_update(agreement=agreement, changed_by=staff(), duration_months=0, reason="اصلاح")

    agreement.refresh_from_db()
    assert (agreement.duration_months, AgreementChange.objects.count()) == (12, 0)


@pytest.mark.parametrize("status", [Agreement.Status.ENDED, Agreement.Status.CANCELLED])
def test_an_ended_or_cancelled_agreement_keeps_its_commitments_but_its_title_can_be_corrected(status):
    agreement = AgreementFactory(employers=[employer()], status=status, hires_committed=20)

    with pytest.raises(ValidationError) as exc_info:
        services.agreement_update(
            agreement=agreement, changed_by=staff(), title="عنوان درست", hires_committed=25, reason="اصلاح"
        )
    assert list(_errors(exc_info)) == ["hires_committed"]
    agreement.refresh_from_db()
    assert (agreement.hires_committed, AgreementChange.objects.count()) == (20, 0)

    services.agreement_update(agreement=agreement, changed_by=staff(), title="عنوان درست", reason="اصلاح")
    agreement.refresh_from_db()
    assert agreement.title == "عنوان درست"


def test_a_commitment_cannot_be_lowered_below_the_figure_already_reported():
    agreement = AgreementFactory(employers=[employer()], hires_committed=20)
    _report(agreement, measure="hires", number=12)

    with pytest.raises(ValidationError) as exc_info:
        services.agreement_update(
            agreement=agreement, changed_by=staff(), hires_committed=10, reason="الحاقیه"
        )

    message = _errors(exc_info)["hires_committed"][0]
    assert message.startswith("دانش‌آموختگانی که به کار گرفته می‌شوند: ۱۲ ")
    agreement.refresh_from_db()
    assert agreement.hires_committed == 20


def test_a_commitment_can_be_lowered_down_to_the_figure_reported():
    agreement = AgreementFactory(employers=[employer()], hires_committed=20, internships_committed=10)
    _report(agreement, measure="hires", number=12)

    services.agreement_update(
        agreement=agreement, changed_by=staff(), hires_committed=12, internships_committed=1, reason="الحاقیه"
    )

    agreement.refresh_from_db()
    assert (agreement.hires_committed, agreement.internships_committed) == (12, 1)


def test_a_commitment_already_below_the_reported_figure_can_still_be_raised():
    agreement = AgreementFactory(employers=[employer()], hires_committed=5)
    _report(agreement, measure="hires", number=12)

    services.agreement_update(agreement=agreement, changed_by=staff(), hires_committed=8, reason="الحاقیه")

    agreement.refresh_from_db()
    assert agreement.hires_committed == 8


def test_the_signing_date_cannot_move_past_a_progress_report():
    agreement = AgreementFactory(employers=[employer()])
    report = _report(agreement, as_of=agreement.signed_on + dt.timedelta(days=10))

    with pytest.raises(ValidationError) as exc_info:
        services.agreement_update(
            agreement=agreement,
            changed_by=staff(),
            signed_on=report.as_of + dt.timedelta(days=1),
            reason="اصلاح تاریخ",
        )
    assert list(_errors(exc_info)) == ["signed_on"]

    services.agreement_update(agreement=agreement, changed_by=staff(), signed_on=report.as_of, reason="اصلاح")
    agreement.refresh_from_db()
    assert agreement.signed_on == report.as_of


# --- the form ------------------------------------------------------------------------------------------


def test_the_edit_form_starts_from_the_stored_agreement():
    company = _company()
    agreement = AgreementFactory(employers=[company], hires_committed=20)

    form = AgreementEditForm(agreement=agreement, editable=selectors.agreement_editable_fields(agreement))

    assert "status" not in form.fields
    assert (form["employers"].value(), form["hires_committed"].value()) == (company.legal_id, "۲۰")
    assert form["labour_office"].value() == agreement.labour_office_id


def test_an_ended_agreements_form_offers_only_its_wording_and_the_reason():
    agreement = AgreementFactory(employers=[employer()], status=Agreement.Status.ENDED)

    form = AgreementEditForm(agreement=agreement, editable=selectors.agreement_editable_fields(agreement))

    assert list(form.fields) == ["title", "fields_of_study", "reason"]


# --- the pages -----------------------------------------------------------------------------------------


def _data(agreement, **overrides):
    data = {
        "title": agreement.title,
        "university": agreement.university_id,
        "employers": "\n".join(e.legal_id.translate(PERSIAN) for e in agreement.employers.all()),
        "labour_office": agreement.labour_office_id,
        "signed_on": "",
        "duration_months": "۱۲",
        "fields_of_study": agreement.fields_of_study,
        "internships_committed": "۱۰",
        "hires_committed": "۲۰",
        "training_seats_committed": "۳۰",
        "reason": "",
    }
    if agreement.signed_on:
        from sakoo.core.jalali import format_jalali

        data["signed_on"] = format_jalali(agreement.signed_on, "short")
    return data | overrides


def test_the_admin_records_a_renegotiated_target_typed_in_persian_digits_and_sees_the_change(client):
    agreement = AgreementFactory(employers=[_company()], hires_committed=20)
    admin = login_as(client, "province_admin")
    new_university = UniversityFactory()

    response = client.post(
        reverse("partnerships:agreement_edit", args=[agreement.pk]),
        _data(agreement, hires_committed="۲۵", university=new_university.pk, reason="الحاقیه شماره ۲"),
    )

    assert response.url == reverse("partnerships:agreement_detail", args=[agreement.pk])
    agreement.refresh_from_db()
    assert (agreement.hires_committed, agreement.university) == (25, new_university)
    change = AgreementChange.objects.get()
    assert ([item["field"] for item in change.changes], change.changed_by) == (
        ["university", "hires_committed"],
        admin,
    )

    page = client.get(response.url)
    entry = page.context["changes"][0]
    assert [(f.label, f.old, f.new) for f in entry.fields] == [
        ("دانشگاه", agreement_university_name(change, "old"), new_university.name),
        ("دانش‌آموختگانی که به کار گرفته می‌شوند", "۲۰", "۲۵"),
    ]
    assert "الحاقیه شماره ۲" in page.content.decode()


def agreement_university_name(change, side):
    return next(item[side] for item in change.changes if item["field"] == "university")


def test_a_refused_edit_names_the_field_in_persian_keeps_what_was_typed_and_writes_nothing(client):
    agreement = AgreementFactory(employers=[_company()], hires_committed=20)
    title = agreement.title
    _report(agreement, number=12)
    login_as(client, "province_admin")

    response = client.post(
        reverse("partnerships:agreement_edit", args=[agreement.pk]),
        _data(agreement, hires_committed="۱۰", title="عنوان تازه", reason="الحاقیه"),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["hires_committed"]
    assert errors["hires_committed"][0].startswith("دانش‌آموختگانی که به کار گرفته می‌شوند: ۱۲ ")
    body = response.content.decode()
    assert "عنوان تازه" in body and "الحاقیه" in body
    agreement.refresh_from_db()
    assert (agreement.title, agreement.hires_committed, AgreementChange.objects.count()) == (title, 20, 0)


def test_a_change_without_a_reason_asks_for_one_next_to_the_field(client):
    agreement = AgreementFactory(employers=[_company()])
    login_as(client, "province_admin")

    response = client.post(
        reverse("partnerships:agreement_edit", args=[agreement.pk]), _data(agreement, hires_committed="۲۲")
    )

    assert response.context["form"].errors["reason"] == [
        "دلیل تغییر: بگویید چرا، مانند یک غلط تایپی یا الحاقیه‌ای که آن را تغییر داد."
    ]


def test_saving_without_changes_says_so_and_keeps_no_record(client):
    agreement = AgreementFactory(employers=[_company()])
    login_as(client, "province_admin")

    response = client.post(
        reverse("partnerships:agreement_edit", args=[agreement.pk]), _data(agreement), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == ["چیزی تغییر نکرد."]
    assert AgreementChange.objects.count() == 0


def test_only_the_admin_sees_the_edit_link_and_everyone_who_reads_the_agreement_sees_its_changes(client):
    company = _company()
    agreement = AgreementFactory(employers=[company])
    services.agreement_update(agreement=agreement, changed_by=staff(), title="عنوان درست", reason="غلط تایپی")
    edit = reverse("partnerships:agreement_edit", args=[agreement.pk])
    detail = reverse("partnerships:agreement_detail", args=[agreement.pk])

    login_as(client, "province_admin")
    assert edit in client.get(detail).content.decode()

    login_as(client, "employer", organisation=company.organisation)
    page = client.get(detail)
    assert edit not in page.content.decode()
    assert [f.field for entry in page.context["changes"] for f in entry.fields] == ["title"]


def test_an_unknown_agreement_is_404_for_the_admin(client):
    login_as(client, "province_admin")

    assert client.get(reverse("partnerships:agreement_edit", args=[999_999])).status_code == 404


def test_the_edit_page_names_the_companies_behind_the_national_ids(client):
    company = _company()
    agreement = AgreementFactory(employers=[company])
    login_as(client, "province_admin")

    body = client.get(reverse("partnerships:agreement_edit", args=[agreement.pk])).content.decode()

    current = re.search(r'data-testid="current-companies">(.*?)</p>', body, flags=re.S).group(1)
    assert to_persian_digits(company.name) in current
    assert to_persian_digits(company.legal_id) in current
