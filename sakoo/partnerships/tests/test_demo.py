"""manage.py demo_partnerships: deterministic from the seed and the date, idempotent, works with or
without the job platform's demo data."""

import datetime as dt

import pytest
from django.core.management import call_command

from sakoo.accounts.models import User
from sakoo.geo.factories import CountyFactory
from sakoo.partnerships.demo import (
    COURSES,
    DEMO_AGREEMENTS,
    N_COURSES,
    UNIVERSITIES,
    demo_partnerships_ensure,
)
from sakoo.partnerships.models import Agreement, Course, Enrolment, ProgressReport
from sakoo.partnerships.testing import occupation
from sakoo.vacancies.tests.factories import employer, seeker

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 10, 27)


@pytest.fixture
def reference(db):
    counties = [
        CountyFactory(code=f"03{i:02d}", name_fa=name) for i, name in enumerate(["تبریز", "مراغه", "اهر"])
    ]
    for _title, code, _hours in COURSES:
        occupation(code, code)
    return counties


@pytest.fixture
def platform(reference):
    """A few knowledge-based companies, job seekers in each county and a superuser."""
    for i in range(12):
        employer(knowledge_based=True, county=reference[i % 3])
    for i in range(30):
        seeker(county=reference[i % 3], university=UNIVERSITIES[i % 3][0])
    User.objects.create(username="admin", is_superuser=True, role="province_admin")


def _snapshot():
    return (
        list(Agreement.objects.order_by("title").values_list("title", "status", "signed_on")),
        sorted(
            (title, [emp.legal_id for emp in a.employers.order_by("legal_id")])
            for title, a in ((a.title, a) for a in Agreement.objects.all())
        ),
        list(Course.objects.order_by("title", "starts_on").values_list("title", "starts_on", "seats")),
        sorted(
            Enrolment.objects.values_list(
                "course__title", "course__starts_on", "seeker__national_id", "status"
            )
        ),
        sorted(ProgressReport.objects.values_list("agreement__title", "measure", "number", "as_of")),
    )


def test_the_demo_is_deterministic_and_idempotent(platform):
    first = demo_partnerships_ensure(seed=7, today=TODAY)
    snapshot = _snapshot()

    again = demo_partnerships_ensure(seed=7, today=TODAY)
    assert again.get("skipped") == 1
    assert _snapshot() == snapshot

    demo_partnerships_ensure(seed=7, today=TODAY, reset=True)
    assert _snapshot() == snapshot
    assert (first["agreements"], first["courses"]) == (len(DEMO_AGREEMENTS), N_COURSES)
    assert first["enrolments"] > 100
    assert ProgressReport.objects.count() > 0


def test_without_the_job_platform_courses_are_made_and_agreements_are_not(reference):
    counts = demo_partnerships_ensure(seed=1, today=TODAY)

    assert (counts["agreements"], counts["courses"], counts["enrolments"]) == (0, N_COURSES, 0)


def test_the_demo_provider_staff_account_runs_the_tvto_courses(reference):
    demo_partnerships_ensure(seed=1, today=TODAY)

    staff = User.objects.get(username="tvto")
    assert staff.role == "agency_officer"
    assert Course.objects.filter(provider__organisation__memberships__user=staff).count() > 20


def test_the_command_says_when_reference_data_is_missing(capsys):
    call_command("demo_partnerships", seed=1)

    assert "load_reference" in capsys.readouterr().out
