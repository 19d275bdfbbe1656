"""What the figures count, against expectations computed by hand."""

import datetime as dt

import pytest

from sakoo.partnerships import services
from sakoo.partnerships.models import Course, Enrolment, TrainingProvider
from sakoo.partnerships.selectors import (
    CourseOutcome,
    agreement_ends_on,
    agreement_progress,
    course_outcomes,
    provider_outcomes,
    public_outcome_figures,
)
from sakoo.partnerships.testing import (
    AgreementFactory,
    CourseFactory,
    EnrolmentFactory,
    UniversityFactory,
    placement,
)
from sakoo.vacancies.tests.factories import employer, seeker, staff

pytestmark = pytest.mark.django_db

SIGNED = dt.date(2025, 4, 4)  # 15 Farvardin 1404
TODAY = dt.date(2025, 11, 26)


def test_an_agreement_ends_its_duration_in_jalali_months_after_signing_less_a_day():
    agreement = AgreementFactory.build(signed_on=SIGNED, duration_months=12)

    assert agreement_ends_on(agreement) == dt.date(2026, 4, 3)  # 14 Farvardin 1405


def _graduate(university="دانشگاه تبریز", education_level="bachelor"):
    return seeker(university=university, education_level=education_level, graduation_year=1402)


def test_agreement_progress_counts_distinct_graduates_of_the_university_at_party_companies():
    university = UniversityFactory(name="دانشگاه تبریز", aliases="دانشگاه دولتی تبریز")
    party, outsider = employer(knowledge_based=True), employer()
    agreement = AgreementFactory(
        university=university, employers=[party], signed_on=SIGNED, duration_months=12
    )
    intern = _graduate("دانشگاه دولتی تبریز")  # the alias counts
    placement(
        seeker=intern, employer=party, hired_on=SIGNED + dt.timedelta(days=5), contract_type="internship"
    )
    hired = _graduate()
    placement(seeker=hired, employer=party, hired_on=SIGNED + dt.timedelta(days=30))
    placement(seeker=hired, employer=party, hired_on=SIGNED + dt.timedelta(days=90))  # same person
    placement(seeker=_graduate(), employer=outsider, hired_on=SIGNED + dt.timedelta(days=9))  # not a party
    placement(seeker=_graduate("دانشگاه مراغه"), employer=party, hired_on=SIGNED + dt.timedelta(days=9))
    placement(seeker=_graduate(), employer=party, hired_on=SIGNED - dt.timedelta(days=1))  # before signing
    placement(
        seeker=_graduate(education_level="high_school"),  # not a graduate
        employer=party,
        hired_on=SIGNED + dt.timedelta(days=9),
    )

    progress = agreement_progress(agreement, today=TODAY)

    assert (progress.get("internships").platform, progress.get("hires").platform) == (1, 1)


def test_the_latest_hand_report_counts_and_training_counts_enrolments_under_the_agreement():
    agreement = AgreementFactory(signed_on=SIGNED, hires_committed=20)
    admin = staff()
    for as_of, number in ((SIGNED + dt.timedelta(days=20), 7), (SIGNED + dt.timedelta(days=10), 5)):
        services.progress_report_add(
            agreement=agreement,
            measure="hires",
            number=number,
            as_of=as_of,
            note="نامه شرکت",
            reported_by=admin,
        )
    course = CourseFactory(agreement=agreement)
    EnrolmentFactory.create_batch(3, course=course)

    progress = agreement_progress(agreement, today=TODAY)

    hires, training = progress.get("hires"), progress.get("training")
    assert (hires.platform, hires.reported, hires.achieved, hires.ratio) == (0, 7, 7, 0.35)
    assert (training.platform, training.reported, training.achieved) == (3, None, 3)


def test_course_outcome_counts_completers_hired_from_the_last_day_to_six_months_after(today):
    end = today - dt.timedelta(days=200)
    course = CourseFactory(starts_on=end - dt.timedelta(days=30), ends_on=end)
    cases = {
        "hired 10 days after": (Enrolment.Status.COMPLETED, end + dt.timedelta(days=10)),
        "hired on the last day": (Enrolment.Status.COMPLETED, end),
        "hired 190 days after": (Enrolment.Status.COMPLETED, end + dt.timedelta(days=190)),
        "hired during the course": (Enrolment.Status.COMPLETED, end - dt.timedelta(days=3)),
        "dropped, then hired": (Enrolment.Status.DROPPED, end + dt.timedelta(days=10)),
        "completed, not hired": (Enrolment.Status.COMPLETED, None),
    }
    for status, hired_on in cases.values():
        enrolment = EnrolmentFactory(course=course, status=status)
        if hired_on:
            placement(seeker=enrolment.seeker, hired_on=hired_on)

    [outcome] = course_outcomes([course], today=today)

    assert (outcome.enrolled, outcome.completed, outcome.placed) == (6, 5, 2)
    assert (outcome.window_closed, outcome.rate) == (True, 0.4)


def test_a_course_not_ended_has_no_outcome_and_a_recent_one_is_still_counting(today):
    running = CourseFactory()
    recent = CourseFactory(starts_on=today - dt.timedelta(days=40), ends_on=today - dt.timedelta(days=10))

    outcomes = course_outcomes([running, recent], today=today)

    assert [(o.course, o.window_closed) for o in outcomes] == [(recent, False)]


def test_provider_outcomes_add_up_their_courses(today):
    ended = today - dt.timedelta(days=1)
    first = CourseFactory(starts_on=ended, ends_on=ended)
    second = CourseFactory(provider=first.provider, starts_on=ended, ends_on=ended)
    EnrolmentFactory.create_batch(2, course=first, status=Enrolment.Status.COMPLETED)
    EnrolmentFactory(course=second, status=Enrolment.Status.COMPLETED)
    EnrolmentFactory(course=second, status=Enrolment.Status.ENROLLED)

    [row] = provider_outcomes(course_outcomes([first, second], today=today))

    assert (row.courses, row.enrolled, row.completed, row.placed) == (2, 4, 3, 0)


def _outcome(pk, provider, completed, placed):
    return CourseOutcome(
        course=Course(pk=pk, provider=provider, ends_on=TODAY), completed=completed, placed=placed
    )


def test_public_figures_hide_small_counts_and_a_second_course_that_would_reveal_them():
    tvto = TrainingProvider(pk=1, name="فنی و حرفه‌ای")
    small = TrainingProvider(pk=2, name="آموزشگاه کوچک")
    outcomes = [
        _outcome(11, tvto, completed=40, placed=12),
        _outcome(12, tvto, completed=20, placed=3),
        _outcome(13, tvto, completed=30, placed=15),
        _outcome(21, small, completed=6, placed=0),
    ]

    figures = public_outcome_figures(outcomes)

    placed = {pk: cells["placed"] for pk, cells in figures.courses.items()}
    assert placed == {11: None, 12: None, 13: 15, 21: 0}
    assert figures.providers[1] == {"completed": 90, "placed": 30, "rate": 30 / 90}
    assert figures.providers[2] == {"completed": None, "placed": 0, "rate": None}
    assert figures.courses[21]["completed"] is None
