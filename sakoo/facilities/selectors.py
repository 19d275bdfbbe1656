"""Reads of the facilities app: scoping (one access-checked fetch helper per kind), measures, trends."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from fractions import Fraction

import jdatetime
from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Max, Q, Sum, When
from django.utils import timezone

from sakoo.accounts.models import Role
from sakoo.accounts.scoping import get_scoped_or_404, has_role, is_province_staff, user_organisation_ids
from sakoo.workcal.models import WorkCalendar
from sakoo.workcal.selectors import Calendar, calendar_stamp, get_calendar

from .models import (
    Agency,
    AllocationVersion,
    Bank,
    Branch,
    FacilityBankDistribution,
    FacilityBankSummary,
    FacilityDailySummary,
    FacilityFile,
    FileStep,
    FiscalYear,
    Program,
    ReallocationProposal,
    RejectionReason,
    Step,
    Target,
)

MEASURES = ("contracted", "paid")
STATUS_ON_TRACK = "on_track"
STATUS_AT_RISK = "at_risk"
STATUS_BEHIND = "behind"
# The governor's rule: agencies have 20 working days to absorb and pay (from their allocation's date).
ABSORPTION_WORKING_DAYS = getattr(settings, "FACILITY_ABSORPTION_WORKING_DAYS", 20)
PACE_WINDOW_WORKING_DAYS = 20


# --- scoping ---------------------------------------------------------------------------------------


def file_scope(user) -> Q | None:
    """None: unrestricted (province staff). Otherwise the files the user may see."""
    if is_province_staff(user):
        return None
    q = Q(pk__in=[])
    if has_role(user, Role.AGENCY_OFFICER):
        q |= Q(agency__organisation_id__in=user_organisation_ids(user, "agency"))
    if has_role(user, Role.BANK_OFFICER):
        q |= Q(bank__organisation_id__in=user_organisation_ids(user, "bank"), referred_on__isnull=False)
    return q


def files_for_user(user):
    qs = FacilityFile.objects.select_related("agency", "program", "fiscal_year", "bank", "branch", "county")
    scope = file_scope(user)
    return qs if scope is None else qs.filter(scope)


def get_file_for_user(request, pk) -> FacilityFile:
    return get_scoped_or_404(
        FacilityFile.objects.select_related(
            "agency", "program", "fiscal_year", "bank", "branch", "county", "rejection_reason"
        ),
        scope=file_scope(request.user),
        lookup={"pk": pk},
        request=request,
    )


def can_see_national_id(user, file: FacilityFile | None = None) -> bool:
    """The full national ID is shown to the file's agency and bank officers and province admins;
    analysts see it masked."""
    if has_role(user, Role.PROVINCE_ADMIN):
        return True
    return has_role(user, Role.AGENCY_OFFICER, Role.BANK_OFFICER)


def agencies_for_user(user):
    if is_province_staff(user):
        return Agency.objects.all()
    return Agency.objects.filter(organisation_id__in=user_organisation_ids(user, "agency"))


def banks_for_user(user):
    if is_province_staff(user):
        return Bank.objects.all()
    return Bank.objects.filter(organisation_id__in=user_organisation_ids(user, "bank"))


def get_proposal_for_user(request, pk) -> ReallocationProposal:
    scope = None if is_province_staff(request.user) else Q(pk__in=[])
    return get_scoped_or_404(
        ReallocationProposal.objects.select_related("program", "fiscal_year", "base_version", "proposed_by"),
        scope=scope, lookup={"pk": pk}, request=request,
    )


# --- reference ---------------------------------------------------------------------------------------


def fiscal_year_for(year: int | None) -> FiscalYear | None:
    if year is None:
        return FiscalYear.objects.order_by("-year").first()
    return FiscalYear.objects.filter(year=year).first()


def current_allocation(program, fiscal_year) -> AllocationVersion | None:
    return (
        AllocationVersion.objects.filter(program=program, fiscal_year=fiscal_year, approved=True)
        .order_by("-number")
        .first()
    )


def allocation_history(program, fiscal_year):
    return (
        AllocationVersion.objects.filter(program=program, fiscal_year=fiscal_year)
        .select_related("created_by", "proposal")
        .prefetch_related("lines__agency")
        .order_by("-number")
    )


def _current_versions(fiscal_year, program=None) -> list[AllocationVersion]:
    programs = [program] if program else list(Program.objects.all())
    out = []
    for p in programs:
        v = current_allocation(p, fiscal_year)
        if v:
            out.append(v)
    return out


# --- cache -------------------------------------------------------------------------------------------

MEASURES_CACHE_SECONDS = 600


def measures_stamp() -> tuple:
    """Changes whenever a file, a step (it touches its file), an allocation or a target is written:
    Max(updated_at) and Max(id) of the files are index look-ups, so this costs a few milliseconds."""
    # one MAX per query: SQLite answers a lone MAX from the index, but scans the table for two
    files = {"u": FacilityFile.objects.order_by().aggregate(u=Max("updated_at"))["u"],
             "m": FacilityFile.objects.order_by().aggregate(m=Max("id"))["m"]}
    versions = AllocationVersion.objects.order_by().aggregate(m=Max("id"))
    targets = Target.objects.order_by().aggregate(m=Max("id"), n=Count("id"))
    return (files["u"], files["m"], versions["m"], targets["m"], targets["n"], calendar_stamp(),
            tuple(Target.objects.order_by("pk").values_list("threshold", "target_date")))


def cached(name: str, func, *, stamp: tuple | None = None, **kwargs):
    """``func(**kwargs)`` from the cache when nothing was written since (see measures_stamp; a caller that
    reads several figures in one request may pass the stamp it took once)."""
    key_parts = [name, repr(stamp if stamp is not None else measures_stamp())]
    for k in sorted(kwargs):
        v = kwargs[k]
        v = sorted(v) if isinstance(v, set | frozenset) else getattr(v, "pk", v)
        key_parts.append(f"{k}={v}")
    key = "facilities:" + hashlib.sha256("|".join(map(str, key_parts)).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = func(**kwargs)
        cache.set(key, value, MEASURES_CACHE_SECONDS)
    return value


# --- agency measures -------------------------------------------------------------------------------


def _file_aggregates(checkpoint: dt.date | None = None) -> dict:
    def when(cond, then):
        return Sum(Case(When(cond, then=then), default=0, output_field=IntegerField()))

    contracted = Q(contracted_on__isnull=False)
    if checkpoint:
        contracted &= Q(contracted_on__lte=checkpoint)
    return {
        "files": Count("id"),
        "referred": Count("referred_on"),
        "referred_amount": when(Q(referred_on__isnull=False), "amount_requested"),
        "pending_amount": when(Q(referred_on__isnull=False, rejected_on__isnull=True), "amount_requested"),
        "approved": Count("approved_on"),
        "approved_amount": when(Q(approved_on__isnull=False), "amount_requested"),
        "rejected": Count("rejected_on"),
        "contracted": Count("contracted_on"),
        "contracted_amount": when(contracted, "contract_amount"),
        "paid": Count("first_paid_on"),
        "paid_amount": Sum("paid_amount"),
        "planned_jobs": Sum("planned_jobs"),
        "created_jobs": Sum("created_jobs"),
    }


def _summary_aggregates() -> dict:
    """The same figures as ``_file_aggregates`` (without a checkpoint), from the daily summary."""
    return {
        "files": Sum("files"),
        "referred": Sum("referred"),
        "referred_amount": Sum("referred_amount"),
        "rejected_referred_amount": Sum("rejected_referred_amount"),  # pending = referred − this
        "approved": Sum("approved"),
        "approved_amount": Sum("approved_amount"),
        "rejected": Sum("rejected"),
        "contracted": Sum("contracted"),
        "contracted_amount": Sum("contracted_amount"),
        "paid": Sum("paid"),
        "paid_amount": Sum("paid_amount"),
        "planned_jobs": Sum("planned_jobs"),
        "created_jobs": Sum("created_jobs"),
    }


def _summary(fiscal_year, program=None, agency_ids=None):
    rows = FacilityDailySummary.objects.filter(fiscal_year=fiscal_year).order_by()
    if program:
        rows = rows.filter(program=program)
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=agency_ids)
    return rows


def _recent_absorbed(fiscal_year, program, measure: str, since: dt.date, until: dt.date,
                     agency_ids=None) -> dict[int, int]:
    """Amount absorbed per agency in (since, until]: contracts signed, or instalments paid (``measure``)."""
    field = "contracted_amount" if measure == "contracted" else "paid_steps_amount"
    rows = _summary(fiscal_year, program, agency_ids).filter(day__gt=since, day__lte=until)
    return {agency_id: s or 0 for agency_id, s in
            rows.values("agency_id").annotate(s=Sum(field)).values_list("agency_id", "s")}


def agency_measures_from_files(*, fiscal_year, program=None, agency_ids=None) -> dict[int, dict]:
    """The per-agency aggregates computed from the files themselves (the reference the summary must match)."""
    files = FacilityFile.objects.filter(fiscal_year=fiscal_year)
    if program:
        files = files.filter(program=program)
    if agency_ids is not None:
        files = files.filter(agency_id__in=agency_ids)
    return {row.pop("agency_id"): {k: v or 0 for k, v in row.items()}
            for row in files.order_by().values("agency_id").annotate(**_file_aggregates())}


def agency_measures(
    *,
    fiscal_year: FiscalYear,
    program: Program | None = None,
    measure: str = "contracted",
    agency_ids: set[int] | None = None,
    today: dt.date | None = None,
    calendar: Calendar | None = None,
) -> dict:
    """Per agency: quota, referred/approved/contracted/paid (counts and amounts), absorption (``measure``
    ÷ quota), payment rate, planned and created jobs, pending demand, status and working days left.

    Returns {"rows": [...], "totals": {...}, "target": Target|None, "measure": measure, ...}."""
    if measure not in MEASURES:
        raise ValueError(measure)
    today = today or timezone.localdate()
    calendar = calendar or get_calendar(WorkCalendar.GOVERNMENT)
    versions = _current_versions(fiscal_year, program)
    quota: dict[int, int] = defaultdict(int)
    target_jobs: dict[int, int] = defaultdict(int)
    allocated_on: dict[int, dt.date] = {}
    for v in versions:
        for line in v.lines.all():
            quota[line.agency_id] += line.amount
            target_jobs[line.agency_id] += line.target_jobs
            allocated_on[line.agency_id] = max(allocated_on.get(line.agency_id, v.effective_on), v.effective_on)
    # the daily summary (a few thousand rows a year) rather than the year's files; see summaries.py
    agg = {
        row["agency_id"]: row
        for row in _summary(fiscal_year, program, agency_ids).values("agency_id").annotate(**_summary_aggregates())
        if row["files"]
    }
    for row in agg.values():
        row["pending_amount"] = (row["referred_amount"] or 0) - (row.pop("rejected_referred_amount") or 0)
    agencies = Agency.objects.all() if agency_ids is None else Agency.objects.filter(pk__in=agency_ids)
    agencies = [a for a in agencies if a.pk in quota or a.pk in agg]
    target = None
    if program:
        target = Target.objects.filter(program=program, fiscal_year=fiscal_year).first()
    elif versions:
        target = Target.objects.filter(fiscal_year=fiscal_year).order_by("target_date").first()
    threshold = Fraction(target.threshold) if target else Fraction(65, 100)
    target_left = calendar.count(today, target.target_date) if target else None
    since = _working_days_before(calendar, today, PACE_WINDOW_WORKING_DAYS)
    recent = _recent_absorbed(fiscal_year, program, measure, since, today, agency_ids)
    rows = []
    empty = dict.fromkeys(_file_aggregates(), 0)
    for agency in agencies:
        a = {k: (v or 0) for k, v in agg.get(agency.pk, empty).items() if k != "agency_id"}
        q = quota.get(agency.pk, 0)
        absorbed = a["contracted_amount"] if measure == "contracted" else a["paid_amount"]
        absorption = Fraction(absorbed, q) if q else None
        pace = Fraction(recent.get(agency.pk) or 0, PACE_WINDOW_WORKING_DAYS)
        projection = None
        if q and target_left is not None:
            projection = Fraction(absorbed + pace * max(target_left, 0), q)
        status = _status(absorption, projection, threshold, target_left)
        deadline = calendar.add(allocated_on[agency.pk], ABSORPTION_WORKING_DAYS) if agency.pk in allocated_on else None
        rows.append({
            "agency": agency,
            "agency_id": agency.pk,
            "quota": q,
            "target_jobs": target_jobs.get(agency.pk, 0),
            **a,
            "absorbed": absorbed,
            "absorption": float(absorption) if absorption is not None else None,
            "payment_rate": (a["paid_amount"] / q) if q else None,
            "pending_demand": max(0, a["pending_amount"] - q),
            "projection": float(projection) if projection is not None else None,
            "status": status,
            "deadline": deadline,
            "deadline_days_left": calendar.count(today, deadline) if deadline else None,
            "target_days_left": target_left,
        })
    rows.sort(key=lambda r: (r["absorption"] is None, -(r["absorption"] or 0), r["agency"].name))
    totals = {k: sum(r[k] or 0 for r in rows) for k in (
        "quota", "target_jobs", "files", "referred", "referred_amount", "approved", "approved_amount", "rejected",
        "contracted", "contracted_amount", "paid", "paid_amount", "planned_jobs", "created_jobs", "absorbed",
    )}
    totals["absorption"] = (totals["absorbed"] / totals["quota"]) if totals["quota"] else None
    totals["payment_rate"] = (totals["paid_amount"] / totals["quota"]) if totals["quota"] else None
    return {
        "rows": rows, "totals": totals, "target": target, "threshold": float(threshold), "measure": measure,
        "today": today, "target_days_left": target_left,
    }


def _working_days_before(calendar: Calendar, day: dt.date, n: int) -> dt.date:
    d = day
    seen = 0
    while seen < n:
        d -= dt.timedelta(days=1)
        seen += calendar.is_working_day(d)
    return d


def _status(absorption, projection, threshold, days_left) -> str | None:
    if absorption is None:
        return None
    if absorption >= threshold:
        return STATUS_ON_TRACK
    if days_left is not None and days_left > 0 and projection is not None and projection >= threshold:
        return STATUS_AT_RISK
    return STATUS_BEHIND


def agency_positions(version: AllocationVersion, *, measure: str, checkpoint: dt.date) -> list[dict]:
    """For the reallocation planner: each agency of an allocation version with its quota, absorbed
    amount at the checkpoint (by ``measure``) and pending demand (referred, not rejected, beyond quota)."""
    lines = {line.agency_id: line for line in version.lines.select_related("agency")}
    files = FacilityFile.objects.filter(fiscal_year=version.fiscal_year, program=version.program,
                                        agency_id__in=lines)
    contracted = dict(
        files.filter(contracted_on__lte=checkpoint).values("agency_id").annotate(s=Sum("contract_amount"))
        .values_list("agency_id", "s")
    )
    paid = dict(
        FileStep.objects.filter(kind=Step.PAID, date__lte=checkpoint, file__in=files)
        .values("file__agency_id").annotate(s=Sum("amount")).values_list("file__agency_id", "s")
    )
    pending = dict(
        files.filter(referred_on__lte=checkpoint).exclude(rejected_on__lte=checkpoint)
        .values("agency_id").annotate(s=Sum("amount_requested")).values_list("agency_id", "s")
    )
    out = []
    for agency_id, line in sorted(lines.items()):
        absorbed = (contracted if measure == "contracted" else paid).get(agency_id) or 0
        out.append({
            "agency_id": agency_id, "agency_name": line.agency.name, "quota": line.amount,
            "target_jobs": line.target_jobs, "absorbed": absorbed,
            "pending_demand": max(0, (pending.get(agency_id) or 0) - line.amount),
        })
    return out


# --- banks -------------------------------------------------------------------------------------------


def percentile(values: list[int], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..1) of the values; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def histogram_percentile(counts: dict[int, int], q: float) -> int | None:
    """Nearest-rank percentile of values given as {value: how many}; same result as ``percentile``."""
    total = sum(counts.values())
    if not total:
        return None
    rank = max(1, math.ceil(q * total))
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    return None


def histogram_median(counts: dict[int, int]) -> float | None:
    """The median (the mean of the two middle values when their number is even), like statistics.median."""
    total = sum(counts.values())
    if not total:
        return None
    values = sorted(counts)

    def nth(n):  # 1-based
        seen = 0
        for value in values:
            seen += counts[value]
            if seen >= n:
                return value
        return None

    if total % 2:
        return nth(total // 2 + 1)
    lo, hi = nth(total // 2), nth(total // 2 + 1)
    return lo if lo == hi else (lo + hi) / 2


BANK_COUNTS = ("received", "approved", "rejected", "contracted", "contracted_amount", "paid", "paid_amount",
               "received_amount")


def bank_measures(*, fiscal_year: FiscalYear, program: Program | None = None, by: str = "bank",
                  bank_ids: set[int] | None = None) -> list[dict]:
    """Per bank (``by="bank"``) or branch (``by="branch"``): files received, approved, rejected (by
    reason), contracted, paid, median and 90th-percentile working days (bank calendar) from referral to
    contract and to first payment, and share of the province's referred files.

    Read from the per-branch summary and its histograms (a few thousand rows a year, see summaries.py);
    ``bank_measures_from_files`` computes the same from the files."""
    key = "bank_id" if by == "bank" else "branch_id"
    summary = FacilityBankSummary.objects.filter(fiscal_year=fiscal_year).order_by()
    histograms = FacilityBankDistribution.objects.filter(fiscal_year=fiscal_year).order_by()
    if program:
        summary, histograms = summary.filter(program=program), histograms.filter(program=program)
    if by == "branch":
        summary, histograms = summary.filter(branch__isnull=False), histograms.filter(branch__isnull=False)
    province_total = None
    if bank_ids is not None:
        # every referred file of the province (with or without a bank): the daily summary's referrals
        province_total = _summary(fiscal_year, program).aggregate(n=Sum("referred"))["n"] or 0
        summary, histograms = summary.filter(bank_id__in=bank_ids), histograms.filter(bank_id__in=bank_ids)
    rows = {r[key]: r for r in summary.values(key).annotate(**{f: Sum(f) for f in BANK_COUNTS}) if r["received"]}
    counts: dict[str, dict[int, dict[int, int]]] = {kind: defaultdict(dict) for kind in FacilityBankDistribution.Kind}
    for kind, k, value, n in (histograms.values("kind", key, "value").annotate(n=Sum("files"))
                              .values_list("kind", key, "value", "n")):
        if n:
            counts[kind][k][value] = n
    names = dict(RejectionReason.objects.values_list("pk", "name_fa"))
    reasons: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for k, by_reason in counts[FacilityBankDistribution.Kind.REJECTION_REASON].items():
        for reason_id, n in by_reason.items():
            reasons[k][names[reason_id]] += n
    return _bank_rows(by, rows, reasons, counts[FacilityBankDistribution.Kind.DAYS_TO_CONTRACT],
                      counts[FacilityBankDistribution.Kind.DAYS_TO_PAYMENT], province_total)


def bank_measures_from_files(*, fiscal_year: FiscalYear, program: Program | None = None, by: str = "bank",
                             bank_ids: set[int] | None = None) -> list[dict]:
    """``bank_measures`` computed from the year's files (the reference the summary must match)."""
    key = "bank_id" if by == "bank" else "branch_id"
    files = FacilityFile.objects.filter(fiscal_year=fiscal_year, referred_on__isnull=False, bank__isnull=False)
    if program:
        files = files.filter(program=program)
    if by == "branch":
        files = files.filter(branch__isnull=False)
    province_total = None
    if bank_ids is not None:
        province_total = FacilityFile.objects.filter(
            fiscal_year=fiscal_year, referred_on__isnull=False, **({"program": program} if program else {})
        ).count()
        files = files.filter(bank_id__in=bank_ids)
    rows = {
        r[key]: r for r in files.values(key).annotate(
            received=Count("id"), approved=Count("approved_on"), rejected=Count("rejected_on"),
            contracted=Count("contracted_on"), contracted_amount=Sum("contract_amount"),
            paid=Count("first_paid_on"), paid_amount=Sum("paid_amount"),
            received_amount=Sum("amount_requested"),
        )
    }
    reasons: dict[int, dict[str, int]] = defaultdict(dict)
    for k, reason, n in (
        files.filter(rejection_reason__isnull=False).values(key, "rejection_reason__name_fa")
        .annotate(n=Count("id")).values_list(key, "rejection_reason__name_fa", "n")
    ):
        reasons[k][reason] = n
    # distributions of working days as histograms (bank or branch, days) → count: small, whatever the size
    to_contract: dict[int, dict[int, int]] = defaultdict(dict)
    to_payment: dict[int, dict[int, int]] = defaultdict(dict)
    for field, target in (("days_to_contract", to_contract), ("days_to_payment", to_payment)):
        for k, days, n in (files.filter(**{f"{field}__isnull": False}).order_by().values(key, field)
                           .annotate(n=Count("id")).values_list(key, field, "n")):
            target[k][days] = n
    return _bank_rows(by, rows, reasons, to_contract, to_payment, province_total)


def _bank_rows(by, rows, reasons, to_contract, to_payment, province_total) -> list[dict]:
    if province_total is None:
        province_total = sum(r["received"] for r in rows.values())
    objects = (Bank.objects.in_bulk(list(rows)) if by == "bank"
               else Branch.objects.select_related("bank", "county").in_bulk(list(rows)))
    out = []
    for k, r in sorted(rows.items()):
        obj = objects[k]
        bank = obj if by == "bank" else obj.bank
        out.append({
            "object": obj, "bank": bank, "kind": bank.kind, "id": k,
            **{f: r[f] or 0 for f in BANK_COUNTS},
            # most rejections first; the reason's name breaks ties (the same order from either source)
            "rejected_by_reason": sorted(reasons.get(k, {}).items(), key=lambda x: (-x[1], x[0])),
            "median_days_to_contract": histogram_median(to_contract.get(k, {})),
            "p90_days_to_contract": histogram_percentile(to_contract.get(k, {}), 0.9),
            "median_days_to_payment": histogram_median(to_payment.get(k, {})),
            "p90_days_to_payment": histogram_percentile(to_payment.get(k, {}), 0.9),
            "share": (r["received"] / province_total) if province_total else None,
            "contract_rate": (r["contracted"] / r["received"]) if r["received"] else None,
            "payment_rate": ((r["paid_amount"] or 0) / r["received_amount"]) if r["received_amount"] else None,
        })
    return out


def scorecard(*, fiscal_year: FiscalYear, program: Program | None = None, slow_days: int = 20,
              low_rate: float = 0.5) -> dict:
    """Banks and branches ranked by contract rate then speed, with flags: slow (median working days to
    contract above ``slow_days``) and low (contract rate below ``low_rate``)."""

    def rank(rows):
        for r in rows:
            r["slow"] = r["median_days_to_contract"] is not None and r["median_days_to_contract"] > slow_days
            r["low"] = r["contract_rate"] is not None and r["contract_rate"] < low_rate
        rows.sort(key=lambda r: (-(r["contract_rate"] or 0), r["median_days_to_contract"] or 10**6, r["id"]))
        for i, r in enumerate(rows, 1):
            r["rank"] = i
        return rows

    banks = rank(bank_measures(fiscal_year=fiscal_year, program=program))
    return {
        "banks": banks,
        "state": [r for r in banks if r["kind"] == Bank.Kind.STATE],
        "private": [r for r in banks if r["kind"] != Bank.Kind.STATE],
        "branches": rank(bank_measures(fiscal_year=fiscal_year, program=program, by="branch")),
        "slow_days": slow_days,
        "low_rate": low_rate,
    }


# --- trends ------------------------------------------------------------------------------------------


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - 5) % 7)  # weeks start on Saturday


def trends(*, fiscal_year: FiscalYear, program: Program | None = None, agency_ids=None, period: str = "month"):
    """Referred and contracted (count and amount) by Jalali month or week (weeks start on Saturday); each
    period has its ``key`` ((year, month) or (year, month, day)), ``label`` ("1403-02") and ``start`` date."""
    buckets: dict[tuple, dict] = defaultdict(lambda: {"referred": 0, "contracted": 0, "contracted_amount": 0})
    bucket_of: dict[dt.date, tuple] = {}

    def bucket(day: dt.date):
        if day in bucket_of:
            return bucket_of[day]
        if period == "week":
            start = _week_start(day)
            j = jdatetime.date.fromgregorian(date=start)
            key = (j.year, j.month, j.day)
        else:
            j = jdatetime.date.fromgregorian(date=day)
            key = (j.year, j.month)
        bucket_of[day] = key
        return key

    # from the daily summary: files referred and contracts signed per day
    for day, referred, contracted, amount in (
        _summary(fiscal_year, program, agency_ids).filter(Q(referred__gt=0) | Q(contracted__gt=0))
        .values("day").annotate(r=Sum("referred"), c=Sum("contracted"), s=Sum("contracted_amount"))
        .values_list("day", "r", "c", "s")
    ):
        if referred:
            buckets[bucket(day)]["referred"] += referred
        if contracted:
            b = buckets[bucket(day)]
            b["contracted"] += contracted
            b["contracted_amount"] += amount or 0
    out = []
    peak = max((b["contracted_amount"] for b in buckets.values()), default=0) or 1
    for key in sorted(buckets):
        # the label is language-neutral (the result is cached for every language): pages name the period
        # from ``key`` (a Jalali month) or ``start`` (the first day: a week's Saturday, a month's 1st)
        label = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(key))
        start = jdatetime.date(*key if len(key) == 3 else (*key, 1)).togregorian()
        out.append({"key": key, "label": label, "start": start, **buckets[key],
                    "bar": round(100 * buckets[key]["contracted_amount"] / peak)})
    return out
