"""Factories for the job platform (employers, seekers, vacancies). Reference rows are get_or_create'd."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from sakoo.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from sakoo.classifications.models import EconomicActivity, Occupation
from sakoo.core.validators import make_legal_id, make_national_id
from sakoo.employers.models import Employer
from sakoo.geo.models import County, Province
from sakoo.seekers.models import EmploymentStatus, JobSeeker, StatusChange
from sakoo.vacancies.models import Vacancy, VacancyStatus

_seq = itertools.count(1)


def province():
    return Province.objects.get_or_create(
        code="03", defaults={"name_fa": "آذربایجان شرقی", "name_en": "East Azerbaijan"}
    )[0]


def county(code="0301", name_fa="تبریز", name_en="Tabriz"):
    return County.objects.get_or_create(
        code=code,
        defaults={
            "province": province(),
            "name_fa": name_fa,
            "name_en": name_en,
            "osm_relation": 900000 + int(code),
            "census2016_code": code,
        },
    )[0]


def occupation(code="2411", title_fa="حسابداران", title_en="Accountants"):
    parent = None
    for level, prefix in enumerate([code[:1], code[:2], code[:3]], start=1):
        parent = Occupation.objects.get_or_create(
            code=prefix, defaults={"level": level, "title_fa": prefix, "parent": parent}
        )[0]
    return Occupation.objects.get_or_create(
        code=code,
        defaults={
            "level": 4,
            "title_fa": title_fa,
            "title_en": title_en,
            "parent": parent,
            "is_it": code[:2] in {"25", "35"},
        },
    )[0]


def activity(code="C", title_fa="صنعت"):
    return EconomicActivity.objects.get_or_create(code=code, defaults={"level": 1, "title_fa": title_fa})[0]


def user(role=Role.JOB_SEEKER, phone=None, **kw):
    n = next(_seq)
    return User.objects.create(username=f"u{n}-{role}", role=role, phone=phone or f"0912{n:07d}", **kw)


def staff(role=Role.PROVINCE_ADMIN):
    n = next(_seq)
    return User.objects.create(username=f"staff{n}", role=role)


def employer(*, verified=True, member=None, name=None, knowledge_based=False, **kw):
    n = next(_seq)
    org = Organisation.objects.create(kind=OrganisationKind.EMPLOYER, name=name or f"شرکت نمونه {n}")
    emp = Employer.objects.create(
        organisation=org,
        legal_id=make_legal_id(f"{10100000000 + n * 7:010d}"[-10:]),
        name=org.name,
        activity=kw.pop("activity", None) or activity(),
        county=kw.pop("county", None) or county(),
        is_knowledge_based=knowledge_based,
        verified_at=timezone.now() if verified else None,
        **kw,
    )
    member = member or user(Role.EMPLOYER)
    Membership.objects.create(user=member, organisation=org)
    emp.member = member
    return emp


def seeker(*, u=None, sex="female", education_level="bachelor", registered_on=None, **kw):
    n = next(_seq)
    u = u or user(Role.JOB_SEEKER)
    registered_on = registered_on or (timezone.localdate() - dt.timedelta(days=60))
    s = JobSeeker.objects.create(
        user=u,
        national_id=make_national_id(f"{100000000 + n * 13:09d}"),
        first_name=kw.pop("first_name", "آزمون"),
        last_name=kw.pop("last_name", f"کارجو {n}"),
        birth_date=dt.date(1995, 1, 1),
        sex=sex,
        county=kw.pop("county", None) or county(),
        education_level=education_level,
        is_graduate=education_level in {"associate", "bachelor", "master", "doctorate"},
        registered_on=registered_on,
        employment_status=EmploymentStatus.UNEMPLOYED_LOOKING,
        **kw,
    )
    StatusChange.objects.create(
        seeker=s, status=EmploymentStatus.UNEMPLOYED_LOOKING, valid_from=registered_on
    )
    return s


def vacancy(*, emp=None, status=VacancyStatus.PUBLISHED, title="حسابدار", **kw):
    from sakoo.core.text import search_key

    emp = emp or employer()
    defaults = {
        "description": "شرح وظایف حسابداری",
        "occupation": occupation(),
        "county": emp.county,
        "contract_type": "permanent",
        "openings": 1,
        "wage_min": 150_000_000,
    }
    defaults.update(kw)
    return Vacancy.objects.create(
        employer=emp,
        title=title,
        title_key=search_key(title),
        status=status,
        published_at=timezone.now() if status == VacancyStatus.PUBLISHED else None,
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        **defaults,
    )
