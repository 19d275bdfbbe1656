from datetime import UTC, datetime

import pytest

from sakoo.search import selectors, services
from sakoo.search.testing import make_search_fixture

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def search_index(settings, tmp_path):
    """An empty index in a temporary directory; the engine and reference caches are reset."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    services.reset_engine()
    selectors.clear_reference_cache()
    yield settings.SEARCH_INDEX_DIR
    services.reset_engine()
    selectors.clear_reference_cache()


@pytest.fixture
def fixture_ids(db, search_index, time_machine):
    """The 30-vacancy fixture, indexed; time frozen at NOW."""
    time_machine.move_to(NOW, tick=False)
    ids = make_search_fixture(NOW)
    services.rebuild_search_index()
    return ids


@pytest.fixture
def search(fixture_ids):
    """search(**kwargs) -> the fixture keys of the results, in result order."""
    by_id = {v: k for k, v in fixture_ids.items()}

    def run(**kwargs):
        kwargs.setdefault("per_page", 50)
        result = selectors.vacancy_search(now=NOW, **kwargs)
        return [by_id[r["id"]] for r in result.results]

    return run
