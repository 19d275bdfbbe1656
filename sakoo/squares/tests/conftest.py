import datetime as dt

import pytest
from django.utils import timezone

from sakoo.accounts.models import Role
from sakoo.accounts.testing import MembershipFactory, UserFactory
from sakoo.squares.testing import LabourerFactory, SquareFactory, trade


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def square(db):
    return SquareFactory()


@pytest.fixture
def other_square(db):
    return SquareFactory()


@pytest.fixture
def coordinator(square):
    user = UserFactory(role=Role.LABOUR_SQUARE_COORDINATOR)
    MembershipFactory(user=user, organisation=square.organisation)
    return user


@pytest.fixture
def mason(db):
    return trade("mason")


@pytest.fixture
def labourer(square):
    return LabourerFactory(square=square)


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)
