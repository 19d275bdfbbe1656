"""Benchmark the monitoring dashboard on a large synthetic registry, in a separate SQLite file.

    manage.py bench_monitoring --seekers 1000000 --vacancies 300000 --events 3000000 [--record]

The parent process re-runs this command in a child with SQLITE_PATH pointing at the benchmark file (never
the demo database): the child migrates, loads the reference data, writes the synthetic rows with raw
``executemany`` inserts, refreshes the monthly aggregates (timed) and requests the dashboard for the
province and every county, reporting p50/p95. ``--record`` appends the result to docs/performance.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

FIELDS = ["مهندسی کامپیوتر", "حسابداری", "مدیریت", "مهندسی مکانیک", "کشاورزی", "پرستاری", "حقوق",
          "روانشناسی", "مهندسی برق", "علوم تربیتی", "معماری", "ادبیات فارسی", "", "", ""]
EDUCATION = ["illiterate", "elementary", "middle", "high_school", "associate", "bachelor", "master", "doctorate"]
EDU_WEIGHTS = [2, 8, 12, 30, 12, 24, 10, 2]
GRADUATE = {"associate", "bachelor", "master", "doctorate"}
CONTRACTS = ["permanent", "fixed_term", "part_time", "seasonal", "day_labour", "internship"]


def _defaults(model, now_iso: str) -> tuple[list[str], dict]:
    """Column names and DB-ready defaults for every concrete field of ``model``."""
    columns, values = [], {}
    for field in model._meta.concrete_fields:
        columns.append(field.column)
        if field.has_default():
            value = field.get_db_prep_save(field.get_default(), connection)
            if hasattr(value, "adapted"):
                value = value.adapted
            if isinstance(value, (dict, list)):
                value = json.dumps(value)
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now_iso
        elif field.null:
            value = None
        elif field.get_internal_type() in ("CharField", "TextField", "SlugField", "FileField", "EmailField", "URLField"):
            value = ""
        else:
            value = None
        values[field.column] = value
    return columns, values


def insert(model, rows, now_iso: str, batch: int = 50000) -> int:
    columns, defaults = _defaults(model, now_iso)
    # table and column names come from the model's own metadata, never from input
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
    buffer, count = [], 0
    with connection.cursor() as cursor:
        for row in rows:
            buffer.append(tuple(row.get(c, defaults[c]) for c in columns))
            if len(buffer) >= batch:
                cursor.executemany(sql, buffer)
                count += len(buffer)
                buffer = []
        if buffer:
            cursor.executemany(sql, buffer)
            count += len(buffer)
    return count


class Command(BaseCommand):
    help = "Benchmark the monitoring dashboard on a synthetic registry in a separate SQLite file."

    def add_arguments(self, parser):
        parser.add_argument("--seekers", type=int, default=1_000_000)
        parser.add_argument("--vacancies", type=int, default=300_000)
        parser.add_argument("--events", type=int, default=3_000_000, help="applications + status changes")
        parser.add_argument("--months", type=int, default=36)
        parser.add_argument("--requests", type=int, default=40, help="dashboard requests per scope")
        parser.add_argument("--db", default=str(Path(settings.BASE_DIR) / "var" / "bench-monitoring.sqlite3"))
        parser.add_argument("--seed", type=int, default=1404)
        parser.add_argument("--record", action="store_true", help="append the result to docs/performance.md")
        parser.add_argument("--reuse", action="store_true", help="keep an existing benchmark file's data set")
        parser.add_argument("--child", action="store_true", help=argparse_hidden())

    def handle(self, *args, **opts):
        if not opts["child"]:
            return self._parent(opts)
        return self._child(opts)

    # -- parent: run the child against the benchmark file, record the result ----------------------------
    def _parent(self, opts):
        db = Path(opts["db"]).resolve()
        demo = Path(settings.DATABASES["default"]["NAME"]).resolve() if "sqlite" in settings.DATABASES["default"]["ENGINE"] else None
        if demo is not None and db == demo:
            raise CommandError("--db must not be the demo database")
        if not opts["reuse"]:
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update({"SQLITE_PATH": str(db), "SAKOO_ENV": "development", "DEBUG": "false", "LOG_LEVEL": "WARNING"})
        argv = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench_monitoring", "--child"]
        for name in ("seekers", "vacancies", "events", "months", "requests", "seed"):
            argv += [f"--{name}", str(opts[name])]
        if opts["reuse"]:
            argv.append("--reuse")
        result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise CommandError(result.stderr[-3000:])
        report = result.stdout.strip().splitlines()[-1]
        data = json.loads(report)
        text = self._markdown(data)
        self.stdout.write(text)
        if opts["record"]:
            self._record(text)

    def _markdown(self, d) -> str:
        reused = d["generate_s"] != d["generate_s"]  # NaN: the data set was reused
        generation = (
            "- data set reused from an earlier run (`--reuse`)" if reused else f"- data generation: {d['generate_s']:.0f} s"
        )
        lines = [
            f"### bench_monitoring, {d['date']}",
            "",
            f"Data set (separate SQLite file, not the demo DB): {d['seekers']:,} job seekers, {d['vacancies']:,} vacancies, "
            f"{d['status_changes']:,} status changes + {d['applications']:,} applications = {d['events']:,} events, "
            f"{d['placements']:,} placements over {d['months']} Jalali months, 21 counties.",
            "",
            generation + f"; `refresh_monthly_aggregates --all` ({d['months']} months): "
            f"{d['refresh_s']:.1f} s, {d['aggregate_rows']:,} aggregate rows",
            f"- nightly refresh (current + previous month): {d['nightly_s']:.1f} s",
            f"- dashboard, province (GET /monitoring/, {d['requests']} requests): p50 {d['province_p50']:.0f} ms, "
            f"p95 {d['province_p95']:.0f} ms",
            f"- dashboard, each of the 21 counties ({d['county_requests']} requests in all): p50 {d['county_p50']:.0f} ms, "
            f"p95 {d['county_p95']:.0f} ms, worst county p95 {d['county_worst_p95']:.0f} ms",
            f"- the same pages rendered cold (cache cleared before each request, as on the first visit after a "
            f"refresh): province p50 {d['province_cold_p50']:.0f} ms, p95 {d['province_cold_p95']:.0f} ms; counties "
            f"p50 {d['county_cold_p50']:.0f} ms, p95 {d['county_cold_p95']:.0f} ms",
            f"- API /api/v1/stats/summary (province): p95 {d['api_p95']:.0f} ms",
            "",
        ]
        return "\n".join(lines)

    def _record(self, text: str) -> None:
        path = Path(settings.BASE_DIR) / "docs" / "performance.md"
        current = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
        if "## Monitoring" not in current:
            current = current.rstrip("\n") + "\n\n## Monitoring\n\n"
            current += (
                "The dashboard reads only `monitoring.MonthlyAggregate` (precomputed per Jalali month, county, "
                "indicator and breakdown), so its cost does not grow with the registry. Reproduce with "
                "`manage.py bench_monitoring --record` (add `--seekers/--vacancies/--events` for other sizes).\n\n"
            )
            current += text
        else:
            head, _sep, tail = current.partition("## Monitoring")
            # insert this run at the end of the Monitoring section (before the next "## " heading)
            body, nxt, rest = tail.partition("\n## ")
            current = head + "## Monitoring" + body.rstrip("\n") + "\n\n" + text + (("\n## " + rest) if nxt else "")
        path.write_text(current, encoding="utf-8")

    # -- child: build the data set, refresh, measure ---------------------------------------------------
    def _child(self, opts):
        rng = random.Random(opts["seed"])
        call_command("migrate", verbosity=0)
        from sakoo.seekers.models import JobSeeker

        if opts["reuse"] and JobSeeker.objects.exists():
            counts, generate_s = self._existing_counts(), float("nan")
        else:
            call_command("load_reference", verbosity=0)
            t0 = time.perf_counter()
            counts = self._generate(rng, opts)
            generate_s = time.perf_counter() - t0

        from sakoo.core.jalali import add_months, jalali_month_of
        from sakoo.monitoring.aggregates import refresh_monthly_aggregates
        from sakoo.monitoring.models import MonthlyAggregate

        today = timezone.localdate()
        end = jalali_month_of(today)
        start = add_months(*end, -(opts["months"] - 1))
        t0 = time.perf_counter()
        refresh_monthly_aggregates(start, end)
        refresh_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        refresh_monthly_aggregates(add_months(*end, -1), end)
        nightly_s = time.perf_counter() - t0
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        timings = self._measure(opts["requests"])
        result = {
            "date": dt.date.today().isoformat(),
            **counts,
            "months": opts["months"],
            "generate_s": generate_s,
            "refresh_s": refresh_s,
            "nightly_s": nightly_s,
            "aggregate_rows": MonthlyAggregate.objects.count(),
            "requests": opts["requests"],
            **timings,
        }
        self.stdout.write(json.dumps(result))

    def _generate(self, rng: random.Random, opts) -> dict:
        from sakoo.accounts.models import Membership, Organisation, User
        from sakoo.classifications.models import EconomicActivity, Occupation
        from sakoo.employers.models import Employer
        from sakoo.geo.models import County
        from sakoo.seekers.models import JobSeeker, StatusChange
        from sakoo.vacancies.models import Application, Placement, Vacancy

        now = timezone.now()
        now_iso = now.isoformat()
        today = timezone.localdate()
        first_day = today - dt.timedelta(days=30 * opts["months"])
        span = (today - first_day).days
        counties = list(County.objects.filter(province__code=settings.SAKOO_PROVINCE).values_list("pk", flat=True))
        weights = [30 if i == 0 else rng.randint(2, 8) for i in range(len(counties))]
        occupations = list(Occupation.objects.filter(level=4).values_list("pk", "code"))
        activities = list(EconomicActivity.objects.filter(level=2).values_list("pk", flat=True)) or list(
            EconomicActivity.objects.values_list("pk", flat=True)
        )
        n_seekers, n_vacancies = opts["seekers"], opts["vacancies"]

        with transaction.atomic():
            # employers
            n_employers = max(50, n_vacancies // 100)
            insert(Organisation, ({"id": i, "kind": "employer", "name": f"شرکت {i}", "code": ""} for i in range(1, n_employers + 1)), now_iso)
            insert(
                Employer,
                (
                    {
                        "id": i, "organisation_id": i, "legal_id": f"{10000000000 + i}", "name": f"شرکت {i}",
                        "activity_id": rng.choice(activities), "county_id": rng.choices(counties, weights)[0],
                        "is_knowledge_based": int(rng.random() < 0.08), "is_cooperative": int(rng.random() < 0.06),
                        "verified_at": now_iso,
                    }
                    for i in range(1, n_employers + 1)
                ),
                now_iso,
            )
            # users and job seekers
            insert(
                User,
                ({"id": 1000 + i, "username": f"bench{i}", "password": "!", "role": "job_seeker", "date_joined": now_iso,
                  "is_active": 1, "is_staff": 0, "is_superuser": 0} for i in range(1, n_seekers + 1)),
                now_iso,
            )
            seekers = []

            def seeker_rows():
                for i in range(1, n_seekers + 1):
                    education = rng.choices(EDUCATION, EDU_WEIGHTS)[0]
                    registered = first_day + dt.timedelta(days=int(span * rng.random() ** 0.8))
                    seekers.append(registered)
                    birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randint(0, 16000))
                    yield {
                        "id": i, "user_id": 1000 + i, "national_id": f"{i:010d}", "first_name": "کارجو",
                        "last_name": str(i), "birth_date": birth.isoformat(), "sex": "female" if rng.random() < 0.42 else "male",
                        "county_id": rng.choices(counties, weights)[0], "education_level": education,
                        "field_of_study": rng.choice(FIELDS) if education in GRADUATE else "",
                        "is_graduate": int(education in GRADUATE), "employment_status": "unemployed_looking",
                        "registered_on": registered.isoformat(), "consent_to_be_found": 0,
                    }

            insert(JobSeeker, seeker_rows(), now_iso)
            # status history: an initial entry each, then changes up to the events budget (60%)
            budget_changes = max(n_seekers, int(opts["events"] * 0.6))
            statuses = ["unemployed_looking", "employed_looking", "not_looking"]
            n_changes = 0

            def change_rows():
                nonlocal n_changes
                extra = budget_changes - n_seekers
                for i, registered in enumerate(seekers, start=1):
                    n_changes += 1
                    yield {"id": n_changes, "seeker_id": i, "status": "unemployed_looking", "valid_from": registered.isoformat(),
                           "reason": "", "created_at": now_iso}
                    day = registered
                    k = 0
                    while extra > 0 and rng.random() < 0.75 and k < 4:
                        day = day + dt.timedelta(days=rng.randint(10, 200))
                        if day > today:
                            break
                        n_changes += 1
                        extra -= 1
                        k += 1
                        yield {"id": n_changes, "seeker_id": i, "status": statuses[(k + rng.randint(0, 2)) % 3],
                               "valid_from": day.isoformat(), "reason": "", "created_at": now_iso}

            insert(StatusChange, change_rows(), now_iso)
            # vacancies
            def vacancy_rows():
                for i in range(1, n_vacancies + 1):
                    published = now - dt.timedelta(days=int(span * rng.random()))
                    occupation_id, code = rng.choice(occupations)
                    closed = published + dt.timedelta(days=rng.randint(5, 90))
                    yield {
                        "id": i, "employer_id": rng.randint(1, n_employers), "title": "فرصت", "description": "شرح",
                        "title_key": "فرصت", "occupation_id": occupation_id, "county_id": rng.choices(counties, weights)[0],
                        "contract_type": rng.choice(CONTRACTS), "openings": rng.randint(1, 5),
                        "is_it": int(code[:2] in ("25", "35")), "status": "published" if closed > now else "closed",
                        "published_at": published.isoformat(), "closed_at": closed.isoformat() if closed <= now else None,
                    }

            insert(Vacancy, vacancy_rows(), now_iso)
            # applications: the rest of the events
            n_apps = max(0, opts["events"] - n_changes)

            def app_rows():
                for i in range(1, n_apps + 1):
                    seeker = (i * 7919) % n_seekers + 1
                    vacancy = (i * 104729 + i // n_seekers) % n_vacancies + 1
                    yield {"id": i, "vacancy_id": vacancy, "seeker_id": seeker, "status": "submitted",
                           "created_at": now_iso, "updated_at": now_iso}

            with connection.cursor() as cursor:
                cursor.execute('DROP INDEX IF EXISTS "one_application_per_vacancy"')
            insert(Application, app_rows(), now_iso)
            # placements: about 15% of seekers, hired after registering (some reported outside the platform)
            n_placements = 0

            def placement_rows():
                nonlocal n_placements
                for i, registered in enumerate(seekers, start=1):
                    if rng.random() >= 0.15:
                        continue
                    hired = registered + dt.timedelta(days=rng.randint(3, 240))
                    if hired > today:
                        continue
                    n_placements += 1
                    external = rng.random() < 0.3
                    yield {
                        "id": n_placements, "seeker_id": i, "employer_id": None if external else rng.randint(1, n_employers),
                        "employer_name": "کارگاه" if external else "", "county_id": rng.choices(counties, weights)[0],
                        "hired_on": hired.isoformat(), "contract_type": rng.choice(CONTRACTS), "insured": int(rng.random() < 0.6),
                        "source": "external" if external else "platform", "created_at": now_iso,
                        "occupation_id": rng.choice(occupations)[0],
                    }

            insert(Placement, placement_rows(), now_iso)
            # an analyst and one county officer per county
            analyst = User.objects.create(username="bench-analyst", role="province_analyst")
            for county_id in counties:
                org = Organisation.objects.create(kind="county", name=f"فرمانداری {county_id}", county_id=county_id)
                officer = User.objects.create(username=f"bench-county-{county_id}", role="county_officer")
                Membership.objects.create(user=officer, organisation=org)
        del analyst
        return {
            "seekers": n_seekers, "vacancies": n_vacancies, "status_changes": n_changes, "applications": n_apps,
            "events": n_changes + n_apps, "placements": n_placements,
        }

    def _existing_counts(self) -> dict:
        from sakoo.seekers.models import JobSeeker, StatusChange
        from sakoo.vacancies.models import Application, Placement, Vacancy

        changes, apps = StatusChange.objects.count(), Application.objects.count()
        return {
            "seekers": JobSeeker.objects.count(), "vacancies": Vacancy.objects.count(), "status_changes": changes,
            "applications": apps, "events": changes + apps, "placements": Placement.objects.count(),
        }

    def _measure(self, requests: int) -> dict:
        from django.test import Client

        from sakoo.accounts.models import User
        from sakoo.core.jalali import jalali_month_of

        month = "{:04d}-{:02d}".format(*jalali_month_of(timezone.localdate()))

        def timed(client, url, n, cold=False):
            from django.core.cache import cache

            client.get(url)  # warm-up (template and translation caches)
            out = []
            for _ in range(n):
                if cold:
                    cache.clear()  # render from the aggregates, as the first visit after a refresh does
                t0 = time.perf_counter()
                response = client.get(url)
                out.append((time.perf_counter() - t0) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{url}: {response.status_code}")
            return out

        def p95(values):
            return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)

        province = Client()
        province.force_login(User.objects.get(username="bench-analyst"))
        prov = timed(province, f"/monitoring/?month={month}", requests)
        prov_cold = timed(province, f"/monitoring/?month={month}", requests, cold=True)
        api = timed(province, f"/api/v1/stats/summary?month={month}", requests)
        county_all, county_cold, worst = [], [], 0.0
        for officer in User.objects.filter(username__startswith="bench-county-").order_by("pk"):
            client = Client()
            client.force_login(officer)
            values = timed(client, f"/monitoring/?month={month}", max(5, requests // 4))
            county_all += values
            worst = max(worst, p95(values))
            county_cold += timed(client, f"/monitoring/?month={month}", 3, cold=True)
        return {
            "province_p50": statistics.median(prov), "province_p95": p95(prov),
            "county_p50": statistics.median(county_all), "county_p95": p95(county_all), "county_worst_p95": worst,
            "county_requests": len(county_all), "api_p95": p95(api),
            "province_cold_p50": statistics.median(prov_cold), "province_cold_p95": p95(prov_cold),
            "county_cold_p50": statistics.median(county_cold), "county_cold_p95": p95(county_cold),
        }


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS
