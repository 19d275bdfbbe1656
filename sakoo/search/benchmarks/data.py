"""Deterministic synthetic vacancies and queries for the benchmark (Persian, with the usual spelling noise)."""

from __future__ import annotations

import random

JOBS = [
    ("حسابدار", "2411"),
    ("کارشناس حسابداری", "2411"),
    ("کمک حسابدار", "3313"),
    ("راننده پایه یک", "8332"),
    ("راننده سرویس", "8322"),
    ("شوفر", "8322"),
    ("برنامه‌نویس", "2512"),
    ("برنامه نویس وب", "2513"),
    ("توسعه‌دهنده نرم‌افزار", "2512"),
    ("کارشناس شبکه", "2523"),
    ("پشتیبان فنی", "3512"),
    ("فروشنده", "5223"),
    ("بازاریاب", "2433"),
    ("کارشناس فروش", "2433"),
    ("منشی", "4120"),
    ("کارمند اداری", "4110"),
    ("نگهبان", "5414"),
    ("آشپز", "5120"),
    ("کمک آشپز", "9412"),
    ("پرستار", "2221"),
    ("بهیار", "3221"),
    ("تکنسین برق", "3113"),
    ("برقکار ساختمان", "7411"),
    ("جوشکار", "7212"),
    ("تراشکار", "7223"),
    ("مکانیک خودرو", "7231"),
    ("کارگر ساده", "9313"),
    ("کارگر خط تولید", "9329"),
    ("اپراتور تولید", "8189"),
    ("مهندس عمران", "2142"),
    ("مهندس مکانیک", "2144"),
    ("مهندس برق", "2151"),
    ("معلم ریاضی", "2330"),
    ("مربی مهدکودک", "5311"),
    ("طراح گرافیک", "2166"),
    ("کارشناس منابع انسانی", "2423"),
    ("انباردار", "4321"),
    ("کارشناس کنترل کیفیت", "3119"),
    ("خیاط", "7531"),
    ("نانوا", "7512"),
    ("قالیباف", "7318"),
    ("کشاورز", "6111"),
    ("باغبان", "6113"),
    ("دامدار", "6121"),
    ("کارشناس بیمه", "3321"),
    ("صندوقدار", "5230"),
    ("پیک موتوری", "8321"),
    ("تعمیرکار لوازم خانگی", "7421"),
    ("نقاش ساختمان", "7131"),
    ("کاشی‌کار", "7122"),
]
MODIFIERS = ["", "", "", "ارشد", "ماهر", "باتجربه", "نیمه‌وقت", "تمام‌وقت", "خانم", "آقا", "مسلط", "جوان"]
PLACES = [
    "تبریز",
    "مراغه",
    "مرند",
    "میانه",
    "اهر",
    "سراب",
    "بناب",
    "شبستر",
    "هریس",
    "آذرشهر",
    "اسکو",
    "ملکان",
]
RARE = [
    "کاتلین",
    "لاراول",
    "سالیدورک",
    "کتیا",
    "پریماورا",
    "تلکس",
    "هیدرولیک",
    "لیفتراک",
    "کوبرنتیز",
    "رزبری",
]
SENTENCES = [
    "شرکت ما برای تکمیل کادر خود در {place} نیرو استخدام می‌کند.",
    "داشتن حداقل {years} سال سابقه کار مرتبط الزامی است.",
    "بیمه تأمین اجتماعی از روز اول برقرار می‌شود.",
    "ساعت کاری از ۸ صبح تا ۴ بعدازظهر است.",
    "سرویس رفت و آمد و ناهار فراهم است.",
    "آشنایی با نرم‌افزارهای اداری و اینترنت مزیت محسوب می‌شود.",
    "حقوق بر اساس قانون کار و توافقی پرداخت می‌شود.",
    "محیط کاری پویا و امکان رشد شغلی وجود دارد.",
    "متقاضیان رزومه خود را ارسال کنند.",
    "ساکنین {place} در اولویت هستند.",
    "پاداش عملکرد و اضافه‌کاری پرداخت می‌شود.",
    "دارا بودن کارت پایان خدمت یا معافیت برای آقایان الزامی است.",
]
CONTRACTS = ["permanent", "fixed_term", "part_time", "seasonal", "day_labour", "internship"]
EDUCATION = ["", "middle", "high_school", "associate", "bachelor", "master"]


def vacancy_rows(n: int, *, seed: int = 1):
    """Yield ``n`` dicts of vacancy content (title, description, job code, contract, wages, education…)."""
    rng = random.Random(seed)
    for i in range(n):
        job, code = rng.choice(JOBS)
        modifier = rng.choice(MODIFIERS)
        title = f"{job} {modifier}".strip()
        if rng.random() < 0.3:
            title += f" در {rng.choice(PLACES)}"
        if rng.random() < 0.15:  # spelling noise: Arabic letters, no ZWNJ
            title = title.replace("ی", "ي").replace("ک", "ك").replace("\u200c", "")
        sentences = rng.sample(SENTENCES, k=rng.randint(3, 5))
        description = " ".join(s.format(place=rng.choice(PLACES), years=rng.randint(1, 5)) for s in sentences)
        if i % 97 == 0:
            description += " تسلط به " + rng.choice(RARE) + " الزامی است."
        wage_min = rng.choice([None, 80, 100, 120, 150, 200, 250, 300, 400])
        wage_min = wage_min * 1_000_000 if wage_min else None
        wage_max = (
            wage_min + rng.choice([0, 20, 50, 100]) * 1_000_000 if wage_min and rng.random() < 0.6 else None
        )
        yield {
            "title": title,
            "description": description,
            "occupation_code": code,
            "contract_type": rng.choice(CONTRACTS),
            "remote": rng.choice(["on_site"] * 8 + ["remote", "hybrid"]),
            "wage_min": wage_min,
            "wage_max": wage_max,
            "education_required": rng.choice(EDUCATION),
            "days_ago": rng.randint(0, 120),
            "openings": rng.randint(1, 5),
        }


def queries(n: int, counties: list[str], *, seed: int = 2) -> list[dict]:
    """``n`` search requests: frequent and rare words, one or two words, about 40 % with filters."""
    rng = random.Random(seed)
    words = [j for j, _ in JOBS] + [
        "کارشناس",
        "کارگر",
        "راننده",
        "فروش",
        "مهندس",
        "تکنسین",
        "بیمه",
        "نیمه‌وقت",
    ]
    out = []
    for i in range(n):
        kind = i % 10
        if kind < 6:
            q = rng.choice(words)
        elif kind < 8:
            q = rng.choice(words) + " " + rng.choice(PLACES + MODIFIERS[3:])
        elif kind == 8:
            q = rng.choice(RARE)
        else:
            q = rng.choice(words).replace("ی", "ي").replace("ک", "ك")
        params: dict = {"q": q}
        if rng.random() < 0.4:
            choice = rng.randrange(4)
            if choice == 0 and counties:
                params["county"] = rng.choice(counties)
            elif choice == 1:
                params["contract"] = rng.choice(CONTRACTS)
            elif choice == 2:
                params["min_wage"] = rng.choice([100, 200, 300]) * 1_000_000
            else:
                params["occupation"] = rng.choice(["2", "3", "5", "7", "8", "9"])
        out.append(params)
    return out
