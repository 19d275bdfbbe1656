"""Deterministic demo data for the facilities app (synthetic files; real agency and bank names)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

import jdatetime
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sakoo.accounts.models import OrganisationKind
from sakoo.accounts.services import organisation_ensure
from sakoo.core.validators import make_national_id, make_sheba
from sakoo.geo.models import County
from sakoo.workcal.models import WorkCalendar
from sakoo.workcal.selectors import get_calendar

from .models import (
    Agency,
    AllocationVersion,
    Bank,
    Branch,
    FacilityFile,
    FileStep,
    FiscalYear,
    Program,
    ProvinceQuota,
    RejectionReason,
    Step,
    Target,
)
from .services import allocation_version_create, target_set
from .summaries import rebuild_summaries

# (code, Persian name, English name, weight of the quota, performance 0..1)
AGENCIES = [
    ("relief-committee", "کمیته امداد امام خمینی", "Imam Khomeini Relief Committee", 0.22, 0.95),
    ("welfare", "سازمان بهزیستی", "Welfare Organization", 0.14, 0.80),
    ("agriculture-jihad", "جهاد کشاورزی", "Agriculture Jihad", 0.16, 0.75),
    ("cultural-heritage", "میراث فرهنگی، گردشگری و صنایع دستی", "Cultural Heritage, Tourism and Handicrafts",
     0.08, 0.35),
    ("industry-mine-trade", "صنعت، معدن و تجارت", "Industry, Mine and Trade", 0.10, 0.55),
    ("cooperatives-labour", "تعاون، کار و رفاه اجتماعی", "Cooperatives, Labour and Social Welfare", 0.10, 0.70),
    ("sports-youth", "ورزش و جوانان", "Sports and Youth", 0.05, 0.30),
    ("martyrs-foundation", "بنیاد شهید و امور ایثارگران", "Martyrs' Foundation", 0.07, 0.85),
    ("nomads-affairs", "امور عشایر", "Nomads' Affairs", 0.08, 0.60),
]
# (code, Persian name, kind, speed: median working days to contract, rejection rate)
BANKS = [
    ("bank-melli", "بانک ملی ایران", Bank.Kind.STATE, 12, 0.08),
    ("bank-sepah", "بانک سپه", Bank.Kind.STATE, 26, 0.15),
    ("bank-keshavarzi", "بانک کشاورزی", Bank.Kind.STATE, 10, 0.06),
    ("bank-maskan", "بانک مسکن", Bank.Kind.STATE, 22, 0.12),
    ("bank-edbi", "بانک توسعه صادرات", Bank.Kind.STATE, 18, 0.10),
    ("bank-sanat-madan", "بانک صنعت و معدن", Bank.Kind.STATE, 20, 0.09),
    ("bank-tosee-taavon", "بانک توسعه تعاون", Bank.Kind.STATE, 9, 0.05),
    ("post-bank", "پست بانک ایران", Bank.Kind.STATE, 14, 0.07),
    ("bank-mellat", "بانک ملت", Bank.Kind.PRIVATISED, 15, 0.10),
    ("bank-tejarat", "بانک تجارت", Bank.Kind.PRIVATISED, 24, 0.18),
    ("bank-saderat", "بانک صادرات ایران", Bank.Kind.PRIVATISED, 17, 0.11),
    ("bank-refah", "بانک رفاه کارگران", Bank.Kind.PRIVATISED, 13, 0.08),
    ("bank-pasargad", "بانک پاسارگاد", Bank.Kind.PRIVATE, 8, 0.20),
    ("bank-parsian", "بانک پارسیان", Bank.Kind.PRIVATE, 19, 0.22),
    ("bank-en", "بانک اقتصاد نوین", Bank.Kind.PRIVATE, 16, 0.14),
    ("bank-saman", "بانک سامان", Bank.Kind.PRIVATE, 21, 0.16),
    ("bank-sina", "بانک سینا", Bank.Kind.PRIVATE, 30, 0.25),
    ("bank-karafarin", "بانک کارآفرین", Bank.Kind.PRIVATE, 18, 0.12),
    ("bank-shahr", "بانک شهر", Bank.Kind.PRIVATE, 28, 0.20),
    ("bank-day", "بانک دی", Bank.Kind.PRIVATE, 25, 0.18),
]
PROGRAMS = [
    ("rural-nomadic", "اشتغال روستایی و عشایری", "Rural and nomadic employment"),
    ("inclusive", "اشتغال فراگیر", "Inclusive employment"),
]
# (program, year): (quota in rials, target jobs)
QUOTAS = {
    ("rural-nomadic", 1403): (3_500_000_000_000, 1_800),
    ("inclusive", 1403): (2_000_000_000_000, 900),
    ("rural-nomadic", 1404): (4_200_000_000_000, 2_000),
    ("inclusive", 1404): (2_400_000_000_000, 1_000),
}
REJECTION_REASONS = [
    ("collateral", "نبود وثیقه یا ضامن کافی", "Insufficient collateral or guarantor"),
    ("plan", "طرح توجیهی ناقص یا غیراقتصادی", "Incomplete or unviable business plan"),
    ("credit", "سابقه اعتباری نامناسب", "Poor credit history"),
    ("documents", "مدارک ناقص", "Incomplete documents"),
    ("previous", "استفاده قبلی از تسهیلات اشتغال", "Already received an employment loan"),
    ("funds", "پایان منابع شعبه", "Branch out of funds"),
]
FIRST_NAMES_F = ["زهرا", "فاطمه", "مریم", "لیلا", "سمیه", "ندا", "پروین", "سارا", "الهام", "رقیه"]
FIRST_NAMES_M = ["علی", "حسین", "رضا", "محمد", "مهدی", "یوسف", "جواد", "اکبر", "صمد", "بهروز"]
LAST_NAMES = ["محمدی", "حسینی", "رضایی", "قاسمی", "اصغری", "نوری", "جعفری", "باقری", "صمدی", "تبریزی",
              "مرندی", "اهری", "عباسی", "کریمی", "یوسفی"]


@dataclass
class DemoSummary:
    agencies: int
    banks: int
    branches: int
    files: int
    steps: int


def _jd(year: int, month: int, day: int) -> dt.date:
    return jdatetime.date(year, month, day).togregorian()


@transaction.atomic
def seed_facilities(seed: int = 1404, files_per_program_year: int | None = None) -> DemoSummary:
    rng = random.Random(seed)
    counties = list(County.objects.filter(province__code=settings.SAKOO_PROVINCE).order_by("code"))
    agencies = []
    for code, name, _en, _weight, _perf in AGENCIES:
        org = organisation_ensure(kind=OrganisationKind.AGENCY, code=code, name=name)
        agencies.append(Agency.objects.get_or_create(organisation=org, defaults={"code": code, "name": name})[0])
    banks = []
    for code, name, kind, _speed, _rej in BANKS:
        org = organisation_ensure(kind=OrganisationKind.BANK, code=code, name=name)
        banks.append(Bank.objects.get_or_create(organisation=org, defaults={"code": code, "name": name,
                                                                             "kind": kind})[0])
    branches: dict[int, list[Branch]] = {}
    for i, bank in enumerate(banks):
        picked = rng.sample(counties, k=min(len(counties), 2 + (i % 5))) if counties else []
        branches[bank.pk] = [
            Branch.objects.get_or_create(
                bank=bank, code=f"{(i + 1) * 1000 + j + 1}",
                defaults={"county": county, "name": f"شعبه {county.name_fa}"},
            )[0]
            for j, county in enumerate(sorted(picked, key=lambda c: c.code))
        ]
    reasons = [
        RejectionReason.objects.get_or_create(code=c, defaults={"name_fa": fa, "name_en": en})[0]
        for c, fa, en in REJECTION_REASONS
    ]
    programs = {
        code: Program.objects.get_or_create(code=code, defaults={"name_fa": fa, "name_en": en})[0]
        for code, fa, en in PROGRAMS
    }
    calendar = get_calendar(WorkCalendar.BANK)
    gov = get_calendar(WorkCalendar.GOVERNMENT)
    today = timezone.localdate()
    new_files = new_steps = 0
    for (program_code, year), (amount, jobs) in QUOTAS.items():
        program = programs[program_code]
        fiscal_year = FiscalYear.objects.get_or_create(year=year)[0]
        ProvinceQuota.objects.get_or_create(program=program, fiscal_year=fiscal_year,
                                            defaults={"amount": amount, "target_jobs": jobs})
        if not Target.objects.filter(program=program, fiscal_year=fiscal_year).exists():
            target_set(program=program, fiscal_year=fiscal_year, threshold=Decimal("0.65"),
                       target_date=_jd(year, 2, 31), alert_distances=[10, 5, 1])
        if not AllocationVersion.objects.filter(program=program, fiscal_year=fiscal_year).exists():
            total_weight = sum(a[3] for a in AGENCIES)
            lines = {}
            for agency, (_c, _n, _e, weight, _p) in zip(agencies, AGENCIES, strict=True):
                share = int(amount * 0.96 * weight / total_weight) // 1_000_000 * 1_000_000
                lines[agency] = (share, int(jobs * weight / total_weight))
            allocation_version_create(
                program=program, fiscal_year=fiscal_year, lines=lines, user=None,
                rule="initial allocation", reason="مصوبه کارگروه اشتغال استان (داده نمایشی)",
                effective_on=gov.add(_jd(year, 1, 15), 0),
            )
        if not counties or FacilityFile.objects.filter(program=program, fiscal_year=fiscal_year).exists():
            continue
        year_start = _jd(year, 1, 20)
        year_end = min(_jd(year, 10, 30), today)
        span = max(1, (year_end - year_start).days)
        # enough files for the good performers to absorb their quota (average request ~4.25 billion rials)
        n_files = files_per_program_year or round(amount / 4_250_000_000 * 1.15)
        files, step_rows = _make_files(rng, agencies, banks, branches, reasons, counties, program, fiscal_year,
                                       amount, n_files, year_start, span, calendar, today)
        FacilityFile.objects.bulk_create(files, batch_size=1000)
        steps = [FileStep(file=files[i], **row) for i, row in step_rows]
        FileStep.objects.bulk_create(steps, batch_size=2000)
        new_files += len(files)
        new_steps += len(steps)
    # the bulk inserts above bypass the services: recompute the dashboard's summary (also fills it on a
    # database that had files before the summary existed)
    rebuild_summaries()
    return DemoSummary(len(agencies), len(banks), sum(len(b) for b in branches.values()), new_files, new_steps)


def _make_files(rng, agencies, banks, branches, reasons, counties, program, fiscal_year, quota, n_files,
                year_start, span, calendar, today):
    files: list[FacilityFile] = []
    step_rows: list[tuple[int, dict]] = []
    weights = [a[3] for a in AGENCIES]
    bank_weights = [3 if b[2] == Bank.Kind.STATE else 1.5 for b in BANKS]
    bank_weights[0] = 8  # Melli and Keshavarzi carry most rural files
    bank_weights[2] = 7
    used: set[tuple[int, str]] = set()
    for _ in range(n_files):
        i = rng.choices(range(len(agencies)), weights=weights)[0]
        agency = agencies[i]
        performance = AGENCIES[i][4]
        sex = rng.choice([FacilityFile.Sex.FEMALE, FacilityFile.Sex.MALE])
        first = rng.choice(FIRST_NAMES_F if sex == FacilityFile.Sex.FEMALE else FIRST_NAMES_M)
        nid = make_national_id(f"{rng.randrange(1_000_000, 999_999_999):09d}")
        while (agency.pk, nid) in used:
            nid = make_national_id(f"{rng.randrange(1_000_000, 999_999_999):09d}")
        used.add((agency.pk, nid))
        amount = rng.randrange(150, 700) * 10_000_000  # 1.5 to 7 billion rials
        file = FacilityFile(
            national_id=nid, applicant_name=f"{first} {rng.choice(LAST_NAMES)}", county=rng.choice(counties),
            sex=sex, age=rng.randint(19, 58), sheba=make_sheba(f"0170000000{rng.randrange(10**11, 10**12)}"[:22]),
            agency=agency, program=program, fiscal_year=fiscal_year, amount_requested=amount,
            planned_jobs=rng.choice([1, 1, 1, 2, 2, 3]), step=Step.REGISTERED,
        )
        # lagging agencies refer fewer of their files
        if rng.random() > 0.35 + 0.6 * performance:
            files.append(file)
            continue
        b = rng.choices(range(len(banks)), weights=bank_weights)[0]
        bank = banks[b]
        _code, _name, _kind, speed, rejection = BANKS[b]
        branch = rng.choice(branches[bank.pk]) if branches[bank.pk] else None
        referred = year_start + dt.timedelta(days=int(span * rng.random() ** (0.6 + performance)))
        file.bank, file.branch, file.referred_on, file.step = bank, branch, referred, Step.REFERRED
        index = len(files)
        files.append(file)
        step_rows.append((index, {"kind": Step.REFERRED, "date": referred}))
        decided = calendar.add(referred, max(1, int(rng.gauss(speed * 0.4, 2))))
        if decided > today:
            continue
        if rng.random() < rejection:
            reason = rng.choice(reasons)
            file.rejected_on, file.rejection_reason, file.step = decided, reason, Step.REJECTED
            step_rows.append((index, {"kind": Step.REJECTED, "date": decided, "reason": reason}))
            continue
        file.approved_on, file.step = decided, Step.APPROVED
        step_rows.append((index, {"kind": Step.APPROVED, "date": decided}))
        contracted = calendar.add(referred, max(2, int(rng.gauss(speed, speed / 3))))
        if contracted <= decided:
            contracted = calendar.add(decided, 1)
        if contracted > today:
            continue
        contract_amount = amount if rng.random() < 0.8 else amount * rng.randrange(60, 100) // 100 // 10 * 10
        file.contracted_on, file.contract_amount, file.step = contracted, contract_amount, Step.CONTRACT_SIGNED
        file.days_to_contract = calendar.count(referred, contracted)
        step_rows.append((index, {"kind": Step.CONTRACT_SIGNED, "date": contracted, "amount": contract_amount}))
        paid_on = calendar.add(contracted, max(1, int(rng.gauss(speed * 0.5, 3))))
        if paid_on > today:
            continue
        instalments = rng.choice([1, 1, 2])
        first_part = contract_amount if instalments == 1 else contract_amount // 2 // 10 * 10
        file.first_paid_on, file.paid_amount, file.step = paid_on, first_part, Step.PAID
        file.days_to_payment = calendar.count(referred, paid_on)
        step_rows.append((index, {"kind": Step.PAID, "date": paid_on, "amount": first_part}))
        if instalments == 2:
            second = calendar.add(paid_on, rng.randint(10, 40))
            if second <= today:
                file.paid_amount = contract_amount
                step_rows.append((index, {"kind": Step.PAID, "date": second,
                                          "amount": contract_amount - first_part}))
        if rng.random() < 0.4 and file.first_paid_on < today - dt.timedelta(days=120):
            file.created_jobs = max(0, file.planned_jobs - rng.choice([0, 0, 0, 1]))
            file.created_jobs_verified_on = file.first_paid_on + dt.timedelta(days=120)
    return files, step_rows
