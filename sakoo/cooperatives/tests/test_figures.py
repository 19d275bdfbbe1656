"""Figures per county and sector, against a small world counted by hand."""

import pytest

from sakoo.cooperatives import selectors
from sakoo.cooperatives.models import Cooperative, FollowUp, Sector, Status, Unit
from sakoo.cooperatives.testing import (
    ApplicationFactory,
    CooperativeEmployerFactory,
    CooperativeFactory,
    JobsReportFactory,
    SupportItemFactory,
)
from sakoo.geo.factories import CountyFactory

from .conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two counties. A: an agriculture cooperative (6 men, 4 women; jobs 10 then 13) and a handicrafts
    one (0 men, 9 women; jobs 5). B: an agriculture cooperative (2 men, 1 woman; no jobs report)."""
    a, b = CountyFactory(), CountyFactory()
    farm = CooperativeFactory(employer=CooperativeEmployerFactory(county=a), sector=Sector.AGRICULTURE)
    crafts = CooperativeFactory(
        employer=CooperativeEmployerFactory(county=a),
        sector=Sector.HANDICRAFTS,
        members_male=0,
        members_female=9,
    )
    other = CooperativeFactory(
        employer=CooperativeEmployerFactory(county=b),
        sector=Sector.AGRICULTURE,
        members_male=2,
        members_female=1,
    )
    JobsReportFactory(cooperative=farm, reported_on=days_ago(90), jobs=10)
    JobsReportFactory(cooperative=farm, reported_on=days_ago(5), jobs=13)
    JobsReportFactory(cooperative=crafts, reported_on=days_ago(30), jobs=5)
    money, seats = SupportItemFactory(unit=Unit.RIALS), SupportItemFactory(unit=Unit.SEATS)
    # farm: approved 300 of 500 (promised 4, created 2 then 3), delivered seats 12 (promised 2), rejected
    approved = ApplicationFactory(
        cooperative=farm,
        item=money,
        status=Status.APPROVED,
        amount_requested=500,
        amount_approved=300,
        jobs_promised=4,
        decided_on=days_ago(9),
    )
    FollowUp.objects.create(application=approved, reported_on=days_ago(8), jobs_created=2)
    FollowUp.objects.create(application=approved, reported_on=days_ago(3), jobs_created=3)
    ApplicationFactory(
        cooperative=farm,
        item=seats,
        status=Status.DELIVERED,
        amount_requested=12,
        amount_approved=12,
        amount_delivered=12,
        jobs_promised=2,
        decided_on=days_ago(9),
    )
    ApplicationFactory(
        cooperative=farm, item=money, status=Status.REJECTED, rejection_reason="x", jobs_promised=50
    )
    # crafts: delivered 200 of 250 approved (promised 3, created 1); one submitted (not counted as approved)
    delivered = ApplicationFactory(
        cooperative=crafts,
        item=money,
        status=Status.DELIVERED,
        amount_requested=250,
        amount_approved=250,
        amount_delivered=200,
        jobs_promised=3,
        decided_on=days_ago(9),
    )
    FollowUp.objects.create(application=delivered, reported_on=days_ago(2), jobs_created=1)
    ApplicationFactory(cooperative=crafts, item=seats, jobs_promised=7)
    return {"a": a, "b": b, "farm": farm, "crafts": crafts, "other": other}


def _as_tuple(f):
    return (
        f.cooperatives,
        f.members_male,
        f.members_female,
        f.jobs,
        f.applications,
        f.approved,
        f.delivered,
        f.approved_rials,
        f.delivered_rials,
        f.jobs_promised,
        f.jobs_created,
    )


def test_figures_per_county_match_the_hand_count(world):
    by_county = selectors.figures(Cooperative.objects.all(), by="county")

    #                                   coops men women jobs apps appr deliv appr_rials deliv_rials prom created
    assert _as_tuple(by_county[world["a"].pk]) == (2, 6, 13, 18, 5, 3, 2, 300 + 250, 200, 4 + 2 + 3, 3 + 1)
    assert _as_tuple(by_county[world["b"].pk]) == (1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0)


def test_figures_per_sector_and_the_total(world):
    by_sector = selectors.figures(Cooperative.objects.all(), by="sector")

    assert _as_tuple(by_sector[Sector.AGRICULTURE]) == (2, 8, 5, 13, 3, 2, 1, 300, 0, 6, 3)
    assert _as_tuple(by_sector[Sector.HANDICRAFTS]) == (1, 0, 9, 5, 2, 1, 1, 250, 200, 3, 1)
    assert _as_tuple(selectors.total(by_sector)) == (3, 8, 14, 18, 5, 3, 2, 550, 200, 9, 4)


def test_figures_take_a_fixed_number_of_queries(world, django_assert_num_queries):
    with django_assert_num_queries(3):
        selectors.figures(Cooperative.objects.all(), by="cell")


def test_an_agency_officers_figures_count_only_the_applications_for_its_items(world):
    from django.db.models import Q

    agency = world["farm"].applications.filter(item__unit=Unit.SEATS).get().item.agency_id

    by_county = selectors.figures(Cooperative.objects.all(), applications=Q(item__agency_id=agency))

    # Only the farm's delivered seats (promised 2) and the crafts' submitted seats: both of one item.
    assert _as_tuple(by_county[world["a"].pk])[4:] == (2, 1, 1, 0, 0, 2, 0)
