"""Factories for cooperative tests (and other apps' tests that need a cooperative)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from sakoo.accounts.models import OrganisationKind
from sakoo.accounts.testing import MembershipFactory, OrganisationFactory, UserFactory
from sakoo.classifications.models import EconomicActivity
from sakoo.cooperatives.models import (
    Application,
    Cooperative,
    JobsReport,
    Sector,
    Status,
    SupportItem,
    Unit,
)
from sakoo.core.validators import make_legal_id
from sakoo.employers.models import Employer
from sakoo.geo.factories import CountyFactory


def activity() -> EconomicActivity:
    return EconomicActivity.objects.get_or_create(code="C", defaults={"level": 1, "title_fa": "صنعت"})[0]


class AgencyOrganisationFactory(OrganisationFactory):
    kind = OrganisationKind.AGENCY
    name = factory.Sequence(lambda n: f"دستگاه آزمایشی {n}")
    code = factory.Sequence(lambda n: f"coop-agency-{n}")


class CooperativeEmployerFactory(factory.django.DjangoModelFactory):
    """An employer flagged as a cooperative, with its organisation."""

    class Meta:
        model = Employer

    county = factory.SubFactory(CountyFactory)
    name = factory.Sequence(lambda n: f"تعاونی آزمایشی {n}")
    organisation = factory.LazyAttribute(
        lambda o: OrganisationFactory(kind=OrganisationKind.EMPLOYER, name=o.name, county=o.county, code="")
    )
    legal_id = factory.Sequence(lambda n: make_legal_id(f"{1_083_517_200 + n * 7}"))
    activity = factory.LazyFunction(activity)
    is_cooperative = True


class CooperativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperative

    employer = factory.SubFactory(CooperativeEmployerFactory)
    county = factory.LazyAttribute(lambda o: o.employer.county)
    sector = Sector.AGRICULTURE
    registration_number = factory.Sequence(lambda n: f"{50_000 + n}")
    members_male = 6
    members_female = 4


class JobsReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobsReport

    cooperative = factory.SubFactory(CooperativeFactory)
    reported_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    jobs = 10


class SupportItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportItem

    code = factory.Sequence(lambda n: f"item-{n}")
    name_fa = factory.Sequence(lambda n: f"ردیف حمایتی {n}")
    agency = factory.SubFactory(AgencyOrganisationFactory)
    unit = Unit.RIALS
    deadline_working_days = 20


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    cooperative = factory.SubFactory(CooperativeFactory)
    item = factory.SubFactory(SupportItemFactory)
    plan = "خرید مواد اولیه"
    jobs_promised = 5
    amount_requested = 1_000_000_000
    status = Status.SUBMITTED
    submitted_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))


def member_of(cooperative: Cooperative, role: str = "employer"):
    """A user of the cooperative (an employer membership of its employer's organisation)."""
    user = UserFactory(role=role)
    MembershipFactory(user=user, organisation=cooperative.employer.organisation)
    return user
