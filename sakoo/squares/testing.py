"""Factories for labour-square tests (and other apps' tests that need a square)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from sakoo.accounts.models import OrganisationKind
from sakoo.accounts.testing import OrganisationFactory
from sakoo.core.validators import make_national_id
from sakoo.geo.factories import CountyFactory
from sakoo.squares.models import CheckIn, DayRequest, Labourer, MinimumDailyWage, Square, Trade


def trade(code: str = "labourer") -> Trade:
    """A trade from the data migration (``mason``, ``labourer``, ``painter``, ``farm``…)."""
    return Trade.objects.get(code=code)


class MunicipalityFactory(OrganisationFactory):
    kind = OrganisationKind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"شهرداری آزمایشی {n}")
    code = factory.Sequence(lambda n: f"municipality-{n}")
    county = factory.SubFactory(CountyFactory)


class SquareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Square

    name = factory.Sequence(lambda n: f"میدان کارگری آزمایشی {n}")
    organisation = factory.SubFactory(MunicipalityFactory)
    county = factory.LazyAttribute(lambda o: o.organisation.county)
    city = "شهر آزمایشی"
    address = "خیابان اصلی"
    landmark = ""
    opens_at = dt.time(5, 30)
    closes_at = dt.time(10, 0)


class LabourerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Labourer
        skip_postgeneration_save = True

    square = factory.SubFactory(SquareFactory)
    full_name = factory.Sequence(lambda n: f"کارگر آزمایشی {n}")
    mobile = factory.Sequence(lambda n: f"0914{n:07d}")
    national_id = factory.Sequence(lambda n: make_national_id(f"{100_000_000 + n:09d}"))
    consent = True
    registered_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=90))

    @factory.post_generation
    def trades(self, create, extracted, **kwargs):
        if create:
            self.trades.set(extracted if extracted is not None else [trade("labourer")])


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    labourer = factory.SubFactory(LabourerFactory)
    square = factory.LazyAttribute(lambda o: o.labourer.square)
    date = factory.LazyFunction(timezone.localdate)
    arrived_at = factory.LazyAttribute(
        lambda o: timezone.make_aware(dt.datetime.combine(o.date, dt.time(6, 0)))
    )


class DayRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DayRequest

    square = factory.SubFactory(SquareFactory)
    employer_name = "پیمانکار آزمایشی"
    employer_mobile = "09121112233"
    trade = factory.LazyFunction(lambda: trade("labourer"))
    workers = 2
    work_date = factory.LazyFunction(timezone.localdate)
    place = "کوی آزمایشی"
    daily_wage = 5_000_000
    hours = 8


def set_minimum_wage(amount: int, effective_from: dt.date = dt.date(2000, 1, 1)) -> MinimumDailyWage:
    return MinimumDailyWage.objects.create(effective_from=effective_from, amount=amount)
