import datetime as dt

import pytest
from django.utils import timezone

from sakoo.cooperatives.testing import CooperativeFactory, SupportItemFactory, member_of


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def cooperative(db):
    return CooperativeFactory()


@pytest.fixture
def item(db):
    return SupportItemFactory()


@pytest.fixture
def member(cooperative):
    return member_of(cooperative)


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)
