"""Who may open which job-platform page: every role, plus anonymous, with a fresh user each time."""

import pytest
from django.urls import reverse

from sakoo.accounts.testing import ALL_ROLES, ANONYMOUS, check_access_matrix
from sakoo.vacancies.models import VacancyStatus
from sakoo.vacancies.tests import factories as f

pytestmark = pytest.mark.django_db


def _expect(default, **overrides):
    return {role: default for role in ALL_ROLES} | {ANONYMOUS: "login"} | overrides


def test_published_vacancy_is_public():
    vacancy = f.vacancy()
    expected = {role: 200 for role in ALL_ROLES} | {ANONYMOUS: 200}
    assert (
        check_access_matrix(
            client=_client(), url=reverse("vacancies:detail", args=[vacancy.pk]), expected=expected
        )
        == {}
    )


def test_draft_vacancy_only_for_its_employer_and_admin():
    vacancy = f.vacancy(status=VacancyStatus.DRAFT)
    expected = {role: 404 for role in ALL_ROLES} | {ANONYMOUS: 404, "province_admin": 200, "employer": 200}
    assert (
        check_access_matrix(
            _client(),
            reverse("vacancies:detail", args=[vacancy.pk]),
            expected,
            organisation_for={"employer": vacancy.employer.organisation},
        )
        == {}
    )


def test_applicants_only_for_the_vacancys_employer():
    vacancy = f.vacancy()
    own = _expect(403, employer=200)
    assert (
        check_access_matrix(
            _client(),
            reverse("vacancies:applicants", args=[vacancy.pk]),
            own,
            organisation_for={"employer": vacancy.employer.organisation},
        )
        == {}
    )
    other = _expect(403, employer=404)
    assert (
        check_access_matrix(
            _client(),
            reverse("vacancies:applicants", args=[vacancy.pk]),
            other,
            organisation_for={"employer": f.employer().organisation},
        )
        == {}
    )


def test_moderation_and_verification_only_for_province_admin():
    for name in ("vacancies:moderation", "employers:verification"):
        assert check_access_matrix(_client(), reverse(name), _expect(403, province_admin=200)) == {}


def test_external_hire_form_for_officers_and_employers():
    expected = _expect(
        404,
        county_officer=200,
        agency_officer=200,
        labour_square_coordinator=200,
        province_admin=200,
        employer=200,
    )
    assert (
        check_access_matrix(
            _client(),
            reverse("vacancies:report_hire"),
            expected,
            organisation_for={"employer": f.employer().organisation},
        )
        == {}
    )


def test_employer_dashboard_and_seeker_dashboard():
    assert (
        check_access_matrix(
            _client(),
            reverse("employers:dashboard"),
            _expect(403, employer=200),
            organisation_for={"employer": f.employer().organisation},
        )
        == {}
    )
    # a phone user without a profile is sent to onboarding; staff have no seeker dashboard
    assert check_access_matrix(_client(), reverse("seekers:dashboard"), _expect(404, job_seeker=302)) == {}


def _client():
    from django.test import Client

    return Client()
