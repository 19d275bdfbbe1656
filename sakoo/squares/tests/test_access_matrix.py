"""Who may open what: roles × own / someone else's object × GET / POST (404 outside the scope)."""

import pytest
from django.urls import reverse

from sakoo.accounts.models import OrganisationKind
from sakoo.accounts.testing import ALL_ROLES, ANONYMOUS, OrganisationFactory, check_access_matrix, login_as
from sakoo.squares.models import Assignment
from sakoo.squares.testing import CheckInFactory, DayRequestFactory, LabourerFactory

pytestmark = pytest.mark.django_db

COORD, COUNTY, ANALYST, ADMIN, EMPLOYER = (
    "labour_square_coordinator",
    "county_officer",
    "province_analyst",
    "province_admin",
    "employer",
)


def expect(**overrides):
    """403 for every role, the login page for the anonymous visitor, then the overrides."""
    return {role: 403 for role in ALL_ROLES} | {ANONYMOUS: "login"} | overrides


@pytest.fixture
def world(square, other_square, today):
    """Two squares in two counties, each with a present labourer, a request and an assignment."""
    out = {}
    for key, sq in (("own", square), ("other", other_square)):
        labourer = LabourerFactory(square=sq)
        CheckInFactory(labourer=labourer, date=today)
        free = LabourerFactory(square=sq)
        CheckInFactory(labourer=free, date=today)
        request = DayRequestFactory(square=sq, workers=5)
        assignment = Assignment.objects.create(
            request=request, labourer=labourer, work_date=today, days_worked_before=0
        )
        out[key] = {
            "square": sq,
            "labourer": labourer,
            "free": free,
            "request": request,
            "assignment": assignment,
        }
    out["orgs"] = {
        COORD: square.organisation,
        COUNTY: OrganisationFactory(kind=OrganisationKind.COUNTY, county=square.county),
    }
    return out


def _matrix(client, world, url, expected, method="get", data=None):
    return check_access_matrix(
        client, url, expected, method=method, data=data, organisation_for=world["orgs"]
    )


READERS_OWN = {COORD: 200, COUNTY: 200, ANALYST: 200, ADMIN: 200}
READERS_OTHER = {COORD: 404, COUNTY: 404, ANALYST: 200, ADMIN: 200}


@pytest.mark.parametrize(("which", "allowed"), [("own", READERS_OWN), ("other", READERS_OTHER)])
def test_square_figures(client, world, which, allowed):
    url = reverse("squares:square_detail", args=[world[which]["square"].pk])
    assert _matrix(client, world, url, expect(**allowed)) == {}


def test_index_lists_for_readers_and_sends_employers_to_their_requests(client, world):
    url = reverse("squares:index")
    assert _matrix(client, world, url, expect(**READERS_OWN, employer=302)) == {}


def test_adding_a_square_is_for_the_province_admin_and_county_officers(client, world):
    url = reverse("squares:square_create")
    assert _matrix(client, world, url, expect(**{COUNTY: 200, ADMIN: 200})) == {}
    # An empty POST re-shows the form with errors (200); nothing is written.
    assert _matrix(client, world, url, expect(**{COUNTY: 200, ADMIN: 200}), method="post", data={}) == {}


def test_a_county_officer_without_a_county_may_not_add_a_square(client, world):
    login_as(client, COUNTY)

    assert client.get(reverse("squares:square_create")).status_code == 403


EDITORS_OWN = {COORD: 200, COUNTY: 200, ADMIN: 200}
EDITORS_OTHER = {COORD: 404, COUNTY: 404, ADMIN: 200}


@pytest.mark.parametrize(("which", "allowed"), [("own", EDITORS_OWN), ("other", EDITORS_OTHER)])
@pytest.mark.parametrize("method", ["get", "post"])
def test_square_edit_page(client, world, which, allowed, method):
    url = reverse("squares:square_edit", args=[world[which]["square"].pk])
    # Province analysts read the figures and edit nothing (403); an empty POST re-shows the form (200).
    assert _matrix(client, world, url, expect(**allowed), method=method, data={}) == {}


@pytest.mark.parametrize(("which", "status"), [("own", 200), ("other", 404)])
@pytest.mark.parametrize(
    "url_name", ["squares:board", "squares:labourer_create", "squares:request_create_walk_in"]
)
def test_coordinator_pages_of_a_square(client, world, which, status, url_name):
    url = reverse(url_name, args=[world[which]["square"].pk])
    assert _matrix(client, world, url, expect(**{COORD: status})) == {}


@pytest.mark.parametrize(("which", "status"), [("own", 302), ("other", 404)])
def test_check_in_post(client, world, which, status):
    url = reverse("squares:check_in", args=[world[which]["square"].pk])
    data = {"labourer": world[which]["free"].pk, "present": "1"}
    assert _matrix(client, world, url, expect(**{COORD: status}), method="post", data=data) == {}


def test_check_in_of_another_squares_labourer_through_my_square_is_404(client, world):
    url = reverse("squares:check_in", args=[world["own"]["square"].pk])
    data = {"labourer": world["other"]["free"].pk, "present": "1"}
    assert _matrix(client, world, url, expect(**{COORD: 404}), method="post", data=data) == {}


@pytest.mark.parametrize(("which", "get_status", "post_status"), [("own", 200, 200), ("other", 404, 404)])
def test_labourer_page(client, world, which, get_status, post_status):
    url = reverse("squares:labourer_edit", args=[world[which]["labourer"].pk])
    assert _matrix(client, world, url, expect(**{COORD: get_status})) == {}
    # An empty POST re-shows the form with errors (200) for the coordinator, 404 outside the scope.
    assert _matrix(client, world, url, expect(**{COORD: post_status}), method="post", data={}) == {}


@pytest.mark.parametrize(("which", "status"), [("own", 200), ("other", 404)])
def test_request_page(client, world, which, status):
    url = reverse("squares:request_detail", args=[world[which]["request"].pk])
    # An employer who did not make the request gets 404 as well.
    assert _matrix(client, world, url, expect(**{COORD: status, EMPLOYER: 404})) == {}


@pytest.mark.parametrize(("which", "status"), [("own", 302), ("other", 404)])
def test_assign_post(client, world, which, status):
    url = reverse("squares:assign", args=[world[which]["request"].pk])
    data = {"labourer": world[which]["free"].pk}
    assert _matrix(client, world, url, expect(**{COORD: status}), method="post", data=data) == {}


@pytest.mark.parametrize(("which", "status"), [("own", 302), ("other", 404)])
def test_outcome_post(client, world, which, status):
    url = reverse("squares:assignment_outcome", args=[world[which]["assignment"].pk])
    data = {
        f"a{world[which]['assignment'].pk}-outcome": "pending",
        f"a{world[which]['assignment'].pk}-wage": "unknown",
    }
    assert _matrix(client, world, url, expect(**{COORD: status}), method="post", data=data) == {}


@pytest.mark.parametrize(("which", "status"), [("own", 302), ("other", 404)])
def test_cancel_post(client, world, which, status):
    url = reverse("squares:request_cancel", args=[world[which]["request"].pk])
    assert _matrix(client, world, url, expect(**{COORD: status, EMPLOYER: 404}), method="post") == {}


@pytest.mark.parametrize("url_name", ["squares:request_create", "squares:my_requests"])
def test_employer_pages(client, world, url_name):
    assert _matrix(client, world, reverse(url_name), expect(**{EMPLOYER: 200})) == {}


def test_the_employer_who_made_a_request_sees_it_without_the_labourers_contacts(client, world):
    request, labourer = world["own"]["request"], world["own"]["labourer"]
    employer = login_as(client, EMPLOYER)
    request.employer_user = employer
    request.save()

    response = client.get(reverse("squares:request_detail", args=[request.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert [labourer.mobile in body, labourer.national_id in body, labourer.full_name in body] == [False] * 3


def test_a_denial_outside_the_scope_is_logged_without_personal_data(client, world):
    from sakoo.accounts.models import SecurityEvent

    login_as(client, COORD, organisation=world["orgs"][COORD])
    client.get(reverse("squares:labourer_edit", args=[world["other"]["labourer"].pk]))

    event = SecurityEvent.objects.get(event="not_found")
    assert event.details == {"model": "squares.Labourer", "lookup": ["pk"]}


def test_figures_csv_lists_only_the_squares_in_scope(client, world):
    login_as(client, COUNTY, organisation=world["orgs"][COUNTY])

    response = client.get(reverse("squares:figures_csv"))

    lines = response.content.decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines] == ["square", world["own"]["square"].name]
    assert _matrix(client, world, reverse("squares:figures_csv"), expect(**READERS_OWN)) == {}
