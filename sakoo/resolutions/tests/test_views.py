import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakoo.resolutions.models import Resolution
from sakoo.resolutions.services import evidence_add, resolution_create

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def resolution(meeting, agency):
    return resolution_create(
        meeting=meeting, text="ساماندهی میدان‌های کارگری", owner=agency, due_rule="date",
        due_date=datetime.date(2025, 5, 20),
    )


@pytest.fixture
def other_resolution(meeting, other_agency):
    return resolution_create(
        meeting=meeting, text="بسته حمایتی تعاونی‌ها", owner=other_agency, due_rule="date",
        due_date=datetime.date(2025, 5, 20),
    )


def test_agency_officer_sees_only_their_agencys_resolutions(client, officer, resolution, other_resolution):
    client.force_login(officer)
    response = client.get("/working-group/")
    assert response.status_code == 200
    assert [r.pk for r in response.context["resolutions"]] == [resolution.pk]
    assert client.get(f"/working-group/resolutions/{other_resolution.pk}/").status_code == 404


def test_co_owner_agency_sees_the_resolution(client, other_officer, meeting, agency, other_agency):
    shared = resolution_create(
        meeting=meeting, text="t", owner=agency, co_owners=[other_agency], due_rule="date", due_date=meeting.held_on
    )
    client.force_login(other_officer)
    assert client.get(f"/working-group/resolutions/{shared.pk}/").status_code == 200


@pytest.mark.parametrize("role", ["job_seeker", "employer", "county_officer", "bank_officer"])
def test_other_roles_are_refused(client, django_user_model, role):
    user = django_user_model.objects.create_user(username=f"x-{role}", password="a-long-test-password", role=role)
    client.force_login(user)
    assert client.get("/working-group/").status_code == 403


def test_analyst_reads_but_cannot_update(client, analyst, resolution):
    client.force_login(analyst)
    assert client.get(f"/working-group/resolutions/{resolution.pk}/").status_code == 200
    response = client.post(f"/working-group/resolutions/{resolution.pk}/follow-up/", {"text": "x"})
    assert response.status_code == 403
    assert resolution.follow_ups.count() == 0


def test_officer_closes_with_evidence(client, officer, resolution, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(officer)
    response = client.post(
        f"/working-group/resolutions/{resolution.pk}/evidence/",
        {"file": SimpleUploadedFile("gozaresh.pdf", PDF, content_type="application/pdf"), "description": "گزارش"},
    )
    assert response.status_code == 302
    response = client.post(f"/working-group/resolutions/{resolution.pk}/status/", {"status": "done", "note": ""})
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.status == Resolution.Status.DONE


def test_closing_without_evidence_shows_the_error_and_keeps_status(client, officer, resolution):
    client.force_login(officer)
    response = client.post(f"/working-group/resolutions/{resolution.pk}/status/", {"status": "done", "note": ""})
    assert response.status_code == 422
    assert response.context["status_form"].errors["note"] == [
        "برای بستن مصوبه، مستندات بارگذاری کنید یا درباره آنچه انجام شد یادداشت بنویسید."
    ]
    resolution.refresh_from_db()
    assert resolution.status == Resolution.Status.OPEN


def test_evidence_download_is_scoped(client, officer, other_officer, resolution, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    evidence = evidence_add(resolution=resolution, upload=SimpleUploadedFile("a.pdf", PDF), uploaded_by=officer)
    client.force_login(other_officer)
    assert client.get(f"/working-group/evidence/{evidence.pk}/").status_code == 404
    client.force_login(officer)
    response = client.get(f"/working-group/evidence/{evidence.pk}/")
    assert b"".join(response.streaming_content) == PDF


def test_admin_creates_a_resolution_in_working_days(client, admin_user, meeting, agency, government_calendar):
    client.force_login(admin_user)
    response = client.post(
        f"/working-group/meetings/{meeting.pk}/resolutions/new/",
        {"text": "جذب تسهیلات", "owner": agency.pk, "due_rule": "working_days", "due_working_days": "۵"},
    )
    assert response.status_code == 302
    assert Resolution.objects.get().due_date == datetime.date(2025, 4, 20)


def test_minutes_page_and_pdf(client, analyst, resolution):
    client.force_login(analyst)
    page = client.get(f"/working-group/meetings/{resolution.meeting_id}/minutes/")
    assert page.status_code == 200
    assert "ساماندهی میدان‌های کارگری" in page.content.decode()
    pdf = client.get(f"/working-group/meetings/{resolution.meeting_id}/minutes.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content[:5] == b"%PDF-"


def test_agency_records_page(client, analyst, resolution, other_resolution):
    client.force_login(analyst)
    response = client.get("/working-group/agencies/")
    assert sorted(r.name for r in response.context["records"]) == ["سازمان بهزیستی", "کمیته امداد"]


def test_demo_working_group_is_idempotent(db, government_calendar):
    from django.core.management import call_command

    call_command("demo_working_group", seed=1404)
    call_command("demo_working_group", seed=1404)
    assert Resolution.objects.count() == 8
    twenty = Resolution.objects.get(number=3)
    assert (twenty.due_rule, twenty.due_working_days) == ("working_days", 20)
    assert twenty.due_date == datetime.date(2025, 5, 11)


def test_resolution_list_has_no_n_plus_one(client, analyst, meeting, agency, other_agency):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for i in range(n):
            resolution_create(
                meeting=meeting, text=f"t{i}", owner=agency, co_owners=[other_agency], due_rule="date",
                due_date=meeting.held_on,
            )

    client.force_login(analyst)
    add(2)
    client.get("/working-group/")
    with CaptureQueriesContext(connection) as few:
        client.get("/working-group/")
    add(6)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/working-group/")
    assert len(response.context["resolutions"]) == 8
    assert len(many.captured_queries) == len(few.captured_queries)


def test_admin_records_a_meeting_with_a_persian_date(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/working-group/meetings/new/",
        {"title": "جلسه اردیبهشت", "held_on": "۱۴۰۴/۰۲/۱۵", "chair": "استاندار", "attendees": "", "agenda": "",
         "minutes": "", "location": ""},
    )
    assert response.status_code == 302
    from sakoo.resolutions.models import Meeting

    assert Meeting.objects.get().held_on == datetime.date(2025, 5, 5)


def test_a_bad_date_keeps_the_input_and_names_the_field(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/working-group/meetings/new/", {"title": "x", "held_on": "۱۴۰۴/۱۳/۴۰", "chair": "c"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["held_on"]
    assert 'value="۱۴۰۴/۱۳/۴۰"' in response.content.decode()


def test_admin_edits_a_resolution_to_working_days(client, admin_user, resolution, government_calendar):
    client.force_login(admin_user)
    assert client.get(f"/working-group/resolutions/{resolution.pk}/edit/").status_code == 200
    response = client.post(
        f"/working-group/resolutions/{resolution.pk}/edit/",
        {"text": "متن تازه", "owner": resolution.owner_id, "due_rule": "working_days", "due_working_days": "5"},
    )
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert (resolution.text, resolution.due_rule, resolution.due_date) == (
        "متن تازه", "working_days", datetime.date(2025, 4, 20),
    )


def test_agency_officer_cannot_edit(client, officer, resolution):
    client.force_login(officer)
    assert client.get(f"/working-group/resolutions/{resolution.pk}/edit/").status_code == 403
    assert client.get(f"/working-group/meetings/{resolution.meeting_id}/edit/").status_code == 403
