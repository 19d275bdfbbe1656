"""GET /api/v1/partnerships/agreements and /courses: aggregates and the public course list."""

import datetime as dt

import pytest

from sakoo.geo.factories import CountyFactory
from sakoo.partnerships import services
from sakoo.partnerships.models import Agreement
from sakoo.partnerships.testing import AgreementFactory, CourseFactory, EnrolmentFactory, occupation
from sakoo.vacancies.tests.factories import staff

pytestmark = pytest.mark.django_db


def test_agreements_are_counted_by_status_with_commitments_of_those_signed(client, today):
    first = AgreementFactory(hires_committed=20, internships_committed=10, training_seats_committed=0)
    AgreementFactory(status=Agreement.Status.ENDED, hires_committed=5, internships_committed=0)
    AgreementFactory(status=Agreement.Status.DRAFT, signed_on=None, hires_committed=100)
    services.progress_report_add(
        agreement=first, measure="hires", number=12, as_of=today, note="نامه شرکت", reported_by=staff()
    )

    body = client.get("/api/v1/partnerships/agreements").json()

    assert body["by_status"] == {"draft": 1, "signed": 0, "active": 1, "ended": 1, "cancelled": 0}
    assert body["agreements_counted"] == 2
    hires = body["measures"]["hires"]
    assert (hires["committed"], hires["platform"], hires["reported"], hires["achieved"]) == (25, 0, 12, 12)


def test_a_small_achieved_count_is_withheld_with_the_total(client, today):
    agreement = AgreementFactory(training_seats_committed=30)
    course = CourseFactory(agreement=agreement)
    EnrolmentFactory.create_batch(3, course=course)
    services.progress_report_add(
        agreement=agreement, measure="training", number=20, as_of=today, note="فهرست", reported_by=staff()
    )

    training = client.get("/api/v1/partnerships/agreements").json()["measures"]["training"]

    assert training["committed"] == 30
    assert training["platform"] is None
    assert "platform" in training["suppressed"]
    # 3 + 20 published as 23 beside 20 would reveal the 3: one of the two is withheld as well.
    assert training["achieved"] is None or training["reported"] is None


def test_courses_are_filtered_by_county_and_occupation_in_any_digits(client, today):
    tabriz, ahar = CountyFactory(code="0301"), CountyFactory(code="0302")
    welding = CourseFactory(county=tabriz, occupation=occupation("7212", "جوشکاران"))
    CourseFactory(county=ahar, occupation=occupation("7212", "جوشکاران"))
    CourseFactory(county=tabriz, occupation=occupation("5120", "آشپزان"))
    CourseFactory(
        county=tabriz, starts_on=today - dt.timedelta(days=60), ends_on=today - dt.timedelta(days=1)
    )

    body = client.get("/api/v1/partnerships/courses", {"county": "۰۳۰۱", "occupation": "٧٢"}).json()

    assert [row["id"] for row in body["courses"]] == [welding.pk]
    row = body["courses"][0]
    assert (row["county"], row["occupation"], row["seats_left"], row["open"]) == ("0301", "7212", 20, True)


def test_a_full_course_is_listed_closed(client):
    course = CourseFactory(seats=1)
    EnrolmentFactory(course=course)

    [row] = client.get("/api/v1/partnerships/courses").json()["courses"]

    assert (row["seats_left"], row["open"]) == (0, False)


@pytest.mark.parametrize(
    ("param", "value"), [("county", "tabriz"), ("occupation", "72a"), ("occupation", "72121")]
)
def test_a_bad_filter_is_422_naming_it(client, param, value):
    response = client.get("/api/v1/partnerships/courses", {param: value})

    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{param}:")
