"""The daily summary the dashboard reads: maintained by every write path, equal to a recomputation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sakoo.accounts.testing import MembershipFactory, UserFactory
from sakoo.core.validators import make_national_id
from sakoo.facilities.imports import run_import
from sakoo.facilities.models import (
    Branch,
    FacilityBankDistribution,
    FacilityBankSummary,
    FacilityDailySummary,
    FacilityFile,
    FiscalYear,
    ImportBatch,
    Program,
    Step,
)
from sakoo.facilities.selectors import (
    _file_aggregates,
    agency_measures,
    agency_measures_from_files,
    bank_measures,
    bank_measures_from_files,
    banks_for_user,
    scorecard,
    trends,
)
from sakoo.facilities.services import (
    facility_file_update,
    facility_file_verify_jobs,
    file_step_add,
)
from sakoo.facilities.summaries import (
    compute_bank_summaries,
    compute_summaries,
    stored_bank_summaries,
    stored_summaries,
    summary_differences,
)
from sakoo.facilities.testing import d, make_counties, make_file

from .test_imports import row, xlsx

pytestmark = pytest.mark.django_db
START = d(1403, 1, 20)


def _extra(world):
    year_b = FiscalYear.objects.get_or_create(year=1404)[0]
    program_b = Program.objects.get_or_create(code="home-jobs", defaults={"name_fa": "مشاغل خانگی",
                                                                          "name_en": "Home jobs"})[0]
    return year_b, program_b


def _assert_consistent(world, years=None):
    assert summary_differences() == []
    for fiscal_year in years or [world.year]:
        data = agency_measures(fiscal_year=fiscal_year, today=d(1403, 3, 1))
        from_files = agency_measures_from_files(fiscal_year=fiscal_year)
        keys = list(_file_aggregates())
        assert {r["agency_id"]: {k: r[k] for k in keys} for r in data["rows"] if r["agency_id"] in from_files} \
            == {a: {k: v[k] for k in keys} for a, v in from_files.items()}
        assert {r["agency_id"] for r in data["rows"] if r["files"]} == set(from_files)
        _assert_bank_figures_match([fiscal_year], [None], [None, {world.banks[0].pk}])


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.integers(0, 2), st.integers(1, 9)),
        # the next natural step of a file (so that long histories, with instalments, are common)
        st.tuples(st.just("advance"), st.integers(0, 3), st.integers(0, 20), st.integers(0, 5)),
        st.tuples(st.just("advance"), st.integers(0, 3), st.integers(0, 20), st.integers(0, 5)),
        st.tuples(st.just("refer"), st.integers(0, 3), st.integers(0, 40), st.integers(0, 1)),
        st.tuples(st.just("approve"), st.integers(0, 3), st.integers(0, 20)),
        st.tuples(st.just("reject"), st.integers(0, 3), st.integers(0, 20)),
        st.tuples(st.just("contract"), st.integers(0, 3), st.integers(0, 20), st.integers(1, 9)),
        st.tuples(st.just("pay"), st.integers(0, 3), st.integers(0, 20), st.integers(1, 9)),
        st.tuples(st.just("update"), st.integers(0, 3), st.sampled_from(["program", "fiscal_year", "amount",
                                                                           "planned_jobs", "name"]),
                  st.integers(1, 9)),
        st.tuples(st.just("verify"), st.integers(0, 3), st.integers(0, 5)),
    ),
    min_size=1, max_size=30,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
@example(ops=[("create", 0, 5), ("advance", 0, 1, 1), ("advance", 0, 1, 1), ("advance", 0, 1, 1),
              ("advance", 0, 1, 1), ("advance", 0, 3, 1), ("update", 0, "program", 1),
              ("update", 0, "fiscal_year", 1), ("verify", 0, 2), ("create", 1, 3), ("advance", 1, 0, 0),
              ("advance", 1, 0, 0), ("update", 1, "amount", 4)])
def test_summary_equals_a_recomputation_after_random_service_operations(world, ops):
    year_b, program_b = _extra(world)
    with transaction.atomic():
        files: list[FacilityFile] = []
        for op in ops:
            kind, *args = op

            def pick(i):
                return files[i % len(files)] if files else None

            try:
                if kind == "create":
                    files.append(make_file(world, agency=world.agencies[args[0]], amount_requested=args[1] * 1000,
                                           planned_jobs=args[1] % 3))
                    continue
                file = pick(args[0])
                if file is None:
                    continue
                file.refresh_from_db()
                if kind == "advance":
                    days, choice = dt.timedelta(days=args[1]), args[2]
                    if not file.referred_on:
                        kind, args = "refer", [0, args[1], choice % 2]
                    elif not (file.approved_on or file.rejected_on):
                        kind = "reject" if choice == 0 else "approve"
                    elif file.approved_on and not file.contracted_on:
                        file_step_add(file=file, kind=Step.CONTRACT_SIGNED, date=file.approved_on + days,
                                      amount=file.amount_requested)
                        continue
                    elif file.contracted_on:
                        file_step_add(file=file, kind=Step.PAID, date=(file.first_paid_on or file.contracted_on)
                                      + days, amount=max(1, (file.contract_amount - file.paid_amount) // 2))
                        continue
                    else:
                        continue
                if kind == "refer":
                    file_step_add(file=file, kind=Step.REFERRED, date=START + dt.timedelta(days=args[1]),
                                  branch=world.branches[args[2]])
                elif kind in ("approve", "reject"):
                    previous = file.referred_on or START
                    file_step_add(file=file, kind=Step.APPROVED if kind == "approve" else Step.REJECTED,
                                  date=previous + dt.timedelta(days=args[1]), reason=world.reasons[0])
                elif kind == "contract":
                    file_step_add(file=file, kind=Step.CONTRACT_SIGNED,
                                  date=(file.approved_on or START) + dt.timedelta(days=args[1]),
                                  amount=args[2] * 100)
                elif kind == "pay":
                    file_step_add(file=file, kind=Step.PAID,
                                  date=(file.first_paid_on or file.contracted_on or START) + dt.timedelta(days=args[1]),
                                  amount=args[2] * 50)
                elif kind == "update":
                    field, n = args[1], args[2]
                    changes = {
                        "program": {"program": program_b if file.program_id == world.program.pk else world.program},
                        "fiscal_year": {"fiscal_year": year_b if file.fiscal_year_id == world.year.pk else world.year},
                        "amount": {"amount_requested": n * 700},
                        "planned_jobs": {"planned_jobs": n},
                        "name": {"applicant_name": f"نام {n}"},
                    }[field]
                    facility_file_update(file=file, user=None, expected_version=file.version, **changes)
                elif kind == "verify":
                    facility_file_verify_jobs(file=file, created_jobs=args[1], date=d(1403, 3, 1))
            except ValidationError:
                pass  # refused: the service wrote nothing (checked by the equality below)
        _assert_consistent(world, [world.year, year_b])
        transaction.set_rollback(True)


def test_summary_rows_are_per_day_and_removed_when_a_file_moves_away(world):
    _year_b, program_b = _extra(world)
    f = make_file(world, amount_requested=5_000, planned_jobs=2)
    file_step_add(file=f, kind=Step.REFERRED, date=d(1403, 2, 1), branch=world.branches[0])
    file_step_add(file=f, kind=Step.APPROVED, date=d(1403, 2, 3))
    file_step_add(file=f, kind=Step.CONTRACT_SIGNED, date=d(1403, 2, 8), amount=4_000)
    file_step_add(file=f, kind=Step.PAID, date=d(1403, 2, 10), amount=1_000)
    file_step_add(file=f, kind=Step.PAID, date=d(1403, 2, 17), amount=500)
    rows = stored_summaries(world.year)
    key = (world.year.pk, world.program.pk, world.agencies[0].pk)
    assert rows[(*key, d(1403, 2, 1))] == {"referred": 1, "referred_amount": 5_000}
    assert rows[(*key, d(1403, 2, 3))] == {"approved": 1, "approved_amount": 5_000}
    assert rows[(*key, d(1403, 2, 8))] == {"contracted": 1, "contracted_amount": 4_000}
    assert rows[(*key, d(1403, 2, 10))] == {"paid": 1, "paid_amount": 1_500, "paid_steps_amount": 1_000}
    assert rows[(*key, d(1403, 2, 17))] == {"paid_steps_amount": 500}
    f.refresh_from_db()
    facility_file_update(file=f, user=None, expected_version=f.version, program=program_b)
    assert stored_summaries(world.year) == {
        k: v for k, v in compute_summaries(world.year).items() if k[1] == program_b.pk
    }
    assert not FacilityDailySummary.objects.filter(program=world.program).exists()  # no zero rows left
    assert summary_differences() == []


def test_a_refused_step_leaves_the_summary_unchanged(world):
    f = make_file(world)
    before = stored_summaries()
    with pytest.raises(ValidationError):
        file_step_add(file=f, kind=Step.CONTRACT_SIGNED, date=d(1403, 2, 8), amount=4_000)
    assert stored_summaries() == before


def test_imports_maintain_the_summary(world):
    officer = UserFactory(role="agency_officer")
    first = xlsx([row(), row(nid=make_national_id("123456789"), referred_on=None, bank=None, branch=None)])
    run_import(kind=ImportBatch.Kind.AGENCY_FILES, data=first, filename="a.xlsx", user=officer,
               organisation=world.agencies[0].organisation, commit=True)
    assert summary_differences() == []
    # an update of the unreferred file (amount, jobs) and its referral by a second import
    second = xlsx([row(), row(nid=make_national_id("123456789"), amount_requested=7_000, planned_jobs=4)])
    result = run_import(kind=ImportBatch.Kind.AGENCY_FILES, data=second, filename="b.xlsx", user=officer,
                        organisation=world.agencies[0].organisation, commit=True)
    assert (result.count("updated"), result.count("unchanged")) == (1, 1)
    assert summary_differences() == []
    # a preview writes nothing, the summary included
    before = stored_summaries()
    third = xlsx([row(nid=make_national_id("223456789"))])
    run_import(kind=ImportBatch.Kind.AGENCY_FILES, data=third, filename="c.xlsx", user=officer,
               organisation=world.agencies[0].organisation, commit=False)
    assert stored_summaries() == before
    # bank steps
    file = FacilityFile.objects.get(national_id=make_national_id("123456789"))
    steps = xlsx([[file.pk, file.national_id, "approved", "1403/02/11", None, None],
                  [file.pk, file.national_id, "قرارداد", "1403/02/12", 900, None],
                  [file.pk, file.national_id, "paid", "1403/02/13", 400, None]],
                 header=["file_id", "national_id", "step", "date", "amount", "reason"])
    result = run_import(kind=ImportBatch.Kind.BANK_STEPS, data=steps, filename="s.xlsx",
                        user=UserFactory(role="bank_officer"), organisation=world.banks[0].organisation, commit=True)
    assert result.count("created") == 3
    assert summary_differences() == []
    assert stored_summaries()[(world.year.pk, world.program.pk, world.agencies[0].pk, d(1403, 2, 13))] == {
        "paid": 1, "paid_amount": 400, "paid_steps_amount": 400}


def test_trends_read_from_the_summary_match_the_files(world):
    for i, agency in enumerate(world.agencies):
        f = make_file(world, agency=agency, amount_requested=1_000 * (i + 1))
        file_step_add(file=f, kind=Step.REFERRED, date=d(1403, 1, 25 + i), branch=world.branches[0])
        file_step_add(file=f, kind=Step.APPROVED, date=d(1403, 2, 1))
        file_step_add(file=f, kind=Step.CONTRACT_SIGNED, date=d(1403, 2, 5 + i), amount=900 * (i + 1))
    months = trends(fiscal_year=world.year)
    assert [(m["label"], m["referred"], m["contracted"], m["contracted_amount"]) for m in months] == [
        ("1403-01", 3, 0, 0), ("1403-02", 0, 3, 5_400)]
    weeks = trends(fiscal_year=world.year, period="week", agency_ids={world.agencies[0].pk})
    assert [(w["referred"], w["contracted"], w["contracted_amount"]) for w in weeks] == [(1, 0, 0), (0, 1, 900)]


def test_rebuild_command_checks_and_repairs(world):
    f = make_file(world, amount_requested=2_000)
    file_step_add(file=f, kind=Step.REFERRED, date=d(1403, 2, 1), branch=world.branches[0])
    call_command("rebuild_facility_summaries", "--check")
    FacilityDailySummary.objects.filter(referred=1).update(referred_amount=1)  # out of sync
    with pytest.raises(CommandError, match="1 summary rows differ"):
        call_command("rebuild_facility_summaries", "--check")
    call_command("rebuild_facility_summaries", "--year", "1403")
    call_command("rebuild_facility_summaries", "--check")
    assert summary_differences() == []
    with pytest.raises(CommandError, match="year"):
        call_command("rebuild_facility_summaries", "--year", "1399")


def test_demo_fills_the_summary():
    call_command("load_calendar", "--from-year", "1403", "--to-year", "1404")
    make_counties()
    call_command("demo_facilities", "--seed", "3", "--files", "30")
    assert FacilityDailySummary.objects.exists()
    assert summary_differences() == []


# --- the bank summary (what the bank scorecard reads) ----------------------------------------------------------


def _bank_figures(rows):
    return [{k: v for k, v in r.items() if k not in ("object", "bank")} | {"object": r["object"].pk} for r in rows]


def _assert_bank_figures_match(years, programs, bank_ids_choices):
    for fiscal_year in years:
        for program in programs:
            for by in ("bank", "branch"):
                for bank_ids in bank_ids_choices:
                    kwargs = {"fiscal_year": fiscal_year, "program": program, "by": by, "bank_ids": bank_ids}
                    assert _bank_figures(bank_measures(**kwargs)) == _bank_figures(bank_measures_from_files(**kwargs))


@pytest.fixture
def bank_world(world):
    """Files of two programs and two years at every step, referred with and without a branch, rejected for
    two reasons, one moved to another program and one to another year after referral; one never referred."""
    year_b, program_b = _extra(world)
    bank_a, bank_b = world.banks
    third_branch = Branch.objects.create(bank=bank_a, county=world.counties[1], code="1002", name="شعبه دوم")
    branches = [world.branches[0], third_branch, world.branches[1], None]
    files = []
    for i in range(24):
        f = make_file(world, agency=world.agencies[i % 3], amount_requested=1_000 + 100 * i,
                      program=program_b if i % 4 == 3 else world.program, fiscal_year=year_b if i % 5 == 4 else world.year)
        files.append(f)
        if i == 23:
            break  # registered, never referred: not in the bank summary
        branch = branches[i % 4]
        referred = START + dt.timedelta(days=i % 7)
        if branch is None:
            file_step_add(file=f, kind=Step.REFERRED, date=referred, bank=bank_b)
        else:
            file_step_add(file=f, kind=Step.REFERRED, date=referred, branch=branch)
        if i % 6 == 5:
            file_step_add(file=f, kind=Step.REJECTED, date=referred + dt.timedelta(days=2),
                          reason=world.reasons[i % 2])
            continue
        if i % 6 == 4:
            continue  # waiting for the bank's decision
        file_step_add(file=f, kind=Step.APPROVED, date=referred + dt.timedelta(days=1))
        if i % 6 == 3:
            continue
        file_step_add(file=f, kind=Step.CONTRACT_SIGNED, date=referred + dt.timedelta(days=3 + i % 9),
                      amount=f.amount_requested)
        if i % 3 == 0:
            file_step_add(file=f, kind=Step.PAID, date=referred + dt.timedelta(days=12 + i % 11), amount=500)
            file_step_add(file=f, kind=Step.PAID, date=referred + dt.timedelta(days=30), amount=200)
    # edits after referral move the file's contribution to another program, another year
    for f, change in ((files[0], {"program": program_b}), (files[1], {"fiscal_year": year_b})):
        f.refresh_from_db()
        facility_file_update(file=f, user=None, expected_version=f.version, **change)
    return world, year_b, program_b


def test_bank_summary_gives_the_scorecard_the_same_figures_as_the_files(bank_world):
    world, year_b, program_b = bank_world
    assert FacilityBankSummary.objects.filter(branch=None).exists()  # referred without a branch
    assert FacilityBankDistribution.objects.filter(kind="rejection_reason").count() >= 2
    assert summary_differences() == []
    bank_officer = UserFactory(role="bank_officer")
    MembershipFactory(user=bank_officer, organisation=world.banks[0].organisation)
    own_bank = set(banks_for_user(bank_officer).values_list("pk", flat=True))
    assert own_bank == {world.banks[0].pk}
    _assert_bank_figures_match([world.year, year_b], [None, world.program, program_b], [None, own_bank])
    officer_rows = bank_measures(fiscal_year=world.year, bank_ids=own_bank)
    assert [r["object"] for r in officer_rows] == [world.banks[0]]  # only their own bank
    assert 0 < officer_rows[0]["share"] < 1  # of every referred file of the province


def test_rebuild_command_checks_and_repairs_the_bank_summary(bank_world):
    expected = stored_bank_summaries()
    assert expected == compute_bank_summaries()
    FacilityBankDistribution.objects.filter(kind="days_to_contract").update(files=F("files") + 1)  # out of sync
    assert {key[0] for key, _stored, _expected in summary_differences()} == {"bank_dist"}
    call_command("rebuild_facility_summaries", "--year", "1403")
    call_command("rebuild_facility_summaries", "--year", "1404")
    assert stored_bank_summaries() == expected
    assert summary_differences() == []


def test_the_scorecard_reads_the_summary_not_the_files(bank_world):
    world, _year_b, _program_b = bank_world
    with CaptureQueriesContext(connection) as queries:
        scorecard(fiscal_year=world.year)
    assert not [q["sql"] for q in queries.captured_queries if '"facilities_facilityfile"' in q["sql"]]
