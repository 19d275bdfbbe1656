"""The index as a cache of the database: queue, after-commit processing, rebuild, check, concurrency."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sakoo.search import services
from sakoo.search.models import IndexQueueEntry
from sakoo.search.selectors import vacancy_search
from sakoo.vacancies.models import Vacancy

from .conftest import NOW

ROOT = Path(__file__).resolve().parents[3]


def test_publish_is_searchable_after_commit_and_close_removes_it(
    fixture_ids, django_capture_on_commit_callbacks
):
    v = Vacancy.objects.get(pk=fixture_ids["v26"])  # a draft «حسابدار ارشد»
    assert vacancy_search(q="حسابدار ارشد", now=NOW).total == 1  # v01 only
    with django_capture_on_commit_callbacks(execute=True):
        Vacancy.objects.filter(pk=v.pk).update(status="published", published_at=NOW)
        services.index_vacancy(v.pk)
        assert IndexQueueEntry.objects.count() == 1
    assert IndexQueueEntry.objects.count() == 0
    assert sorted(r["id"] for r in vacancy_search(q="حسابدار ارشد", now=NOW).results) == sorted(
        [fixture_ids["v01"], v.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        Vacancy.objects.filter(pk=v.pk).update(status="closed")
        services.remove_vacancy(v.pk)
    assert [r["id"] for r in vacancy_search(q="حسابدار ارشد", now=NOW).results] == [fixture_ids["v01"]]


def test_queue_entry_survives_when_the_after_commit_step_did_not_run(fixture_ids):
    Vacancy.objects.filter(pk=fixture_ids["v29"]).update(status="published")
    services.index_vacancy(fixture_ids["v29"])  # in a test transaction: on_commit never fires
    assert IndexQueueEntry.objects.count() == 1
    assert services.check_search_index() == {"missing": [fixture_ids["v29"]], "stale": [], "extra": []}
    call_command("process_search_queue")
    assert IndexQueueEntry.objects.count() == 0
    assert services.check_search_index() == {"missing": [], "stale": [], "extra": []}


def test_check_reports_missing_stale_and_extra_and_exits_non_zero(fixture_ids):
    call_command("check_search_index")  # in step: no error
    Vacancy.objects.filter(pk=fixture_ids["v26"]).update(status="published", published_at=NOW)  # missing
    Vacancy.objects.filter(pk=fixture_ids["v04"]).update(title="حسابدار ارشد")  # stale
    Vacancy.objects.filter(pk=fixture_ids["v06"]).update(status="closed")  # extra
    assert services.check_search_index() == {
        "missing": [fixture_ids["v26"]],
        "stale": [fixture_ids["v04"]],
        "extra": [fixture_ids["v06"]],
    }
    with pytest.raises(CommandError):
        call_command("check_search_index")
    call_command("rebuild_search_index")
    call_command("check_search_index")
    assert services.check_search_index() == {"missing": [], "stale": [], "extra": []}


def test_an_index_of_an_earlier_layout_is_emptied_and_the_rebuild_fills_it(tmp_path, caplog):
    import tantivy

    from sakoo.search.engine import Engine

    old = tantivy.SchemaBuilder()
    old.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    index = tantivy.Index(old.build(), path=str(tmp_path), reuse=False)
    writer = index.writer(15_000_000, 1)
    doc = tantivy.Document()
    doc.add_unsigned("id", 1)
    writer.add_document(doc)
    writer.commit()
    del writer

    engine = Engine(tmp_path)  # no error: the stale index is replaced by an empty one

    assert engine.num_docs() == 0
    assert "rebuild_search_index" in caplog.text
    with engine.writer() as w:
        Engine.replace_all(w, [])
    assert Engine(tmp_path).num_docs() == 0  # opens as it is now


@pytest.mark.slow
def test_concurrent_publishing_loses_no_update(tmp_path):
    """Four processes publish (and close some) at once; afterwards the index matches the database."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        SAKOO_ENV="test",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        SEARCH_INDEX_DIR=str(tmp_path / "index"),
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    python = sys.executable

    def run(*args, **kw):
        return subprocess.run(
            [python, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, **kw
        )

    assert run("manage.py", "migrate", "--noinput").returncode == 0
    setup = (
        "import django; django.setup();"
        "from datetime import datetime, UTC;"
        "from sakoo.search.testing import make_reference, make_employer;"
        "c, o, a = make_reference();"
        "make_employer('شرکت آذر', verified=True, county=c['0301'], activity=a, legal_id='10101010101')"
    )
    assert run("-c", setup).returncode == 0
    worker = str(Path(__file__).with_name("concurrency_worker.py"))
    procs = [
        subprocess.Popen([python, worker, str(n), "15"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        for n in range(4)
    ]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
    check = run("manage.py", "check_search_index")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.splitlines()[:3] == ["missing: 0", "stale: 0", "extra: 0"]
    count = run(
        "-c",
        "import django; django.setup();"
        "from sakoo.search.services import get_engine; from sakoo.search.models import IndexQueueEntry;"
        "print(get_engine().num_docs(), IndexQueueEntry.objects.count())",
    )
    assert count.stdout.split() == ["40", "0"]  # 4 × 15 published, 4 × 5 closed again; queue empty


@pytest.mark.slow
def test_bench_search_runs_on_its_own_database(tmp_path):
    """A tiny benchmark run: it uses its own SQLite file and index, and writes its results; the in-process
    replay (for profilers) then runs against them."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), SAKOO_ENV="test")
    env.pop("DATABASE_URL", None)

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, *args, "--workdir", str(tmp_path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        return done

    run(
        "manage.py",
        "bench_search",
        "--size",
        "300",
        "--queries",
        "20",
        "--baseline-queries",
        "5",
        "--skip-http",
    )
    import json

    results = json.loads((tmp_path / "results.json").read_text())
    assert (
        results["size"],
        results["indexed"],
        results["selector"]["n"],
        results["selector_baseline"]["n"],
    ) == (300, 300, 20, 5)
    assert "5 requests:" in run("-m", "sakoo.search.benchmarks.replay", "--requests", "5").stdout
