"""The summaries of the facility files: per day (``FacilityDailySummary``, what the absorption dashboard
reads) and per bank branch (``FacilityBankSummary`` and its histograms ``FacilityBankDistribution``, what
the bank scorecard reads).

Every write of a file or a step goes through ``services.py`` (and the import, which calls it or records
its bulk writes here); each one subtracts the file's old contribution and adds its new one, in the same
transaction, so each summary is always the sum of the files' contributions. ``compute_summaries`` and
``compute_bank_summaries`` derive the same rows from scratch (``manage.py rebuild_facility_summaries``
rebuilds or checks them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import BigIntegerField, Case, Count, F, Q, Sum, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from .models import (
    FacilityBankDistribution,
    FacilityBankSummary,
    FacilityDailySummary,
    FacilityFile,
    FileStep,
    Step,
)

Key = tuple[int, int, int, dt.date]  # fiscal_year_id, program_id, agency_id, day
BankKey = tuple[int, int, int, int]  # fiscal_year_id, program_id, bank_id, branch_id (0: no branch)
DistKey = tuple[int, int, int, int, str, int]  # BankKey + the histogram's kind and value
FIELDS = FacilityDailySummary.VALUE_FIELDS
BANK_FIELDS = FacilityBankSummary.VALUE_FIELDS
DIST = FacilityBankDistribution.Kind

# A contribution: {(table, *key): {field: value}}; table is one of these (the key's shape follows it)
DAILY, BANK, BANK_DIST = "daily", "bank", "bank_dist"
TABLES = {
    DAILY: (FacilityDailySummary, ("fiscal_year_id", "program_id", "agency_id", "day")),
    BANK: (FacilityBankSummary, ("fiscal_year_id", "program_id", "bank_id", "branch_id")),
    BANK_DIST: (FacilityBankDistribution, ("fiscal_year_id", "program_id", "bank_id", "branch_id", "kind", "value")),
}


def registration_day(file: FacilityFile) -> dt.date:
    """The local date (settings.TIME_ZONE, whatever timezone a request activated) the file was registered."""
    created = file.created_at or timezone.now()
    if timezone.is_aware(created):
        return timezone.localdate(created, timezone.get_default_timezone())
    return created.date()


def paid_steps_of(file: FacilityFile) -> list[tuple[dt.date, int]]:
    return list(FileStep.objects.filter(file_id=file.pk, kind=Step.PAID).values_list("date", "amount"))


def contributions(file: FacilityFile, paid_steps=()) -> dict[tuple, dict[str, int]]:
    """What one file (and its paid instalments, as (date, amount)) adds to the summaries:
    ``{(table, *key): {field: value}}`` (see TABLES)."""
    out: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    base = (DAILY, file.fiscal_year_id, file.program_id, file.agency_id)
    registered = registration_day(file)

    def add(day, **values):
        row = out[(*base, day)]
        for name, value in values.items():
            row[name] += value or 0

    add(registered, files=1, planned_jobs=file.planned_jobs, created_jobs=file.created_jobs)
    if file.referred_on:
        add(file.referred_on, referred=1, referred_amount=file.amount_requested)
    if file.approved_on:
        add(file.approved_on, approved=1, approved_amount=file.amount_requested)
    if file.rejected_on:
        add(file.rejected_on, rejected=1,
            rejected_referred_amount=file.amount_requested if file.referred_on else 0)
    if file.contracted_on:
        add(file.contracted_on, contracted=1, contracted_amount=file.contract_amount)
    if file.first_paid_on:
        add(file.first_paid_on, paid=1)
    if file.paid_amount:
        add(file.first_paid_on or registered, paid_amount=file.paid_amount)
    for day, amount in paid_steps:
        add(day, paid_steps_amount=amount)
    if file.referred_on and file.bank_id:
        bank_key = (file.fiscal_year_id, file.program_id, file.bank_id, file.branch_id or 0)
        row = out[(BANK, *bank_key)]
        for name, value in (("received", 1), ("received_amount", file.amount_requested),
                            ("approved", file.approved_on is not None), ("rejected", file.rejected_on is not None),
                            ("contracted", file.contracted_on is not None),
                            ("contracted_amount", file.contract_amount), ("paid", file.first_paid_on is not None),
                            ("paid_amount", file.paid_amount)):
            row[name] += int(value or 0)
        for kind, value in ((DIST.DAYS_TO_CONTRACT, file.days_to_contract),
                            (DIST.DAYS_TO_PAYMENT, file.days_to_payment),
                            (DIST.REJECTION_REASON, file.rejection_reason_id)):
            if value is not None:
                out[(BANK_DIST, *bank_key, str(kind), value)]["files"] += 1
    return out


class SummaryDelta:
    """Changes to the summary, accumulated and then applied (one UPDATE or INSERT per touched day)."""

    def __init__(self):
        self.values: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(self, contribution: dict[tuple, dict[str, int]], sign: int = 1) -> None:
        for key, row in contribution.items():
            target = self.values[key]
            for name, value in row.items():
                target[name] += sign * value

    def add_file(self, file: FacilityFile, paid_steps=(), sign: int = 1) -> None:
        self.add(contributions(file, paid_steps), sign)

    def apply(self) -> None:
        """Must run inside the transaction of the write it records."""
        for key in sorted(self.values):  # a fixed order: concurrent writers lock rows in the same order
            row = {name: value for name, value in self.values[key].items() if value}
            if not row:
                continue
            model, names = TABLES[key[0]]
            lookup = dict(zip(names, key[1:], strict=True))
            if "branch_id" in lookup and not lookup["branch_id"]:
                lookup["branch_id"] = None
            rows = model.objects.filter(**lookup)
            if not rows.update(**{name: F(name) + value for name, value in row.items()}):
                try:
                    with transaction.atomic():
                        model.objects.create(**lookup, **row)
                except IntegrityError:  # created meanwhile by a concurrent writer
                    rows.update(**{name: F(name) + value for name, value in row.items()})
            if any(value < 0 for value in row.values()):
                rows.filter(**dict.fromkeys(model.VALUE_FIELDS, 0)).delete()
        self.values.clear()


def record_file_change(before: dict[tuple, dict[str, int]] | None, after: dict[tuple, dict[str, int]] | None) -> None:
    delta = SummaryDelta()
    if before:
        delta.add(before, -1)
    if after:
        delta.add(after)
    delta.apply()


# --- from scratch -------------------------------------------------------------------------------------


def compute_summaries(fiscal_year=None) -> dict[Key, dict[str, int]]:
    """The summary computed from the files and their paid steps (non-zero values only)."""
    files = FacilityFile.objects.order_by()
    steps = FileStep.objects.filter(kind=Step.PAID).order_by()
    if fiscal_year is not None:
        files = files.filter(fiscal_year=fiscal_year)
        steps = steps.filter(file__fiscal_year=fiscal_year)
    keys = ("fiscal_year_id", "program_id", "agency_id")
    out: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with_referral = Case(When(referred_on__isnull=False, then=F("amount_requested")), default=0,
                         output_field=BigIntegerField())
    registered = TruncDate("created_at", tzinfo=timezone.get_default_timezone())
    groups = [
        (registered, Q(), {"files": Count("id"), "planned_jobs": Sum("planned_jobs"),
                                        "created_jobs": Sum("created_jobs")}),
        (F("referred_on"), Q(referred_on__isnull=False),
         {"referred": Count("id"), "referred_amount": Sum("amount_requested")}),
        (F("approved_on"), Q(approved_on__isnull=False),
         {"approved": Count("id"), "approved_amount": Sum("amount_requested")}),
        (F("rejected_on"), Q(rejected_on__isnull=False),
         {"rejected": Count("id"), "rejected_referred_amount": Sum(with_referral)}),
        (F("contracted_on"), Q(contracted_on__isnull=False),
         {"contracted": Count("id"), "contracted_amount": Sum("contract_amount")}),
        (F("first_paid_on"), Q(first_paid_on__isnull=False), {"paid": Count("id")}),
        (Coalesce("first_paid_on", registered), ~Q(paid_amount=0), {"paid_amount": Sum("paid_amount")}),
    ]
    for day_expr, condition, aggregates in groups:
        qs = files.filter(condition).annotate(summary_day=day_expr).values(*keys, "summary_day").annotate(**aggregates)
        for row in qs:
            target = out[(row["fiscal_year_id"], row["program_id"], row["agency_id"], row["summary_day"])]
            for name in aggregates:
                target[name] += row[name] or 0
    for year_id, program_id, agency_id, day, amount in (
        steps.values("file__fiscal_year_id", "file__program_id", "file__agency_id", "date")
        .annotate(s=Sum("amount")).values_list("file__fiscal_year_id", "file__program_id", "file__agency_id",
                                               "date", "s")
    ):
        out[(year_id, program_id, agency_id, day)]["paid_steps_amount"] += amount or 0
    return _non_zero(out)


def stored_summaries(fiscal_year=None) -> dict[Key, dict[str, int]]:
    rows = FacilityDailySummary.objects.order_by()
    if fiscal_year is not None:
        rows = rows.filter(fiscal_year=fiscal_year)
    out = {
        (r["fiscal_year_id"], r["program_id"], r["agency_id"], r["day"]): {f: r[f] for f in FIELDS}
        for r in rows.values("fiscal_year_id", "program_id", "agency_id", "day", *FIELDS)
    }
    return _non_zero(out)


def _non_zero(rows) -> dict[Key, dict[str, int]]:
    out = {}
    for key, row in rows.items():
        values = {name: value for name, value in row.items() if value}
        if values:
            out[key] = values
    return out


def compute_bank_summaries(fiscal_year=None) -> dict[tuple, dict[str, int]]:
    """The bank summary and its histograms computed from the files: {(BANK | BANK_DIST, *key): values}."""
    files = FacilityFile.objects.filter(referred_on__isnull=False, bank__isnull=False).order_by()
    if fiscal_year is not None:
        files = files.filter(fiscal_year=fiscal_year)
    keys = ("fiscal_year_id", "program_id", "bank_id", "branch_id")
    out: dict[tuple, dict[str, int]] = {}
    for row in files.values(*keys).annotate(
        received=Count("id"), received_amount=Sum("amount_requested"), approved=Count("approved_on"),
        rejected=Count("rejected_on"), contracted=Count("contracted_on"), contracted_amount=Sum("contract_amount"),
        paid=Count("first_paid_on"), paid_amount=Sum("paid_amount"),
    ):
        key = (BANK, row["fiscal_year_id"], row["program_id"], row["bank_id"], row["branch_id"] or 0)
        out[key] = {name: row[name] or 0 for name in BANK_FIELDS}
    for kind in DIST.values:
        for row in (files.filter(**{f"{kind}__isnull": False}).values(*keys, kind).annotate(n=Count("id"))):
            key = (BANK_DIST, row["fiscal_year_id"], row["program_id"], row["bank_id"], row["branch_id"] or 0,
                   kind, row[kind])
            out[key] = {"files": row["n"]}
    return _non_zero(out)


def stored_bank_summaries(fiscal_year=None) -> dict[tuple, dict[str, int]]:
    out: dict[tuple, dict[str, int]] = {}
    for table in (BANK, BANK_DIST):
        model, names = TABLES[table]
        rows = model.objects.order_by()
        if fiscal_year is not None:
            rows = rows.filter(fiscal_year=fiscal_year)
        for r in rows.values(*names, *model.VALUE_FIELDS):
            key = tuple(r[n] or 0 if n == "branch_id" else r[n] for n in names)
            out[(table, *key)] = {f: r[f] for f in model.VALUE_FIELDS}
    return _non_zero(out)


def summary_differences(fiscal_year=None) -> list[tuple[tuple, dict, dict]]:
    """(key, stored, expected) for every row where a stored summary (per day, then per bank branch)
    differs from a recomputation."""
    out = []
    for stored, expected in ((stored_summaries(fiscal_year), compute_summaries(fiscal_year)),
                             (stored_bank_summaries(fiscal_year), compute_bank_summaries(fiscal_year))):
        out += [(key, stored.get(key, {}), expected.get(key, {}))
                for key in sorted(set(stored) | set(expected)) if stored.get(key) != expected.get(key)]
    return out


@transaction.atomic
def rebuild_summaries(fiscal_year=None) -> int:
    """Replace the stored summaries (of one fiscal year, or all) by a recomputation; returns the rows."""
    rows = compute_summaries(fiscal_year)
    bank_rows = compute_bank_summaries(fiscal_year)
    for model in (FacilityDailySummary, FacilityBankSummary, FacilityBankDistribution):
        existing = model.objects.all()
        if fiscal_year is not None:
            existing = existing.filter(fiscal_year=fiscal_year)
        existing.delete()
    FacilityDailySummary.objects.bulk_create(
        (FacilityDailySummary(fiscal_year_id=k[0], program_id=k[1], agency_id=k[2], day=k[3], **values)
         for k, values in rows.items()),
        batch_size=2000,
    )
    for table in (BANK, BANK_DIST):
        model, names = TABLES[table]
        model.objects.bulk_create(
            (model(**dict(zip(names, k[1:], strict=True)) | {"branch_id": k[4] or None}, **values)
             for k, values in bank_rows.items() if k[0] == table),
            batch_size=2000,
        )
    return len(rows) + len(bank_rows)
