"""Synthetic demo data for partnerships and skills training: three universities, eight tripartite
agreements with the demo knowledge-based companies, two training providers and about forty courses
across the province's counties, with enrolments of the demo job seekers. Deterministic from the seed
and the date it runs; it takes a few seconds.

Agreements need the job platform's demo companies (``demo_jobs``); enrolments need its demo job
seekers. Without them the command still creates the universities, providers and courses."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from sakoo.accounts import selectors as account_selectors
from sakoo.accounts import services as account_services
from sakoo.accounts.models import OrganisationKind, Role, User
from sakoo.partnerships import services
from sakoo.partnerships.models import (
    Agreement,
    AgreementChange,
    Course,
    Enrolment,
    ProgressReport,
    TrainingProvider,
    University,
)
from sakoo.partnerships.selectors import OUTCOME_WINDOW_DAYS

LABOUR_OFFICE = ("cooperatives-labour", "اداره کل تعاون، کار و رفاه اجتماعی")
PROVIDER_STAFF_USERNAME = "tvto"

# (name, short name, county, other spellings)
UNIVERSITIES = (
    ("دانشگاه تبریز", "تبریز", "تبریز", "دانشگاه دولتی تبریز"),
    ("دانشگاه صنعتی سهند", "سهند", "تبریز", "دانشگاه سهند\nدانشگاه صنعتی سهند تبریز"),
    ("دانشگاه مراغه", "مراغه", "مراغه", ""),
)

# (organisation code, organisation name, provider name, kind)
PROVIDERS = (
    ("tvto", "اداره کل آموزش فنی و حرفه‌ای", "سازمان آموزش فنی و حرفه‌ای استان", TrainingProvider.Kind.TVTO),
    (
        "demo-institute-maharat",
        "آموزشگاه آزاد فنی مهارت",
        "آموزشگاه آزاد فنی مهارت",
        TrainingProvider.Kind.PRIVATE,
    ),
)


@dataclass(frozen=True)
class DemoAgreement:
    title: str
    university: str
    companies: int
    status: str
    signed_days_ago: int | None
    months: int
    fields: str
    internships: int
    hires: int
    seats: int


DEMO_AGREEMENTS = (
    DemoAgreement(
        "کارآموزی و جذب دانش‌آموختگان مهندسی کامپیوتر",
        "دانشگاه تبریز",
        2,
        "active",
        420,
        24,
        "مهندسی کامپیوتر، فناوری اطلاعات",
        40,
        25,
        60,
    ),
    DemoAgreement(
        "مهارت‌آموزی و اشتغال دانش‌آموختگان مکانیک",
        "دانشگاه صنعتی سهند",
        2,
        "active",
        300,
        24,
        "مهندسی مکانیک، مهندسی مواد",
        30,
        20,
        40,
    ),
    DemoAgreement(
        "کارآموزی صنایع غذایی و کشاورزی",
        "دانشگاه مراغه",
        1,
        "active",
        240,
        18,
        "علوم و صنایع غذایی، مهندسی کشاورزی",
        20,
        10,
        30,
    ),
    DemoAgreement(
        "جذب دانش‌آموختگان برق و الکترونیک", "دانشگاه صنعتی سهند", 1, "signed", 60, 12, "مهندسی برق", 15, 12, 0
    ),
    DemoAgreement(
        "دوره‌های مهارتی حسابداری و مدیریت",
        "دانشگاه تبریز",
        1,
        "active",
        200,
        12,
        "حسابداری، مدیریت بازرگانی",
        10,
        8,
        50,
    ),
    DemoAgreement(
        "کارآموزی شیمی و پلیمر", "دانشگاه تبریز", 2, "ended", 560, 12, "مهندسی شیمی، شیمی", 25, 15, 20
    ),
    DemoAgreement(
        "اشتغال دانش‌آموختگان فناوری اطلاعات در مراغه",
        "دانشگاه مراغه",
        1,
        "draft",
        None,
        12,
        "فناوری اطلاعات",
        10,
        5,
        20,
    ),
    DemoAgreement(
        "کارآموزی مهندسی عمران", "دانشگاه صنعتی سهند", 1, "cancelled", 150, 12, "مهندسی عمران", 12, 6, 0
    ),
)

# (title, ISCO-08 unit group, hours)
COURSES = (
    ("جوشکاری برق", "7212", 240),
    ("برق‌کاری ساختمان", "7411", 200),
    ("لوله‌کشی و تأسیسات", "7126", 180),
    ("آشپزی و شیرینی‌پزی", "5120", 160),
    ("خیاطی و دوخت", "7531", 220),
    ("مکانیک خودرو", "7231", 300),
    ("برنامه‌نویسی وب", "2513", 250),
    ("حسابداری با نرم‌افزار", "3313", 150),
    ("پرورش گلخانه‌ای", "6111", 120),
    ("نجاری و ساخت کابینت", "7115", 200),
    ("تعمیر لوازم خانگی", "7421", 180),
    ("فرش‌بافی", "7318", 240),
)
N_COURSES = 40


def _counties():
    from sakoo.geo.models import County

    return list(County.objects.filter(province__code=settings.SAKOO_PROVINCE).order_by("code"))


def _agency(code: str, name: str):
    organisation = account_selectors.organisation_by_code(kind=OrganisationKind.AGENCY, code=code)
    return organisation or account_services.organisation_create(
        kind=OrganisationKind.AGENCY, name=name, code=code
    )


def demo_exists() -> bool:
    titles = [spec.title for spec in DEMO_AGREEMENTS]
    return (
        Agreement.objects.filter(title__in=titles).exists()
        or Course.objects.filter(provider__name__in=[p[2] for p in PROVIDERS]).exists()
    )


def demo_reset() -> None:
    courses = Course.objects.filter(provider__name__in=[p[2] for p in PROVIDERS])
    Enrolment.objects.filter(course__in=courses).delete()
    courses.delete()
    agreements = Agreement.objects.filter(title__in=[spec.title for spec in DEMO_AGREEMENTS])
    ProgressReport.objects.filter(agreement__in=agreements).delete()
    AgreementChange.objects.filter(agreement__in=agreements).delete()
    agreements.delete()


def _party_companies(university: University, wanted: int, taken: set[int]) -> list:
    """Knowledge-based companies, those that hired most graduates of the university first."""
    from sakoo.employers.models import Employer
    from sakoo.vacancies.models import Placement

    ranked = [
        row["employer_id"]
        for row in Placement.objects.filter(
            employer__is_knowledge_based=True,
            seeker__is_graduate=True,
            seeker__university__in=university.names(),
        )
        .values("employer_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "employer_id")[:50]
    ]
    ranked += list(
        Employer.objects.filter(is_knowledge_based=True).order_by("pk").values_list("pk", flat=True)[:200]
    )
    chosen = []
    for pk in ranked:
        if pk not in taken and pk not in chosen:
            chosen.append(pk)
        if len(chosen) == wanted:
            break
    taken.update(chosen)
    return list(Employer.objects.filter(pk__in=chosen).order_by("pk"))


def _demo_employer_company():
    """The first company of the demo employer account (``demo_accounts``, mobile 09120000002), if any."""
    from sakoo.employers.models import Employer

    return (
        Employer.objects.filter(organisation__memberships__user__phone="09120000002").order_by("pk").first()
    )


def _provider_staff(organisation) -> None:
    """The demo account of the provider's staff (username ``tvto``, the demo password)."""
    from sakoo.accounts.demo import DEMO_PASSWORD

    user = User.objects.filter(username=PROVIDER_STAFF_USERNAME).first()
    if user is None:
        user = account_services.user_create_staff(
            username=PROVIDER_STAFF_USERNAME,
            password=DEMO_PASSWORD,
            role=Role.AGENCY_OFFICER,
            first_name="کارشناس",
            last_name="فنی و حرفه‌ای",
        )
    account_services.membership_ensure(user=user, organisation=organisation)


@transaction.atomic
def demo_partnerships_ensure(*, seed: int = 1404, today: dt.date | None = None, reset: bool = False) -> dict:
    """Create the demo data (idempotent: nothing happens when it is there, unless ``reset``)."""
    from sakoo.classifications.models import Occupation
    from sakoo.seekers.models import JobSeeker
    from sakoo.vacancies.models import Placement

    today = today or timezone.localdate()
    counts = {"universities": 0, "agreements": 0, "courses": 0, "enrolments": 0}
    counties = _counties()
    if not counties:
        return counts
    if reset:
        demo_reset()
    by_name = {c.name_fa: c for c in counties}
    universities = {}
    for name, short, county, aliases in UNIVERSITIES:
        university = University.objects.filter(name=name).first() or services.university_create(
            name=name, short_name=short, county=by_name.get(county, counties[0]), aliases=aliases
        )
        universities[name] = university
    counts["universities"] = len(universities)
    providers = []
    for code, org_name, name, kind in PROVIDERS:
        organisation = _agency(code, org_name)
        provider = TrainingProvider.objects.filter(name=name).first() or services.training_provider_create(
            name=name, kind=kind, organisation=organisation
        )
        providers.append(provider)
    _provider_staff(providers[0].organisation)
    if demo_exists():
        counts["skipped"] = 1
        return counts

    rng = random.Random(seed)
    labour_office = _agency(*LABOUR_OFFICE)
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()

    # --- agreements ---------------------------------------------------------------------------------
    agreements = []
    taken: set[int] = set()
    for spec in DEMO_AGREEMENTS:
        university = universities[spec.university]
        companies = _party_companies(university, spec.companies, taken)
        if not companies:
            break
        if not agreements and (own := _demo_employer_company()) is not None and own not in companies:
            companies.append(own)  # the demo employer account sees the first agreement
        signed = today - dt.timedelta(days=spec.signed_days_ago) if spec.signed_days_ago else None
        agreement = services.agreement_create(
            title=spec.title,
            university=university,
            employers=companies,
            labour_office=labour_office,
            signed_on=signed,
            duration_months=spec.months,
            fields_of_study=spec.fields,
            internships_committed=spec.internships,
            hires_committed=spec.hires,
            training_seats_committed=spec.seats,
            status=spec.status,
            created_by=admin,
        )
        agreements.append(agreement)
        if admin and signed and spec.status in ("active", "ended"):
            for k, measure in enumerate(("internships", "hires")):
                as_of = signed + dt.timedelta(days=rng.randint(60, min(spec.signed_days_ago, 400) - 1))
                services.progress_report_add(
                    agreement=agreement,
                    measure=measure,
                    number=rng.randint(2, max(3, getattr(spec, measure) // 3)),
                    as_of=min(as_of, today),
                    note=("نامه شرکت به اداره کل" if k == 0 else "صورت‌جلسه کارگروه دانشگاه و صنعت"),
                    reported_by=admin,
                )
    counts["agreements"] = len(agreements)
    training_agreements = [a for a in agreements if a.training_seats_committed and a.signed_on]

    # --- courses ------------------------------------------------------------------------------------
    occupations = {o.code: o for o in Occupation.objects.filter(code__in=[c[1] for c in COURSES])}
    templates = [c for c in COURSES if c[1] in occupations]
    if not templates:
        return counts
    capital = by_name.get("تبریز", counties[0])  # a quarter of the courses are in Tabriz
    courses = []
    for i in range(N_COURSES):
        title, code, hours = templates[i % len(templates)]
        county = capital if i % 4 == 0 else counties[rng.randrange(len(counties))]
        starts = today + dt.timedelta(days=rng.randint(-330, 60))
        weeks = max(2, hours // 40)
        provider = providers[0] if rng.random() < 0.75 else providers[1]
        agreement = None
        if training_agreements and i % 7 == 3:
            agreement = training_agreements[(i // 7) % len(training_agreements)]
            starts = max(starts, agreement.signed_on)
        courses.append(
            services.course_create(
                provider=provider,
                title=f"{title} ({county.name_fa})",
                occupation=occupations[code],
                county=county,
                starts_on=starts,
                ends_on=starts + dt.timedelta(weeks=weeks),
                seats=rng.choice([15, 20, 20, 25, 30]),
                hours=hours,
                agreement=agreement,
            )
        )
    counts["courses"] = len(courses)

    # --- enrolments of the demo job seekers ---------------------------------------------------------
    enrolments = []
    marked_at = timezone.now()
    for course in courses:
        pool = list(
            JobSeeker.objects.filter(county=course.county).order_by("pk").values_list("pk", flat=True)
        )
        if not pool:
            continue
        if course.starts_on > today:
            n = rng.randint(0, course.seats // 2)
        else:
            n = rng.randint(course.seats * 2 // 3, course.seats)
        n = min(n, len(pool))
        chosen: list[int] = []
        if course.ends_on <= today:
            # Some trainees found work after the course: prefer a share of them, as in life.
            hired = sorted(
                set(
                    Placement.objects.filter(
                        seeker__county=course.county,
                        hired_on__range=(
                            course.ends_on,
                            course.ends_on + dt.timedelta(days=OUTCOME_WINDOW_DAYS),
                        ),
                    ).values_list("seeker_id", flat=True)
                )
            )
            chosen = rng.sample(hired, min(len(hired), int(n * rng.uniform(0.2, 0.5))))
        rest = [pk for pk in pool if pk not in set(chosen)]
        chosen += rng.sample(rest, min(len(rest), n - len(chosen)))
        for seeker_id in chosen:
            status = Enrolment.Status.ENROLLED
            if course.ends_on <= today:
                status = Enrolment.Status.COMPLETED if rng.random() < 0.8 else Enrolment.Status.DROPPED
            enrolments.append(
                Enrolment(
                    course=course,
                    seeker_id=seeker_id,
                    status=status,
                    enrolled_on=min(course.starts_on, today) - dt.timedelta(days=rng.randint(1, 20)),
                    marked_at=marked_at if status != Enrolment.Status.ENROLLED else None,
                )
            )
    Enrolment.objects.bulk_create(enrolments, batch_size=1000)
    counts["enrolments"] = len(enrolments)
    return counts
