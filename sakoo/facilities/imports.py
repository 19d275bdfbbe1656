"""Excel imports: agencies send their files, banks send their steps.

upload → validate → preview → commit. The whole file is applied inside one transaction and rolled back
when any row has an error or when it is a dry run (the preview), so the preview's per-row errors are
exactly what a commit would meet. Re-importing the same file changes nothing: rows are matched on natural
keys (agency + program + year + national ID for files; file + step + date + amount for steps) and an
identical row is "unchanged"; the file's SHA-256 is recorded so the officer is told it was seen before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass, field

import jdatetime
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from sakoo.core.text import normalize_digits, search_key
from sakoo.core.validators import normalize_national_id, normalize_sheba
from sakoo.geo.models import County
from sakoo.workcal.models import WorkCalendar
from sakoo.workcal.selectors import get_calendar

from .models import (
    Bank,
    Branch,
    FacilityFile,
    FileStep,
    FiscalYear,
    ImportBatch,
    Program,
    RejectionReason,
    Step,
)
from .services import file_step_add
from .summaries import SummaryDelta

MAX_UPLOAD_BYTES = getattr(settings, "FACILITY_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
MAX_ROWS = getattr(settings, "FACILITY_IMPORT_MAX_ROWS", 50_000)
ZIP_MAGIC = b"PK\x03\x04"

AGENCY_COLUMNS = [
    ("national_id", gettext_lazy("National ID")),
    ("applicant_name", gettext_lazy("Applicant's name")),
    ("sex", gettext_lazy("Sex")),
    ("age", gettext_lazy("Age")),
    ("county", gettext_lazy("County")),
    ("program", gettext_lazy("Program")),
    ("year", gettext_lazy("Year")),
    ("amount_requested", gettext_lazy("Amount requested (rials)")),
    ("planned_jobs", gettext_lazy("Planned jobs")),
    ("sheba", gettext_lazy("Sheba")),
    ("bank", gettext_lazy("Bank")),
    ("branch", gettext_lazy("Branch code")),
    ("referred_on", gettext_lazy("Referred to the bank on")),
]
AGENCY_REQUIRED = {"national_id", "applicant_name", "sex", "age", "county", "program", "year",
                   "amount_requested"}
BANK_COLUMNS = [
    ("file_id", gettext_lazy("File number")),
    ("national_id", gettext_lazy("National ID")),
    ("step", gettext_lazy("Step")),
    ("date", gettext_lazy("Date")),
    ("amount", gettext_lazy("Amount (rials)")),
    ("reason", gettext_lazy("Rejection reason")),
]
BANK_REQUIRED = {"file_id", "national_id", "step", "date"}
BANK_STEPS = (Step.APPROVED, Step.REJECTED, Step.CONTRACT_SIGNED, Step.PAID)


FK_FIELDS = ["agency", "program", "fiscal_year", "county", "bank", "branch", "created_by", "rejection_reason"]


class ImportRefused(Exception):
    """The upload is not a spreadsheet we can read (message for the user)."""


@dataclass
class RowResult:
    row: int
    action: str = ""  # created | updated | unchanged | error
    label: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ImportResult:
    kind: str
    rows: list[RowResult]
    committed: bool = False
    seen_before: ImportBatch | None = None
    batch: ImportBatch | None = None
    header_errors: list[str] = field(default_factory=list)

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        return not self.header_errors and not self.error_rows

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


def columns_for(kind: str):
    return AGENCY_COLUMNS if kind == ImportBatch.Kind.AGENCY_FILES else BANK_COLUMNS


def build_template(kind: str) -> bytes:
    """An XLSX with the header row (in the active language) and one example row, text-formatted ID
    columns so that spreadsheets keep leading zeros."""
    wb = Workbook()
    ws = wb.active
    ws.title = "files" if kind == ImportBatch.Kind.AGENCY_FILES else "steps"
    ws.sheet_view.rightToLeft = True
    cols = columns_for(kind)
    ws.append([str(label) for _key, label in cols])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    if kind == ImportBatch.Kind.AGENCY_FILES:
        example = ["0012345679", "نمونه نام", "زن", 32, "0301", "rural-nomadic", 1403, 3_000_000_000, 2,
                   "IR062960000000100324200001", "bank-melli", "1001", "1403/02/10"]
    else:
        example = [1, "0012345679", "contract_signed", "1403/02/20", 3_000_000_000, ""]
    ws.append(example)
    for col_index, (key, _label) in enumerate(cols, 1):
        ws.column_dimensions[ws.cell(row=1, column=col_index).column_letter].width = 22
        if key in {"national_id", "sheba", "branch", "county", "referred_on", "date"}:
            for row in (2,):
                ws.cell(row=row, column=col_index).number_format = "@"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_rows(data: bytes) -> list[tuple]:
    """The rows of the first sheet, refusing anything that is not a real, reasonably sized XLSX."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefused(
            _("The file is larger than %(mb)s MB. Split it into smaller files.")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if not data.startswith(ZIP_MAGIC):
        raise ImportRefused(_("This is not an Excel (.xlsx) file. Download the template and fill it in."))
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportRefused(_("The Excel file could not be opened: it is damaged or not a real .xlsx file.")) from None
    ws = wb.worksheets[0]
    rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if len(rows) > MAX_ROWS + 1:
        raise ImportRefused(_("The file has more than %(n)s rows. Split it into smaller files.") % {"n": MAX_ROWS})
    return rows


def _header_map(header: tuple, kind: str) -> tuple[dict[str, int], list[str]]:
    wanted = {}
    for key, label in columns_for(kind):
        for text in {key, str(label), _translated(label, "fa"), _translated(label, "en")}:
            wanted[search_key(text)] = key
    positions: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = wanted.get(search_key(str(cell or "")))
        if key and key not in positions:
            positions[key] = i
    required = AGENCY_REQUIRED if kind == ImportBatch.Kind.AGENCY_FILES else BANK_REQUIRED
    labels = dict(columns_for(kind))
    missing = [str(labels[k]) for k, _label in columns_for(kind) if k in required and k not in positions]
    errors = [_("Column “%(column)s” is missing from the first row.") % {"column": m} for m in missing]
    return positions, errors


def _translated(label, lang: str) -> str:
    from django.utils import translation

    with translation.override(lang):
        return str(label)


# --- cell parsers (raise ValueError with a user message) ---------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_digits(str(value)).strip()


def _int(value, *, minimum: int = 0) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(_("must be a whole number"))
        n = int(value)
    else:
        s = _text(value).replace(",", "").replace("٬", "").replace(" ", "")
        if not s.lstrip("-").isdigit():
            raise ValueError(_("must be a whole number"))
        n = int(s)
    if n < minimum:
        raise ValueError(_("must be at least %(n)s") % {"n": minimum})
    return n


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = _text(value).replace("/", "-").replace(".", "-")
    try:
        y, m, d = (int(p) for p in s.split("-"))
        if 1300 <= y < 1500:
            return jdatetime.date(y, m, d).togregorian()
        if 1900 <= y < 2200:
            return dt.date(y, m, d)
    except ValueError:
        pass
    raise ValueError(_("is not a date; write a Jalali date like 1403/02/15"))


SEX_WORDS = {"زن": "female", "خانم": "female", "female": "female", "f": "female",
             "مرد": "male", "آقا": "male", "male": "male", "m": "male"}
STEP_WORDS = {
    **{s.value: s.value for s in BANK_STEPS},
    "تصویب": Step.APPROVED, "تایید": Step.APPROVED, "تأیید": Step.APPROVED,
    "رد": Step.REJECTED, "قرارداد": Step.CONTRACT_SIGNED, "انعقاد قرارداد": Step.CONTRACT_SIGNED,
    "پرداخت": Step.PAID,
}


class _Lookups:
    def __init__(self):
        self.counties = {}
        for c in County.objects.only("id", "code", "name_fa", "name_en"):
            self.counties[c.code] = c
            self.counties[search_key(c.name_fa)] = c
            if c.name_en:
                self.counties[search_key(c.name_en)] = c
        self.programs = {}
        for p in Program.objects.all():
            for k in (p.code, p.name_fa, p.name_en):
                self.programs[search_key(k)] = p
        self.years = {fy.year: fy for fy in FiscalYear.objects.all()}
        self.banks = {}
        for b in Bank.objects.all():
            for k in (b.code, b.name):
                self.banks[search_key(k)] = b
        self.branches = {(br.bank_id, br.code): br for br in Branch.objects.all()}
        self.reasons = {}
        for r in RejectionReason.objects.all():
            for k in (r.code, r.name_fa, r.name_en):
                self.reasons[search_key(k)] = r


def run_import(*, kind: str, data: bytes, filename: str, user, organisation, commit: bool) -> ImportResult:
    """Validate (and when ``commit`` and no row has an error, apply) an uploaded spreadsheet.

    Raises ImportRefused for files that are too large or not spreadsheets."""
    rows = read_rows(data)
    digest = hashlib.sha256(data).hexdigest()
    seen = ImportBatch.objects.filter(kind=kind, organisation=organisation, content_hash=digest).first()
    result = ImportResult(kind=kind, rows=[], seen_before=seen)
    if not rows:
        result.header_errors.append(_("The file is empty."))
        return result
    positions, header_errors = _header_map(rows[0], kind)
    result.header_errors = header_errors
    if header_errors:
        return result
    with transaction.atomic():
        if kind == ImportBatch.Kind.AGENCY_FILES:
            _apply_agency_rows(rows[1:], positions, result, user=user, organisation=organisation)
        else:
            _apply_bank_rows(rows[1:], positions, result, user=user, organisation=organisation)
        if commit and result.ok:
            result.batch = ImportBatch.objects.create(
                kind=kind, organisation=organisation, content_hash=digest, filename=filename[:200],
                rows=len(result.rows), created=result.count("created"), updated=result.count("updated"),
                unchanged=result.count("unchanged"), uploaded_by=user,
            )
            result.committed = True
        else:
            transaction.set_rollback(True)
    return result


def _cell(row: tuple, positions: dict[str, int], key: str):
    i = positions.get(key)
    return row[i] if i is not None and i < len(row) else None


def _current_value(file: FacilityFile, name: str):
    """A field's value without loading related objects (foreign keys compare by id)."""
    return getattr(file, f"{name}_id") if name in FK_FIELDS else getattr(file, name)


def _plain(value):
    return getattr(value, "pk", value)


def _apply_agency_rows(rows, positions, result: ImportResult, *, user, organisation) -> None:
    agency = organisation.agency
    look = _Lookups()
    labels = dict(AGENCY_COLUMNS)
    existing = {
        (f.program_id, f.fiscal_year_id, f.national_id): f
        for f in FacilityFile.objects.filter(agency=agency)
    }
    seen_keys: dict[tuple, int] = {}
    to_create: list[tuple[RowResult, FacilityFile, dt.date | None]] = []
    summary = SummaryDelta()  # applied at the end, in the import's transaction
    for offset, row in enumerate(rows, start=2):
        rr = RowResult(row=offset)
        result.rows.append(rr)

        def err(key, message, rr=rr):
            rr.errors.append((str(labels[key]), message))

        values: dict = {}
        raw = {key: _cell(row, positions, key) for key, _label in AGENCY_COLUMNS}
        for key in AGENCY_REQUIRED:
            if raw[key] in (None, ""):
                err(key, _("is empty"))
        try:
            if raw["national_id"] not in (None, ""):
                values["national_id"] = normalize_national_id(_text(raw["national_id"]), pad=True)
        except ValidationError as exc:
            err("national_id", " ".join(exc.messages))
        values["applicant_name"] = _text(raw["applicant_name"])[:200]
        if raw["sex"] not in (None, ""):
            sex = SEX_WORDS.get(_text(raw["sex"]).lower())
            if sex is None:
                err("sex", _("write زن or مرد"))
            values["sex"] = sex
        for key, minimum in (("age", 15), ("amount_requested", 1), ("planned_jobs", 0)):
            if raw[key] in (None, ""):
                continue
            try:
                values[key] = _int(raw[key], minimum=minimum)
            except ValueError as exc:
                err(key, str(exc))
        if values.get("age") and values["age"] > 100:
            err("age", _("must be at most 100"))
        if raw["county"] not in (None, ""):
            county = look.counties.get(_text(raw["county"])) or look.counties.get(search_key(_text(raw["county"])))
            if county is None:
                err("county", _("unknown county; write its name or its four-digit code"))
            values["county"] = county
        if raw["program"] not in (None, ""):
            program = look.programs.get(search_key(_text(raw["program"])))
            if program is None:
                err("program", _("unknown program"))
            values["program"] = program
        if raw["year"] not in (None, ""):
            try:
                fy = look.years.get(_int(raw["year"]))
            except ValueError:
                fy = None
            if fy is None:
                err("year", _("unknown fiscal year"))
            values["fiscal_year"] = fy
        if raw["sheba"] not in (None, ""):
            try:
                values["sheba"] = normalize_sheba(raw["sheba"])
            except ValidationError as exc:
                err("sheba", " ".join(exc.messages))
        bank = branch = None
        if raw["bank"] not in (None, ""):
            bank = look.banks.get(search_key(_text(raw["bank"])))
            if bank is None:
                err("bank", _("unknown bank"))
        if raw["branch"] not in (None, ""):
            if bank is None:
                err("branch", _("a branch needs its bank"))
            else:
                branch = look.branches.get((bank.pk, _text(raw["branch"])))
                if branch is None:
                    err("branch", _("this bank has no branch with this code"))
        referred_on = None
        if raw["referred_on"] not in (None, ""):
            try:
                referred_on = _date(raw["referred_on"])
            except ValueError as exc:
                err("referred_on", str(exc))
            if bank is None and not rr.errors:
                err("bank", _("a referred file needs its bank"))
        if "planned_jobs" not in values:
            values["planned_jobs"] = 1
        if rr.errors:
            rr.action = "error"
            continue
        key = (values["program"].pk, values["fiscal_year"].pk, values["national_id"])
        if key in seen_keys:
            err("national_id", _("the same applicant, program and year are already on row %(row)s")
                % {"row": seen_keys[key]})
            rr.action = "error"
            continue
        seen_keys[key] = offset
        rr.label = values["national_id"][-3:]
        current = existing.get(key)
        if current is None:
            file = FacilityFile(agency=agency, created_by=user, bank=bank, branch=branch, **values)
            try:
                # foreign keys come from the lookups above: skip their one-query-each existence checks
                file.full_clean(exclude=FK_FIELDS, validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    rr.errors.append((name, " ".join(messages)))
                rr.action = "error"
                continue
            rr.action = "created"
            to_create.append((rr, file, referred_on))
            continue
        changed = {k: v for k, v in values.items() if _current_value(current, k) != _plain(v)}
        if referred_on and current.referred_on and current.referred_on != referred_on:
            err("referred_on", _("the file was already referred on another date"))
            rr.action = "error"
            continue
        if (bank or branch) and current.referred_on and (current.bank_id != getattr(bank, "pk", None)):
            err("bank", _("the file was already referred to another bank"))
            rr.action = "error"
            continue
        if changed or (referred_on and not current.referred_on):
            if changed and current.referred_on:
                err("national_id", _("the file was already referred to the bank; it can no longer be changed by import"))
                rr.action = "error"
                continue
            # its contribution as stored (locked: a concurrent write cannot slip between), then as saved;
            # an unreferred file has no paid steps, so the contribution is the file's alone
            summary.add_file(FacilityFile.objects.select_for_update().get(pk=current.pk), sign=-1)
            for k, v in changed.items():
                setattr(current, k, v)
            if bank and not current.referred_on:
                current.bank, current.branch = bank, branch
            current.version += 1
            current.save()
            summary.add_file(current)
            if referred_on and not current.referred_on:
                file_step_add(file=current, kind=Step.REFERRED, date=referred_on, user=user, bank=bank,
                              branch=branch)
            rr.action = "updated"
        else:
            rr.action = "unchanged"
    if result.error_rows:
        return
    created = FacilityFile.objects.bulk_create([f for _rr, f, _d in to_create], batch_size=1000)
    steps = []
    referred_updates = []
    for (_rr, _f, referred_on), file in zip(to_create, created, strict=True):
        if referred_on:
            if referred_on > dt.date.today():
                _rr.errors.append((str(labels["referred_on"]), _("is in the future")))
                _rr.action = "error"
                continue
            file.referred_on = referred_on
            file.step = Step.REFERRED
            file.updated_at = timezone.now()
            referred_updates.append(file)
            steps.append(FileStep(file=file, kind=Step.REFERRED, date=referred_on, actor=user))
    if result.error_rows:
        return
    FacilityFile.objects.bulk_update(referred_updates, ["referred_on", "step", "updated_at"], batch_size=1000)
    FileStep.objects.bulk_create(steps, batch_size=1000)
    for file in created:
        summary.add_file(file)
    summary.apply()


def _apply_bank_rows(rows, positions, result: ImportResult, *, user, organisation) -> None:
    bank = organisation.bank
    look = _Lookups()
    labels = dict(BANK_COLUMNS)
    calendar = get_calendar(WorkCalendar.BANK)
    for offset, row in enumerate(rows, start=2):
        rr = RowResult(row=offset)
        result.rows.append(rr)

        def err(key, message, rr=rr):
            rr.errors.append((str(labels[key]), message))

        raw = {key: _cell(row, positions, key) for key, _label in BANK_COLUMNS}
        for key in BANK_REQUIRED:
            if raw[key] in (None, ""):
                err(key, _("is empty"))
        if rr.errors:
            rr.action = "error"
            continue
        file = None
        try:
            file = FacilityFile.objects.filter(pk=_int(raw["file_id"]), bank=bank,
                                               referred_on__isnull=False).first()
        except ValueError as exc:
            err("file_id", str(exc))
        if file is None and not rr.errors:
            err("file_id", _("no file with this number was referred to your bank"))
        if file is not None:
            try:
                if normalize_national_id(_text(raw["national_id"]), pad=True) != file.national_id:
                    err("national_id", _("does not match the file's applicant"))
            except ValidationError as exc:
                err("national_id", " ".join(exc.messages))
        kind = STEP_WORDS.get(_text(raw["step"]).lower()) or STEP_WORDS.get(_text(raw["step"]))
        if kind is None:
            err("step", _("write one of: approved, rejected, contract_signed, paid"))
        date = amount = reason = None
        try:
            date = _date(raw["date"])
        except ValueError as exc:
            err("date", str(exc))
        if raw["amount"] not in (None, ""):
            try:
                amount = _int(raw["amount"], minimum=1)
            except ValueError as exc:
                err("amount", str(exc))
        if raw["reason"] not in (None, ""):
            reason = look.reasons.get(search_key(_text(raw["reason"])))
            if reason is None:
                err("reason", _("unknown rejection reason"))
        if rr.errors:
            rr.action = "error"
            continue
        rr.label = str(file.pk)
        if FileStep.objects.filter(file=file, kind=kind, date=date, amount=amount).exists():
            rr.action = "unchanged"
            continue
        try:
            with transaction.atomic():
                file_step_add(file=file, kind=kind, date=date, user=user, amount=amount, reason=reason,
                              calendar=calendar)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                key = {"kind": "step", "reason": "reason", "amount": "amount", "date": "date"}.get(name, "step")
                err(key, " ".join(messages))
            rr.action = "error"
            continue
        rr.action = "created"
