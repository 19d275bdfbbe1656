import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sakoo.core.validators import make_national_id
from sakoo.seekers import selectors, services
from sakoo.seekers.models import JobSeeker, StatusChange
from sakoo.vacancies.tests import factories as f

pytestmark = pytest.mark.django_db

NID = make_national_id("001234567")  # ASCII, 10 digits
PERSIAN = NID.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
ARABIC = NID.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def _register(user, national_id, **kw):
    return services.seeker_register(
        user=user,
        national_id=national_id,
        first_name="مریم",
        last_name="نمونه",
        birth_date=dt.date(1999, 1, 1),
        sex="female",
        county=f.county(),
        education_level="bachelor",
        **kw,
    )


def test_register_normalises_id_and_records_status_history():
    seeker = _register(f.user(), PERSIAN)
    assert seeker.national_id == NID
    assert seeker.is_graduate is True
    assert list(seeker.status_changes.values_list("status", "valid_from")) == [
        ("unemployed_looking", timezone.localdate())
    ]


@pytest.mark.parametrize("typed", [ARABIC, NID, f"{NID[:3]}-{NID[3:9]}-{NID[9]}"])
def test_same_person_in_other_digit_scripts_is_refused(typed):
    _register(f.user(), PERSIAN)
    with pytest.raises(ValidationError) as exc:
        _register(f.user(), typed)
    assert list(exc.value.message_dict) == ["national_id"]
    assert JobSeeker.objects.count() == 1


def test_wrong_checksum_is_refused():
    wrong = NID[:9] + str((int(NID[9]) + 1) % 10)
    with pytest.raises(ValidationError) as exc:
        _register(f.user(), wrong)
    assert list(exc.value.message_dict) == ["national_id"]
    assert JobSeeker.objects.count() == 0


def test_status_history_and_status_on_date():
    seeker = f.seeker(registered_on=timezone.localdate() - dt.timedelta(days=100))
    d1 = timezone.localdate() - dt.timedelta(days=50)
    services.seeker_set_status(seeker=seeker, status="not_looking", valid_from=d1)
    d2 = timezone.localdate() - dt.timedelta(days=10)
    services.seeker_set_status(seeker=seeker, status="employed_looking", valid_from=d2)
    # an entry dated in between, recorded later, does not change the current status
    services.seeker_set_status(
        seeker=seeker, status="unemployed_looking", valid_from=timezone.localdate() - dt.timedelta(days=30)
    )
    seeker.refresh_from_db()
    assert seeker.employment_status == "employed_looking"
    other = f.seeker(registered_on=timezone.localdate() - dt.timedelta(days=5))
    assert selectors.status_counts_on(d1) == {"not_looking": 1}
    assert selectors.status_counts_on(timezone.localdate()) == {
        "employed_looking": 1,
        "unemployed_looking": 1,
    }
    at = selectors.status_counts_at([d1, d2, timezone.localdate()], group_by="sex")
    assert at[d1] == {("female", "not_looking"): 1}
    assert at[timezone.localdate()] == {
        ("female", "employed_looking"): 1,
        ("female", "unemployed_looking"): 1,
    }
    assert other.pk != seeker.pk


def test_status_date_checks():
    seeker = f.seeker()
    with pytest.raises(ValidationError):
        services.seeker_set_status(
            seeker=seeker, status="not_looking", valid_from=timezone.localdate() + dt.timedelta(days=1)
        )
    with pytest.raises(ValidationError):
        services.seeker_set_status(
            seeker=seeker, status="not_looking", valid_from=seeker.registered_on - dt.timedelta(days=1)
        )
    assert StatusChange.objects.filter(seeker=seeker).count() == 1


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_pdf_upload_accepted(media):
    seeker = f.seeker()
    services.seeker_upload_cv(
        seeker=seeker, upload=SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n...", "application/pdf")
    )
    assert seeker.cv_pdf.name.endswith(".pdf")


def test_non_pdf_upload_refused(media, client):
    seeker = f.seeker()
    client.force_login(seeker.user)
    fake = SimpleUploadedFile("cv.pdf", b"<html><script>alert(1)</script>", "application/pdf")
    response = client.post(reverse("seekers:cv_upload"), {"cv_pdf": fake})
    assert response.status_code == 400
    assert (
        "The file is not a PDF document." in response.content.decode() or "PDF" in response.content.decode()
    )
    seeker.refresh_from_db()
    assert seeker.cv_pdf.name in ("", None)


def test_too_large_upload_refused(media):
    seeker = f.seeker()
    big = SimpleUploadedFile("cv.pdf", b"%PDF-" + b"0" * (services.CV_MAX_BYTES + 1), "application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.seeker_upload_cv(seeker=seeker, upload=big)
    assert list(exc.value.message_dict) == ["cv_pdf"]


def test_onboarding_page_registers_and_keeps_input_on_error(client):
    user = f.user()
    client.force_login(user)
    county = f.county()
    data = {
        "national_id": "123",
        "first_name": "سارا",
        "last_name": "نمونه",
        "birth_date": "۱۳۷۸/۰۱/۱۵",
        "sex": "female",
        "county": county.pk,
        "education_level": "bachelor",
        "employment_status": "unemployed_looking",
    }
    response = client.post(reverse("seekers:onboarding"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-field="national_id"' in body
    assert 'value="سارا"' in body
    assert JobSeeker.objects.count() == 0
    data["national_id"] = PERSIAN
    response = client.post(reverse("seekers:onboarding"), data)
    assert response.status_code == 302
    assert JobSeeker.objects.get().national_id == NID


def test_dashboard_shows_status_and_completeness(client):
    seeker = f.seeker(city="تبریز", skills="اکسل")
    client.force_login(seeker.user)
    response = client.get(reverse("seekers:dashboard"))
    assert response.status_code == 200
    assert response.context["completeness"] == 25  # city and skills: 2 of 8 items
    assert response.context["missing"][0] == "رشته تحصیلی"  # Persian page: field of study
    assert response.context["seeker"] == seeker


def test_cv_page_renders(client):
    seeker = f.seeker()
    client.force_login(seeker.user)
    response = client.get(reverse("seekers:cv"))
    assert response.status_code == 200
    assert seeker.last_name in response.content.decode()


def test_a_hired_seeker_cannot_undo_the_hire_by_a_stray_click(client):
    """The status form starts blank: sent as it is, it changes nothing and says which field is missing."""
    seeker = f.seeker()
    services.seeker_set_status(
        seeker=seeker, status="employed", valid_from=timezone.localdate(), reason="hired", by=None
    )
    client.force_login(seeker.user)
    page = client.get(reverse("seekers:dashboard")).content.decode()
    select = re.search(r'<select name="status".*?</select>', page, re.S).group()
    assert select.index('<option value="">') < select.index("unemployed_looking")
    assert "selected" not in select  # the browser shows the blank first choice
    response = client.post(reverse("seekers:status"), {"status": "", "valid_from": "۱۴۰۵/۰۱/۰۱"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["status"]
    seeker.refresh_from_db()
    assert seeker.employment_status == "employed"
