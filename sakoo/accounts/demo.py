"""The demo accounts: one per role, with known credentials (demo installations only).

Staff log in at /accounts/login/ (staff form) with the username below and DEMO_PASSWORD.
Job seekers and employers log in with their mobile number; the development console prints the code.
Other apps find these by username/phone and by organisation code (kind + code are stable).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from sakoo.accounts import services
from sakoo.accounts.models import Organisation, OrganisationKind, Role, User

DEMO_PASSWORD = "sakoo-demo-1404"  # noqa: S105 - documented demo credential


@dataclass(frozen=True)
class DemoOrganisation:
    kind: str
    code: str
    name: str
    county_name: str = ""  # a county of the active province, by Persian name


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str = ""
    phone: str = ""
    first_name: str = ""
    last_name: str = ""
    organisation: tuple[str, str] | None = None  # (kind, code)
    superuser: bool = False


DEMO_ORGANISATIONS = [
    DemoOrganisation(OrganisationKind.AGENCY, "relief-committee", "کمیته امداد امام خمینی"),
    DemoOrganisation(OrganisationKind.BANK, "bank-melli", "بانک ملی ایران"),
    DemoOrganisation(OrganisationKind.COUNTY, "tabriz", "فرمانداری تبریز", county_name="تبریز"),
    DemoOrganisation(
        OrganisationKind.MUNICIPALITY, "tabriz-municipality", "شهرداری تبریز", county_name="تبریز"
    ),
]

DEMO_ACCOUNTS = [
    DemoAccount(Role.PROVINCE_ADMIN, username="admin", first_name="مدیر", last_name="استان", superuser=True),
    DemoAccount(Role.PROVINCE_ANALYST, username="analyst", first_name="کارشناس", last_name="آمار استان"),
    DemoAccount(
        Role.AGENCY_OFFICER,
        username="agency",
        first_name="کارشناس",
        last_name="کمیته امداد",
        organisation=(OrganisationKind.AGENCY, "relief-committee"),
    ),
    DemoAccount(
        Role.BANK_OFFICER,
        username="bank",
        first_name="کارشناس",
        last_name="بانک ملی",
        organisation=(OrganisationKind.BANK, "bank-melli"),
    ),
    DemoAccount(
        Role.COUNTY_OFFICER,
        username="tabriz",
        first_name="کارشناس",
        last_name="فرمانداری تبریز",
        organisation=(OrganisationKind.COUNTY, "tabriz"),
    ),
    DemoAccount(
        Role.LABOUR_SQUARE_COORDINATOR,
        username="square",
        first_name="مسئول",
        last_name="میدان کارگری",
        organisation=(OrganisationKind.MUNICIPALITY, "tabriz-municipality"),
    ),
    DemoAccount(Role.JOB_SEEKER, phone="09120000001"),
    DemoAccount(Role.EMPLOYER, phone="09120000002"),
]
#: Staff accounts other apps' demo commands create with the same password (listed when they exist).
DEMO_EXTRA_STAFF = ("tvto",)


def _county(name: str):
    if not name:
        return None
    from sakoo.geo.models import County

    return County.objects.filter(province__code=settings.SAKOO_PROVINCE, name_fa=name).first()


@transaction.atomic
def demo_accounts_ensure() -> list[User]:
    """Create or reset the demo organisations and accounts (idempotent)."""
    organisations: dict[tuple[str, str], Organisation] = {}
    for spec in DEMO_ORGANISATIONS:
        organisations[(spec.kind, spec.code)] = services.organisation_ensure(
            kind=spec.kind, code=spec.code, name=spec.name, county=_county(spec.county_name)
        )
    users = []
    for spec in DEMO_ACCOUNTS:
        if spec.phone:
            user = services.phone_login_user(phone=spec.phone, role_if_new=spec.role).user
            if user.role != spec.role:
                user = services.user_set_role(user=user, role=spec.role)
        else:
            user = User.objects.filter(username=spec.username).first()
            if user is None:
                user = services.user_create_staff(
                    username=spec.username,
                    password=DEMO_PASSWORD,
                    role=spec.role,
                    first_name=spec.first_name,
                    last_name=spec.last_name,
                )
            changed = []
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                changed.append("password")
            wanted = {
                "role": spec.role,
                "is_active": True,
                "is_staff": spec.superuser,
                "is_superuser": spec.superuser,
            }
            for field, value in wanted.items():
                if getattr(user, field) != value:
                    setattr(user, field, value)
                    changed.append(field)
            if changed:
                user.save(update_fields=changed)
        if spec.organisation:
            services.membership_ensure(user=user, organisation=organisations[spec.organisation])
        users.append(user)
    return users
