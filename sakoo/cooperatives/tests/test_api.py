"""GET /api/v1/cooperatives/summary: per county and sector, small cells suppressed, nothing individual."""

import pytest

from sakoo.cooperatives.models import Sector, Status
from sakoo.cooperatives.testing import (
    ApplicationFactory,
    CooperativeEmployerFactory,
    CooperativeFactory,
    JobsReportFactory,
)
from sakoo.geo.factories import CountyFactory

pytestmark = pytest.mark.django_db


def _cooperatives(code: str, n: int, *, jobs: int = 0, sector=Sector.AGRICULTURE):
    county = CountyFactory(code=code)
    out = []
    for _ in range(n):
        cooperative = CooperativeFactory(employer=CooperativeEmployerFactory(county=county), sector=sector)
        if jobs:
            JobsReportFactory(cooperative=cooperative, jobs=jobs)
        out.append(cooperative)
    return out


def _by_code(body, table="counties"):
    return {row["code"]: row for row in body[table]}


def test_small_counts_are_suppressed_with_a_second_cell_to_protect_the_total(client):
    _cooperatives("9201", 12)
    _cooperatives("9202", 3)
    _cooperatives("9203", 15)

    body = client.get("/api/v1/cooperatives/summary").json()

    counts = {code: row["cooperatives"] for code, row in _by_code(body).items()}
    assert counts == {"9201": None, "9202": None, "9203": 15}
    assert body["province"]["cooperatives"] == 30
    assert "cooperatives" in _by_code(body)["9202"]["suppressed"]


def test_members_and_jobs_are_withheld_with_the_count_of_cooperatives_they_add_up(client):
    _cooperatives("9211", 12, jobs=20)
    _cooperatives("9212", 3, jobs=20)  # 18 men, 60 jobs: large, but from three cooperatives
    _cooperatives("9213", 15, jobs=20)

    rows = _by_code(client.get("/api/v1/cooperatives/summary").json())

    assert {code: row["members_male"] for code, row in rows.items()} == {
        "9211": None,
        "9212": None,
        "9213": 90,
    }
    assert {code: row["jobs"] for code, row in rows.items()} == {"9211": None, "9212": None, "9213": 300}


def test_amounts_are_withheld_with_the_count_of_approved_applications_behind_them(client):
    few = _cooperatives("9204", 12)
    many = _cooperatives("9205", 12)
    for cooperative in few[:2]:
        ApplicationFactory(cooperative=cooperative, status=Status.APPROVED, amount_approved=700_000_000)
    for cooperative in many:
        ApplicationFactory(cooperative=cooperative, status=Status.APPROVED, amount_approved=100)

    rows = _by_code(client.get("/api/v1/cooperatives/summary").json())

    # 2 approved in 9204 is a small cell; its total would reveal it, so 9205's is withheld too.
    assert (rows["9204"]["approved"], rows["9204"]["approved_rials"]) == (None, None)
    assert (rows["9205"]["approved"], rows["9205"]["approved_rials"]) == (None, None)
    assert (rows["9204"]["cooperatives"], rows["9205"]["cooperatives"]) == (12, 12)


def test_zero_is_published_and_nothing_individual_is_returned(client):
    cooperative = _cooperatives("9206", 11, jobs=2)[0]

    response = client.get("/api/v1/cooperatives/summary")

    row = _by_code(response.json())["9206"]
    assert (row["cooperatives"], row["jobs"], row["applications"], row["approved_rials"]) == (11, 22, 0, 0)
    body = response.content.decode()
    assert cooperative.name not in body
    assert cooperative.registration_number not in body


def test_sectors_are_a_table_of_their_own_and_every_figure_is_defined(client):
    _cooperatives("9207", 10, sector=Sector.HANDICRAFTS)
    _cooperatives("9208", 4, sector=Sector.INDUSTRY)

    body = client.get("/api/v1/cooperatives/summary").json()

    sectors = {row["code"]: row["cooperatives"] for row in body["sectors"]}
    assert sectors == {"industry": None, "handicrafts": None}
    assert set(body["definitions"]) >= {"cooperatives", "jobs", "jobs_promised", "jobs_created", "source"}


def test_the_summary_says_the_date_it_describes(client):
    from django.utils import timezone

    body = client.get("/api/v1/cooperatives/summary").json()
    assert body["as_of"] == timezone.localdate().isoformat()
