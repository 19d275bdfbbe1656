import datetime as dt

import pytest

from sakoo.seekers.models import StatusChange
from sakoo.vacancies.models import Placement, Vacancy
from sakoo.vacancies.tests import factories as f

# 1404-07 (Mehr 1404) runs from 2025-09-23 to 2025-10-22.
MONTH = "1404-07"
UTC = dt.UTC


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, tzinfo=UTC)


def _change(seeker, status, day):
    StatusChange.objects.create(seeker=seeker, status=status, valid_from=day)
    seeker.employment_status = status
    seeker.save(update_fields=["employment_status"])


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2025, 11, 15, 8, tzinfo=UTC), tick=False)


@pytest.fixture
def registry(db, frozen):
    """Hand-countable registry for Mehr 1404 (see each line's comment)."""
    tabriz = f.county("0301", "تبریز", "Tabriz")
    marand = f.county("0305", "مرند", "Marand")
    s1 = f.seeker(sex="female", education_level="bachelor", registered_on=dt.date(2025, 5, 1), county=tabriz)
    s2 = f.seeker(sex="male", education_level="high_school", registered_on=dt.date(2025, 6, 1), county=tabriz)
    _change(s2, "employed_looking", dt.date(2025, 10, 5))  # changed status during the month
    f.seeker(sex="female", education_level="master", registered_on=dt.date(2025, 10, 10), county=marand)
    s4 = f.seeker(sex="male", education_level="middle", registered_on=dt.date(2025, 7, 1), county=tabriz)
    _change(s4, "not_looking", dt.date(2025, 11, 1))  # after the month: still unemployed at its end
    f.seeker(sex="male", education_level="middle", registered_on=dt.date(2025, 10, 25), county=tabriz)  # after
    s6 = f.seeker(sex="male", education_level="bachelor", registered_on=dt.date(2025, 8, 1), county=tabriz)
    _change(s6, "not_looking", dt.date(2025, 9, 30))

    kb = f.employer(knowledge_based=True, county=tabriz)
    common = {"county": tabriz}
    Placement.objects.create(
        seeker=s6, employer=kb, hired_on=dt.date(2025, 9, 30), contract_type="permanent", insured=True,
        source="platform", **common,
    )
    Placement.objects.create(  # a hire reported outside the platform, employer not registered
        seeker=s2, employer_name="کارگاه نجاری", hired_on=dt.date(2025, 10, 5), contract_type="fixed_term",
        insured=False, source="external", **common,
    )
    Placement.objects.create(
        seeker=s1, employer=kb, hired_on=dt.date(2025, 8, 1), contract_type="permanent", insured=True,
        source="platform", **common,
    )
    Placement.objects.create(  # next month
        seeker=s4, employer=kb, hired_on=dt.date(2025, 10, 23), contract_type="permanent", insured=True,
        source="platform", **common,
    )

    def vac(published, openings=1, closed=None, expires=None, status="published"):
        v = f.vacancy(emp=kb, openings=openings)
        Vacancy.objects.filter(pk=v.pk).update(
            published_at=_at(published) if published else None, closed_at=_at(closed) if closed else None,
            expires_on=expires, status=status,
        )
        return v

    vac(dt.date(2025, 9, 1), openings=3)  # open
    vac(dt.date(2025, 8, 1), closed=dt.date(2025, 10, 1), status="closed")  # closed during the month
    vac(dt.date(2025, 10, 1), openings=2, expires=dt.date(2025, 10, 30))  # open
    vac(None, status="draft")  # never published
    vac(dt.date(2025, 10, 25))  # published after the month
    return {"tabriz": tabriz, "marand": marand}
