from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from sakoo.accounts.demo import DEMO_PASSWORD
from sakoo.accounts.models import Membership, Organisation, Role, User

pytestmark = pytest.mark.django_db


def _run(name, **kwargs) -> str:
    out = StringIO()
    call_command(name, stdout=out, **kwargs)
    return out.getvalue()


def test_demo_accounts_are_idempotent_and_cover_every_role():
    _run("demo_accounts", seed=1)
    first = sorted(User.objects.values_list("username", "role", "phone"))
    _run("demo_accounts", seed=2)
    assert sorted(User.objects.values_list("username", "role", "phone")) == first
    assert sorted({role for _u, role, _p in first}) == sorted(Role.values)
    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == (8, 4, 4)


def test_demo_organisations_keep_their_codes():
    _run("demo_accounts")
    assert sorted(Organisation.objects.values_list("kind", "code", "name")) == [
        ("agency", "relief-committee", "کمیته امداد امام خمینی"),
        ("bank", "bank-melli", "بانک ملی ایران"),
        ("county", "tabriz", "فرمانداری تبریز"),
        ("municipality", "tabriz-municipality", "شهرداری تبریز"),
    ]
    agency_officer = User.objects.get(username="agency")
    assert list(agency_officer.memberships.values_list("organisation__code", flat=True)) == [
        "relief-committee"
    ]


def test_demo_staff_log_in_with_the_documented_password():
    _run("demo_accounts")
    user = User.objects.get(username="admin")
    user.set_password("changed-by-someone")
    user.save()
    _run("demo_accounts")  # resets the demo password
    assert authenticate(username="admin", password=DEMO_PASSWORD) == user
    assert (user.role, User.objects.get(username="admin").is_superuser) == (Role.PROVINCE_ADMIN, True)
    assert User.objects.get(phone="09120000001").has_usable_password() is False


def test_demo_accounts_refused_outside_demo_installations(settings):
    settings.SAKOO_DEMO = False
    with pytest.raises(CommandError):
        _run("demo_accounts")
    assert User.objects.count() == 0


def test_print_demo_accounts_table():
    _run("demo_accounts")
    lines = _run("print_demo_accounts").splitlines()
    assert lines[0] == "Demo accounts (log in at /accounts/login/):"
    assert lines[1].split() == ["Role", "Log", "in", "as", "How"]
    assert len(lines) == 3 + 8
    assert lines[3].split()[:3] == ["Province", "admin", "admin"]
    assert f"password {DEMO_PASSWORD} (also /admin/)" in lines[3]
    assert lines[-1].split()[:2] == ["Employer", "09120000002"]


def test_print_demo_accounts_without_accounts():
    assert _run("print_demo_accounts") == "No demo accounts: run `manage.py demo_accounts` first.\n"
