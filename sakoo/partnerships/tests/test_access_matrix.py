"""Who may open what: roles × own / someone else's object × GET / POST (404 outside the scope)."""

import datetime as dt

import pytest
from django.urls import reverse

from sakoo.accounts.models import OrganisationKind, SecurityEvent
from sakoo.accounts.testing import ALL_ROLES, ANONYMOUS, OrganisationFactory, check_access_matrix, login_as
from sakoo.partnerships.testing import AgreementFactory, CourseFactory, EnrolmentFactory
from sakoo.vacancies.tests.factories import employer

pytestmark = pytest.mark.django_db

SEEKER, EMPLOYER, AGENCY, COUNTY, ANALYST, ADMIN = (
    "job_seeker",
    "employer",
    "agency_officer",
    "county_officer",
    "province_analyst",
    "province_admin",
)
EVERYONE = {role: 200 for role in ALL_ROLES} | {ANONYMOUS: 200}


def expect(**overrides):
    """403 for every role, the login page for the anonymous visitor, then the overrides."""
    return {role: 403 for role in ALL_ROLES} | {ANONYMOUS: "login"} | overrides


@pytest.fixture
def world(today):
    """Two of everything: an agreement with its company and labour office, a provider's ended course in
    a county with a trainee."""
    out = {}
    for key in ("own", "other"):
        company = employer(knowledge_based=True)
        agreement = AgreementFactory(employers=[company])
        ended = today - dt.timedelta(days=5)
        course = CourseFactory(starts_on=ended - dt.timedelta(days=20), ends_on=ended)
        out[key] = {
            "company": company,
            "agreement": agreement,
            "course": course,
            "enrolment": EnrolmentFactory(course=course),
        }
    own = out["own"]
    # The party company's members and the labour office's officers read the agreement.
    out["agreement_orgs"] = {EMPLOYER: own["company"].organisation, AGENCY: own["agreement"].labour_office}
    # The provider's staff and the county's officers read the course.
    out["course_orgs"] = {
        AGENCY: own["course"].provider.organisation,
        COUNTY: OrganisationFactory(kind=OrganisationKind.COUNTY, county=own["course"].county),
    }
    return out


def _matrix(client, url, expected, orgs, method="get", data=None):
    return check_access_matrix(client, url, expected, method=method, data=data, organisation_for=orgs)


# --- agreements --------------------------------------------------------------------------------------

AGREEMENT_READERS = {ANALYST: 200, ADMIN: 200, EMPLOYER: 200, AGENCY: 200}


def test_agreement_list(client, world):
    url = reverse("partnerships:agreements")
    assert _matrix(client, url, expect(**AGREEMENT_READERS), world["agreement_orgs"]) == {}


@pytest.mark.parametrize(
    ("which", "allowed"),
    [("own", AGREEMENT_READERS), ("other", {ANALYST: 200, ADMIN: 200, EMPLOYER: 404, AGENCY: 404})],
)
def test_agreement_page(client, world, which, allowed):
    url = reverse("partnerships:agreement_detail", args=[world[which]["agreement"].pk])
    assert _matrix(client, url, expect(**allowed), world["agreement_orgs"]) == {}


def test_only_the_province_admin_records_an_agreement(client, world):
    url = reverse("partnerships:agreement_create")
    assert _matrix(client, url, expect(**{ADMIN: 200}), world["agreement_orgs"]) == {}


@pytest.mark.parametrize("which", ["own", "other"])
def test_only_the_province_admin_reports_progress_and_changes_status(client, world, which):
    pk = world[which]["agreement"].pk
    orgs = world["agreement_orgs"]
    report = reverse("partnerships:agreement_report", args=[pk])
    status = reverse("partnerships:agreement_status", args=[pk])
    assert _matrix(client, report, expect(**{ADMIN: 200}), orgs) == {}
    assert (
        _matrix(client, status, expect(**{ADMIN: 302}), orgs, method="post", data={"status": "ended"}) == {}
    )


@pytest.mark.parametrize("which", ["own", "other"])
def test_only_the_province_admin_edits_an_agreement(client, world, which):
    url = reverse("partnerships:agreement_edit", args=[world[which]["agreement"].pk])
    orgs = world["agreement_orgs"]
    assert _matrix(client, url, expect(**{ADMIN: 200}), orgs) == {}
    # An empty form is shown again with its errors (200) and changes nothing; everyone else is refused.
    assert _matrix(client, url, expect(**{ADMIN: 200}), orgs, method="post", data={"title": ""}) == {}
    world[which]["agreement"].refresh_from_db()
    assert world[which]["agreement"].changes.count() == 0


def test_the_party_employer_sees_only_its_agreements_in_the_list(client, world):
    login_as(client, EMPLOYER, organisation=world["own"]["company"].organisation)

    response = client.get(reverse("partnerships:agreements"))

    assert [row.agreement for row in response.context["rows"]] == [world["own"]["agreement"]]


# --- courses -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["partnerships:courses", "partnerships:results"])
def test_public_course_pages(client, world, url_name):
    assert _matrix(client, reverse(url_name), EVERYONE, world["course_orgs"]) == {}


def test_a_published_course_is_public_and_an_unpublished_one_is_404(client, world):
    course = world["own"]["course"]
    url = reverse("partnerships:course_detail", args=[course.pk])
    assert _matrix(client, url, EVERYONE, world["course_orgs"]) == {}

    course.is_published = False
    course.save()
    hidden = {role: 404 for role in EVERYONE}
    assert _matrix(client, url, hidden, world["course_orgs"]) == {}


STAFF_OWN = {ANALYST: 200, ADMIN: 200, COUNTY: 200, AGENCY: 200}
STAFF_OTHER = {ANALYST: 200, ADMIN: 200, COUNTY: 404, AGENCY: 404}


@pytest.mark.parametrize(("which", "allowed"), [("own", STAFF_OWN), ("other", STAFF_OTHER)])
def test_course_figures(client, world, which, allowed):
    url = reverse("partnerships:course_figures", args=[world[which]["course"].pk])
    assert _matrix(client, url, expect(**allowed), world["course_orgs"]) == {}


def test_staff_outcomes_page(client, world):
    url = reverse("partnerships:outcomes")
    assert _matrix(client, url, expect(**STAFF_OWN), world["course_orgs"]) == {}


def test_a_county_officer_sees_only_the_courses_of_their_county(client, world):
    login_as(client, COUNTY, organisation=world["course_orgs"][COUNTY])

    response = client.get(reverse("partnerships:outcomes"))

    assert [row.course for row in response.context["rows"]] == [world["own"]["course"]]


@pytest.mark.parametrize(("which", "status"), [("own", 200), ("other", 404)])
def test_roster_is_for_the_providers_staff(client, world, which, status):
    url = reverse("partnerships:course_roster", args=[world[which]["course"].pk])
    assert _matrix(client, url, expect(**{AGENCY: status}), world["course_orgs"]) == {}


@pytest.mark.parametrize(("which", "status"), [("own", 302), ("other", 404)])
def test_marking_completion_is_for_the_providers_staff(client, world, which, status):
    enrolment = world[which]["enrolment"]
    url = reverse("partnerships:enrolment_mark", args=[enrolment.pk])
    data = {f"e{enrolment.pk}-status": "completed"}
    assert _matrix(client, url, expect(**{AGENCY: status}), world["course_orgs"], "post", data) == {}


def test_enrolling_and_my_courses_are_for_job_seekers(client, world):
    enrol = reverse("partnerships:course_enrol", args=[world["own"]["course"].pk])
    # A job seeker without a profile is sent to complete it first (302).
    assert _matrix(client, enrol, expect(**{SEEKER: 302}), {}, method="post") == {}
    mine = reverse("partnerships:my_enrolments")
    assert _matrix(client, mine, expect(**{SEEKER: 200}), {}) == {}


def test_a_denial_outside_the_scope_is_logged_without_personal_data(client, world):
    login_as(client, AGENCY, organisation=world["course_orgs"][AGENCY])
    client.get(reverse("partnerships:course_roster", args=[world["other"]["course"].pk]))

    event = SecurityEvent.objects.get(event="not_found")
    assert event.details == {"model": "partnerships.Course", "lookup": ["pk"]}


def test_only_a_providers_staff_add_courses(client, world):
    url = reverse("partnerships:course_create")
    # An agency officer of another agency (not a provider) is refused as well.
    assert _matrix(client, url, expect(**{AGENCY: 200}), world["course_orgs"]) == {}
    assert _matrix(client, url, expect(), {AGENCY: OrganisationFactory(kind="agency")}) == {}
