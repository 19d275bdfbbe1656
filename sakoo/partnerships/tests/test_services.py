"""The write rules: what each service refuses, with a message naming the field, writing nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sakoo.partnerships import services
from sakoo.partnerships.models import Agreement, Enrolment, ProgressReport
from sakoo.partnerships.testing import (
    AgencyFactory,
    AgreementFactory,
    CourseFactory,
    EnrolmentFactory,
    UniversityFactory,
)
from sakoo.vacancies.tests.factories import employer, seeker, staff

pytestmark = pytest.mark.django_db


def _agreement_kwargs(**overrides):
    kwargs = {
        "title": "  تفاهم‌نامه آزمایشی  ",
        "university": UniversityFactory(),
        "employers": [employer(knowledge_based=True)],
        "labour_office": AgencyFactory(),
        "signed_on": dt.date(2025, 5, 5),
        "duration_months": 12,
        "internships_committed": 5,
        "hires_committed": 10,
        "training_seats_committed": 0,
        "status": Agreement.Status.SIGNED,
    }
    return kwargs | overrides


def _field_errors(exc_info) -> dict:
    return exc_info.value.message_dict


def test_an_agreement_is_recorded_with_its_companies_and_normalised_title():
    kwargs = _agreement_kwargs()

    agreement = services.agreement_create(**kwargs)

    assert agreement.title == "تفاهم‌نامه آزمایشی"
    assert list(agreement.employers.all()) == kwargs["employers"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"employers": []}, "employers"),
        ({"signed_on": None}, "signed_on"),
        ({"signed_on": dt.date.today() + dt.timedelta(days=3)}, "signed_on"),
        ({"internships_committed": 0, "hires_committed": 0}, "__all__"),
        ({"duration_months": 0}, "__all__"),
    ],
)
def test_a_bad_agreement_is_refused_naming_the_field_and_nothing_is_written(overrides, field):
    with pytest.raises(ValidationError) as exc_info:
        services.agreement_create(**_agreement_kwargs(**overrides))

    assert list(_field_errors(exc_info)) == [field]
    assert Agreement.objects.count() == 0


def test_a_draft_needs_no_signing_date():
    agreement = services.agreement_create(**_agreement_kwargs(signed_on=None, status=Agreement.Status.DRAFT))

    assert (agreement.status, agreement.signed_on) == ("draft", None)


def test_status_moves_along_draft_signed_active_ended():
    agreement = AgreementFactory(status=Agreement.Status.DRAFT, signed_on=None)

    with pytest.raises(ValidationError) as exc_info:
        services.agreement_set_status(agreement=agreement, status=Agreement.Status.SIGNED)
    assert list(_field_errors(exc_info)) == ["signed_on"]

    services.agreement_set_status(agreement=agreement, status="signed", signed_on=dt.date(2025, 4, 1))
    services.agreement_set_status(agreement=agreement, status="active")
    agreement = services.agreement_set_status(agreement=agreement, status="ended")

    assert (agreement.status, agreement.signed_on) == ("ended", dt.date(2025, 4, 1))
    with pytest.raises(ValidationError):
        services.agreement_set_status(agreement=agreement, status="active")


def test_a_draft_cannot_jump_to_active():
    agreement = AgreementFactory(status=Agreement.Status.DRAFT, signed_on=None)

    with pytest.raises(ValidationError) as exc_info:
        services.agreement_set_status(agreement=agreement, status="active")

    assert list(_field_errors(exc_info)) == ["status"]
    agreement.refresh_from_db()
    assert agreement.status == "draft"


def test_progress_is_reported_only_for_a_signed_agreement_and_not_for_the_future(today):
    admin = staff()
    draft = AgreementFactory(status=Agreement.Status.DRAFT, signed_on=None)
    active = AgreementFactory()

    with pytest.raises(ValidationError):
        services.progress_report_add(
            agreement=draft, measure="hires", number=3, as_of=today, note="گزارش", reported_by=admin
        )
    with pytest.raises(ValidationError) as exc_info:
        services.progress_report_add(
            agreement=active,
            measure="hires",
            number=3,
            as_of=today + dt.timedelta(days=1),
            note="گزارش",
            reported_by=admin,
        )
    assert list(_field_errors(exc_info)) == ["as_of"]
    assert ProgressReport.objects.count() == 0


def test_a_seeker_enrols_once_in_an_open_course(today):
    course = CourseFactory(seats=2)
    person = seeker()

    enrolment = services.enrolment_create(course=course, seeker=person)

    assert (enrolment.status, enrolment.enrolled_on) == ("enrolled", today)
    with pytest.raises(ValidationError) as exc_info:
        services.enrolment_create(course=course, seeker=person)
    assert list(_field_errors(exc_info)) == ["course"]


def test_enrolment_closes_when_the_course_has_started_or_is_full(today):
    started = CourseFactory(starts_on=today - dt.timedelta(days=1))
    full = CourseFactory(seats=1)
    EnrolmentFactory(course=full)

    for course in (started, full):
        with pytest.raises(ValidationError):
            services.enrolment_create(course=course, seeker=seeker())

    assert Enrolment.objects.count() == 1


def test_a_dropped_trainee_frees_a_seat(today):
    full = CourseFactory(seats=1)
    EnrolmentFactory(course=full, status=Enrolment.Status.DROPPED)

    assert services.enrolment_create(course=full, seeker=seeker()).status == "enrolled"


def test_completion_is_recorded_once_the_course_has_ended(today):
    enrolment = EnrolmentFactory()  # the course starts in 10 days
    by = staff()

    with pytest.raises(ValidationError) as exc_info:
        services.enrolment_mark(enrolment=enrolment, status="completed", by=by)
    assert list(_field_errors(exc_info)) == ["status"]

    after_end = enrolment.course.ends_on
    done = services.enrolment_mark(enrolment=enrolment, status="completed", by=by, today=after_end)
    assert (done.status, done.marked_by) == ("completed", by)


def test_a_course_cannot_end_before_it_starts(today):
    course = CourseFactory.build()

    with pytest.raises(ValidationError) as exc_info:
        services.course_create(
            provider=CourseFactory().provider,
            title="دوره",
            occupation=course.occupation,
            county=CourseFactory().county,
            starts_on=today,
            ends_on=today - dt.timedelta(days=1),
            seats=10,
            hours=40,
        )

    assert list(_field_errors(exc_info)) == ["ends_on"]
