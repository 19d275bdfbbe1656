"""Measures per agency and bank, the absorption API, alerts, and the demo command."""

import datetime as dt
import statistics
from collections import Counter

import pytest
import time_machine
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from sakoo.accounts.testing import UserFactory, login_as
from sakoo.facilities.models import FacilityAlert, FacilityFile, FileStep, Step
from sakoo.facilities.selectors import (
    agency_measures,
    bank_measures,
    histogram_median,
    histogram_percentile,
    percentile,
    scorecard,
    trends,
)
from sakoo.facilities.services import (
    allocation_version_create,
    facility_alerts_send,
    file_step_add,
    target_set,
)
from sakoo.facilities.testing import d, make_counties, make_file

pytestmark = pytest.mark.django_db
TODAY = d(1403, 2, 20)


def _flow(world, agency, amount, *, branch, referred, contracted=None, paid=None, rejected=False):
    f = make_file(world, agency=agency, amount_requested=amount)
    file_step_add(file=f, kind=Step.REFERRED, date=referred, branch=branch)
    if rejected:
        file_step_add(file=f, kind=Step.REJECTED, date=referred + dt.timedelta(days=1), reason=world.reasons[0])
        return f
    file_step_add(file=f, kind=Step.APPROVED, date=referred + dt.timedelta(days=1))
    if contracted:
        file_step_add(file=f, kind=Step.CONTRACT_SIGNED, date=contracted, amount=amount)
    if paid:
        file_step_add(file=f, kind=Step.PAID, date=paid, amount=amount)
    return f


@pytest.fixture
def scenario(world):
    a, b, c = world.agencies
    allocation_version_create(program=world.program, fiscal_year=world.year, user=None, rule="initial",
                              reason="r", effective_on=d(1403, 2, 1),
                              lines={a: (10_000, 10), b: (10_000, 10), c: (10_000, 10)})
    target_set(program=world.program, fiscal_year=world.year, threshold=0.65, target_date=d(1403, 2, 31),
               alert_distances=[7, 3])
    with time_machine.travel(dt.datetime(2024, 5, 9, 12), tick=False):
        # a: 7,000 contracted (70%) → on track; b: 6,000 (60%) contracted in the last 20 working days: at
        # that pace (300 a day) the 8 working days left to 1403-02-31 reach 84% → at risk; c: rejected → behind
        _flow(world, a, 4_000, branch=world.branches[0], referred=d(1403, 2, 1), contracted=d(1403, 2, 8),
              paid=d(1403, 2, 10))
        _flow(world, a, 3_000, branch=world.branches[1], referred=d(1403, 2, 1), contracted=d(1403, 2, 16))
        _flow(world, b, 6_000, branch=world.branches[0], referred=d(1403, 2, 2), contracted=d(1403, 2, 17))
        _flow(world, c, 5_000, branch=world.branches[1], referred=d(1403, 2, 2), rejected=True)
    return world


def test_agency_measures(scenario):
    world = scenario
    data = agency_measures(fiscal_year=world.year, program=world.program, today=TODAY)
    rows = {r["agency"].code: r for r in data["rows"]}
    a = rows["agency-a"]
    assert (a["quota"], a["referred"], a["contracted"], a["contracted_amount"], a["paid"], a["paid_amount"]) == (
        10_000, 2, 2, 7_000, 1, 4_000)
    assert (a["absorption"], a["payment_rate"], a["status"]) == (0.7, 0.4, "on_track")
    # 20 government working days after 1403-02-01 (see the calendar tests): 1403-02-30
    assert a["deadline"] == d(1403, 2, 30)
    assert rows["agency-c"]["rejected"] == 1
    assert rows["agency-c"]["status"] == "behind"
    assert (rows["agency-b"]["status"], rows["agency-b"]["target_days_left"]) == ("at_risk", 8)
    assert rows["agency-b"]["projection"] == 0.84
    paid = agency_measures(fiscal_year=world.year, program=world.program, today=TODAY, measure="paid")
    assert {r["agency"].code: r["absorption"] for r in paid["rows"]} == {
        "agency-a": 0.4, "agency-b": 0.0, "agency-c": 0.0}
    assert data["totals"]["contracted_amount"] == 13_000


def test_bank_measures_and_scorecard(scenario):
    world = scenario
    rows = {r["object"].code: r for r in bank_measures(fiscal_year=world.year)}
    assert (rows["bank-a"]["received"], rows["bank-a"]["contracted"], rows["bank-a"]["share"]) == (2, 2, 0.5)
    assert rows["bank-b"]["rejected_by_reason"] == [("نبود وثیقه کافی", 1)]
    card = scorecard(fiscal_year=world.year)
    assert [r["object"].code for r in card["banks"]] == ["bank-a", "bank-b"]
    assert [r["object"].code for r in card["state"]] == ["bank-a"]
    assert (card["banks"][1]["contract_rate"], card["banks"][1]["low"]) == (0.5, False)
    assert scorecard(fiscal_year=world.year, low_rate=0.6)["banks"][1]["low"] is True


@given(st.lists(st.integers(min_value=0, max_value=60), max_size=200), st.sampled_from([0.5, 0.9, 0.95]))
def test_histogram_percentiles_agree_with_the_list_versions(values, q):
    counts = dict(Counter(values))
    assert histogram_percentile(counts, q) == percentile(values, q)
    assert histogram_median(counts) == (statistics.median(values) if values else None)


def test_percentile_nearest_rank():
    assert percentile([], 0.9) is None
    assert percentile([5, 1, 3, 2, 4, 6, 7, 8, 9, 10], 0.9) == 9
    assert percentile([4], 0.5) == 4


def test_trends_by_jalali_month(scenario):
    out = trends(fiscal_year=scenario.year, program=scenario.program)
    assert [(t["label"], t["referred"], t["contracted"], t["contracted_amount"]) for t in out] == [
        ("1403-02", 4, 3, 13_000)]


def test_absorption_api_scopes_agency_officers(client, scenario):
    login_as(client, "agency_officer", organisation=scenario.agencies[1].organisation)
    body = client.get("/api/v1/facilities/absorption", {"year": "۱۴۰۳", "program": "rural-nomadic"}).json()
    assert [a["agency_code"] for a in body["agencies"]] == ["agency-b"]
    assert body["measure_definition"] == "contract_amount / quota"
    client.logout()
    login_as(client, "province_analyst")
    body = client.get("/api/v1/facilities/absorption", {"year": "1403"}).json()
    assert sorted(a["agency_code"] for a in body["agencies"]) == ["agency-a", "agency-b", "agency-c"]


def test_absorption_api_requires_login_and_a_reading_role(client, scenario):
    assert client.get("/api/v1/facilities/absorption", {"year": "1403"}).status_code == 401
    login_as(client, "job_seeker")
    assert client.get("/api/v1/facilities/absorption", {"year": "1403"}).status_code == 403
    client.logout()
    login_as(client, "province_admin")
    assert client.get("/api/v1/facilities/absorption", {"year": "1399"}).status_code == 422


def test_alerts_are_sent_once_at_the_chosen_distances(scenario, mailoutbox):
    UserFactory(role="province_admin", email="admin@example.org")
    # Friday 1403-02-28: 3 government working days (Sat, Sun, Mon) left to the target date 1403-02-31,
    # one of the target's alert distances [7, 3]; a is on track, b at risk and c behind.
    day = d(1403, 2, 28)
    first = facility_alerts_send(today=day)
    assert sorted((a.agency.code, a.deadline_kind, a.distance) for a in first) == [
        ("agency-b", "target", 3), ("agency-c", "target", 3)]
    assert [m.to for m in mailoutbox] == [["admin@example.org"], ["admin@example.org"]]
    assert facility_alerts_send(today=day) == []
    assert FacilityAlert.objects.count() == 2


def test_demo_is_idempotent_and_deterministic():
    call_command("load_calendar", "--from-year", "1403", "--to-year", "1404")
    make_counties()
    call_command("demo_facilities", "--seed", "7", "--files", "40")
    first = list(FacilityFile.objects.order_by("pk").values_list("national_id", "amount_requested", "step"))
    steps = FileStep.objects.count()
    call_command("demo_facilities", "--seed", "7", "--files", "40")
    assert FacilityFile.objects.count() == len(first)
    assert FileStep.objects.count() == steps
    assert len(first) == 40 * 4 + 0  # 2 programs × 2 years × 40 files
