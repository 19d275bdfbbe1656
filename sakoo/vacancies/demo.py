"""Synthetic demo data for the job platform: seekers, employers, vacancies, applications, hires.

Deterministic from ``seed`` (dates relative to today), idempotent (skips when the demo rows exist; ``reset``
removes them first), bulk-inserted so the whole set takes well under two minutes on a small machine.

Every synthetic person and company is labelled: seekers' last names end in «(نمونه)», companies are
named «… نمونه …», demo usernames start with ``demo-``.

Seekers are spread over the province's counties, sexes and education levels in proportion to the
2016 census *unemployed* (SCI), a census unit covering several current counties (Ahar → Ahar, Hurand)
being split equally between them. Employers and vacancies follow the census *active* population.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

DEMO_SEEKER_PREFIX = "demo-seeker-"
DEMO_EMPLOYER_USER_PREFIX = "demo-employer-"
DEMO_ORG_PREFIX = "demo-emp-"
DAYS = 548  # about 18 months
#: Demo users never log in with a password (phone + SMS code only).
UNUSABLE = "!sakoo-demo-no-password"

FIRST_NAMES = {
    "male": [
        "علی",
        "محمد",
        "حسین",
        "رضا",
        "مهدی",
        "امیر",
        "حسن",
        "جواد",
        "سعید",
        "مجید",
        "بهروز",
        "یونس",
        "ابراهیم",
        "رسول",
        "وحید",
        "صمد",
        "ایوب",
        "بابک",
        "کریم",
        "اکبر",
        "فرهاد",
        "سجاد",
        "میلاد",
        "آرش",
    ],
    "female": [
        "فاطمه",
        "زهرا",
        "مریم",
        "سمیه",
        "لیلا",
        "نرگس",
        "الهام",
        "سارا",
        "آیدا",
        "پریسا",
        "مهسا",
        "ژیلا",
        "سولماز",
        "آیلین",
        "شیرین",
        "نسرین",
        "رقیه",
        "معصومه",
        "طاهره",
        "سحر",
        "یاسمن",
        "آیسان",
    ],
}
LAST_NAMES = [
    "احمدی",
    "رضایی",
    "محمدی",
    "حسینی",
    "قلی‌زاده",
    "علیزاده",
    "نوروزی",
    "باقری",
    "اصغری",
    "جعفری",
    "عباسی",
    "کریمی",
    "صمدی",
    "ولی‌زاده",
    "حیدری",
    "نجفی",
    "اکبری",
    "رحیمی",
    "فتحی",
    "تقی‌زاده",
    "پورمحمد",
    "آذری",
    "تبریزی",
    "مرندی",
    "اهری",
    "میانجی",
    "سرابی",
    "مراغه‌ای",
    "شبستری",
    "هریسی",
]
COMPANY_WORDS = [
    "البرز",
    "سهند",
    "ائل‌گلی",
    "آذر",
    "ارس",
    "قوپوز",
    "تبریز",
    "آفتاب",
    "پارس",
    "نوین",
    "سبلان",
    "کیمیا",
    "ستاره",
    "ایلدیریم",
    "آرتا",
    "راه‌سازان",
    "بهار",
    "مهر",
    "آینده",
    "آرین",
]
COMPANY_KINDS = [
    "شرکت",
    "شرکت",
    "شرکت",
    "کارخانه",
    "فروشگاه",
    "کارگاه",
    "مؤسسه",
    "تعاونی",
    "رستوران",
    "کلینیک",
]
UNIVERSITIES = [
    "دانشگاه تبریز",
    "دانشگاه صنعتی سهند",
    "دانشگاه آزاد اسلامی تبریز",
    "دانشگاه مراغه",
    "دانشگاه پیام نور",
    "دانشگاه علوم پزشکی تبریز",
    "دانشگاه فنی و حرفه‌ای",
    "دانشگاه شهید مدنی",
]
FIELDS = [
    "حسابداری",
    "مهندسی کامپیوتر",
    "مهندسی عمران",
    "مهندسی مکانیک",
    "مهندسی برق",
    "مدیریت بازرگانی",
    "پرستاری",
    "علوم تربیتی",
    "حقوق",
    "مهندسی کشاورزی",
    "شیمی",
    "زبان انگلیسی",
    "مهندسی صنایع",
    "روان‌شناسی",
]
DESCRIPTION_OPENERS = [
    "{employer} برای تکمیل کادر خود در {county} {title} استخدام می‌کند.",
    "به یک {title} متعهد و منظم در {county} نیازمندیم.",
    "{employer} از افراد واجد شرایط برای همکاری در سمت {title} دعوت می‌کند.",
]
DESCRIPTION_CLOSERS = [
    "محیط کار صمیمی و پرداخت حقوق به‌موقع.",
    "امکان رشد شغلی و آموزش ضمن کار فراهم است.",
    "سرویس رفت و آمد و ناهار بر عهده شرکت است.",
    "لطفاً فقط افراد ساکن {county} اقدام کنند.",
    "بیمه تأمین اجتماعی از روز اول.",
]

# ISIC section → catalogue job titles that fit it (others may appear too).
SECTION_JOBS = {
    "A": ["کارگر کشاورزی", "کارگر باغ", "کارگر دامداری", "راننده تراکتور", "دامپرور", "کارشناس کشاورزی"],
    "B": ["معدنچی", "کارگر ساده معدن", "راننده پایه یک", "مهندس مکانیک"],
    "C": [
        "اپراتور تولید",
        "کارگر ساده تولید",
        "جوشکار",
        "جوشکار آرگون",
        "اپراتور دستگاه تزریق پلاستیک",
        "اپراتور بسته‌بندی",
        "مونتاژکار",
        "برق‌کار صنعتی",
        "تعمیرکار ماشین‌آلات صنعتی",
        "انباردار",
        "حسابدار",
        "اپراتور خط تولید مواد غذایی",
        "راننده لیفتراک",
        "خیاط",
        "بافنده فرش",
    ],
    "F": [
        "کارگر ساده ساختمانی",
        "مهندس عمران",
        "تکنسین عمران",
        "برق‌کار ساختمان",
        "لوله‌کش",
        "کاشی‌کار",
        "نقاش ساختمان",
        "نجار",
        "جوشکار",
    ],
    "G": [
        "فروشنده",
        "فروشنده پوشاک",
        "بازاریاب",
        "کارشناس فروش",
        "انباردار",
        "حسابدار",
        "کمک حسابدار",
        "راننده وانت",
        "تحصیلدار",
    ],
    "H": ["راننده پایه یک", "راننده پایه دو", "راننده اتوبوس", "پیک موتوری", "باربر", "انباردار"],
    "I": ["آشپز", "سرآشپز", "کمک آشپز", "گارسون", "نانوا", "قنادی و شیرینی‌پز", "منشی"],
    "J": [
        "برنامه‌نویس پایتون",
        "برنامه‌نویس وب",
        "برنامه‌نویس اندروید",
        "توسعه‌دهنده نرم‌افزار",
        "کارشناس شبکه",
        "کارشناس پشتیبانی فناوری اطلاعات",
        "طراح گرافیک",
        "کارشناس تولید محتوا",
    ],
    "K": ["حسابدار", "کارشناس حسابداری", "کارشناس بیمه", "کارمند اداری", "اپراتور تلفن مرکز تماس"],
    "M": ["مهندس عمران", "کارشناس حقوقی", "کارشناس حسابداری", "طراح گرافیک", "مهندس برق"],
    "N": ["نگهبان", "نظافتچی", "منشی", "اپراتور تلفن مرکز تماس", "کارشناس منابع انسانی"],
    "P": ["معلم ابتدایی", "دبیر ریاضی", "منشی", "کارمند اداری"],
    "Q": ["پرستار", "بهیار", "مراقب سالمند", "منشی", "کارمند اداری"],
}
SECTION_WEIGHTS = {
    "A": 10,
    "B": 2,
    "C": 22,
    "F": 12,
    "G": 20,
    "H": 7,
    "I": 6,
    "J": 4,
    "K": 2,
    "M": 4,
    "N": 3,
    "P": 3,
    "Q": 5,
}

CENSUS_EDU = {  # census 2016 level → [(seeker education, share)]
    "illiterate": [("illiterate", 1.0)],
    "elementary": [("elementary", 1.0)],
    "middle": [("middle", 1.0)],
    "high_school": [("high_school", 1.0)],
    "college": [("associate", 0.45), ("bachelor", 0.55)],
    "higher": [("bachelor", 0.55), ("master", 0.38), ("doctorate", 0.07)],
    "other": [("other", 1.0)],
    "unknown": [("other", 1.0)],
}
GRADUATE = {"associate", "bachelor", "master", "doctorate"}


@dataclass
class DemoResult:
    seekers: int = 0
    employers: int = 0
    vacancies: int = 0
    applications: int = 0
    placements: int = 0
    status_changes: int = 0
    skipped: bool = False


def _largest_remainder(weights: dict, total: int) -> dict:
    s = sum(weights.values()) or 1
    raw = {k: total * w / s for k, w in weights.items()}
    out = {k: int(v) for k, v in raw.items()}
    rest = total - sum(out.values())
    for k in sorted(raw, key=lambda k: (-(raw[k] - out[k]), str(k)))[:rest]:
        out[k] += 1
    return out


def _census_cells(counties, status: str) -> dict:
    """{(county_id, sex, education census level): count} from CensusActivity, 2016 units split equally
    over the current counties they cover."""
    from sakoo.geo.models import CensusActivity

    by_unit = defaultdict(list)
    for c in counties:
        if c.census2016_unit_code:
            by_unit[c.census2016_unit_code].append(c.pk)
    cells = {}
    rows = CensusActivity.objects.filter(province_code=settings.SAKOO_PROVINCE, status=status)
    for row in rows.values_list("census_code", "sex", "education", "count"):
        code, sex, edu, count = row
        ids = by_unit.get(code)
        if not ids:
            continue
        for cid in ids:
            cells[(cid, sex, edu)] = cells.get((cid, sex, edu), 0) + count / len(ids)
    return cells


def _demo_exists() -> bool:
    from sakoo.accounts.models import User

    return User.objects.filter(username__startswith=DEMO_SEEKER_PREFIX).exists()


def demo_reset() -> None:
    """Delete the synthetic job-platform rows (identified by the demo username/organisation prefixes)."""
    from sakoo.accounts.models import Membership, Organisation, User
    from sakoo.employers.models import Employer
    from sakoo.seekers.models import JobSeeker, StatusChange
    from sakoo.vacancies.models import Application, Notification, Placement, Vacancy

    with transaction.atomic():
        employers = Employer.objects.filter(organisation__code__startswith=DEMO_ORG_PREFIX)
        seekers = JobSeeker.objects.filter(user__username__startswith=DEMO_SEEKER_PREFIX)
        StatusChange.objects.filter(seeker__in=seekers).delete()
        Placement.history.filter(seeker_id__in=seekers.values("pk")).delete()
        Placement.objects.filter(seeker__in=seekers).delete()
        Placement.objects.filter(employer__in=employers).delete()
        Application.objects.filter(vacancy__employer__in=employers).delete()
        Application.objects.filter(seeker__in=seekers).delete()
        Vacancy.objects.filter(employer__in=employers).update(duplicate_of=None)
        Vacancy.objects.filter(employer__in=employers).delete()
        seekers.delete()
        org_ids = list(employers.values_list("organisation_id", flat=True))
        employers.delete()
        Membership.objects.filter(organisation_id__in=org_ids).delete()
        Organisation.objects.filter(pk__in=org_ids).delete()
        users = User.objects.filter(username__startswith="demo-").filter(
            username__regex=rf"^({DEMO_SEEKER_PREFIX}|{DEMO_EMPLOYER_USER_PREFIX})"
        )
        Notification.objects.filter(user__in=users).delete()
        users.delete()


def demo_jobs(
    *,
    seed: int = 1404,
    seekers: int = 20_000,
    employers: int = 3_000,
    vacancies: int = 8_000,
    reset: bool = False,
    stdout=None,
) -> DemoResult:
    from sakoo.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from sakoo.classifications.models import EconomicActivity, Occupation
    from sakoo.core.text import normalize_text, search_key
    from sakoo.core.validators import make_legal_id, make_national_id
    from sakoo.employers.models import Employer, SizeBand
    from sakoo.geo.models import County
    from sakoo.seekers.models import JobSeeker, StatusChange
    from sakoo.vacancies.catalogue import ARABIC_VARIANTS, JOBS, TITLE_SUFFIXES
    from sakoo.vacancies.models import (
        Application,
        ApplicationEvent,
        Placement,
        Vacancy,
    )

    def log(msg):
        if stdout is not None:
            stdout.write(msg)

    if reset:
        demo_reset()
    if _demo_exists():
        log("  demo job data already present (use --reset to rebuild).")
        return DemoResult(skipped=True)

    rng = random.Random(seed)
    today = timezone.localdate()
    start = today - dt.timedelta(days=DAYS)
    tz = timezone.get_current_timezone()

    counties = list(County.objects.filter(province__code=settings.SAKOO_PROVINCE).order_by("code"))
    if not counties:
        raise RuntimeError("No counties: run `manage.py load_reference` first.")
    county_by_id = {c.pk: c for c in counties}
    occupations = {o.code: o for o in Occupation.objects.filter(level=4)}
    jobs = [j for j in JOBS if j[1] in occupations]
    job_by_title = {j[0]: j for j in jobs}
    sections = {a.code: a for a in EconomicActivity.objects.filter(level=1)}
    divisions = defaultdict(list)
    for a in EconomicActivity.objects.filter(level=2).select_related("parent"):
        if a.parent_id:
            divisions[a.parent.code].append(a)

    # --- seekers by census unemployed: county × sex × education ---------------------------------------
    cells = _census_cells(counties, "unemployed")
    if not cells:  # no census loaded: spread evenly
        cells = {(c.pk, s, e): 1 for c in counties for s in ("male", "female") for e in CENSUS_EDU}
    fine = {}
    for (cid, sex, edu), count in cells.items():
        for level, share in CENSUS_EDU.get(edu, [("other", 1.0)]):
            fine[(cid, sex, level)] = fine.get((cid, sex, level), 0) + count * share
    allocation = _largest_remainder(fine, seekers)
    seeker_specs = [key for key, n in sorted(allocation.items(), key=lambda kv: str(kv[0])) for _ in range(n)]
    rng.shuffle(seeker_specs)

    now = timezone.now()
    users = []
    for i in range(len(seeker_specs)):
        users.append(
            User(
                username=f"{DEMO_SEEKER_PREFIX}{i:05d}",
                role=Role.JOB_SEEKER,
                phone=f"0999{i:07d}",
                password=UNUSABLE,
                date_joined=now,
            )
        )
    n_emp_users = min(employers, 60)
    for i in range(n_emp_users):
        users.append(
            User(
                username=f"{DEMO_EMPLOYER_USER_PREFIX}{i:04d}",
                role=Role.EMPLOYER,
                phone=f"0998{i:07d}",
                password=UNUSABLE,
                date_joined=now,
            )
        )
    with transaction.atomic():
        User.objects.bulk_create(users, batch_size=2000)
        user_ids = dict(User.objects.filter(username__startswith="demo-").values_list("username", "pk"))

        seeker_rows = []
        weighted_jobs = [
            j for j in jobs for _ in range(2 if j[2] in {"elementary", "middle", "high_school"} else 1)
        ]
        for i, (cid, sex, level) in enumerate(seeker_specs):
            registered = start + dt.timedelta(days=int(DAYS * (rng.random() ** 0.8)))
            age = rng.choice(
                [rng.randint(18, 29), rng.randint(18, 29), rng.randint(30, 45), rng.randint(45, 60)]
            )
            birth = today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
            grad = level in GRADUATE
            first = rng.choice(FIRST_NAMES[sex])
            last = f"{rng.choice(LAST_NAMES)} (نمونه)"
            skills = ", ".join(
                rng.sample(rng.choice(weighted_jobs)[5], k=1)
                + rng.sample(
                    [
                        "اکسل",
                        "رانندگی",
                        "زبان ترکی آذری",
                        "زبان انگلیسی",
                        "کار تیمی",
                        "آفیس",
                        "فروش",
                        "تعمیرات",
                    ],
                    k=2,
                )
            )
            status = rng.choices(["unemployed_looking", "employed_looking", "not_looking"], [80, 15, 5])[0]
            seeker_rows.append(
                JobSeeker(
                    user_id=user_ids[f"{DEMO_SEEKER_PREFIX}{i:05d}"],
                    national_id=make_national_id(f"{900000000 + i * 7}"),
                    first_name=first,
                    last_name=last,
                    birth_date=birth,
                    sex=sex,
                    county_id=cid,
                    city=county_by_id[cid].name_fa,
                    education_level=level,
                    field_of_study=rng.choice(FIELDS) if grad else "",
                    university=rng.choice(UNIVERSITIES) if grad else "",
                    graduation_year=(1390 + rng.randint(0, 13)) if grad else None,
                    is_graduate=grad,
                    skills=normalize_text(skills),
                    preferred_contract_types=rng.sample(
                        ["permanent", "fixed_term", "part_time", "seasonal"], k=2
                    ),
                    expected_wage=rng.randint(10, 40) * 10_000_000 if rng.random() < 0.7 else None,
                    disability=rng.choices(["", "physical", "visual", "hearing"], [96, 2, 1, 1])[0],
                    priority_group=rng.choices(
                        ["", "martyrs_veterans", "relief_committee", "welfare", "female_head"],
                        [88, 4, 4, 2, 2],
                    )[0],
                    employment_status=status,
                    registered_on=registered,
                    consent_to_be_found=rng.random() < 0.6,
                )
            )
        JobSeeker.objects.bulk_create(seeker_rows, batch_size=2000)
        seeker_list = list(
            JobSeeker.objects.filter(user__username__startswith=DEMO_SEEKER_PREFIX)
            .order_by("pk")
            .values_list("pk", "county_id", "registered_on", "employment_status", "sex", "education_level")
        )
        # desired occupations
        through = JobSeeker.desired_occupations.through
        desired = []
        for pk, _cid, _reg, _st, _sex, level in seeker_list:
            pool = [j for j in jobs if (j[2] in GRADUATE) == (level in GRADUATE)] or jobs
            for code in {rng.choice(pool)[1] for _ in range(rng.randint(1, 3))}:
                desired.append(through(jobseeker_id=pk, occupation_id=occupations[code].pk))
        through.objects.bulk_create(desired, batch_size=5000)

        # status history: registration, then for some a later self-reported change
        changes = []
        status_now = {}
        for pk, _cid, reg, status, _sex, _lvl in seeker_list:
            changes.append(StatusChange(seeker_id=pk, status=status, valid_from=reg, reason="registration"))
            status_now[pk] = (status, reg)
            if status == "unemployed_looking" and rng.random() < 0.06 and (today - reg).days > 60:
                later = reg + dt.timedelta(days=rng.randint(30, (today - reg).days))
                changes.append(
                    StatusChange(seeker_id=pk, status="not_looking", valid_from=later, reason="self-reported")
                )
                status_now[pk] = ("not_looking", later)

        # --- employers ----------------------------------------------------------------------------------
        active_cells = _census_cells(counties, "active")
        county_weights = defaultdict(float)
        for (cid, _s, _e), n in active_cells.items():
            county_weights[cid] += n
        if not county_weights:
            county_weights = {c.pk: 1 for c in counties}
        emp_counties = [
            cid for cid, n in sorted(_largest_remainder(county_weights, employers).items()) for _ in range(n)
        ]
        rng.shuffle(emp_counties)
        sec_codes = [s for s in SECTION_WEIGHTS if s in sections]
        orgs, emps, emp_sections = [], [], []
        for i in range(employers):
            sec = rng.choices(sec_codes, [SECTION_WEIGHTS[s] for s in sec_codes])[0]
            kind = "تعاونی" if rng.random() < 0.06 else rng.choice(COMPANY_KINDS)
            name = f"{kind} نمونه {rng.choice(COMPANY_WORDS)} {i + 1}"
            cid = emp_counties[i]
            orgs.append(
                Organisation(
                    kind=OrganisationKind.EMPLOYER,
                    name=name,
                    code=f"{DEMO_ORG_PREFIX}{i:05d}",
                    county_id=cid,
                    created_at=now,
                )
            )
            emp_sections.append(sec)
        Organisation.objects.bulk_create(orgs, batch_size=2000)
        org_ids = dict(
            Organisation.objects.filter(code__startswith=DEMO_ORG_PREFIX).values_list("code", "pk")
        )
        for i, org in enumerate(orgs):
            sec = emp_sections[i]
            activity = rng.choice(divisions[sec]) if divisions.get(sec) else sections[sec]
            verified = rng.random() < 0.92
            emps.append(
                Employer(
                    organisation_id=org_ids[org.code],
                    legal_id=make_legal_id(f"{1012345000 + i * 3}"),
                    name=org.name,
                    activity=activity,
                    county_id=org.county_id,
                    size=rng.choices(list(SizeBand.values), [55, 30, 12, 3])[0],
                    is_knowledge_based=(sec in {"J", "M", "C", "Q"} and rng.random() < 0.18),
                    is_cooperative=org.name.startswith("تعاونی"),
                    verified_at=now - dt.timedelta(days=rng.randint(1, DAYS)) if verified else None,
                )
            )
        Employer.objects.bulk_create(emps, batch_size=2000)
        emp_rows = list(
            Employer.objects.filter(organisation__code__startswith=DEMO_ORG_PREFIX)
            .order_by("organisation__code")
            .values_list("pk", "organisation_id", "county_id", "is_knowledge_based", "verified_at", "name")
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    user_id=user_ids[f"{DEMO_EMPLOYER_USER_PREFIX}{i:04d}"],
                    organisation_id=emp_rows[i][1],
                    created_at=now,
                )
                for i in range(n_emp_users)
            ]
        )
        # the demo employer account (demo_accounts) gets the first demo company too
        demo_employer_user = User.objects.filter(phone="09120000002").first()
        if demo_employer_user:
            Membership.objects.get_or_create(user=demo_employer_user, organisation_id=emp_rows[0][1])

        # --- vacancies ----------------------------------------------------------------------------------
        vac_emp = [rng.randrange(len(emp_rows)) for _ in range(vacancies)]
        vac_objs = []
        for e_idx in vac_emp:
            epk, _org, cid, kb, _verified, ename = emp_rows[e_idx]
            sec = emp_sections[e_idx]
            names = SECTION_JOBS.get(sec, [])
            job = job_by_title.get(rng.choice(names)) if names and rng.random() < 0.8 else None
            job = job or rng.choice(jobs)
            title_base, code, edu, contract, (w_lo, w_hi), duties = job
            suffix = rng.choice(TITLE_SUFFIXES)
            sex_req, sex_reason = "none", ""
            if suffix == " خانم":
                sex_req, sex_reason = "female", "محیط کار و مراجعان زن هستند"
            elif suffix == " آقا":
                sex_req, sex_reason = "male", "کار شبانه و سنگین در کارگاه"
            title = f"{title_base}{suffix}"
            if rng.random() < 0.03:
                title = title.translate(ARABIC_VARIANTS)
            county_name = county_by_id[cid].name_fa
            text = " ".join(
                [
                    rng.choice(DESCRIPTION_OPENERS).format(
                        employer=ename, county=county_name, title=title_base
                    ),
                    "شرایط: " + "، ".join(rng.sample(duties, k=min(len(duties), rng.randint(1, 3)))) + ".",
                    rng.choice(DESCRIPTION_CLOSERS).format(county=county_name),
                ]
            )
            if rng.random() < 0.03:
                text = text.translate(ARABIC_VARIANTS)
            recent = rng.random() < 0.25  # a quarter posted in the last 40 days: the live board
            if recent:
                posted = today - dt.timedelta(days=rng.randint(0, 40))
            else:
                posted = start + dt.timedelta(days=int(DAYS * (rng.random() ** 0.7)))
            created = dt.datetime.combine(posted, dt.time(9, 0), tzinfo=tz) + dt.timedelta(
                minutes=rng.randint(0, 480)
            )
            lifetime = rng.choice([30, 30, 45, 60])
            expires = posted + dt.timedelta(days=lifetime)
            if recent and expires < today:
                expires = today + dt.timedelta(days=rng.randint(5, 30))
            roll = rng.random()
            if roll < 0.025:
                status = "draft"
            elif roll < 0.05:
                status = "pending_review"
            elif roll < 0.10:
                status = "closed"
            else:
                status = "published" if expires >= today else "expired"
            if status in {"draft", "pending_review"}:
                posted = max(posted, today - dt.timedelta(days=10))
                created = dt.datetime.combine(posted, dt.time(10, 0), tzinfo=tz)
            wage_min = rng.randint(w_lo, max(w_lo, (w_lo + w_hi) // 2)) * 10_000_000
            wage_max = wage_min + rng.randint(0, w_hi - w_lo) * 10_000_000 if rng.random() < 0.6 else None
            occ = occupations[code]
            grad_target = edu in GRADUATE
            stored_title = normalize_text(title, multiline=False) if rng.random() < 0.5 else title
            vac_objs.append(
                Vacancy(
                    employer_id=epk,
                    title=stored_title,
                    description=text,
                    title_key=search_key(title)[:200],
                    occupation_id=occ.pk,
                    county_id=cid,
                    city=county_name,
                    contract_type=contract,
                    hours_per_week=rng.choice([None, 44, 44, 40, 24, 48]),
                    remote="remote" if code[:2] in {"25", "21"} and rng.random() < 0.3 else "on_site",
                    wage_min=wage_min,
                    wage_max=wage_max,
                    education_required=edu if rng.random() < 0.7 else "",
                    field_required=rng.choice(FIELDS) if grad_target and rng.random() < 0.5 else "",
                    experience_years=rng.choice([0, 0, 1, 2, 3, 5]),
                    openings=rng.choices([1, 2, 3, 5, 10], [60, 20, 10, 7, 3])[0],
                    insurance_provided=rng.random() < 0.8,
                    sex_requirement=sex_req,
                    sex_requirement_reason=sex_reason,
                    is_it=occ.is_it or code[:2] in {"25", "35"},
                    is_knowledge_based=kb,
                    is_graduate_targeted=grad_target,
                    status=status,
                    published_at=created + dt.timedelta(days=1)
                    if status not in {"draft", "pending_review"}
                    else None,
                    expires_on=expires if status not in {"draft"} else None,
                    closed_at=(
                        dt.datetime.combine(min(expires, today), dt.time(18, 0), tzinfo=tz)
                        if status in {"expired", "closed"}
                        else None
                    ),
                    created_at=created,
                )
            )
        Vacancy.objects.bulk_create(vac_objs, batch_size=2000)
        # auto_now / auto_now_add overwrite created_at on bulk_create: put the synthetic dates back
        vac_list = list(
            Vacancy.objects.filter(employer__organisation__code__startswith=DEMO_ORG_PREFIX)
            .order_by("pk")
            .values_list(
                "pk",
                "status",
                "published_at",
                "expires_on",
                "openings",
                "county_id",
                "contract_type",
                "insurance_provided",
                "wage_min",
                "employer_id",
                "occupation_id",
                "sex_requirement",
            )
        )
        for obj, row in zip(vac_objs, vac_list, strict=True):
            obj.pk = row[0]
        Vacancy.objects.bulk_update(vac_objs, ["created_at"], batch_size=2000)

        # --- applications and hires -----------------------------------------------------------------
        seekers_by_county = defaultdict(list)
        for row in seeker_list:
            seekers_by_county[row[1]].append(row)
        for rows in seekers_by_county.values():
            rows.sort(key=lambda r: r[2])
        all_seekers = sorted(seeker_list, key=lambda r: r[2])
        reg_days = {cid: [r[2] for r in rows] for cid, rows in seekers_by_county.items()}
        reg_days[None] = [r[2] for r in all_seekers]
        hired_seekers: set[int] = set()
        apps, events_spec, placements, filled = [], [], [], defaultdict(int)
        for (
            vpk,
            status,
            published_at,
            expires_on,
            openings,
            cid,
            contract,
            insured,
            wage,
            epk,
            occ_id,
            sex_req,
        ) in vac_list:
            if published_at is None:
                continue
            pub_day = timezone.localtime(published_at).date()
            last_day = min(expires_on or today, today)
            if last_day < pub_day:
                continue
            in_county = rng.random() < 0.8
            pool = seekers_by_county[cid] if in_county else all_seekers
            # seekers registered by the publication day (pools are sorted by registration date)
            eligible = pool[: bisect.bisect_right(reg_days[cid if in_county else None], pub_day)]
            if sex_req != "none":
                eligible = [r for r in eligible if r[4] == sex_req]
            if not eligible:
                continue
            n = min(len(eligible), rng.choices([0, 1, 2, 3, 4, 6, 8], [8, 18, 20, 18, 14, 12, 10])[0])
            chosen = rng.sample(eligible, n)
            to_hire = (
                openings
                if status == "expired" and rng.random() < 0.35
                else (rng.randint(0, 1) if status in {"published", "closed"} else 0)
            )
            for row in chosen:
                spk = row[0]
                applied_day = pub_day + dt.timedelta(days=rng.randint(0, max(0, (last_day - pub_day).days)))
                applied_at = dt.datetime.combine(applied_day, dt.time(12, 0), tzinfo=tz) + dt.timedelta(
                    minutes=rng.randint(0, 600)
                )
                path = ["submitted"]
                hire = False
                if to_hire > 0 and spk not in hired_seekers and status_now[spk][0] != "not_looking":
                    path += ["seen", "shortlisted", "interview", "offered", "hired"]
                    hire = True
                    to_hire -= 1
                    hired_seekers.add(spk)
                else:
                    r = rng.random()
                    if r < 0.3:
                        path += ["seen"]
                    elif r < 0.55:
                        path += ["seen", "rejected"]
                    elif r < 0.7:
                        path += ["seen", "shortlisted"]
                    elif r < 0.78:
                        path += ["seen", "shortlisted", "interview", "rejected"]
                apps.append(
                    Application(vacancy_id=vpk, seeker_id=spk, status=path[-1], created_at=applied_at)
                )
                events_spec.append((applied_at, path))
                if hire:
                    hired_on = min(applied_day + dt.timedelta(days=rng.randint(3, 25)), today)
                    placements.append(
                        (spk, epk, vpk, hired_on, contract, insured, wage, cid, occ_id, len(apps) - 1)
                    )
                    filled[vpk] += 1
        Application.objects.bulk_create(apps, batch_size=2000)
        app_pks = list(
            Application.objects.filter(vacancy__employer__organisation__code__startswith=DEMO_ORG_PREFIX)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        events = []
        for app_pk, (applied_at, path) in zip(app_pks, events_spec, strict=True):
            at = applied_at
            prev = ""
            for step in path:
                events.append(
                    ApplicationEvent(application_id=app_pk, from_status=prev, to_status=step, created_at=at)
                )
                prev = step
                at = at + dt.timedelta(days=rng.randint(0, 3), hours=rng.randint(1, 8))
        ApplicationEvent.objects.bulk_create(events, batch_size=5000)

        # platform hires
        placement_objs = []
        for spk, epk, vpk, hired_on, contract, insured, wage, cid, occ_id, app_idx in placements:
            placement_objs.append(
                Placement(
                    seeker_id=spk,
                    employer_id=epk,
                    vacancy_id=vpk,
                    application_id=app_pks[app_idx],
                    occupation_id=occ_id,
                    county_id=cid,
                    hired_on=hired_on,
                    contract_type=contract,
                    insured=insured,
                    wage=wage,
                    source="platform",
                )
            )
        # external hires reported by employers/officers: ~ a third as many, seekers not hired yet
        looking = [
            r for r in seeker_list if r[0] not in hired_seekers and status_now[r[0]][0] != "not_looking"
        ]
        for row in rng.sample(looking, min(len(looking), max(1, len(placement_objs) // 3))):
            spk, cid, reg = row[0], row[1], row[2]
            if (today - reg).days < 10:
                continue
            e = emp_rows[rng.randrange(len(emp_rows))] if rng.random() < 0.6 else None
            job = rng.choice(jobs)
            placement_objs.append(
                Placement(
                    seeker_id=spk,
                    employer_id=e[0] if e else None,
                    employer_name="" if e else f"کارگاه نمونه {rng.choice(COMPANY_WORDS)}",
                    occupation_id=occupations[job[1]].pk,
                    county_id=e[2] if e else cid,
                    hired_on=reg + dt.timedelta(days=rng.randint(5, (today - reg).days)),
                    contract_type=job[3],
                    insured=rng.random() < 0.5,
                    wage=rng.randint(job[4][0], job[4][1]) * 10_000_000,
                    source="external",
                )
            )
            hired_seekers.add(spk)
        from simple_history.utils import bulk_create_with_history

        bulk_create_with_history(placement_objs, Placement, batch_size=2000)
        superseded: set[int] = set()
        hire_day = {}
        for p in Placement.objects.filter(seeker__user__username__startswith=DEMO_SEEKER_PREFIX).values_list(
            "pk", "seeker_id", "hired_on"
        ):
            pk, spk, hired_on = p
            # a hire closes the seeker's looking status from the hire date (after any earlier entry)
            if status_now[spk][1] > hired_on:
                superseded.add(spk)
            changes.append(
                StatusChange(
                    seeker_id=spk, status="employed", valid_from=hired_on, reason="hired", placement_id=pk
                )
            )
            status_now[spk] = ("employed", hired_on)
            hire_day[spk] = hired_on
        # a self-reported change dated after the hire is dropped (the hire is the latest entry)
        changes = [
            c
            for c in changes
            if c.seeker_id not in superseded
            or c.status == "employed"
            or c.valid_from <= hire_day[c.seeker_id]
        ]
        StatusChange.objects.bulk_create(changes, batch_size=5000)
        by_status = defaultdict(list)
        for spk, (status, _d) in status_now.items():
            by_status[status].append(spk)
        for status, ids in by_status.items():
            for i in range(0, len(ids), 900):
                JobSeeker.objects.filter(pk__in=ids[i : i + 900]).update(employment_status=status)
        # filled counts and filled status
        for vpk, n in filled.items():
            Vacancy.objects.filter(pk=vpk).update(filled_count=n)
        full = [
            row[0]
            for row in vac_list
            if filled.get(row[0], 0) >= row[4] and row[1] in {"published", "expired"}
        ]
        for i in range(0, len(full), 900):
            Vacancy.objects.filter(pk__in=full[i : i + 900]).update(status="filled")

        # the demo job-seeker account gets a profile, one application and a recommendation base
        demo_seeker_user = User.objects.filter(phone="09120000001").first()
        if demo_seeker_user and not JobSeeker.objects.filter(user=demo_seeker_user).exists():
            tabriz = next((c for c in counties if c.name_en == "Tabriz"), counties[0])
            s = JobSeeker.objects.create(
                user=demo_seeker_user,
                national_id=make_national_id("899999999"),
                first_name="کارجوی",
                last_name="نمونه",
                birth_date=dt.date(1998, 3, 21),
                sex="female",
                county=tabriz,
                city="تبریز",
                education_level="bachelor",
                is_graduate=True,
                field_of_study="حسابداری",
                university="دانشگاه تبریز",
                graduation_year=1399,
                skills="اکسل، نرم‌افزار حسابداری، زبان انگلیسی",
                registered_on=today - dt.timedelta(days=90),
                consent_to_be_found=True,
            )
            s.desired_occupations.set([occupations[c] for c in ("2411", "3313") if c in occupations])
            StatusChange.objects.create(
                seeker=s, status="unemployed_looking", valid_from=s.registered_on, reason="registration"
            )

    return DemoResult(
        seekers=len(seeker_list),
        employers=len(emp_rows),
        vacancies=len(vac_list),
        applications=len(apps),
        placements=len(placement_objs),
        status_changes=len(changes),
    )
