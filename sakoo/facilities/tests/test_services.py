"""Steps, summaries, optimistic locking, allocation versions and reallocation approval."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from sakoo.accounts.testing import UserFactory
from sakoo.facilities.models import AllocationLine, AllocationVersion, FileStep, Step
from sakoo.facilities.selectors import current_allocation
from sakoo.facilities.services import (
    StaleFileError,
    allocation_version_create,
    facility_file_update,
    file_step_add,
    reallocation_approve,
    reallocation_propose,
)
from sakoo.facilities.testing import d, make_file

pytestmark = pytest.mark.django_db


def test_steps_update_the_summary_and_count_bank_working_days(world):
    file = make_file(world)
    file_step_add(file=file, kind=Step.REFERRED, date=d(1403, 4, 23), branch=world.branches[0])
    file_step_add(file=file, kind=Step.APPROVED, date=d(1403, 4, 24))
    # 1403-04-23 Saturday → 1403-04-30 Saturday: Tasua and Ashura (25, 26) and Friday (29) are not
    # bank working days; Thursday (28) is. Working days after referral: 24, 27, 28, 30 = 4; to the
    # first payment on 1403-05-01 add Tir 31 and Mordad 1 = 6.
    file_step_add(file=file, kind=Step.CONTRACT_SIGNED, date=d(1403, 4, 30), amount=900)
    file_step_add(file=file, kind=Step.PAID, date=d(1403, 5, 1), amount=400)
    file_step_add(file=file, kind=Step.PAID, date=d(1403, 5, 6), amount=500)
    file.refresh_from_db()
    assert (file.bank, file.branch, file.step) == (world.banks[0], world.branches[0], Step.PAID)
    assert (file.contract_amount, file.paid_amount) == (900, 900)
    assert (file.days_to_contract, file.days_to_payment) == (4, 6)
    assert list(file.steps.values_list("kind", flat=True)) == [
        "referred", "approved", "contract_signed", "paid", "paid"]


def test_steps_out_of_order_are_refused(world):
    file = make_file(world)
    with pytest.raises(ValidationError) as exc:
        file_step_add(file=file, kind=Step.CONTRACT_SIGNED, date=d(1403, 3, 1), amount=5)
    assert list(exc.value.message_dict) == ["kind"]
    assert FileStep.objects.count() == 0


def test_payments_beyond_the_contract_are_refused(world):
    file = make_file(world)
    file_step_add(file=file, kind=Step.REFERRED, date=d(1403, 2, 1), bank=world.banks[0])
    file_step_add(file=file, kind=Step.APPROVED, date=d(1403, 2, 2))
    file_step_add(file=file, kind=Step.CONTRACT_SIGNED, date=d(1403, 2, 3), amount=100)
    with pytest.raises(ValidationError) as exc:
        file_step_add(file=file, kind=Step.PAID, date=d(1403, 2, 4), amount=101)
    assert list(exc.value.message_dict) == ["amount"]


def test_rejection_needs_a_reason(world):
    file = make_file(world)
    file_step_add(file=file, kind=Step.REFERRED, date=d(1403, 2, 1), bank=world.banks[0])
    with pytest.raises(ValidationError):
        file_step_add(file=file, kind=Step.REJECTED, date=d(1403, 2, 2))
    file_step_add(file=file, kind=Step.REJECTED, date=d(1403, 2, 2), reason=world.reasons[0])
    file.refresh_from_db()
    assert (file.step, file.rejection_reason) == (Step.REJECTED, world.reasons[0])


def test_optimistic_lock_second_writer_is_told_and_nothing_is_written(world):
    file = make_file(world, applicant_name="اول")
    opened_version = file.version
    facility_file_update(file=file, user=None, expected_version=opened_version, applicant_name="دوم")
    with pytest.raises(StaleFileError) as exc:
        facility_file_update(file=file, user=None, expected_version=opened_version, applicant_name="سوم")
    assert exc.value.current.applicant_name == "دوم"
    file.refresh_from_db()
    assert (file.applicant_name, file.version) == ("دوم", opened_version + 1)


def _allocate(world, admin, amounts):
    return allocation_version_create(
        program=world.program, fiscal_year=world.year, user=admin, rule="initial", reason="مصوبه کارگروه",
        effective_on=d(1403, 1, 15),
        lines={a: (amount, 10) for a, amount in zip(world.agencies, amounts, strict=True)},
    )


def test_allocation_cannot_exceed_the_province_quota(world):
    admin = UserFactory(role="province_admin")
    with pytest.raises(ValidationError):
        _allocate(world, admin, [10_000, 10_000, 10_001])


@time_machine.travel(dt.datetime(2024, 5, 25, 10, 0), tick=False)
def test_reallocation_proposal_then_approval_writes_a_new_version(world):
    admin = UserFactory(role="province_admin")
    v1 = _allocate(world, admin, [10_000, 10_000, 10_000])
    a, b, c = world.agencies
    # a: 20% absorbed; b: 90% absorbed with 3,000 pending beyond quota; c: 70% with 6,000 pending
    for agency, contracted, referred in ((a, 2_000, 2_000), (b, 9_000, 13_000), (c, 7_000, 16_000)):
        f = make_file(world, agency=agency, amount_requested=referred)
        file_step_add(file=f, kind=Step.REFERRED, date=d(1403, 2, 1), bank=world.banks[0])
        file_step_add(file=f, kind=Step.APPROVED, date=d(1403, 2, 2))
        file_step_add(file=f, kind=Step.CONTRACT_SIGNED, date=d(1403, 2, 3), amount=contracted)
    proposal = reallocation_propose(
        program=world.program, fiscal_year=world.year, checkpoint=d(1403, 2, 31), rule="pending_demand",
        threshold=Decimal("0.65"), release_fraction=Decimal("1"), measure="contracted",
        reason="پایان اردیبهشت", user=admin,
    )
    assert [(line["before"], line["released"], line["gained"], line["after"]) for line in proposal.lines] == [
        (10_000, 8_000, 0, 2_000), (10_000, 0, 2_667, 12_667), (10_000, 0, 5_333, 15_333)]
    assert current_allocation(world.program, world.year) == v1  # nothing changes before approval
    v2 = reallocation_approve(proposal=proposal, user=admin)
    assert (v2.number, v2.created_by, v2.reason, v2.proposal) == (2, admin, "پایان اردیبهشت", proposal)
    assert current_allocation(world.program, world.year) == v2
    assert sum(v2.lines.values_list("amount", flat=True)) == 30_000
    assert sorted(AllocationLine.objects.filter(version=v1).values_list("amount", flat=True)) == [10_000] * 3
    with pytest.raises(ValidationError):
        reallocation_approve(proposal=proposal, user=admin)
    assert AllocationVersion.objects.count() == 2
