"""manage.py demo_squares: deterministic from the seed, idempotent, the demo coordinator runs Tabriz."""

import datetime as dt

import pytest
from django.core.management import call_command

from sakoo.accounts.models import Role
from sakoo.accounts.testing import UserFactory
from sakoo.geo.factories import CountyFactory
from sakoo.squares.demo import DEMO_SQUARES, demo_squares_ensure
from sakoo.squares.models import Assignment, Labourer, Square

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 10, 27)


@pytest.fixture
def counties(db):
    names = sorted({spec.county for spec in DEMO_SQUARES})
    return [CountyFactory(code=f"95{i:02d}", name_fa=name) for i, name in enumerate(names)]


def _snapshot():
    return (
        list(
            Labourer.objects.order_by("square__name", "full_name", "mobile").values_list(
                "full_name", "mobile"
            )
        ),
        Assignment.objects.count(),
    )


def test_the_demo_is_deterministic_and_idempotent(counties):
    first = demo_squares_ensure(seed=7, today=TODAY)
    snapshot = _snapshot()

    again = demo_squares_ensure(seed=7, today=TODAY)
    assert _snapshot() == snapshot
    assert again["labourers"] == first["labourers"]

    demo_squares_ensure(seed=7, today=TODAY, reset=True)
    assert _snapshot() == snapshot
    assert first["squares"] == len(DEMO_SQUARES)
    assert first["labourers"] > 250 and first["assignments"] > 500


def test_the_demo_coordinator_runs_the_tabriz_squares(counties):
    coordinator = UserFactory(username="square", role=Role.LABOUR_SQUARE_COORDINATOR)

    demo_squares_ensure(seed=1, today=TODAY)

    runs = Square.objects.filter(organisation__memberships__user=coordinator)
    assert sorted(s.county.name_fa for s in runs) == ["تبریز", "تبریز"]


def test_demo_assignments_record_the_true_days_of_work_before(counties):
    from sakoo.squares.selectors import days_worked

    demo_squares_ensure(seed=3, today=TODAY)
    smallest = Square.objects.get(name=DEMO_SQUARES[-1].name)

    assignments = Assignment.objects.filter(request__square=smallest)
    recorded = [
        (a.days_worked_before, days_worked([a.labourer_id], a.work_date).get(a.labourer_id, 0))
        for a in assignments
    ]
    assert len(recorded) > 20
    assert [r for r, _true in recorded] == [true for _r, true in recorded]


def test_the_command_says_when_reference_data_is_missing(capsys):
    call_command("demo_squares", seed=1)

    assert "load_reference" in capsys.readouterr().out
