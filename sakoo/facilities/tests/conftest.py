import pytest
from django.core.cache import cache
from django.core.management import call_command

from sakoo.facilities.testing import make_world


@pytest.fixture
def world(db):
    call_command("load_calendar", "--from-year", "1402", "--to-year", "1404")
    return make_world()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()
