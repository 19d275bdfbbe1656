"""Test helpers other apps use: factories, ``login_as`` and the access-matrix check.

from sakoo.accounts.testing import ALL_ROLES, check_access_matrix, login_as, OrganisationFactory

def test_facility_file_matrix(client):
    file = FacilityFileFactory()
    own = file.agency.organisation
    expected = {role: 403 for role in ALL_ROLES} | {"province_admin": 200, "agency_officer": 200}
    assert check_access_matrix(
        client, reverse("facilities:file", args=[file.pk]), expected,
        organisation_for={"agency_officer": own},
    ) == {}
"""

from __future__ import annotations

import factory
from django.conf import settings

from sakoo.accounts.models import PHONE_ROLES, Membership, Organisation, OrganisationKind, Role, User

TEST_PASSWORD = "sakoo-test-pass-1404"  # noqa: S105
ALL_ROLES: tuple[str, ...] = tuple(Role.values)
ANONYMOUS = "anonymous"

# The organisation kind a role's membership normally has.
ROLE_ORGANISATION_KIND = {
    Role.EMPLOYER: OrganisationKind.EMPLOYER,
    Role.AGENCY_OFFICER: OrganisationKind.AGENCY,
    Role.BANK_OFFICER: OrganisationKind.BANK,
    Role.COUNTY_OFFICER: OrganisationKind.COUNTY,
    Role.LABOUR_SQUARE_COORDINATOR: OrganisationKind.MUNICIPALITY,
}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.JOB_SEEKER
    phone = factory.LazyAttributeSequence(lambda o, n: f"0935{n:07d}" if o.role in PHONE_ROLES else None)
    password = factory.django.Password(TEST_PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.AGENCY
    name = factory.Sequence(lambda n: f"سازمان آزمایشی {n}")
    code = factory.Sequence(lambda n: f"org-{n}")
    county = None


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


def login_as(client, role: str, organisation: Organisation | None = None, **user_fields) -> User:
    """Create a user with ``role`` (member of ``organisation`` if given) and log the client in."""
    user = UserFactory(role=role, **user_fields)
    if organisation is not None:
        MembershipFactory(user=user, organisation=organisation)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return user


def _status(response) -> int | str:
    """200/403/404… or "login" when an anonymous user is sent to the login page."""
    if response.status_code in (301, 302):
        login_path = settings.LOGIN_URL
        from django.urls import reverse

        try:
            login_path = reverse(settings.LOGIN_URL)
        except Exception:  # noqa: S110 - LOGIN_URL may already be a path
            pass
        if response["Location"].startswith(login_path):
            return "login"
    return response.status_code


def check_access_matrix(
    client,
    url: str,
    expected: dict[str, int | str],
    *,
    method: str = "get",
    data: dict | None = None,
    organisation_for: dict[str, Organisation] | None = None,
) -> dict[str, tuple]:
    """Request ``url`` as each role in ``expected`` (and ``"anonymous"``), a fresh user each time, and
    return the mismatches as {role: (expected, got)}; assert it equals {}. Expected values are status
    codes or "login" (redirect to the login page)."""
    organisation_for = organisation_for or {}
    mismatches = {}
    for role, want in expected.items():
        client.logout()
        if role != ANONYMOUS:
            login_as(client, role, organisation=organisation_for.get(role))
        response = getattr(client, method)(url, data or {})
        got = _status(response)
        if got != want:
            mismatches[role] = (want, got)
    client.logout()
    return mismatches
