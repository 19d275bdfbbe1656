import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sakoo.accounts.models import Membership, Organisation
from sakoo.resolutions.models import FollowUp, ReminderLog, Resolution
from sakoo.resolutions.selectors import agency_delivery_records
from sakoo.resolutions.services import (
    evidence_add,
    resolution_create,
    resolution_set_status,
    send_resolution_reminders,
)

from .conftest import make_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_working_day_due_date_skips_thursday_friday_and_holidays(government_calendar, meeting, agency):
    # Meeting on Sunday 2025-04-13. Working days: Sat-Wed. 5 working days: Mon 14, Tue 15, Wed 16,
    # (Thu 17, Fri 18 off), Sat 19, Sun 20.
    resolution = resolution_create(
        meeting=meeting, text="جذب تسهیلات", owner=agency, due_rule="working_days", due_working_days=5
    )
    assert resolution.due_date == datetime.date(2025, 4, 20)
    assert resolution.due_working_days == 5
    assert resolution.due_rule == Resolution.DueRule.WORKING_DAYS


def test_working_day_due_date_counts_the_holiday_as_closed(government_calendar, agency):
    from sakoo.resolutions.services import meeting_create

    # Meeting Sunday 2025-03-30; Mon 31 is a working day; Tue 1 April is the holiday; Wed 2 April works.
    meeting = meeting_create(title="m", held_on=datetime.date(2025, 3, 30), chair="c")
    resolution = resolution_create(meeting=meeting, text="t", owner=agency, due_rule="working_days", due_working_days=2)
    assert resolution.due_date == datetime.date(2025, 4, 2)


def test_twenty_working_days_from_the_governors_meeting(government_calendar, meeting, agency):
    resolution = resolution_create(
        meeting=meeting, text="۲۰ روز کاری", owner=agency, due_rule="working_days", due_working_days=20
    )
    # 13 April 2025 + 20 working days (Sat–Wed, five a week) = four weeks later: Sunday 11 May 2025.
    assert resolution.due_date == datetime.date(2025, 5, 11)


def test_fixed_due_date_is_kept(meeting, agency):
    resolution = resolution_create(
        meeting=meeting, text="t", owner=agency, due_rule="date", due_date=datetime.date(2025, 5, 21)
    )
    assert resolution.due_date == datetime.date(2025, 5, 21)
    assert resolution.due_working_days is None


def test_owner_must_be_an_agency(meeting, db):
    from sakoo.accounts.models import Organisation

    bank = Organisation.objects.create(kind="bank", code="melli", name="بانک ملی")
    with pytest.raises(ValidationError) as exc:
        resolution_create(meeting=meeting, text="t", owner=bank, due_rule="date", due_date=datetime.date(2025, 5, 1))
    assert list(exc.value.message_dict) == ["owner"]


def test_numbers_follow_each_other_in_a_meeting(meeting, agency):
    first = resolution_create(meeting=meeting, text="a", owner=agency, due_rule="date", due_date=meeting.held_on)
    second = resolution_create(meeting=meeting, text="b", owner=agency, due_rule="date", due_date=meeting.held_on)
    assert (first.number, second.number) == (1, 2)


def test_closing_requires_evidence_or_a_note(meeting, agency, officer):
    resolution = resolution_create(meeting=meeting, text="t", owner=agency, due_rule="date", due_date=meeting.held_on)
    with pytest.raises(ValidationError) as exc:
        resolution_set_status(resolution=resolution, status="done", user=officer)
    assert list(exc.value.message_dict) == ["note"]
    resolution.refresh_from_db()
    assert resolution.status == "open"
    assert resolution.closed_at is None


def test_closing_with_a_note_records_the_follow_up(meeting, agency, officer):
    resolution = resolution_create(meeting=meeting, text="t", owner=agency, due_rule="date", due_date=meeting.held_on)
    resolution_set_status(resolution=resolution, status="done", user=officer, note="انجام شد")
    resolution.refresh_from_db()
    assert resolution.status == "done"
    assert resolution.closed_by == officer
    assert list(FollowUp.objects.values_list("text", "status_after")) == [("انجام شد", "done")]


def test_closing_with_evidence_and_no_note(meeting, agency, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resolution = resolution_create(meeting=meeting, text="t", owner=agency, due_rule="date", due_date=meeting.held_on)
    evidence_add(resolution=resolution, upload=SimpleUploadedFile("gozaresh.pdf", PDF), uploaded_by=officer)
    resolution_set_status(resolution=resolution, status="done", user=officer)
    resolution.refresh_from_db()
    assert resolution.status == "done"
    assert resolution.evidence.get().content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [("virus.exe", b"MZ\x90\x00"), ("fake.pdf", b"<html>not a pdf</html>"), ("empty.pdf", b"")],
)
def test_evidence_type_is_checked_by_content(meeting, agency, officer, settings, tmp_path, name, content):
    settings.MEDIA_ROOT = tmp_path
    resolution = resolution_create(meeting=meeting, text="t", owner=agency, due_rule="date", due_date=meeting.held_on)
    with pytest.raises(ValidationError) as exc:
        evidence_add(resolution=resolution, upload=SimpleUploadedFile(name, content), uploaded_by=officer)
    assert list(exc.value.message_dict) == ["file"]
    assert resolution.evidence.count() == 0


def test_evidence_size_limit(meeting, agency, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resolution = resolution_create(meeting=meeting, text="t", owner=agency, due_rule="date", due_date=meeting.held_on)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError):
        evidence_add(resolution=resolution, upload=big, uploaded_by=officer)


def test_reminders_are_sent_once(meeting, agency, officer, mailoutbox):
    officer.email = "officer@example.org"
    officer.save()
    overdue = resolution_create(
        meeting=meeting, text="دیرکرد", owner=agency, due_rule="date", due_date=datetime.date(2025, 4, 20)
    )
    soon = resolution_create(
        meeting=meeting, text="نزدیک", owner=agency, due_rule="date", due_date=datetime.date(2025, 4, 25)
    )
    today = datetime.date(2025, 4, 22)
    assert send_resolution_reminders(today=today) == 2
    assert send_resolution_reminders(today=today) == 0
    assert sorted(ReminderLog.objects.values_list("resolution_id", "kind")) == sorted(
        [(overdue.pk, "overdue"), (soon.pk, "due_soon")]
    )
    assert len(mailoutbox) == 2


def test_reminders_reach_co_owner_agencies_each_person_once(
    django_user_model, meeting, agency, other_agency, officer, other_officer, mailoutbox
):
    third = Organisation.objects.create(kind="agency", code="jihad", name="جهاد کشاورزی")
    both = make_user(django_user_model, "officer3", "agency_officer", other_agency)  # in two co-owners
    Membership.objects.create(user=both, organisation=third)
    outsider = make_user(django_user_model, "officer4", "agency_officer",
                         Organisation.objects.create(kind="agency", code="sport", name="ورزش و جوانان"))
    for i, user in enumerate((officer, other_officer, both, outsider)):
        user.email = f"person{i}@example.org"
        user.save()
    overdue = resolution_create(meeting=meeting, text="دیرکرد", owner=agency, co_owners=[other_agency, third],
                                due_rule="date", due_date=datetime.date(2025, 4, 20))
    today = datetime.date(2025, 4, 22)
    assert send_resolution_reminders(today=today) == 3
    assert sorted(ReminderLog.objects.filter(resolution=overdue).values_list("recipient__username", flat=True)) == [
        "officer1", "officer2", "officer3"]
    assert sorted(to for message in mailoutbox for to in message.to) == [
        "person0@example.org", "person1@example.org", "person2@example.org"]
    # sent once: the next run (and a later one, the same day or the day after) sends nothing again
    assert send_resolution_reminders(today=today) == 0
    assert send_resolution_reminders(today=today + datetime.timedelta(days=1)) == 0
    assert len(mailoutbox) == 3


def test_agency_record_counts_on_time_delivery(meeting, agency, other_agency, officer, time_machine):
    on_time = resolution_create(
        meeting=meeting, text="a", owner=agency, due_rule="date", due_date=datetime.date(2025, 5, 1)
    )
    late = resolution_create(meeting=meeting, text="b", owner=agency, due_rule="date", due_date=datetime.date(2025, 4, 20))
    resolution_create(meeting=meeting, text="c", owner=other_agency, due_rule="date", due_date=datetime.date(2025, 4, 20))
    time_machine.move_to(datetime.datetime(2025, 4, 28, 9, tzinfo=datetime.UTC))
    resolution_set_status(resolution=on_time, status="done", user=officer, note="ok")
    resolution_set_status(resolution=late, status="done", user=officer, note="late")
    records = {r.name: r for r in agency_delivery_records(today=datetime.date(2025, 4, 28))}
    assert (records[agency.name].done, records[agency.name].done_on_time, records[agency.name].overdue) == (2, 1, 0)
    assert (records[other_agency.name].done, records[other_agency.name].overdue) == (0, 1)
    assert records[agency.name].on_time_rate == 0.5
