"""Roles, organisation scoping and the security log."""

import logging

import pytest
from django.contrib.auth.models import AnonymousUser

from sakoo.accounts.models import OrganisationKind, Role, SecurityEvent
from sakoo.accounts.scoping import (
    has_role,
    is_province_staff,
    mask_details,
    role_required,
    security_log,
    user_county_ids,
    user_organisation_ids,
)
from sakoo.accounts.testing import (
    ALL_ROLES,
    ANONYMOUS,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    check_access_matrix,
    login_as,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sakoo.accounts.tests.urls")]


def test_role_required_matrix(client):
    expected = {role: 403 for role in ALL_ROLES} | {
        Role.AGENCY_OFFICER: 200,
        Role.BANK_OFFICER: 200,
        ANONYMOUS: "login",
    }
    assert check_access_matrix(client, "/test/officers/", expected) == {}
    assert check_access_matrix(client, "/test/officers/", expected, method="post") == {}


def test_superuser_passes_every_role_check(client):
    user = login_as(client, Role.JOB_SEEKER, is_superuser=True)
    assert client.get("/test/officers/").content == b"officers"
    assert (has_role(user, Role.BANK_OFFICER), is_province_staff(user)) == (True, True)


def test_forbidden_page_is_persian_and_logged(client):
    user = login_as(client, Role.JOB_SEEKER)
    response = client.get("/test/officers/")
    assert response.status_code == 403
    assert "حساب شما به این صفحه دسترسی ندارد" in response.content.decode()
    event = SecurityEvent.objects.get()
    assert (event.event, event.user, event.path, event.details["reason"]) == (
        "denied",
        user,
        "/test/officers/",
        "role",
    )


def test_anonymous_is_sent_to_login_with_next(client):
    response = client.get("/test/officers/")
    assert response["Location"] == "/accounts/login/?next=/test/officers/"


def test_deny_logs_and_answers_403(client):
    login_as(client, Role.PROVINCE_ANALYST)
    response = client.get("/test/denied/")
    assert response.status_code == 403
    assert "دسترسی ندارید" in response.content.decode()
    assert list(SecurityEvent.objects.values_list("event", "details")) == [("denied", {"reason": "dummy"})]


def test_someone_elses_object_is_404_for_every_role_and_method(client):
    own = OrganisationFactory(kind=OrganisationKind.AGENCY)
    other = OrganisationFactory(kind=OrganisationKind.AGENCY)
    url = f"/test/agency/{other.pk}/"
    expected = {role: 404 for role in ALL_ROLES} | {
        Role.PROVINCE_ANALYST: 200,
        Role.PROVINCE_ADMIN: 200,
        ANONYMOUS: "login",
    }
    members = {role: own for role in ALL_ROLES}
    for method in ("get", "post"):
        assert check_access_matrix(client, url, expected, method=method, organisation_for=members) == {}
    # Members of ``own`` (in this dummy scope, whatever their role) see it.
    own_expected = {role: 200 for role in ALL_ROLES} | {ANONYMOUS: "login"}
    assert (
        check_access_matrix(client, f"/test/agency/{own.pk}/", own_expected, organisation_for=members) == {}
    )


def test_out_of_scope_404_is_logged_without_values(client):
    other = OrganisationFactory(kind=OrganisationKind.AGENCY)
    login_as(client, Role.AGENCY_OFFICER, organisation=OrganisationFactory(kind=OrganisationKind.AGENCY))
    assert client.get(f"/test/agency/{other.pk}/").status_code == 404
    assert client.get("/test/agency/999999/").status_code == 404  # does not exist: nothing to log
    assert list(SecurityEvent.objects.values_list("event", "details")) == [
        ("not_found", {"model": "accounts.Organisation", "lookup": ["pk"]})
    ]


def test_user_organisation_and_county_ids():
    from sakoo.geo.models import County, Province

    province = Province.objects.create(code="03", name_fa="آذربایجان شرقی", name_en="East Azerbaijan")
    county = County.objects.create(
        code="0303", province=province, name_fa="تبریز", name_en="Tabriz", osm_relation=1
    )
    user = UserFactory(role=Role.COUNTY_OFFICER)
    agency = MembershipFactory(user=user, organisation=OrganisationFactory(kind="agency")).organisation
    gov = MembershipFactory(
        user=user, organisation=OrganisationFactory(kind="county", county=county)
    ).organisation
    OrganisationFactory(kind="agency")  # not a member
    assert user_organisation_ids(user, "agency") == {agency.pk}
    assert user_organisation_ids(user) == {agency.pk, gov.pk}
    assert user_county_ids(user) == {county.pk}
    assert user_organisation_ids(AnonymousUser(), "agency") == set()
    with pytest.raises(ValueError, match="Unknown organisation kind"):
        user_organisation_ids(user, "agencies")


@pytest.mark.parametrize(
    ("role", "staff"),
    [
        (Role.PROVINCE_ANALYST, True),
        (Role.PROVINCE_ADMIN, True),
        (Role.COUNTY_OFFICER, False),
        (Role.EMPLOYER, False),
    ],
)
def test_is_province_staff(role, staff):
    assert is_province_staff(UserFactory(role=role)) is staff


def test_inactive_user_has_no_role():
    assert has_role(UserFactory(role=Role.PROVINCE_ADMIN, is_active=False), Role.PROVINCE_ADMIN) is False


def test_role_required_rejects_unknown_roles():
    with pytest.raises(ValueError, match="Unknown roles"):
        role_required("admin")


def test_security_log_masks_national_ids_and_phones(caplog):
    caplog.set_level(logging.INFO, logger="sakoo.security")
    event = security_log(
        "login_failed",
        national_id="0012345679",
        phone="09121234567",
        note="seeker 0012345679 called from +989121234567",
        nested={"ids": ["1234567890"]},
        code="123456",
    )
    assert event.details == {
        "national_id": "*******679",
        "phone": "09*********",
        "note": "seeker *******679 called from 09*********",
        "nested": {"ids": ["*******890"]},
        "code": "***",
    }
    assert "0012345679" not in caplog.text
    assert "09121234567" not in caplog.text
    assert "123456" not in caplog.text
    assert caplog.records[0].name == "sakoo.security"


def test_mask_details_keeps_plain_values():
    assert mask_details({"count": 3, "ok": True, "reason": "role"}) == {
        "count": 3,
        "ok": True,
        "reason": "role",
    }


def test_role_required_mixin_for_class_based_views(client):
    expected = {role: 403 for role in ALL_ROLES} | {Role.PROVINCE_ANALYST: 200, ANONYMOUS: "login"}
    assert check_access_matrix(client, "/test/analysts/", expected) == {}
