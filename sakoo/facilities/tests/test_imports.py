"""Excel imports: per-row errors, all-or-nothing, idempotency, leading zeros, Sheba as number, refusals."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from sakoo.accounts.testing import UserFactory
from sakoo.core.validators import make_national_id, make_sheba
from sakoo.facilities.imports import ImportRefused, build_template, run_import
from sakoo.facilities.models import FacilityFile, FileStep, ImportBatch, Step
from sakoo.facilities.services import file_step_add
from sakoo.facilities.testing import d, make_file

pytestmark = pytest.mark.django_db

HEADER = ["کد ملی", "نام و نام خانوادگی", "جنسیت", "سن", "شهرستان", "برنامه", "سال", "مبلغ درخواستی (ریال)",
          "اشتغال پیش‌بینی‌شده", "شماره شبا", "بانک", "کد شعبه", "تاریخ معرفی به بانک"]
ENGLISH_HEADER = ["national_id", "applicant_name", "sex", "age", "county", "program", "year", "amount_requested",
                  "planned_jobs", "sheba", "bank", "branch", "referred_on"]
NID_LEADING_ZERO = make_national_id("001234567")  # "0012345679" (shape may vary by checksum)
SHEBA = make_sheba("0170000000100324200001")


def xlsx(rows, header=ENGLISH_HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(nid=NID_LEADING_ZERO, **over):
    values = {"national_id": nid, "applicant_name": "زهرا احمدی", "sex": "زن", "age": 29, "county": "0301",
              "program": "rural-nomadic", "year": 1403, "amount_requested": 5_000, "planned_jobs": 2,
              "sheba": SHEBA, "bank": "bank-a", "branch": "1001", "referred_on": "1403/02/10"}
    values.update(over)
    return [values[k] for k in ENGLISH_HEADER]


def agency_import(world, data, commit=True, user=None):
    return run_import(kind=ImportBatch.Kind.AGENCY_FILES, data=data, filename="files.xlsx",
                      user=user or UserFactory(role="agency_officer"),
                      organisation=world.agencies[0].organisation, commit=commit)


def test_commit_creates_files_restores_leading_zeros_and_refers(world):
    data = xlsx([row(nid=int(NID_LEADING_ZERO)), row(nid=make_national_id("123456789"), sex="مرد")])
    result = agency_import(world, data)
    assert (result.committed, result.count("created")) == (True, 2)
    file = FacilityFile.objects.get(national_id=NID_LEADING_ZERO)
    assert (file.agency, file.bank, file.branch, file.step, file.referred_on) == (
        world.agencies[0], world.banks[0], world.branches[0], Step.REFERRED, d(1403, 2, 10))
    assert FileStep.objects.filter(kind=Step.REFERRED).count() == 2


def test_dry_run_writes_nothing(world):
    result = agency_import(world, xlsx([row()]), commit=False)
    assert (result.ok, result.committed, result.count("created")) == (True, False, 1)
    assert FacilityFile.objects.count() == 0


def test_reimporting_the_same_file_changes_nothing(world):
    data = xlsx([row(), row(nid=make_national_id("123456789"))])
    agency_import(world, data)
    before = list(FacilityFile.objects.values().order_by("pk"))
    again = agency_import(world, data)
    assert (again.count("unchanged"), again.count("created"), again.count("updated")) == (2, 0, 0)
    assert again.seen_before is not None
    assert list(FacilityFile.objects.values().order_by("pk")) == before
    assert FileStep.objects.count() == 2


def test_one_bad_row_saves_nothing_and_names_row_column_and_problem(world):
    data = xlsx([row(), row(nid="12345", age="سی")], header=HEADER)
    result = agency_import(world, data)
    assert result.committed is False
    assert FacilityFile.objects.count() == 0
    assert [(r.row, [c for c, _ in r.errors]) for r in result.error_rows] == [(3, ["کد ملی", "سن"])]


def test_sheba_that_arrived_as_a_number_is_rejected(world):
    result = agency_import(world, xlsx([row(sheba=int(SHEBA[2:]))]))
    assert [(r.row, r.errors[0][0]) for r in result.error_rows] == [(2, "شماره شبا")]
    assert "عدد" in result.error_rows[0].errors[0][1] or "number" in result.error_rows[0].errors[0][1]


def test_duplicate_applicant_in_the_same_file_is_an_error(world):
    result = agency_import(world, xlsx([row(), row()]))
    assert [r.row for r in result.error_rows] == [3]


def test_missing_column_is_reported(world):
    result = agency_import(world, xlsx([row()[:3]], header=ENGLISH_HEADER[:3]))
    assert result.ok is False
    assert len(result.header_errors) == 5


def test_not_a_spreadsheet_is_refused(world):
    with pytest.raises(ImportRefused):
        agency_import(world, b"national_id,name\n0012345679,x\n")
    with pytest.raises(ImportRefused):
        agency_import(world, b"PK\x03\x04 this is not really a zip")


def test_oversized_file_is_refused(world, monkeypatch):
    monkeypatch.setattr("sakoo.facilities.imports.MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ImportRefused):
        agency_import(world, xlsx([row()] * 50))


def test_template_round_trips_through_the_importer(world):
    wb = load_workbook(io.BytesIO(build_template(ImportBatch.Kind.AGENCY_FILES)))
    ws = wb.active
    ws.delete_rows(2)
    ws.append(row())
    buf = io.BytesIO()
    wb.save(buf)
    result = agency_import(world, buf.getvalue())
    assert (result.header_errors, result.count("created")) == ([], 1)


def test_bank_steps_import_is_idempotent_and_checks_the_applicant(world):
    file = make_file(world)
    file_step_add(file=file, kind=Step.REFERRED, date=d(1403, 2, 1), branch=world.branches[0])
    header = ["file_id", "national_id", "step", "date", "amount", "reason"]
    good = xlsx([[file.pk, file.national_id, "approved", "1403/02/05", None, None],
                 [file.pk, file.national_id, "قرارداد", "1403/02/09", 900, None]], header=header)
    officer = UserFactory(role="bank_officer")

    def run(data):
        return run_import(kind=ImportBatch.Kind.BANK_STEPS, data=data, filename="s.xlsx", user=officer,
                          organisation=world.banks[0].organisation, commit=True)

    assert run(good).count("created") == 2
    assert run(good).count("unchanged") == 2
    file.refresh_from_db()
    assert (file.step, file.contract_amount, file.steps.count()) == (Step.CONTRACT_SIGNED, 900, 3)
    wrong = xlsx([[file.pk, make_national_id("123456789"), "paid", "1403/02/10", 100, None]], header=header)
    result = run(wrong)
    assert [c for c, _ in result.error_rows[0].errors] == ["National ID"] or \
        [c for c, _ in result.error_rows[0].errors] == ["کد ملی"]
    other_bank = run_import(kind=ImportBatch.Kind.BANK_STEPS, data=good, filename="s.xlsx", user=officer,
                            organisation=world.banks[1].organisation, commit=True)
    assert [r.row for r in other_bank.error_rows] == [2, 3]
