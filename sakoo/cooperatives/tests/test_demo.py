"""manage.py demo_cooperatives: deterministic from the seed and the date, idempotent, every state."""

import datetime as dt
import time

import pytest
from django.core.management import call_command

from sakoo.cooperatives.demo import APPLICATIONS, COOPERATIVES, demo_cooperatives_ensure
from sakoo.cooperatives.models import (
    Application,
    Cooperative,
    FollowUp,
    JobsReport,
    MembersReport,
    Status,
    SupportItem,
)
from sakoo.cooperatives.testing import CooperativeEmployerFactory, activity
from sakoo.geo.factories import CountyFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 10, 27)


@pytest.fixture
def counties(db):
    activity()
    names = ["تبریز", "اسکو", "جلفا", "مرند", "شبستر", "مراغه", "میانه", "اهر"]
    return [CountyFactory(code=f"96{i:02d}", name_fa=name) for i, name in enumerate(names)]


def _snapshot():
    return (
        list(
            Cooperative.objects.order_by("registration_number").values_list(
                "registration_number",
                "employer__name",
                "sector",
                "county__code",
                "village",
                "members_male",
                "members_female",
            )
        ),
        list(
            Application.objects.order_by("cooperative__registration_number", "item__code", "pk").values_list(
                "cooperative__registration_number",
                "item__code",
                "status",
                "amount_requested",
                "amount_approved",
                "amount_delivered",
                "submitted_on",
                "decided_on",
                "deadline",
                "delivered_on",
            )
        ),
        sorted(
            FollowUp.objects.values_list(
                "application__cooperative__registration_number", "reported_on", "jobs_created"
            )
        ),
        sorted(
            MembersReport.objects.values_list(
                "cooperative__registration_number", "reported_on", "members_male", "members_female"
            )
        ),
    )


def test_the_demo_is_deterministic_idempotent_and_quick(counties):
    started = time.monotonic()
    first = demo_cooperatives_ensure(seed=7, today=TODAY)
    elapsed = time.monotonic() - started
    snapshot = _snapshot()

    again = demo_cooperatives_ensure(seed=7, today=TODAY)
    assert _snapshot() == snapshot
    assert (again["cooperatives"], again["applications"]) == (first["cooperatives"], first["applications"])

    demo_cooperatives_ensure(seed=7, today=TODAY, reset=True)
    assert _snapshot() == snapshot
    assert (first["cooperatives"], first["applications"]) == (COOPERATIVES, APPLICATIONS)
    assert elapsed < 15


def test_the_demo_has_applications_in_every_state_and_cooperatives_in_every_sector(counties):
    demo_cooperatives_ensure(seed=1, today=TODAY)

    statuses = set(Application.objects.values_list("status", flat=True))
    sectors = set(Cooperative.objects.values_list("sector", flat=True))
    assert statuses == set(Status.values)
    assert len(sectors) == 5
    assert SupportItem.objects.count() == 7
    assert Application.objects.filter(status=Status.APPROVED, deadline__isnull=True).count() == 0


def test_each_demo_cooperative_has_its_first_members_report_on_its_registration_day(counties):
    demo_cooperatives_ensure(seed=1, today=TODAY)

    for cooperative in Cooperative.objects.all():
        first_jobs_report = JobsReport.objects.filter(cooperative=cooperative).order_by("reported_on").first()
        assert list(
            cooperative.members_reports.values_list("reported_on", "members_male", "members_female")
        ) == [(first_jobs_report.reported_on, cooperative.members_male, cooperative.members_female)]


def test_employers_already_flagged_as_cooperatives_are_used_first(counties):
    flagged = CooperativeEmployerFactory(county=counties[0])

    demo_cooperatives_ensure(seed=1, today=TODAY)

    assert Cooperative.objects.filter(employer=flagged).exists()
    assert Cooperative.objects.count() == COOPERATIVES


def test_the_command_says_when_reference_data_is_missing(capsys):
    call_command("demo_cooperatives", seed=1)

    assert "load_reference" in capsys.readouterr().out
