"""Test helpers: load the real shipped reference data into the test database.

In another app's tests, either import the fixtures into your conftest.py::

    from sakoo.geo.testing import reference_data, reference_data_per_test  # noqa: F401

and request ``reference_data`` (module-scoped: loaded once per test module, outside the per-test
transactions, removed after the module; use with ``@pytest.mark.django_db``), or
``reference_data_per_test`` for transactional/live-server tests (``django_db(transaction=True)``),
whose database is flushed after every test. Or call ``load_reference_for_tests()`` yourself.
Loading everything takes about a second and a half on SQLite.
"""

from __future__ import annotations

import pytest


def load_reference_for_tests() -> None:
    """Load provinces, counties, census 2016 and the classifications (idempotent: fast when loaded)."""
    from sakoo.classifications.loaders import load_classifications
    from sakoo.geo.loaders import load_geo

    load_geo()
    load_classifications()


def clear_reference_data() -> None:
    """Remove every reference row (the tables that load_reference fills)."""
    from sakoo.classifications.models import EconomicActivity, GenAIExposure, Occupation
    from sakoo.geo.models import (
        CensusActivity,
        CensusPopulation,
        County,
        CountyVersion,
        Province,
        ReferenceDataset,
    )

    County.neighbours.through.objects.all().delete()
    for model in (CensusActivity, CensusPopulation, CountyVersion, ReferenceDataset, GenAIExposure):
        model.objects.all().delete()
    County.objects.all().delete()
    Province.objects.all().delete()
    for model in (Occupation, EconomicActivity):
        for level in (5, 4, 3, 2, 1):
            model.objects.filter(level=level).delete()


@pytest.fixture(scope="module")
def reference_data(django_db_setup, django_db_blocker):
    """The real reference data, loaded once for the test module and removed after it."""
    with django_db_blocker.unblock():
        load_reference_for_tests()
    yield
    with django_db_blocker.unblock():
        clear_reference_data()


@pytest.fixture
def reference_data_per_test(django_db_blocker):
    """The real reference data for one transactional test (the database is flushed after it)."""
    with django_db_blocker.unblock():
        load_reference_for_tests()
