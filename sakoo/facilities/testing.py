"""Test helpers for the facilities app (and for other apps' tests): a small, complete world."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sakoo.accounts.models import Organisation, OrganisationKind
from sakoo.core.validators import make_national_id
from sakoo.geo.models import County, Province

from .models import Agency, Bank, Branch, FacilityFile, FiscalYear, Program, ProvinceQuota, RejectionReason


@dataclass
class World:
    counties: list
    year: FiscalYear
    program: Program
    agencies: list  # [agency_a, agency_b, agency_c]
    banks: list  # [state bank, private bank]
    branches: list  # one per bank
    reasons: list
    quota: ProvinceQuota


def make_counties() -> list[County]:
    province, _ = Province.objects.get_or_create(code="03", defaults={"name_fa": "آذربایجان شرقی",
                                                                     "name_en": "East Azerbaijan"})
    out = []
    for i, (code, fa, en) in enumerate([("0301", "تبریز", "Tabriz"), ("0302", "مراغه", "Maragheh")]):
        county, _ = County.objects.get_or_create(
            code=code, defaults={"province": province, "name_fa": fa, "name_en": en, "osm_relation": 9_000_000 + i}
        )
        out.append(county)
    return out


def make_agency(code: str, name: str) -> Agency:
    org, _ = Organisation.objects.get_or_create(kind=OrganisationKind.AGENCY, code=code, defaults={"name": name})
    agency, _ = Agency.objects.get_or_create(organisation=org, defaults={"code": code, "name": name})
    return agency


def make_bank(code: str, name: str, kind: str) -> Bank:
    org, _ = Organisation.objects.get_or_create(kind=OrganisationKind.BANK, code=code, defaults={"name": name})
    bank, _ = Bank.objects.get_or_create(organisation=org, defaults={"code": code, "name": name, "kind": kind})
    return bank


def make_world() -> World:
    counties = make_counties()
    year, _ = FiscalYear.objects.get_or_create(year=1403)
    program, _ = Program.objects.get_or_create(
        code="rural-nomadic", defaults={"name_fa": "اشتغال روستایی و عشایری", "name_en": "Rural and nomadic employment"}
    )
    agencies = [make_agency("agency-a", "کمیته امداد"), make_agency("agency-b", "بهزیستی"),
                make_agency("agency-c", "جهاد کشاورزی")]
    banks = [make_bank("bank-a", "بانک ملی", Bank.Kind.STATE), make_bank("bank-b", "بانک ملت", Bank.Kind.PRIVATISED)]
    branches = [
        Branch.objects.get_or_create(bank=banks[0], code="1001", defaults={"county": counties[0], "name": "مرکزی"})[0],
        Branch.objects.get_or_create(bank=banks[1], code="2001", defaults={"county": counties[1], "name": "مراغه"})[0],
    ]
    reasons = [
        RejectionReason.objects.get_or_create(code="collateral", defaults={"name_fa": "نبود وثیقه کافی",
                                                                           "name_en": "Insufficient collateral"})[0],
        RejectionReason.objects.get_or_create(code="plan", defaults={"name_fa": "طرح توجیهی ناقص",
                                                                     "name_en": "Incomplete business plan"})[0],
    ]
    quota, _ = ProvinceQuota.objects.get_or_create(program=program, fiscal_year=year,
                                                   defaults={"amount": 30_000, "target_jobs": 30})
    return World(counties, year, program, agencies, banks, branches, reasons, quota)


_seq = iter(range(1, 10**8))


def make_file(world: World, agency=None, **fields) -> FacilityFile:
    n = next(_seq)
    values = {
        "national_id": make_national_id(f"{100000000 + n:09d}"),
        "applicant_name": f"متقاضی {n}",
        "county": world.counties[0],
        "sex": FacilityFile.Sex.FEMALE,
        "age": 30,
        "agency": agency or world.agencies[0],
        "program": world.program,
        "fiscal_year": world.year,
        "amount_requested": 1_000,
        "planned_jobs": 1,
    }
    values.update(fields)
    from .services import facility_file_create  # through the write path: it maintains the daily summary

    agency = values.pop("agency")
    return facility_file_create(user=None, agency=agency, **values)


def d(y: int, m: int, day: int) -> dt.date:
    """A Jalali date as a Gregorian date (tests read better in Jalali)."""
    import jdatetime

    return jdatetime.date(y, m, day).togregorian()
