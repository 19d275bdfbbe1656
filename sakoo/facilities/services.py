"""Writes of the facilities app. Pages, API, imports and commands all call these."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sakoo.workcal.models import WorkCalendar
from sakoo.workcal.selectors import Calendar, get_calendar

from .models import (
    AllocationLine,
    AllocationVersion,
    FacilityFile,
    FileStep,
    FiscalYear,
    ReallocationProposal,
    RejectionReason,
    Step,
    Target,
)
from .reallocation import Position, plan_reallocation
from .summaries import SummaryDelta, contributions, paid_steps_of, record_file_change

# Fields of a file its agency may edit (steps are written only through file_step_add).
EDITABLE_FIELDS = (
    "applicant_name", "county", "sex", "age", "sheba", "program", "fiscal_year", "bank", "branch",
    "amount_requested", "planned_jobs",
)


class StaleFileError(Exception):
    """Someone else saved the file after it was opened: the caller shows the current values."""

    def __init__(self, current: FacilityFile):
        super().__init__("stale")
        self.current = current


def fiscal_year_ensure(year: int) -> FiscalYear:
    fiscal_year, _created = FiscalYear.objects.get_or_create(year=year)
    return fiscal_year


# --- files -----------------------------------------------------------------------------------------


def _check_bank_branch(file: FacilityFile) -> None:
    if file.branch_id and file.bank_id and file.branch.bank_id != file.bank_id:
        raise ValidationError({"branch": _("This branch belongs to another bank.")})
    if file.branch_id and not file.bank_id:
        file.bank_id = file.branch.bank_id


@transaction.atomic
def facility_file_create(*, user, agency, **fields) -> FacilityFile:
    file = FacilityFile(agency=agency, created_by=user, **fields)
    _check_bank_branch(file)
    file.full_clean()
    file.save()
    record_file_change(None, contributions(file))
    return file


@transaction.atomic
def facility_file_update(*, file: FacilityFile, user, expected_version: int, **fields) -> FacilityFile:
    """Save the agency's edits if nobody saved the file since ``expected_version`` (optimistic lock).

    Raises StaleFileError (with the current file) when the version moved on, ValidationError when a
    value is wrong. Nothing is written in either case."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(file, name, value)
    _check_bank_branch(file)
    file.full_clean()
    values = {name: getattr(file, name) for name in fields}
    if "branch" in fields or "bank" in fields:
        values["bank"] = file.bank
    stored = FacilityFile.objects.select_for_update().filter(pk=file.pk, version=expected_version).first()
    if stored is None:
        raise StaleFileError(FacilityFile.objects.get(pk=file.pk))
    paid_steps = paid_steps_of(stored)
    before = contributions(stored, paid_steps)
    updated = FacilityFile.objects.filter(pk=file.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **values
    )
    if not updated:
        raise StaleFileError(FacilityFile.objects.get(pk=file.pk))
    file.refresh_from_db()
    record_file_change(before, contributions(file, paid_steps))
    return file


def _bank_calendar(calendar: Calendar | None) -> Calendar:
    return calendar or get_calendar(WorkCalendar.BANK)


@transaction.atomic
def file_step_add(
    *,
    file: FacilityFile,
    kind: str,
    date: dt.date,
    user=None,
    amount: int | None = None,
    reason: RejectionReason | None = None,
    bank=None,
    branch=None,
    calendar: Calendar | None = None,
) -> FileStep:
    """Record one step of a file and update the file's summary. Steps follow the order referred →
    approved | rejected → contract signed → paid (one or more instalments, not beyond the contract).

    The file row is locked for the transaction (two officers recording payments at once cannot exceed
    the contract together); the caller's ``file`` object is refreshed afterwards."""
    caller_file = file
    file = FacilityFile.objects.select_for_update().get(pk=caller_file.pk)
    errors: dict[str, str] = {}
    if kind == Step.REFERRED:
        if file.referred_on:
            errors["kind"] = _("This file has already been referred to a bank.")
        if branch is not None:
            file.branch = branch
            file.bank = branch.bank
        elif bank is not None:
            file.bank = bank
        if not file.bank_id:
            errors["bank"] = _("Choose the bank the file is referred to.")
    elif kind in (Step.APPROVED, Step.REJECTED):
        if not file.referred_on:
            errors["kind"] = _("The file has not been referred to a bank yet.")
        elif file.approved_on or file.rejected_on:
            errors["kind"] = _("The bank has already decided on this file.")
        if kind == Step.REJECTED and reason is None:
            errors["reason"] = _("Choose the reason for the rejection.")
    elif kind == Step.CONTRACT_SIGNED:
        if not file.approved_on:
            errors["kind"] = _("A contract needs the bank's approval first.")
        elif file.contracted_on:
            errors["kind"] = _("The contract has already been signed.")
        if not amount or amount <= 0:
            errors["amount"] = _("Enter the contract amount in rials.")
    elif kind == Step.PAID:
        if not file.contracted_on:
            errors["kind"] = _("A payment needs a signed contract first.")
        if not amount or amount <= 0:
            errors["amount"] = _("Enter the amount paid in rials.")
        elif file.contracted_on and file.paid_amount + amount > file.contract_amount:
            errors["amount"] = _("Payments would exceed the contract amount.")
    else:
        errors["kind"] = _("Unknown step.")
    previous = max(
        (d for d in (file.referred_on, file.approved_on, file.rejected_on, file.contracted_on, file.first_paid_on)
         if d), default=None,
    )
    if kind != Step.REFERRED and previous and date < previous:
        errors["date"] = _("The date is before the file's previous step.")
    if date > timezone.localdate():
        errors["date"] = _("The date is in the future.")
    if errors:
        raise ValidationError(errors)

    step = FileStep(file=file, kind=kind, date=date, amount=amount, reason=reason, actor=user)
    step.full_clean(exclude=["file"])
    step.save()
    delta = SummaryDelta()
    delta.add_file(file, sign=-1)  # the file's contribution before this step (its paid steps do not move)
    cal = None
    if kind == Step.REFERRED:
        file.referred_on = date
    elif kind == Step.APPROVED:
        file.approved_on = date
    elif kind == Step.REJECTED:
        file.rejected_on = date
        file.rejection_reason = reason
    elif kind == Step.CONTRACT_SIGNED:
        file.contracted_on = date
        file.contract_amount = amount
        cal = _bank_calendar(calendar)
        file.days_to_contract = cal.count(file.referred_on, date)
    elif kind == Step.PAID:
        if not file.first_paid_on:
            file.first_paid_on = date
            cal = _bank_calendar(calendar)
            file.days_to_payment = cal.count(file.referred_on, date)
        file.paid_amount += amount
    file.step = kind
    file.version += 1
    file.save()
    delta.add_file(file, paid_steps=[(date, amount)] if kind == Step.PAID else ())
    delta.apply()
    caller_file.refresh_from_db()
    return step


@transaction.atomic
def facility_file_verify_jobs(*, file: FacilityFile, created_jobs: int, date: dt.date) -> FacilityFile:
    stored = FacilityFile.objects.select_for_update().get(pk=file.pk)
    file.created_jobs = created_jobs
    file.created_jobs_verified_on = date
    file.full_clean()
    file.version += 1
    file.save(update_fields=["created_jobs", "created_jobs_verified_on", "version", "updated_at"])
    record_file_change(contributions(stored), contributions(FacilityFile.objects.get(pk=file.pk)))
    return file


# --- allocations ------------------------------------------------------------------------------------


@transaction.atomic
def allocation_version_create(
    *, program, fiscal_year, lines: dict, user, rule: str, reason: str, effective_on: dt.date,
    proposal: ReallocationProposal | None = None,
) -> AllocationVersion:
    """A new allocation version with its lines (``{agency: (amount, target_jobs)}``). Versions are never
    edited; the newest approved one is in force."""
    quota = program.quotas.filter(fiscal_year=fiscal_year).first()
    total = sum(amount for amount, _jobs in lines.values())
    if quota is None:
        raise ValidationError(_("Set the province quota for this program and year first."))
    if total > quota.amount:
        raise ValidationError(_("The allocations add up to more than the province quota."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this allocation.")})
    last = (
        AllocationVersion.objects.select_for_update()
        .filter(program=program, fiscal_year=fiscal_year)
        .order_by("-number")
        .first()
    )
    version = AllocationVersion(
        program=program, fiscal_year=fiscal_year, number=(last.number + 1) if last else 1, created_by=user,
        created_at=timezone.now(), effective_on=effective_on, rule=rule, reason=reason, approved=True,
        proposal=proposal,
    )
    version.full_clean()
    version.save()
    AllocationLine.objects.bulk_create(
        AllocationLine(version=version, agency=agency, amount=amount, target_jobs=jobs)
        for agency, (amount, jobs) in lines.items()
    )
    return version


@transaction.atomic
def target_set(*, program, fiscal_year, threshold: Decimal, target_date: dt.date,
               alert_distances: list[int] | None = None) -> Target:
    threshold = Decimal(str(threshold))
    target, _created = Target.objects.get_or_create(
        program=program, fiscal_year=fiscal_year,
        defaults={"threshold": threshold, "target_date": target_date},
    )
    target.threshold = threshold
    target.target_date = target_date
    target.alert_distances = sorted(set(alert_distances or [10, 5, 1]), reverse=True)
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def reallocation_propose(
    *, program, fiscal_year, checkpoint: dt.date, rule: str, threshold: Decimal, release_fraction: Decimal,
    measure: str, reason: str, user,
) -> ReallocationProposal:
    from .selectors import agency_positions, current_allocation

    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this reallocation.")})
    if not Decimal(0) <= release_fraction <= Decimal(1):
        raise ValidationError({"release_fraction": _("The share released must be between 0 and 1.")})
    base = current_allocation(program, fiscal_year)
    if base is None:
        raise ValidationError(_("There is no allocation to reallocate yet."))
    positions = agency_positions(base, measure=measure, checkpoint=checkpoint)
    moves = plan_reallocation(
        [Position(key=p["agency_id"], quota=p["quota"], absorbed=p["absorbed"],
                  pending_demand=p["pending_demand"]) for p in positions],
        threshold=Fraction(threshold), release_fraction=Fraction(release_fraction), rule=rule,
    )
    info = {p["agency_id"]: p for p in positions}
    lines = [
        {
            "agency_id": m.key, "agency": info[m.key]["agency_name"], "before": m.before, "released": m.released,
            "gained": m.gained, "after": m.after, "absorbed": info[m.key]["absorbed"],
            "pending_demand": info[m.key]["pending_demand"], "target_jobs": info[m.key]["target_jobs"],
        }
        for m in moves
    ]
    proposal = ReallocationProposal(
        program=program, fiscal_year=fiscal_year, base_version=base, checkpoint=checkpoint, rule=rule,
        measure=measure, threshold=threshold, release_fraction=release_fraction, reason=reason, lines=lines,
        proposed_by=user,
    )
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def reallocation_approve(*, proposal: ReallocationProposal, user) -> AllocationVersion:
    """The working group approves: a new allocation version is written from the proposal's lines."""
    from .models import Agency
    from .selectors import current_allocation

    proposal = ReallocationProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ReallocationProposal.Status.PROPOSED:
        raise ValidationError(_("This proposal has already been decided."))
    current = current_allocation(proposal.program, proposal.fiscal_year)
    if current is None or current.pk != proposal.base_version_id:
        raise ValidationError(
            _("The allocation changed after this proposal was made; make a new proposal.")
        )
    agencies = Agency.objects.in_bulk([line["agency_id"] for line in proposal.lines])
    version = allocation_version_create(
        program=proposal.program, fiscal_year=proposal.fiscal_year,
        lines={agencies[line["agency_id"]]: (line["after"], line["target_jobs"]) for line in proposal.lines},
        user=user, rule=proposal.get_rule_display(), reason=proposal.reason,
        effective_on=timezone.localdate(), proposal=proposal,
    )
    proposal.status = ReallocationProposal.Status.APPROVED
    proposal.save(update_fields=["status"])
    return version


@transaction.atomic
def reallocation_withdraw(*, proposal: ReallocationProposal) -> ReallocationProposal:
    if proposal.status != ReallocationProposal.Status.PROPOSED:
        raise ValidationError(_("This proposal has already been decided."))
    proposal.status = ReallocationProposal.Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    return proposal


# --- alerts ------------------------------------------------------------------------------------------


def facility_alerts_send(*, today: dt.date | None = None) -> list:
    """Alert agency officers and province admins when an agency that is not on track is at one of the
    target's chosen working-day distances from its own 20-working-day deadline or from the target date.
    Each alert is sent once (FacilityAlert is unique on agency, target, deadline and distance)."""
    from django.core.mail import send_mail
    from django.db import IntegrityError

    from sakoo.accounts.models import Membership, Role, User

    from .models import FacilityAlert
    from .selectors import STATUS_ON_TRACK, agency_measures

    today = today or timezone.localdate()
    sent = []
    calendar = get_calendar(WorkCalendar.GOVERNMENT)
    admins = list(User.objects.filter(role=Role.PROVINCE_ADMIN, is_active=True).exclude(email="")
                  .values_list("email", flat=True))
    for target in Target.objects.select_related("program", "fiscal_year").filter(target_date__gte=today):
        distances = set(target.alert_distances or [])
        data = agency_measures(fiscal_year=target.fiscal_year, program=target.program, today=today,
                               calendar=calendar)
        for row in data["rows"]:
            if row["status"] in (None, STATUS_ON_TRACK):
                continue
            for kind, left in (("deadline", row["deadline_days_left"]), ("target", row["target_days_left"])):
                if left is None or left not in distances:
                    continue
                message = _(
                    "%(agency)s, %(program)s %(year)s: absorption %(absorption).0f%% (target %(threshold).0f%%); "
                    "%(left)s working days left to the %(deadline)s."
                ) % {
                    "agency": row["agency"].name, "program": target.program.name_fa, "year": target.fiscal_year.year,
                    "absorption": 100 * (row["absorption"] or 0), "threshold": 100 * float(target.threshold),
                    "left": left,
                    "deadline": _("20-working-day deadline") if kind == "deadline" else _("target date"),
                }
                try:
                    with transaction.atomic():
                        alert = FacilityAlert.objects.create(agency=row["agency"], target=target,
                                                             deadline_kind=kind, distance=left, message=message)
                except IntegrityError:
                    continue  # already sent
                officers = list(
                    Membership.objects.filter(organisation=row["agency"].organisation, user__is_active=True)
                    .exclude(user__email="").values_list("user__email", flat=True)
                )
                recipients = sorted(set(officers) | set(admins))
                if recipients:
                    send_mail(_("Sakoo: facility absorption alert"), message, None, recipients,
                              fail_silently=True)
                sent.append(alert)
    return sent
