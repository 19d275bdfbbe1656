"""Synthetic demo data for employment cooperatives: the support package, about 60 cooperatives over the
province's counties and sectors, their first members report (written by the registration) and dated jobs
reports, and about 120 applications in every state with their steps and follow-ups. Deterministic from
the seed and the date it runs; a few seconds.

Cooperatives are the profiles of employers flagged as cooperatives: those the jobs demo made are used
first, and the rest are registered here (invented names, legal IDs with a valid check digit)."""

from __future__ import annotations

import datetime as dt
import random

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sakoo.accounts import services as account_services
from sakoo.accounts.models import OrganisationKind, User
from sakoo.cooperatives import services
from sakoo.cooperatives.models import (
    Application,
    ApplicationStep,
    Cooperative,
    FollowUp,
    JobsReport,
    MembersReport,
    Sector,
    Status,
    SupportItem,
    Unit,
)
from sakoo.core.validators import make_legal_id

COOPERATIVES = 60
APPLICATIONS = 120
DEMO_REGISTRATION_PREFIX = "990"

#: (code, agency name) of the agencies responsible for items (the same codes as the facilities demo).
AGENCIES = {
    "cooperatives-labour": "تعاون، کار و رفاه اجتماعی",
    "agriculture-jihad": "جهاد کشاورزی",
    "cultural-heritage": "میراث فرهنگی، گردشگری و صنایع دستی",
    "industry-mine-trade": "صنعت، معدن و تجارت",
    "relief-committee": "کمیته امداد امام خمینی",
}
#: (code, Persian, English, agency, unit, bank credit, facilities program code, working days)
ITEMS = (
    (
        "bank-credit",
        "تسهیلات بانکی اشتغال‌زا",
        "Bank credit for job creation",
        "cooperatives-labour",
        Unit.RIALS,
        True,
        "rural-nomadic",
        20,
    ),
    (
        "insurance-premium",
        "حمایت از حق بیمه سهم کارفرما",
        "Employer's insurance premium support",
        "cooperatives-labour",
        Unit.MONTHS,
        False,
        "",
        15,
    ),
    (
        "skills-training",
        "صندلی آموزش مهارت",
        "Skills training seats",
        "cooperatives-labour",
        Unit.SEATS,
        False,
        "",
        30,
    ),
    (
        "marketing-exhibition",
        "حمایت بازاریابی و غرفه نمایشگاه",
        "Marketing and exhibition support",
        "industry-mine-trade",
        Unit.RIALS,
        False,
        "",
        20,
    ),
    (
        "handicrafts-tourism",
        "حمایت از فروش صنایع دستی و گردشگری روستایی",
        "Handicrafts sales and village tourism support",
        "cultural-heritage",
        Unit.RIALS,
        False,
        "",
        20,
    ),
    (
        "equipment-lease",
        "اجاره به شرط تملیک تجهیزات",
        "Equipment lease",
        "agriculture-jihad",
        Unit.RIALS,
        False,
        "",
        30,
    ),
    (
        "relief-insurance",
        "حمایت از حق بیمه اعضای تحت پوشش کمیته امداد",
        "Insurance support for members covered by the Relief Committee",
        "relief-committee",
        Unit.MONTHS,
        False,
        "",
        15,
    ),
)
#: Items a sector applies for most (codes), the others now and then.
SECTOR_ITEMS = {
    Sector.INDUSTRY: ("bank-credit", "marketing-exhibition", "skills-training", "insurance-premium"),
    Sector.AGRICULTURE: ("bank-credit", "equipment-lease", "insurance-premium", "skills-training"),
    Sector.HANDICRAFTS: (
        "handicrafts-tourism",
        "skills-training",
        "marketing-exhibition",
        "relief-insurance",
    ),
    Sector.TOURISM_VILLAGE: ("handicrafts-tourism", "bank-credit", "skills-training"),
    Sector.SERVICES: ("insurance-premium", "skills-training", "bank-credit", "relief-insurance"),
}
SECTOR_WEIGHTS = {
    Sector.INDUSTRY: 15,
    Sector.AGRICULTURE: 20,
    Sector.HANDICRAFTS: 12,
    Sector.TOURISM_VILLAGE: 6,
    Sector.SERVICES: 7,
}
#: ISIC sections for the employers registered here.
SECTOR_ACTIVITY = {
    Sector.INDUSTRY: "C",
    Sector.AGRICULTURE: "A",
    Sector.HANDICRAFTS: "C",
    Sector.TOURISM_VILLAGE: "I",
    Sector.SERVICES: "S",
}
#: Target tourism villages and their counties (Persian names).
TOURISM_VILLAGES = (
    ("کندوان", "اسکو"),
    ("اشتبین", "جلفا"),
    ("کردشت", "جلفا"),
    ("زنوز", "مرند"),
    ("وایقان", "شبستر"),
)
NAME_WORDS = {
    Sector.INDUSTRY: ("قطعه‌سازان", "فلزکاران", "صنایع چوبی", "بسته‌بندی"),
    Sector.AGRICULTURE: ("باغداران", "دامداران", "زنبورداران", "گلخانه‌داران"),
    Sector.HANDICRAFTS: ("فرش‌بافان", "گلیم‌بافان", "سفالگران", "قلم‌زنان"),
    Sector.TOURISM_VILLAGE: ("اقامتگاه بوم‌گردی", "گردشگری روستایی"),
    Sector.SERVICES: ("خدمات فنی", "خدمات حمل", "خدمات رفاهی"),
}
#: Added to the demo names so that two cooperatives of a county rarely share one.
QUALIFIERS = ("نوین", "امید", "سبز", "آینده", "مهر", "سهند", "آذر", "ائل", "پیشگام", "همت", "یاران", "بهار")
PLANS = (
    "خرید مواد اولیه و افزایش ظرفیت تولید",
    "راه‌اندازی خط تولید دوم و استخدام اعضای جدید",
    "آموزش اعضای جوان و ورود به بازار استان‌های همسایه",
    "بیمه کارکنان فصلی و تثبیت اشتغال",
    "حضور در نمایشگاه و فروش برخط محصولات",
)


def _rials(rng: random.Random, unit: str) -> int:
    if unit == Unit.RIALS:
        return rng.randrange(5, 200) * 100_000_000  # 50 million to 2 billion tomans
    if unit == Unit.SEATS:
        return rng.randrange(2, 25)
    return rng.choice([3, 6, 12])


def _ensure_items() -> dict[str, SupportItem]:
    from sakoo.facilities.models import Program

    agencies = {
        code: account_services.organisation_ensure(kind=OrganisationKind.AGENCY, code=code, name=name)
        for code, name in AGENCIES.items()
    }
    items = {}
    for order, (code, fa, en, agency, unit, credit, program, days) in enumerate(ITEMS, start=1):
        items[code] = services.support_item_ensure(
            code=code,
            name_fa=fa,
            name_en=en,
            agency=agencies[agency],
            unit=unit,
            is_bank_credit=credit,
            program=Program.objects.filter(code=program).first() if program else None,
            deadline_working_days=days,
            order=order * 10,
        )
    return items


def _employers(rng: random.Random, seed: int, counties: list, sectors: list[str]):
    """Employers flagged as cooperatives without a profile (existing ones first), one per sector given;
    registered here when there are not enough."""
    from sakoo.classifications.models import EconomicActivity
    from sakoo.employers import services as employer_services
    from sakoo.employers.models import Employer

    existing = list(
        Employer.objects.filter(is_cooperative=True, cooperative__isnull=True).order_by("pk")[:COOPERATIVES]
    )
    by_name = {c.name_fa: c for c in counties}
    out = []
    for i, sector in enumerate(sectors):
        village = ""
        if sector == Sector.TOURISM_VILLAGE:
            village, county_name = TOURISM_VILLAGES[i % len(TOURISM_VILLAGES)]
            county = by_name.get(county_name) or counties[i % len(counties)]
        else:
            county = counties[rng.randrange(len(counties))]
        if i < len(existing):
            employer = existing[i]
            out.append((employer, sector, village, employer.county if not village else county))
            continue
        legal_id = make_legal_id(f"{1_095_372_100 + i * 13}")
        employer = Employer.objects.filter(legal_id=legal_id).first()
        if employer is None:
            activity = (
                EconomicActivity.objects.filter(code=SECTOR_ACTIVITY[sector]).first()
                or EconomicActivity.objects.order_by("pk").first()
            )
            if activity is None:
                continue  # classifications not loaded
            # Its own generator: the main one must draw the same numbers whether the employer is new or not.
            word = random.Random(f"{seed}-{i}").choice(NAME_WORDS[sector])
            place = village or county.name_fa
            employer = employer_services.employer_register(
                user=None,
                legal_id=legal_id,
                name=f"تعاونی {word} {QUALIFIERS[i % len(QUALIFIERS)]} {place}",
                activity=activity,
                county=county,
                is_cooperative=True,
            )
        out.append((employer, sector, village, employer.county))
    return out


@transaction.atomic
def demo_cooperatives_ensure(*, seed: int = 1404, reset: bool = False, today: dt.date | None = None) -> dict:
    """Create the package, the demo cooperatives and their applications (idempotent: existing demo data is
    kept unless ``reset``). Returns counts."""
    from sakoo.geo.models import County

    today = today or timezone.localdate()
    rng = random.Random(seed)
    counts = {"items": 0, "cooperatives": 0, "jobs_reports": 0, "applications": 0, "follow_ups": 0}
    counties = list(County.objects.filter(province__code=settings.SAKOO_PROVINCE).order_by("code"))
    if not counties:
        return counts
    items = _ensure_items()
    counts["items"] = len(items)
    demo = Cooperative.objects.filter(registration_number__startswith=DEMO_REGISTRATION_PREFIX)
    if demo.exists():
        if not reset:
            counts["cooperatives"] = demo.count()
            counts["applications"] = Application.objects.filter(cooperative__in=demo).count()
            return counts
        FollowUp.objects.filter(application__cooperative__in=demo).delete()
        ApplicationStep.objects.filter(application__cooperative__in=demo).delete()
        Application.objects.filter(cooperative__in=demo).delete()
        JobsReport.objects.filter(cooperative__in=demo).delete()
        MembersReport.objects.filter(cooperative__in=demo).delete()
        demo.delete()

    sectors = [s for s in SECTOR_WEIGHTS for _ in range(SECTOR_WEIGHTS[s])]
    rng.shuffle(sectors)
    reviewer = User.objects.filter(username="tabriz").first() or User.objects.filter(username="admin").first()
    cooperatives = []
    for i, (employer, sector, village, county) in enumerate(_employers(rng, seed, counties, sectors)):
        first_report = today - dt.timedelta(days=rng.randrange(300, 700))
        jobs = rng.randrange(3, 40)
        cooperative = services.cooperative_register(
            employer=employer,
            sector=sector,
            registration_number=f"{DEMO_REGISTRATION_PREFIX}{i + 1:05d}",
            members_male=rng.randrange(0, 30) if sector != Sector.HANDICRAFTS else rng.randrange(0, 6),
            members_female=rng.randrange(1, 12) if sector != Sector.HANDICRAFTS else rng.randrange(5, 40),
            jobs=jobs,
            village=village,
            county=county,
            on=first_report,
        )
        counts["jobs_reports"] += 1
        day = first_report
        for _r in range(rng.randrange(1, 4)):
            day += dt.timedelta(days=rng.randrange(60, 150))
            if day > today:
                break
            jobs = max(0, jobs + rng.randrange(-2, 8))
            services.jobs_report_add(cooperative=cooperative, jobs=jobs, on=day)
            counts["jobs_reports"] += 1
        cooperatives.append(cooperative)
    counts["cooperatives"] = len(cooperatives)
    if not cooperatives:
        return counts

    demo_employer = User.objects.filter(phone="09120000002").first()
    if demo_employer is not None:
        first = next((c for c in cooperatives if c.county.name_fa == "تبریز"), cooperatives[0])
        account_services.membership_ensure(user=demo_employer, organisation=first.employer.organisation)

    # Every state, in these proportions (of 120): submitted, under review, approved, rejected, delivered.
    plan = [Status.SUBMITTED] * 18 + [Status.UNDER_REVIEW] * 18 + [Status.APPROVED] * 26
    plan += [Status.REJECTED] * 16 + [Status.DELIVERED] * 42
    rng.shuffle(plan)
    used: set[tuple[int, str]] = set()
    for n, target in enumerate(plan[:APPLICATIONS]):
        cooperative = cooperatives[n % len(cooperatives)]
        choices = [c for c in SECTOR_ITEMS[cooperative.sector] if (cooperative.pk, c) not in used]
        code = choices[0] if rng.random() < 0.5 or len(choices) == 1 else rng.choice(choices)
        used.add((cooperative.pk, code))
        item = items[code]
        requested = _rials(rng, item.unit)
        submitted = today - dt.timedelta(
            days=rng.randrange(2, 240) if target != Status.SUBMITTED else rng.randrange(0, 20)
        )
        application = services.application_submit(
            cooperative=cooperative,
            item=item,
            plan=rng.choice(PLANS),
            jobs_promised=rng.randrange(1, 15),
            amount_requested=requested,
            facility_file_number=f"{rng.randrange(10_000, 99_999)}"
            if item.is_bank_credit and rng.random() < 0.7
            else "",
            on=submitted,
        )
        counts["applications"] += 1
        if target == Status.SUBMITTED:
            continue
        reviewed = min(today, submitted + dt.timedelta(days=rng.randrange(1, 10)))
        services.application_start_review(application=application, on=reviewed, by=reviewer)
        if target == Status.UNDER_REVIEW:
            continue
        decided = min(today, reviewed + dt.timedelta(days=rng.randrange(1, 20)))
        if target == Status.REJECTED:
            reason = rng.choice(
                ("طرح توجیهی ناقص است", "سهمیه این ردیف تمام شده است", "تعاونی بدهی معوق دارد")
            )
            services.application_reject(application=application, reason=reason, on=decided, by=reviewer)
            continue
        approved = (
            requested if rng.random() < 0.6 or requested < 10 else requested * rng.randrange(5, 10) // 10
        )
        services.application_approve(application=application, amount=approved, on=decided, by=reviewer)
        if target == Status.DELIVERED:
            delivered = min(today, decided + dt.timedelta(days=rng.randrange(5, 45)))
            services.application_deliver(application=application, on=delivered, by=reviewer)
        follow_on = decided + dt.timedelta(days=rng.randrange(30, 120))
        if follow_on <= today and rng.random() < 0.8:
            created = max(0, application.jobs_promised + rng.randrange(-4, 3))
            services.follow_up_record(
                application=application, jobs_created=created, on=follow_on, by=reviewer
            )
            counts["follow_ups"] += 1
    return counts
