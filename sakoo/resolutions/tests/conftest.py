import datetime

import pytest

from sakoo.accounts.models import Membership, Organisation


@pytest.fixture
def government_calendar(db):
    """The government calendar: Thursday and Friday off, plus one official holiday on 1404-01-12."""
    from sakoo.workcal.models import Holiday
    from sakoo.workcal.services import calendar_ensure_defaults

    calendars = calendar_ensure_defaults()
    holiday = Holiday.objects.create(date=datetime.date(2025, 4, 1), name_fa="روز جمهوری اسلامی", kind="solar")
    holiday.scopes.add(calendars["government"])
    return calendars["government"]


@pytest.fixture
def agency(db):
    return Organisation.objects.create(kind="agency", code="welfare", name="سازمان بهزیستی")


@pytest.fixture
def other_agency(db):
    return Organisation.objects.create(kind="agency", code="relief", name="کمیته امداد")


def make_user(django_user_model, username, role, organisation=None):
    user = django_user_model.objects.create_user(username=username, password="a-long-test-password", role=role)
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation)
    return user


@pytest.fixture
def admin_user(django_user_model):
    return make_user(django_user_model, "admin1", "province_admin")


@pytest.fixture
def analyst(django_user_model):
    return make_user(django_user_model, "analyst1", "province_analyst")


@pytest.fixture
def officer(django_user_model, agency):
    return make_user(django_user_model, "officer1", "agency_officer", agency)


@pytest.fixture
def other_officer(django_user_model, other_agency):
    return make_user(django_user_model, "officer2", "agency_officer", other_agency)


@pytest.fixture
def meeting(db):
    from sakoo.resolutions.services import meeting_create

    # Sunday 24 Farvardin 1404 = 13 April 2025
    return meeting_create(title="جلسه کارگروه", held_on=datetime.date(2025, 4, 13), chair="استاندار")
