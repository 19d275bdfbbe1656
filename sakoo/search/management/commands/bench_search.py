"""Benchmark Sakoo's search against Django ``icontains`` on N synthetic published vacancies.

Never touches the configured database: the command re-runs itself in a child process whose database is a
separate SQLite file and whose index is a separate directory (``--workdir``, default var/bench/). It then
seeds the vacancies (once; kept for later runs), builds the index, measures 500 queries at the selector, and
starts 2 gunicorn workers on 127.0.0.1 (a free port), once per worker class (sync, then gthread), to measure
over HTTP. The load generator is ``wrk`` (optional: ``apt-get install wrk``; one thread, ``--threads``
connections, a bounded duration, the URL list through sakoo/search/benchmarks/wrk_paths.lua) and, when wrk
is missing, a bounded thread-based Python generator (which takes CPU from the workers on a 2-core machine).
Results go to stdout and ``<workdir>/results.json``.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

INNER_ENV = "SAKOO_BENCH_INNER"


def percentiles(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    v = sorted(values)

    def pick(p):
        return round(v[min(len(v) - 1, round(p / 100 * (len(v) - 1)))] * 1000, 2)

    return {
        "n": len(v),
        "p50_ms": pick(50),
        "p95_ms": pick(95),
        "p99_ms": pick(99),
        "mean_ms": round(statistics.fmean(v) * 1000, 2),
    }


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    except OSError:
        pass
    from importlib.metadata import version

    import tantivy  # noqa: F401

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "tantivy": version("tantivy"),
        "django": version("django"),
        "gunicorn": version("gunicorn"),
    }


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its direct children (gunicorn master and workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        this_pid = int(stat.parent.name)
        if this_pid == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


class Command(BaseCommand):
    help = "Benchmark search vs icontains at the selector and over HTTP (separate SQLite DB and index)."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=200_000, help="published vacancies (default 200000)")
        parser.add_argument("--queries", type=int, default=500)
        parser.add_argument("--baseline-queries", type=int, default=50, help="icontains is slow: a subset")
        parser.add_argument("--workdir", default=str(Path(settings.BASE_DIR) / "var" / "bench"))
        parser.add_argument("--http-seconds", type=float, default=10.0)
        parser.add_argument("--baseline-http-seconds", type=float, default=10.0)
        parser.add_argument(
            "--threads", type=int, default=4, help="concurrent clients (wrk connections or Python threads)"
        )
        parser.add_argument(
            "--load-generator",
            choices=("auto", "wrk", "python"),
            default="auto",
            help="auto: wrk when installed (apt-get install wrk), else the Python thread-based generator",
        )
        parser.add_argument(
            "--worker-classes",
            default="sync,gthread",
            help="gunicorn worker classes to measure, 2 workers each (default sync,gthread)",
        )
        parser.add_argument("--skip-http", action="store_true")
        parser.add_argument("--reseed", action="store_true")

    def handle(self, *args, **opts):
        if os.environ.get(INNER_ENV) != "1":
            return self.outer(opts)
        return self.inner(opts)

    # -- outer: a child process with its own database and index -------------------------------------

    def outer(self, opts):
        workdir = Path(opts["workdir"]).resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        env = self.bench_env(workdir)
        argv = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench_search"]
        for key in (
            "size",
            "queries",
            "baseline_queries",
            "workdir",
            "http_seconds",
            "baseline_http_seconds",
            "threads",
            "load_generator",
            "worker_classes",
        ):
            argv += [f"--{key.replace('_', '-')}", str(opts[key])]
        argv += ["--skip-http"] if opts["skip_http"] else []
        argv += ["--reseed"] if opts["reseed"] else []
        self.stdout.write(
            f"Benchmark database: {env['SQLITE_PATH']} (the configured database is not touched)"
        )
        result = subprocess.run(argv, env=env, cwd=settings.BASE_DIR, check=False)  # noqa: S603 (our own argv)
        if result.returncode:
            raise SystemExit(result.returncode)

    @staticmethod
    def bench_env(workdir: Path) -> dict:
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        env.update(
            {
                INNER_ENV: "1",
                "SQLITE_PATH": str(workdir / "bench.sqlite3"),
                "SEARCH_INDEX_DIR": str(workdir / "index"),
                "SEARCH_API_RATE_LIMIT": "0",
                "SAKOO_ENV": "development",
                "DEBUG": "false",
                "LOG_LEVEL": "WARNING",
                "DJANGO_SETTINGS_MODULE": "config.settings",
            }
        )
        return env

    # -- inner ----------------------------------------------------------------------------------------

    def inner(self, opts):
        from sakoo.search.benchmarks.data import queries as make_queries

        results: dict = {
            "machine": machine(),
            "size": opts["size"],
            "started": datetime.now(UTC).isoformat(),
            "load_average_at_start": os.getloadavg(),
        }
        call_command("migrate", verbosity=0, interactive=False)
        try:
            call_command("load_reference", verbosity=0)
        except Exception as exc:  # the reference loader is optional here
            self.stdout.write(f"load_reference unavailable ({exc}); using the small test reference")
            from sakoo.search.testing import make_reference

            make_reference()
        results["seed_seconds"] = self.seed(opts["size"], reseed=opts["reseed"])
        from sakoo.search.services import get_engine, rebuild_search_index

        started = time.perf_counter()
        indexed = rebuild_search_index()
        results["index_build_seconds"] = round(time.perf_counter() - started, 1)
        results["indexed"] = indexed
        self.stdout.write(f"Index: {indexed} vacancies in {results['index_build_seconds']} s")
        from sakoo.geo.models import County

        counties = list(
            County.objects.filter(province__code=settings.SAKOO_PROVINCE).values_list("code", flat=True)
        ) or list(County.objects.values_list("code", flat=True))
        queries = make_queries(opts["queries"], counties)
        results["selector"] = self.selector(queries)  # as the page calls it: marked titles and snippets
        results["selector_no_highlight"] = self.selector(queries, highlight=False)  # as the API calls it
        results["selector_baseline"] = self.selector_baseline(queries[: opts["baseline_queries"]])
        results["index_size_mb"] = round(
            sum(f.stat().st_size for f in Path(get_engine().path).glob("*") if f.is_file()) / 1e6, 1
        )
        if not opts["skip_http"]:
            results["http"] = self.http(queries, opts)
        results["load_average_at_end"] = os.getloadavg()
        out = Path(opts["workdir"]) / "results.json"
        out.write_text(json.dumps(results, ensure_ascii=False, indent=2))
        self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        self.stdout.write(f"Written to {out}")

    def seed(self, size: int, *, reseed: bool) -> float | None:
        from django.db import connection, transaction

        from sakoo.accounts.models import Organisation
        from sakoo.classifications.models import EconomicActivity, Occupation
        from sakoo.core.text import search_key
        from sakoo.employers.models import Employer
        from sakoo.geo.models import County
        from sakoo.search.benchmarks.data import vacancy_rows
        from sakoo.vacancies.models import Vacancy

        if Vacancy.objects.count() == size and not reseed:
            self.stdout.write(f"Seed: {size} vacancies already there (use --reseed to rebuild them)")
            return None
        started = time.perf_counter()
        now = datetime.now(UTC)
        with transaction.atomic():
            Vacancy.objects.all().delete()
            Employer.objects.filter(legal_id__startswith="9").delete()
            Organisation.objects.filter(kind="employer", code__startswith="bench-").delete()
            counties = list(County.objects.filter(province__code=settings.SAKOO_PROVINCE)) or list(
                County.objects.all()
            )
            activity = EconomicActivity.objects.order_by("code").first()
            if activity is None:
                activity = EconomicActivity.objects.create(code="M", level=1, title_fa="خدمات")
            orgs = Organisation.objects.bulk_create(
                [
                    Organisation(kind="employer", name=f"شرکت نمونه {i}", code=f"bench-{i}")
                    for i in range(3000)
                ]
            )
            employers = Employer.objects.bulk_create(
                [
                    Employer(
                        organisation=o,
                        legal_id=f"9{i:010d}",
                        name=o.name,
                        activity=activity,
                        county=counties[i % len(counties)],
                        is_knowledge_based=i % 10 == 0,
                        verified_at=now,
                    )
                    for i, o in enumerate(orgs)
                ]
            )
            occupations = {o.code: o for o in Occupation.objects.filter(level=4)}
            fallback = next(iter(occupations.values()), None) or Occupation.objects.first()
            batch = []
            for i, row in enumerate(vacancy_rows(size)):
                occ = occupations.get(row["occupation_code"], fallback)
                employer = employers[i % len(employers)]
                batch.append(
                    Vacancy(
                        employer=employer,
                        title=row["title"],
                        title_key=search_key(row["title"])[:200],
                        description=row["description"],
                        occupation=occ,
                        county=counties[(i * 2654435761) % len(counties)],  # a prime: every county used
                        contract_type=row["contract_type"],
                        remote=row["remote"],
                        wage_min=row["wage_min"],
                        wage_max=row["wage_max"],
                        education_required=row["education_required"],
                        openings=row["openings"],
                        is_it=bool(getattr(occ, "is_it", False)),
                        is_knowledge_based=employer.is_knowledge_based,
                        is_graduate_targeted=row["education_required"] in ("bachelor", "master"),
                        status="published",
                        published_at=now - timedelta(days=row["days_ago"], seconds=i),
                        expires_on=(now + timedelta(days=60)).date(),
                    )
                )
                if len(batch) == 5000:
                    Vacancy.objects.bulk_create(batch)
                    batch = []
            Vacancy.objects.bulk_create(batch)
        if connection.vendor == "sqlite":
            with connection.cursor() as c:
                c.execute("ANALYZE")
        seconds = round(time.perf_counter() - started, 1)
        self.stdout.write(f"Seed: {size} vacancies in {seconds} s")
        return seconds

    def selector(self, queries: list[dict], *, highlight: bool = True) -> dict:
        from sakoo.search.selectors import vacancy_search

        for params in queries[:50]:  # warm-up
            vacancy_search(**params, highlight=highlight)
        timings, cpu, totals = [], [], []
        for params in queries:
            c = time.process_time()
            t = time.perf_counter()
            r = vacancy_search(**params, highlight=highlight)
            timings.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            totals.append(r.total)
        out = percentiles(timings)
        # CPU time of this process per query: what a query costs when it does not wait for a core
        out["cpu"] = percentiles(cpu)
        out["median_total"] = statistics.median(totals)
        out["zero_result_queries"] = sum(1 for t in totals if t == 0)
        self.stdout.write(f"Selector (search, highlight={highlight}): {out}")
        return out

    def selector_baseline(self, queries: list[dict]) -> dict:
        from sakoo.search.benchmarks.baseline import icontains_search

        timings, cpu, totals = [], [], []
        for params in queries:
            c = time.process_time()
            t = time.perf_counter()
            r = icontains_search(**params)
            timings.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            totals.append(r["total"])
        out = percentiles(timings)
        out["cpu"] = percentiles(cpu)
        out["median_total"] = statistics.median(totals) if totals else 0
        self.stdout.write(f"Selector (icontains): {out}")
        return out

    # -- HTTP ----------------------------------------------------------------------------------------

    def http(self, queries: list[dict], opts) -> dict:
        """Each worker class in turn: 2 gunicorn workers, the API under load, then (first class only) the
        icontains baseline and the HTML page. The load generator is wrk when available: a Python
        generator on the same two cores takes CPU from the workers it measures."""
        generator = opts["load_generator"]
        if generator == "auto":
            generator = "wrk" if shutil.which("wrk") else "python"
        elif generator == "wrk" and not shutil.which("wrk"):
            raise SystemExit("wrk is not installed (apt-get install wrk), use --load-generator python")
        api_paths = ["/api/v1/vacancies?" + urlencode(p) for p in queries]
        base_paths = ["/bench/icontains?" + urlencode(p) for p in queries[: opts["baseline_queries"]]]
        # the page takes the wage in tomans: the same queries, wage / 10
        page_paths = [
            "/search/?" + urlencode({**p, "min_wage": p["min_wage"] // 10} if p.get("min_wage") else p)
            for p in queries
        ]
        out = {
            "workers": 2,
            "clients": opts["threads"],
            "load_generator": generator,
            "load_average_at_start": os.getloadavg(),
        }
        classes = [c.strip() for c in opts["worker_classes"].split(",") if c.strip()]
        for n, worker_class in enumerate(classes):
            runs = [("search", api_paths, opts["http_seconds"])]
            if n == 0:
                runs += [
                    ("page", page_paths, max(opts["http_seconds"] / 2, 3.0)),
                    ("icontains", base_paths, opts["baseline_http_seconds"]),
                ]
            out[worker_class] = self.http_runs(worker_class, runs, generator, opts["threads"])
        out["load_average_at_end"] = os.getloadavg()
        self.stdout.write(f"HTTP: {out}")
        return out

    def http_runs(self, worker_class: str, runs: list, generator: str, clients: int) -> dict:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="sakoo.search.benchmarks.settings")
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "-w",
            "2",
            "-k",
            worker_class,
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ]
        if worker_class == "gthread":
            argv += ["--threads", "2"]
        server = subprocess.Popen(argv, env=env, cwd=settings.BASE_DIR)  # noqa: S603 (our own argv)
        load = self.load_wrk if generator == "wrk" else self.load
        try:
            self.wait_ready(port)
            load(port, runs[0][1][:50], 3.0, clients)  # warm-up both workers
            out: dict = {"worker_class": worker_class}
            for name, paths, seconds in runs:
                before = server_cpu_seconds(server.pid)
                out[name] = load(port, paths, seconds, clients)
                used = server_cpu_seconds(server.pid) - before
                n = out[name]["n"] or 1
                # server CPU per request: what a request costs the two workers, whatever else runs
                out[name]["server_cpu_ms_per_request"] = round(used / n * 1000, 2)
                out[name]["capacity_req_per_s_2_cores"] = round(2 * n / used, 1) if used else None
            return out
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()

    @staticmethod
    def load_wrk(port: int, paths: list[str], seconds: float, clients: int) -> dict:
        """Closed-loop load with wrk: one thread, ``clients`` connections, a bounded duration."""
        script = Path(__file__).resolve().parents[2] / "benchmarks" / "wrk_paths.lua"
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
            fh.write("\n".join(paths) + "\n")
            path_file = fh.name
        try:
            result = subprocess.run(  # noqa: S603 (our own argv)
                [
                    shutil.which("wrk") or "wrk",
                    "-t1",
                    f"-c{clients}",
                    f"-d{max(round(seconds), 1)}s",
                    "--timeout",
                    "30s",
                    "-s",
                    str(script),
                    f"http://127.0.0.1:{port}",
                    "--",
                    path_file,
                ],
                capture_output=True,
                text=True,
                timeout=seconds + 60,
                check=False,
            )
        finally:
            os.unlink(path_file)
        line = next((x for x in result.stdout.splitlines() if x.startswith("SAKOO_WRK_JSON ")), None)
        if line is None:
            raise RuntimeError(f"wrk failed: {result.stdout[-500:]} {result.stderr[-500:]}")
        d = json.loads(line.split(" ", 1)[1])
        n = d["requests"]
        errors = sum(v for k, v in d.items() if k.startswith("errors_"))
        return {
            "n": n,
            "p50_ms": round(d["p50_us"] / 1000, 2),
            "p95_ms": round(d["p95_us"] / 1000, 2),
            "p99_ms": round(d["p99_us"] / 1000, 2),
            "mean_ms": round(d["mean_us"] / 1000, 2),
            "requests_per_second": round(n / (d["duration_us"] / 1e6), 1) if d["duration_us"] else 0,
            "errors": errors,
        }

    @staticmethod
    def wait_ready(port: int) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/api/v1/vacancies?q=x")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    @staticmethod
    def load(port: int, paths: list[str], seconds: float, threads: int) -> dict:
        """Closed-loop load: ``threads`` clients, each sending the next request when the last one answers."""
        timings: list[float] = []
        errors = [0]
        lock = threading.Lock()
        stop_at = time.monotonic() + seconds

        def client(offset: int):
            i = offset
            local = []
            while time.monotonic() < stop_at:
                path = paths[i % len(paths)]
                i += threads
                t = time.perf_counter()
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    conn.request("GET", path)
                    response = conn.getresponse()
                    response.read()
                    conn.close()
                    ok = response.status == 200
                except OSError:
                    ok = False
                local.append(time.perf_counter() - t)
                if not ok:
                    with lock:
                        errors[0] += 1
            with lock:
                timings.extend(local)

        started = time.monotonic()
        workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.monotonic() - started
        out = percentiles(timings)
        out["requests_per_second"] = round(len(timings) / elapsed, 1)
        out["errors"] = errors[0]
        return out
