"""Synthetic demo data for labour squares: squares in five counties, a few hundred labourers, 60 days of
check-ins, employers' requests and assignments in the fair order. Deterministic from the seed and the
date it runs; bulk-inserted so that it takes a few seconds.

Every name, number and national ID here is invented (national IDs are generated with a valid check
digit from random digits)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sakoo.accounts import services as account_services
from sakoo.accounts.models import OrganisationKind, User
from sakoo.core.validators import make_national_id
from sakoo.squares import services
from sakoo.squares.models import (
    Assignment,
    CheckIn,
    DayRequest,
    InsuranceStatus,
    Labourer,
    MinimumDailyWage,
    Square,
    Trade,
)

DAYS = 60
DEMO_MINIMUM_DAILY_WAGE = 3_500_000  # rials; a demo value, the admin sets the official one


@dataclass(frozen=True)
class DemoSquare:
    county: str  # Persian county name
    municipality_code: str
    municipality_name: str
    name: str
    city: str
    address: str
    landmark: str
    labourers: int


DEMO_SQUARES = (
    DemoSquare(
        "تبریز",
        "tabriz-municipality",
        "شهرداری تبریز",
        "میدان کارگری شمال تبریز",
        "تبریز",
        "خیابان آزادی، ضلع شمالی میدان",
        "کنار ایستگاه اتوبوس",
        90,
    ),
    DemoSquare(
        "تبریز",
        "tabriz-municipality",
        "شهرداری تبریز",
        "میدان کارگری جنوب تبریز",
        "تبریز",
        "بلوار جنوبی، ورودی بازارچه",
        "روبه‌روی پارک محله",
        70,
    ),
    DemoSquare(
        "مراغه",
        "maragheh-municipality",
        "شهرداری مراغه",
        "میدان کارگری مراغه",
        "مراغه",
        "خیابان اصلی، نزدیک میدان شهر",
        "کنار مسجد محله",
        45,
    ),
    DemoSquare(
        "مرند",
        "marand-municipality",
        "شهرداری مرند",
        "میدان کارگری مرند",
        "مرند",
        "خیابان امام، چهارراه اول",
        "جلوی نانوایی",
        35,
    ),
    DemoSquare(
        "میانه",
        "miyaneh-municipality",
        "شهرداری میانه",
        "میدان کارگری میانه",
        "میانه",
        "خیابان ساحلی، ورودی شهر",
        "کنار پل",
        30,
    ),
    DemoSquare(
        "اهر",
        "ahar-municipality",
        "شهرداری اهر",
        "میدان کارگری اهر",
        "اهر",
        "خیابان مطهری، میدان کوچک",
        "کنار پایانه",
        25,
    ),
)

FIRST_NAMES = (
    "علی",
    "حسین",
    "رضا",
    "محمد",
    "مهدی",
    "حسن",
    "جواد",
    "یوسف",
    "صمد",
    "رحیم",
    "کریم",
    "اکبر",
    "بهروز",
    "جعفر",
    "ناصر",
    "قادر",
    "فرهاد",
    "سعید",
    "ابراهیم",
    "اسماعیل",
    "مجید",
    "وحید",
)
LAST_NAMES = (
    "محمدی",
    "حسینی",
    "رضایی",
    "قاسمی",
    "نوروزی",
    "اصغری",
    "جعفری",
    "باقری",
    "کریمی",
    "عباسی",
    "صمدی",
    "اکبری",
    "فتحی",
    "نجفی",
    "رحیمی",
    "قربانی",
    "یوسفی",
    "زارعی",
    "شریفی",
    "امینی",
)
# Trade codes with weights (how common they are among day labourers).
TRADE_WEIGHTS = {
    "labourer": 10,
    "mason": 4,
    "farm": 4,
    "porter": 3,
    "painter": 2,
    "tiler": 2,
    "plasterer": 2,
    "plumber": 1,
    "electrician": 1,
    "welder": 1,
}
PLACES = (
    "ساختمان در حال ساخت، کوی ولیعصر",
    "باغ میوه، جاده روستا",
    "انبار، شهرک صنعتی",
    "خانه مسکونی، خیابان بهار",
    "مزرعه گندم، حاشیه شهر",
    "کارگاه، بلوار بسیج",
)


def _county(name: str):
    from sakoo.geo.models import County

    return County.objects.filter(province__code=settings.SAKOO_PROVINCE, name_fa=name).first()


def _aware(day: dt.date, minutes_after: dt.time, extra: int) -> dt.datetime:
    naive = dt.datetime.combine(day, minutes_after) + dt.timedelta(minutes=extra)
    return timezone.make_aware(naive)


@transaction.atomic
def demo_squares_ensure(*, seed: int = 1404, reset: bool = False, today: dt.date | None = None) -> dict:
    """Create the demo squares and their 60 days (idempotent: existing demo data is kept unless
    ``reset``). Returns counts."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    MinimumDailyWage.objects.get_or_create(
        effective_from=dt.date(2025, 3, 21),
        defaults={"amount": DEMO_MINIMUM_DAILY_WAGE, "note": "Demo value (1404): set the official figure."},
    )
    trades = {t.code: t for t in Trade.objects.filter(code__in=TRADE_WEIGHTS)}
    trade_codes = [c for c in TRADE_WEIGHTS if c in trades]
    weights = [TRADE_WEIGHTS[c] for c in trade_codes]
    employer = User.objects.filter(phone="09120000002").first()
    squares: list[tuple[Square, DemoSquare]] = []
    for spec in DEMO_SQUARES:
        county = _county(spec.county)
        if county is None:
            continue  # reference data not loaded
        organisation = account_services.organisation_ensure(
            kind=OrganisationKind.MUNICIPALITY,
            code=spec.municipality_code,
            name=spec.municipality_name,
            county=county,
        )
        square = Square.objects.filter(organisation=organisation, name=spec.name).first()
        if square is None:
            square = services.square_create(
                name=spec.name,
                county=county,
                city=spec.city,
                organisation=organisation,
                address=spec.address,
                landmark=spec.landmark,
                opens_at=dt.time(5, 30),
                closes_at=dt.time(10, 0),
            )
        squares.append((square, spec))
    coordinator = User.objects.filter(username="square").first()
    if coordinator is not None and squares:
        # The demo coordinator runs the Tabriz squares (their municipality).
        account_services.membership_ensure(user=coordinator, organisation=squares[0][0].organisation)
    counts = {"squares": len(squares), "labourers": 0, "check_ins": 0, "requests": 0, "assignments": 0}
    if not squares:
        return counts
    square_ids = [s.pk for s, _spec in squares]
    if Labourer.objects.filter(square_id__in=square_ids).exists():
        if not reset:
            counts["labourers"] = Labourer.objects.filter(square_id__in=square_ids).count()
            return counts
        Assignment.objects.filter(request__square_id__in=square_ids).delete()
        DayRequest.objects.filter(square_id__in=square_ids).delete()
        CheckIn.objects.filter(square_id__in=square_ids).delete()
        Labourer.trades.through.objects.filter(labourer__square_id__in=square_ids).delete()
        Labourer.objects.filter(square_id__in=square_ids).delete()

    start = today - dt.timedelta(days=DAYS - 1)
    used_ids: set[str] = set(Labourer.objects.exclude(national_id=None).values_list("national_id", flat=True))
    for square, spec in squares:
        labourers = []
        skills = []
        for _i in range(spec.labourers):
            national_id = None
            if rng.random() < 0.6:
                while national_id is None or national_id in used_ids:
                    national_id = make_national_id(f"{rng.randrange(10_000_000, 999_999_999):09d}")
                used_ids.add(national_id)
            labourers.append(
                Labourer(
                    square=square,
                    full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    mobile=f"0914{rng.randrange(0, 10_000_000):07d}",
                    national_id=national_id,
                    insurance=rng.choices(
                        [InsuranceStatus.INSURED, InsuranceStatus.NOT_INSURED, InsuranceStatus.UNKNOWN],
                        [3, 5, 2],
                    )[0],
                    consent=True,
                    # Most were registered before the window; some join during it.
                    registered_on=start - dt.timedelta(days=rng.randrange(1, 200))
                    if rng.random() < 0.8
                    else start + dt.timedelta(days=rng.randrange(0, DAYS)),
                )
            )
            own = {rng.choices(trade_codes, weights)[0]}
            if rng.random() < 0.4:
                own.add(rng.choices(trade_codes, weights)[0])
            if "labourer" in trades and rng.random() < 0.5:
                own.add("labourer")
            skills.append(own)
        Labourer.objects.bulk_create(labourers)
        through = Labourer.trades.through
        through.objects.bulk_create(
            [
                through(labourer_id=lab.pk, trade_id=trades[c].pk)
                for lab, own in zip(labourers, skills, strict=True)
                for c in sorted(own)
            ]
        )
        counts["labourers"] += len(labourers)
        reliability = {lab.pk: rng.uniform(0.35, 0.85) for lab in labourers}
        worked_days: dict[int, list[dt.date]] = {lab.pk: [] for lab in labourers}
        skill_of = {lab.pk: own for lab, own in zip(labourers, skills, strict=True)}
        check_ins, requests, pending_assignments = [], [], []
        for offset in range(DAYS):
            day = start + dt.timedelta(days=offset)
            friday = day.weekday() == 4
            present = []
            for lab in labourers:
                if lab.registered_on > day:
                    continue
                chance = reliability[lab.pk] * (0.3 if friday else 1.0)
                if rng.random() < chance:
                    arrived = _aware(day, square.opens_at, rng.randrange(0, 150))
                    check_ins.append(CheckIn(square=square, labourer=lab, date=day, arrived_at=arrived))
                    present.append((lab, arrived))
            n_requests = rng.randrange(0, 3 if friday else max(3, spec.labourers // 8))
            busy: set[int] = set()
            for _r in range(n_requests):
                code = rng.choices(trade_codes, weights)[0]
                workers = rng.choices([1, 2, 3, 4, 6], [4, 5, 3, 2, 1])[0]
                by_employer = employer is not None and square.pk == squares[0][0].pk and rng.random() < 0.1
                request = DayRequest(
                    square=square,
                    employer_user=employer if by_employer else None,
                    employer_name="کارفرمای نمونه"
                    if by_employer
                    else rng.choice(
                        ("آقای پیمانکار", "شرکت ساختمانی نمونه", "باغدار روستا", "صاحب انبار", "آقای مالک")
                    ),
                    employer_mobile="" if by_employer else f"0912{rng.randrange(0, 10_000_000):07d}",
                    trade=trades[code],
                    workers=workers,
                    work_date=day,
                    place=rng.choice(PLACES),
                    daily_wage=DEMO_MINIMUM_DAILY_WAGE + rng.randrange(0, 30) * 100_000,
                    hours=rng.choice([6, 8, 8, 8, 9, 10]),
                )
                requests.append(request)
                if day == today and rng.random() < 0.6:
                    continue  # left for the coordinator to assign this morning
                window = day - dt.timedelta(days=30)
                candidates = [
                    (sum(1 for d in worked_days[lab.pk] if window <= d < day), arrived, lab.pk, lab)
                    for lab, arrived in present
                    if lab.pk not in busy and code in skill_of[lab.pk]
                ]
                candidates.sort(key=lambda c: c[:3])
                for before, _arrived, pk, lab in candidates[:workers]:
                    busy.add(pk)
                    outcome, wage = Assignment.Outcome.PENDING, Assignment.Wage.UNKNOWN
                    if day < today:
                        if rng.random() < 0.07:
                            outcome = Assignment.Outcome.NO_SHOW
                        else:
                            outcome = Assignment.Outcome.WORKED
                            wage = Assignment.Wage.UNPAID if rng.random() < 0.04 else Assignment.Wage.PAID
                    if outcome != Assignment.Outcome.NO_SHOW:
                        worked_days[pk].append(day)
                    pending_assignments.append((request, lab, day, before, outcome, wage))
        CheckIn.objects.bulk_create(check_ins)
        DayRequest.objects.bulk_create(requests)
        assignments = [
            Assignment(
                request=req,
                labourer=lab,
                work_date=day,
                days_worked_before=before,
                outcome=outcome,
                wage=wage,
                outcome_recorded_at=timezone.now() if outcome != "pending" else None,
            )
            for req, lab, day, before, outcome, wage in pending_assignments
        ]
        Assignment.objects.bulk_create(assignments)
        assigned: dict[int, int] = {}
        for req, *_rest in pending_assignments:
            assigned[req.pk] = assigned.get(req.pk, 0) + 1
        filled = [r.pk for r in requests if assigned.get(r.pk, 0) >= r.workers]
        DayRequest.objects.filter(pk__in=filled).update(status=DayRequest.Status.FILLED)
        counts["check_ins"] += len(check_ins)
        counts["requests"] += len(requests)
        counts["assignments"] += len(assignments)
    return counts
