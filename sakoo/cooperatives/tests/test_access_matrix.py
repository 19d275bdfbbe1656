"""Who may open what: roles × own / someone else's object × GET / POST (404 outside the scope)."""

import pytest
from django.urls import reverse

from sakoo.accounts.models import OrganisationKind
from sakoo.accounts.testing import ALL_ROLES, ANONYMOUS, OrganisationFactory, check_access_matrix, login_as
from sakoo.cooperatives.models import Status
from sakoo.cooperatives.testing import ApplicationFactory, CooperativeFactory, SupportItemFactory

pytestmark = pytest.mark.django_db

EMPLOYER, COUNTY, AGENCY, ANALYST, ADMIN = (
    "employer",
    "county_officer",
    "agency_officer",
    "province_analyst",
    "province_admin",
)


def expect(**overrides):
    """403 for every role, the login page for the anonymous visitor, then the overrides."""
    return {role: 403 for role in ALL_ROLES} | {ANONYMOUS: "login"} | overrides


@pytest.fixture
def world():
    """Two cooperatives in two counties, each with an approved application for an item of its own
    agency. The roles' organisations are those of the "own" side."""
    out = {}
    for key in ("own", "other"):
        cooperative = CooperativeFactory()
        item = SupportItemFactory()
        application = ApplicationFactory(
            cooperative=cooperative, item=item, status=Status.APPROVED, amount_approved=10, decided_on=None
        )
        out[key] = {"cooperative": cooperative, "item": item, "application": application}
    own = out["own"]
    out["orgs"] = {
        EMPLOYER: own["cooperative"].employer.organisation,
        COUNTY: OrganisationFactory(kind=OrganisationKind.COUNTY, county=own["cooperative"].county),
        AGENCY: own["item"].agency,
    }
    return out


def _matrix(client, world, url, expected, method="get", data=None):
    return check_access_matrix(
        client, url, expected, method=method, data=data, organisation_for=world["orgs"]
    )


ALL_READERS = {EMPLOYER: 200, COUNTY: 200, AGENCY: 200, ANALYST: 200, ADMIN: 200}
OTHERS_READERS = {EMPLOYER: 404, COUNTY: 404, AGENCY: 404, ANALYST: 200, ADMIN: 200}


@pytest.mark.parametrize(("which", "allowed"), [("own", ALL_READERS), ("other", OTHERS_READERS)])
def test_cooperative_page(client, world, which, allowed):
    url = reverse("cooperatives:detail", args=[world[which]["cooperative"].pk])
    assert _matrix(client, world, url, expect(**allowed)) == {}


@pytest.mark.parametrize(("which", "allowed"), [("own", ALL_READERS), ("other", OTHERS_READERS)])
def test_application_page(client, world, which, allowed):
    url = reverse("cooperatives:application", args=[world[which]["application"].pk])
    assert _matrix(client, world, url, expect(**allowed)) == {}


def test_index_sends_a_cooperatives_user_to_their_cooperative(client, world):
    url = reverse("cooperatives:index")
    assert _matrix(client, world, url, expect(**ALL_READERS | {EMPLOYER: 302})) == {}


@pytest.mark.parametrize("url_name", ["cooperatives:applications"])
def test_application_list(client, world, url_name):
    assert _matrix(client, world, reverse(url_name), expect(**ALL_READERS)) == {}


def test_figures_are_for_staff(client, world):
    allowed = {COUNTY: 200, AGENCY: 200, ANALYST: 200, ADMIN: 200}
    assert _matrix(client, world, reverse("cooperatives:figures"), expect(**allowed)) == {}


def test_the_package_is_public(client, world):
    url = reverse("cooperatives:catalogue")
    assert _matrix(client, world, url, {role: 200 for role in (*ALL_ROLES, ANONYMOUS)}) == {}


def test_registering_a_profile_is_for_employers(client, world):
    url = reverse("cooperatives:register")
    assert _matrix(client, world, url, expect(**{EMPLOYER: 200})) == {}


@pytest.mark.parametrize(("which", "status"), [("own", 200), ("other", 404)])
def test_apply_is_for_the_cooperatives_own_users(client, world, which, status):
    url = reverse("cooperatives:apply", args=[world[which]["cooperative"].pk])
    assert _matrix(client, world, url, expect(**{EMPLOYER: status})) == {}


@pytest.mark.parametrize(
    ("which", "allowed"),
    [
        # An approval without an amount is shown again with the error (200): access without a change.
        ("own", {COUNTY: 200, ADMIN: 200, AGENCY: 403}),
        ("other", {COUNTY: 404, ADMIN: 200, AGENCY: 404}),
    ],
)
def test_review_post(client, world, which, allowed):
    url = reverse("cooperatives:decide", args=[world[which]["application"].pk])
    data = {"action": "approve"}
    assert _matrix(client, world, url, expect(**allowed), method="post", data=data) == {}
    assert (
        world[which]["application"].__class__.objects.get(pk=world[which]["application"].pk).status
        == "approved"
    )


@pytest.mark.parametrize(
    ("which", "allowed"),
    [
        ("own", {COUNTY: 200, ADMIN: 200, AGENCY: 200}),
        ("other", {COUNTY: 404, ADMIN: 200, AGENCY: 404}),
    ],
)
def test_delivery_post_is_open_to_the_responsible_agency(client, world, which, allowed):
    url = reverse("cooperatives:decide", args=[world[which]["application"].pk])
    data = {"action": "deliver", "deliver-amount": "abc"}  # invalid: shown again, nothing written
    assert _matrix(client, world, url, expect(**allowed), method="post", data=data) == {}


@pytest.mark.parametrize(
    ("which", "allowed"),
    [("own", {EMPLOYER: 200, COUNTY: 200, ADMIN: 200}), ("other", {EMPLOYER: 404, COUNTY: 404, ADMIN: 200})],
)
def test_follow_up_and_jobs_report_posts(client, world, which, allowed):
    follow_up = reverse("cooperatives:follow_up", args=[world[which]["application"].pk])
    jobs = reverse("cooperatives:jobs_report", args=[world[which]["cooperative"].pk])
    assert _matrix(client, world, follow_up, expect(**allowed), method="post", data={}) == {}
    assert _matrix(client, world, jobs, expect(**allowed), method="post", data={}) == {}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    ("which", "allowed"),
    [("own", {EMPLOYER: 200, COUNTY: 200, ADMIN: 200}), ("other", {EMPLOYER: 404, COUNTY: 404, ADMIN: 200})],
)
def test_members_report_page_is_for_those_who_file_jobs_reports(client, world, which, allowed, method):
    from sakoo.cooperatives.models import MembersReport

    url = reverse("cooperatives:members_report", args=[world[which]["cooperative"].pk])
    # An empty report is shown again with its errors (200): access without a change.
    assert _matrix(client, world, url, expect(**allowed), method=method, data={}) == {}
    assert MembersReport.objects.count() == 0


def test_an_agency_officer_sees_only_the_applications_for_its_items(client, world):
    mixed = ApplicationFactory(cooperative=world["own"]["cooperative"], item=world["other"]["item"])
    login_as(client, AGENCY, organisation=world["orgs"][AGENCY])

    response = client.get(reverse("cooperatives:applications"))

    shown = [a.pk for a in response.context["applications"]]
    assert shown == [world["own"]["application"].pk]
    assert client.get(reverse("cooperatives:application", args=[mixed.pk])).status_code == 404


def test_a_denial_outside_the_scope_is_logged_without_the_cooperatives_data(client, world):
    from sakoo.accounts.models import SecurityEvent

    login_as(client, COUNTY, organisation=world["orgs"][COUNTY])
    client.get(reverse("cooperatives:detail", args=[world["other"]["cooperative"].pk]))

    event = SecurityEvent.objects.get(event="not_found")
    assert event.details == {"model": "cooperatives.Cooperative", "lookup": ["pk"]}
