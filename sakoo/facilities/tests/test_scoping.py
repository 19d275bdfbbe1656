"""The access matrix: each role × a file of another agency / bank × each method."""

import pytest
from django.urls import reverse

from sakoo.accounts.testing import ALL_ROLES, check_access_matrix, login_as
from sakoo.facilities.models import Step
from sakoo.facilities.services import file_step_add
from sakoo.facilities.testing import d, make_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def referred_file(world):
    file = make_file(world, agency=world.agencies[1])
    file_step_add(file=file, kind=Step.REFERRED, date=d(1403, 2, 1), branch=world.branches[1])
    return file


def _others(world):
    """Memberships in ANOTHER agency and ANOTHER bank than the file's."""
    return {"agency_officer": world.agencies[0].organisation, "bank_officer": world.banks[0].organisation}


def _expected(own_agency=404, own_bank=404, staff=200, anonymous="login"):
    expected = dict.fromkeys(ALL_ROLES, 403)
    expected.update({"agency_officer": own_agency, "bank_officer": own_bank, "province_analyst": staff,
                     "province_admin": staff, "anonymous": anonymous})
    return expected


@pytest.mark.parametrize("view", ["facilities:file_detail", "facilities:file_step"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_agency_and_other_bank_cannot_reach_the_file(client, world, referred_file, view, method):
    url = reverse(view, args=[referred_file.pk])
    if view == "facilities:file_step" and method == "get":
        expected = dict.fromkeys([*ALL_ROLES, "anonymous"], 405)
    elif method == "post":
        # staff may read, not write: their POST is refused (403); outsiders get 404
        expected = _expected(staff=403)
    else:
        expected = _expected()
    assert check_access_matrix(client, url, expected, method=method,
                               data={"applicant_name": "x", "kind": "approved"},
                               organisation_for=_others(world)) == {}


def test_own_agency_and_own_bank_can_open_the_file(client, world, referred_file):
    url = reverse("facilities:file_detail", args=[referred_file.pk])
    expected = _expected(own_agency=200, own_bank=200)
    assert check_access_matrix(client, url, expected, organisation_for={
        "agency_officer": world.agencies[1].organisation, "bank_officer": world.banks[1].organisation}) == {}


def test_bank_does_not_see_files_not_yet_referred_to_it(client, world):
    file = make_file(world, agency=world.agencies[1], bank=world.banks[1])
    login_as(client, "bank_officer", organisation=world.banks[1].organisation)
    assert client.get(reverse("facilities:file_detail", args=[file.pk])).status_code == 404


def test_file_list_shows_only_the_officers_agency(client, world, referred_file):
    mine = make_file(world, agency=world.agencies[0])
    login_as(client, "agency_officer", organisation=world.agencies[0].organisation)
    response = client.get(reverse("facilities:files"))
    assert [f.pk for f in response.context["page"]] == [mine.pk]


def test_bank_officer_records_a_step_for_its_own_file(client, world, referred_file):
    login_as(client, "bank_officer", organisation=world.banks[1].organisation)
    response = client.post(reverse("facilities:file_step", args=[referred_file.pk]),
                           {"kind": "approved", "date": "1403/02/02"})
    assert response.status_code == 302
    referred_file.refresh_from_db()
    assert referred_file.step == "approved"


@pytest.mark.parametrize("name", ["facilities:scorecard", "facilities:reallocation", "facilities:allocations"])
def test_staff_pages_are_for_province_staff_only(client, world, name):
    expected = dict.fromkeys(ALL_ROLES, 403) | {"province_analyst": 200, "province_admin": 200,
                                                "anonymous": "login"}
    assert check_access_matrix(client, reverse(name), expected, organisation_for=_others(world)) == {}


def test_analyst_cannot_propose_a_reallocation(client, world):
    login_as(client, "province_analyst")
    assert client.post(reverse("facilities:reallocation"), {"reason": "x"}).status_code == 403
