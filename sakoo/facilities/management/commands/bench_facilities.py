"""Benchmark: N facility files with M step events, then time the absorption dashboard, the bank scorecard
and a big import (``--pages`` to time only some pages, e.g. ``--pages scorecard --import-rows 0``).

Run it on a scratch database, e.g. ``SQLITE_PATH=/tmp/bench.sqlite3 manage.py migrate`` then
``SQLITE_PATH=/tmp/bench.sqlite3 manage.py bench_facilities``. It uses the fiscal year 1402 (which the demo
does not use) and the demo's agencies and banks (it loads them if missing).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import statistics
import time

import jdatetime
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from openpyxl import Workbook

from sakoo.accounts.models import Role, User
from sakoo.core.validators import make_national_id
from sakoo.facilities.demo import seed_facilities
from sakoo.facilities.imports import run_import
from sakoo.facilities.models import (
    Agency,
    AllocationVersion,
    Bank,
    FacilityFile,
    FileStep,
    FiscalYear,
    ImportBatch,
    Program,
    ProvinceQuota,
    Step,
)
from sakoo.facilities.selectors import bank_measures, bank_measures_from_files, percentile
from sakoo.facilities.services import allocation_version_create, facility_file_verify_jobs
from sakoo.facilities.summaries import rebuild_summaries, summary_differences
from sakoo.geo.models import County

BENCH_YEAR = 1402
PAGES = ("dashboard", "api", "scorecard")


class Command(BaseCommand):
    help = "Benchmark the absorption dashboard (N files, M steps) and a large Excel import."

    def add_arguments(self, parser):
        parser.add_argument("--files", type=int, default=200_000)
        parser.add_argument("--steps", type=int, default=2_000_000)
        parser.add_argument("--import-rows", type=int, default=20_000)
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--seed", type=int, default=1402)
        parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES),
                            help="which pages to time (default: all; 'dashboard' includes the request after a write)")

    def handle(self, *args, files: int, steps: int, import_rows: int, runs: int, seed: int, pages: list[str],
               **options):
        rng = random.Random(seed)
        if not Agency.objects.exists():
            call_command("load_calendar", verbosity=0)
            seed_facilities(seed=seed, files_per_program_year=10)
        fiscal_year, _ = FiscalYear.objects.get_or_create(year=BENCH_YEAR)
        programs = list(Program.objects.all())
        agencies = list(Agency.objects.all())
        banks = list(Bank.objects.prefetch_related("branches"))
        counties = list(County.objects.all()[:30])
        for program in programs:
            ProvinceQuota.objects.get_or_create(program=program, fiscal_year=fiscal_year,
                                                defaults={"amount": 400_000_000_000_000, "target_jobs": 100_000})
            if not AllocationVersion.objects.filter(program=program, fiscal_year=fiscal_year).exists():
                allocation_version_create(
                    program=program, fiscal_year=fiscal_year, user=None, rule="bench", reason="benchmark",
                    effective_on=jdatetime.date(BENCH_YEAR, 1, 15).togregorian(),
                    lines={a: (400_000_000_000_000 // len(agencies) // 2, 1000) for a in agencies},
                )
        existing = FacilityFile.objects.filter(fiscal_year=fiscal_year).count()
        t0 = time.perf_counter()
        if existing < files:
            self._generate(rng, files - existing, steps, fiscal_year, programs, agencies, banks, counties)
        generated = time.perf_counter() - t0
        # the generator bulk-inserts (bypassing the services): recompute the summaries (daily and per bank)
        t1 = time.perf_counter()
        summary_rows = rebuild_summaries(fiscal_year)
        self.stdout.write(f"summary: {summary_rows} rows for year {BENCH_YEAR} rebuilt in "
                          f"{time.perf_counter() - t1:.1f} s")
        n_files = FacilityFile.objects.filter(fiscal_year=fiscal_year).count()
        n_steps = FileStep.objects.filter(file__fiscal_year=fiscal_year).count()
        self.stdout.write(f"data: {n_files} files, {n_steps} steps in year {BENCH_YEAR} "
                          f"(generated in {generated:.1f} s)")
        with connection.cursor() as cursor:
            # fresh statistics (and, on PostgreSQL, the visibility map that index-only scans need) after a bulk load
            cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
        if hasattr(os, "getloadavg"):
            self.stdout.write("load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
        admin = User.objects.filter(role=Role.PROVINCE_ADMIN).first() or User.objects.create(
            username="bench-admin", role=Role.PROVINCE_ADMIN)
        client = Client()
        client.force_login(admin)
        for page, label, url in (
            ("dashboard", "dashboard page (all programs)", f"/facilities/?year={BENCH_YEAR}"),
            ("dashboard", "dashboard page (one program, paid)",
             f"/facilities/?year={BENCH_YEAR}&program={programs[0].code}&measure=paid"),
            ("api", "absorption API", f"/api/v1/facilities/absorption?year={BENCH_YEAR}"),
            ("scorecard", "bank scorecard page", f"/facilities/banks/?year={BENCH_YEAR}"),
        ):
            if page not in pages:
                continue
            for mode in ("cold", "warm"):
                timings = []
                for i in range(runs + 1):
                    if mode == "cold":
                        cache.clear()  # as on the first visit after a write: nothing cached
                    start = time.perf_counter()
                    response = client.get(url)
                    elapsed = (time.perf_counter() - start) * 1000
                    assert response.status_code == 200, (url, response.status_code)
                    if i:  # the first run warms the process (and, for "warm", the cache)
                        timings.append(elapsed)
                self.stdout.write(f"{label}, {mode}: median {statistics.median(timings):.0f} ms, "
                                  f"p95 {percentile(timings, 0.95):.0f} ms ({runs} runs)")
        if "scorecard" in pages:
            self._check_scorecard(fiscal_year, programs)
        if "dashboard" in pages:
            self._bench_after_write(rng, client, fiscal_year, runs)
        if import_rows:
            self._bench_import(rng, import_rows, fiscal_year, programs, agencies[0], counties)

    def _check_scorecard(self, fiscal_year, programs):
        """The scorecard's figures from the bank summary against the ones computed from the files."""
        start = time.perf_counter()
        differ = 0
        for program in (None, programs[0]):
            for by in ("bank", "branch"):
                kwargs = {"fiscal_year": fiscal_year, "program": program, "by": by}
                summary, files = bank_measures(**kwargs), bank_measures_from_files(**kwargs)
                differ += sum(a != b for a, b in zip(summary, files, strict=False)) + abs(len(summary) - len(files))
        self.stdout.write(f"bank scorecard figures from the summary vs from the files (2 program choices × banks "
                          f"and branches): {differ} rows differ (checked in {time.perf_counter() - start:.1f} s)")

    def _bench_after_write(self, rng, client, fiscal_year, runs):
        """A real write through the services (a file's verified jobs: the file, its version and the daily
        summary in one transaction), then the dashboard: the cache misses because the stamp moved on."""
        ids = list(FacilityFile.objects.filter(fiscal_year=fiscal_year).order_by("?").values_list("pk", flat=True)[:runs + 1])
        writes, reads = [], []
        url = f"/facilities/?year={BENCH_YEAR}"
        for i, pk in enumerate(ids):
            file = FacilityFile.objects.get(pk=pk)
            start = time.perf_counter()
            facility_file_verify_jobs(file=file, created_jobs=rng.randrange(0, 4),
                                      date=jdatetime.date(BENCH_YEAR, 12, 1).togregorian())
            written = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - written) * 1000
            assert response.status_code == 200
            if i:
                writes.append((written - start) * 1000)
                reads.append(elapsed)
        self.stdout.write(f"dashboard page (all programs), first request after a write: median "
                          f"{statistics.median(reads):.0f} ms, p95 {percentile(reads, 0.95):.0f} ms ({runs} runs); "
                          f"the write (service, with the summary): median {statistics.median(writes):.0f} ms, "
                          f"p95 {percentile(writes, 0.95):.0f} ms")

    def _generate(self, rng, n, steps_total, fiscal_year, programs, agencies, banks, counties):
        start = jdatetime.date(BENCH_YEAR, 1, 15).togregorian()
        steps_per_file = max(1, steps_total // max(n, 1))
        batch_files: list[FacilityFile] = []
        planned: list[list[tuple]] = []
        used = set(FacilityFile.objects.filter(fiscal_year=fiscal_year).values_list("national_id", flat=True))

        def flush():
            created = FacilityFile.objects.bulk_create(batch_files, batch_size=5000)
            FileStep.objects.bulk_create(
                (FileStep(file=f, kind=k, date=day, amount=amount) for f, rows in zip(created, planned, strict=True)
                 for k, day, amount in rows),
                batch_size=10000,
            )
            batch_files.clear()
            planned.clear()

        for _ in range(n):
            nid = make_national_id(f"{rng.randrange(10**8, 10**9):09d}")
            while nid in used:
                nid = make_national_id(f"{rng.randrange(10**8, 10**9):09d}")
            used.add(nid)
            bank = rng.choice(banks)
            branches = list(bank.branches.all())
            amount = rng.randrange(100, 700) * 10_000_000
            referred = start + dt.timedelta(days=rng.randrange(0, 250))
            contracted = referred + dt.timedelta(days=rng.randrange(5, 40))
            instalments = max(1, steps_per_file - 3)
            part = amount // instalments
            rows = [(Step.REFERRED, referred, None), (Step.APPROVED, referred + dt.timedelta(days=3), None),
                    (Step.CONTRACT_SIGNED, contracted, amount)]
            rows += [(Step.PAID, contracted + dt.timedelta(days=7 * (i + 1)), part) for i in range(instalments)]
            batch_files.append(FacilityFile(
                national_id=nid, applicant_name="متقاضی آزمون", county=rng.choice(counties), sex="female", age=30,
                agency=rng.choice(agencies), program=rng.choice(programs), fiscal_year=fiscal_year, bank=bank,
                branch=rng.choice(branches) if branches else None, amount_requested=amount, planned_jobs=1,
                step=Step.PAID, referred_on=referred, approved_on=referred + dt.timedelta(days=3),
                contracted_on=contracted, contract_amount=amount, first_paid_on=rows[3][1],
                paid_amount=part * instalments, days_to_contract=rng.randrange(3, 30),
                days_to_payment=rng.randrange(8, 45),
            ))
            planned.append(rows)
            if len(batch_files) >= 10_000:
                flush()
                self.stdout.write(f"  … {FacilityFile.objects.filter(fiscal_year=fiscal_year).count()} files")
        if batch_files:
            flush()

    def _bench_import(self, rng, rows, fiscal_year, programs, agency, counties):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(["national_id", "applicant_name", "sex", "age", "county", "program", "year", "amount_requested",
                   "planned_jobs"])
        seen = set(FacilityFile.objects.filter(agency=agency).values_list("national_id", flat=True))
        for _ in range(rows):
            nid = make_national_id(f"{rng.randrange(10**8, 10**9):09d}")
            while nid in seen:
                nid = make_national_id(f"{rng.randrange(10**8, 10**9):09d}")
            seen.add(nid)
            ws.append([nid, "متقاضی بارگذاری", "زن", 30, rng.choice(counties).code, programs[0].code,
                       BENCH_YEAR, rng.randrange(100, 700) * 10_000_000, 1])
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
        user = User.objects.filter(role=Role.PROVINCE_ADMIN).first()
        for commit in (False, True):
            start = time.perf_counter()
            result = run_import(kind=ImportBatch.Kind.AGENCY_FILES, data=data, filename="bench.xlsx", user=user,
                                organisation=agency.organisation, commit=commit)
            elapsed = time.perf_counter() - start
            self.stdout.write(f"import of {rows} rows ({len(data) // 1024} KB), "
                              f"{'commit' if commit else 'preview'}: {elapsed:.1f} s; "
                              f"{result.count('created')} created, {len(result.error_rows)} errors")
        start = time.perf_counter()
        result = run_import(kind=ImportBatch.Kind.AGENCY_FILES, data=data, filename="bench.xlsx", user=user,
                            organisation=agency.organisation, commit=True)
        self.stdout.write(f"re-import of the same file: {time.perf_counter() - start:.1f} s; "
                          f"{result.count('unchanged')} unchanged")
        start = time.perf_counter()
        differences = summary_differences(fiscal_year)
        self.stdout.write(f"summary after the imports: {len(differences)} rows differ from a recomputation "
                          f"(checked in {time.perf_counter() - start:.1f} s)")
