"""The governor's meeting of the province employment working group, as demo data (idempotent)."""

from __future__ import annotations

import random

from django.db import transaction

from sakoo.core.jalali import to_gregorian
from sakoo.resolutions.models import Meeting, Resolution
from sakoo.resolutions.services import meeting_create, resolution_create

DEMO_MEETING_TITLE = "جلسه کارگروه اشتغال استان به ریاست استاندار"

# (code, Persian name): the executive agencies named in DOMAIN.md. Facilities' demo uses the same codes.
AGENCIES = [
    ("relief-committee", "کمیته امداد امام خمینی (ره)"),
    ("welfare", "سازمان بهزیستی"),
    ("agriculture-jihad", "سازمان جهاد کشاورزی"),
    ("cultural-heritage", "اداره کل میراث فرهنگی، گردشگری و صنایع دستی"),
    ("industry-mine-trade", "سازمان صنعت، معدن و تجارت"),
    ("cooperatives-labour", "اداره کل تعاون، کار و رفاه اجتماعی"),
    ("sports-youth", "اداره کل ورزش و جوانان"),
    ("martyrs-foundation", "بنیاد شهید و امور ایثارگران"),
    ("nomads-affairs", "اداره کل امور عشایر"),
    ("planning", "سازمان مدیریت و برنامه‌ریزی استان"),
    ("tvto", "اداره کل آموزش فنی و حرفه‌ای"),
    ("university", "دانشگاه تبریز"),
]

# (text, owner code, co-owner codes, rule): rule is ("wd", N) working days or ("date", (y, m, d)) Jalali.
RESOLUTIONS = [
    (
        "تهیه اطلس بیکاری استان به تفکیک شهرستان، جنس و سطح تحصیلات و انتشار آن در سامانه سکو.",
        "planning",
        ["cooperatives-labour"],
        ("date", (1404, 3, 31)),
    ),
    (
        "راه‌اندازی سامانه جامع کاریابی و اشتغال استان برای ثبت‌نام کارجویان، کارفرمایان و فرصت‌های شغلی.",
        "cooperatives-labour",
        ["planning"],
        ("date", (1404, 4, 31)),
    ),
    (
        "دستگاه‌های اجرایی ظرف ۲۰ روز کاری نسبت به جذب و پرداخت تسهیلات اشتغال سهمیه خود اقدام کنند.",
        "planning",
        ["relief-committee", "welfare", "agriculture-jihad", "cultural-heritage"],
        ("wd", 20),
    ),
    (
        "دستگاه‌ها تا پایان اردیبهشت‌ماه جذب تسهیلات را به بیش از ۶۵ درصد برسانند؛ اعتبار دستگاه‌های ناموفق "
        "به دستگاه‌های موفق منتقل می‌شود.",
        "planning",
        ["relief-committee", "welfare", "agriculture-jihad"],
        ("date", (1404, 2, 31)),
    ),
    (
        "ساماندهی میدان‌های کارگری با همکاری شهرداری‌ها و ثبت کارگران روزمزد در سامانه.",
        "cooperatives-labour",
        [],
        ("wd", 30),
    ),
    (
        "انعقاد تفاهم‌نامه سه‌جانبه دانشگاه، صنعت و اداره کل تعاون، کار و رفاه اجتماعی برای اشتغال دانش‌آموختگان.",
        "university",
        ["cooperatives-labour", "industry-mine-trade"],
        ("wd", 45),
    ),
    (
        "برگزاری دوره‌های مهارت‌آموزی برای بیکاران و شاغلان متناسب با نیاز بازار کار استان.",
        "tvto",
        ["cooperatives-labour"],
        ("date", (1404, 6, 31)),
    ),
    (
        "تدوین بسته حمایتی از تعاونی‌های اشتغال‌زا در صنعت، کشاورزی، صنایع دستی و روستاهای هدف گردشگری.",
        "cooperatives-labour",
        ["cultural-heritage", "agriculture-jihad"],
        ("wd", 25),
    ),
]

ATTENDEES = [
    "استاندار آذربایجان شرقی (رئیس کارگروه)",
    "معاون هماهنگی امور اقتصادی استانداری (دبیر کارگروه)",
    "رئیس سازمان مدیریت و برنامه‌ریزی استان",
    "مدیرکل تعاون، کار و رفاه اجتماعی",
    "نمایندگان دستگاه‌های اجرایی و بانک‌های عامل",
    "رئیس دانشگاه تبریز",
]


def _agency(code: str, name: str):
    from sakoo.accounts.models import Organisation

    organisation = Organisation.objects.filter(kind="agency", code=code).first()
    if organisation is None:
        organisation = Organisation.objects.filter(kind="agency", name=name).first()
    if organisation is None:
        organisation = Organisation(kind="agency", code=code, name=name)
        organisation.full_clean()
        organisation.save()
    return organisation


@transaction.atomic
def seed_working_group(seed: int) -> Meeting:
    rng = random.Random(seed)
    agencies = {code: _agency(code, name) for code, name in AGENCIES}
    held_on = to_gregorian(1404, 1, 24)
    meeting = Meeting.objects.filter(title=DEMO_MEETING_TITLE, held_on=held_on).first()
    if meeting is None:
        meeting = meeting_create(
            title=DEMO_MEETING_TITLE,
            held_on=held_on,
            chair="استاندار آذربایجان شرقی",
            location="سالن جلسات استانداری، تبریز",
            attendees="\n".join(ATTENDEES),
            agenda="۱. گزارش وضعیت بازار کار و بیکاری استان\n۲. جذب تسهیلات اشتغال دستگاه‌ها و عملکرد بانک‌های عامل\n"
            "۳. سامانه جامع اشتغال و اطلس بیکاری\n۴. میدان‌های کارگری، مهارت‌آموزی و تعاونی‌ها",
            minutes="استاندار تأکید کرد که جلسات کارگروه باید به تصمیم‌گیری و حل مسئله بینجامد، نه صرفاً شنیدن گزارش. "
            "آمار شاغلان و بیکاران استان از داده‌های سامانه پایش شود و پیگیری مصوبات با مستندات انجام گیرد.",
        )
    for number, (text, owner_code, co_codes, rule) in enumerate(RESOLUTIONS, start=1):
        if Resolution.objects.filter(meeting=meeting, number=number).exists():
            continue
        kwargs = {}
        if rule[0] == "wd":
            kwargs = {"due_rule": Resolution.DueRule.WORKING_DAYS, "due_working_days": rule[1]}
        else:
            kwargs = {"due_rule": Resolution.DueRule.DATE, "due_date": to_gregorian(*rule[1])}
        resolution_create(
            meeting=meeting,
            number=number,
            text=text,
            owner=agencies[owner_code],
            co_owners=[agencies[c] for c in co_codes],
            **kwargs,
        )
    rng.random()  # the seed is kept for future variation; the governor's meeting itself is fixed
    return meeting
