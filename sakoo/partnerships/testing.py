"""Factories for partnership and skills-training tests (and other apps' tests that need them).

Employers, job seekers and placements come from the job platform's factories
(``sakoo.vacancies.tests.factories``); the helpers here add what this app stores."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from sakoo.accounts.models import OrganisationKind
from sakoo.accounts.testing import OrganisationFactory
from sakoo.geo.factories import CountyFactory
from sakoo.partnerships.models import Agreement, Course, Enrolment, TrainingProvider, University


def occupation(code: str = "7212", title_fa: str = "جوشکاران"):
    from sakoo.vacancies.tests.factories import occupation as _occupation

    return _occupation(code=code, title_fa=title_fa)


class AgencyFactory(OrganisationFactory):
    kind = OrganisationKind.AGENCY


class UniversityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = University

    name = factory.Sequence(lambda n: f"دانشگاه آزمایشی {n}")
    county = factory.SubFactory(CountyFactory)


class AgreementFactory(factory.django.DjangoModelFactory):
    """A signed agreement, 12 months from 100 days ago; pass ``employers=[...]`` for its companies."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"تفاهم‌نامه آزمایشی {n}")
    university = factory.SubFactory(UniversityFactory)
    labour_office = factory.SubFactory(AgencyFactory, code=factory.Sequence(lambda n: f"labour-{n}"))
    signed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=100))
    duration_months = 12
    internships_committed = 10
    hires_committed = 20
    training_seats_committed = 30
    status = Agreement.Status.ACTIVE

    @factory.post_generation
    def employers(self, create, extracted, **kwargs):
        if create and extracted:
            self.employers.set(extracted)


class TrainingProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProvider

    name = factory.Sequence(lambda n: f"آموزشگاه آزمایشی {n}")
    kind = TrainingProvider.Kind.TVTO
    organisation = factory.SubFactory(AgencyFactory)


class CourseFactory(factory.django.DjangoModelFactory):
    """An upcoming course (starts in 10 days, 30 days long) with 20 seats."""

    class Meta:
        model = Course

    provider = factory.SubFactory(TrainingProviderFactory)
    title = factory.Sequence(lambda n: f"دوره جوشکاری {n}")
    occupation = factory.LazyFunction(occupation)
    county = factory.SubFactory(CountyFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=30))
    seats = 20
    hours = 120


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    course = factory.SubFactory(CourseFactory)
    seeker = factory.LazyFunction(lambda: _seeker())
    enrolled_on = factory.LazyFunction(timezone.localdate)


def _seeker(**kwargs):
    from sakoo.vacancies.tests.factories import seeker

    return seeker(**kwargs)


def placement(*, seeker, employer=None, hired_on: dt.date, contract_type: str = "permanent"):
    """A placement of ``seeker`` (a hire recorded in Sakoo)."""
    from sakoo.vacancies.models import Placement

    return Placement.objects.create(
        seeker=seeker,
        employer=employer,
        employer_name="" if employer else "کارفرمای بیرونی",
        county=seeker.county,
        hired_on=hired_on,
        contract_type=contract_type,
        insured=True,
        source="platform" if employer else "external",
    )
