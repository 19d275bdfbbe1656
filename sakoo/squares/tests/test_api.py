"""GET /api/v1/squares/summary: per-county monthly aggregates, small cells suppressed, no people."""

import pytest

from sakoo.geo.factories import CountyFactory
from sakoo.squares.testing import LabourerFactory, MunicipalityFactory, SquareFactory

pytestmark = pytest.mark.django_db


def _square_with(n_labourers: int, code: str):
    county = CountyFactory(code=code)
    square = SquareFactory(organisation=MunicipalityFactory(county=county))
    LabourerFactory.create_batch(n_labourers, square=square)
    return square


def _by_code(body):
    return {row["code"]: row for row in body["counties"]}


def test_small_counts_are_suppressed_with_a_second_cell_to_protect_the_total(client):
    _square_with(12, "9101")
    _square_with(3, "9102")
    _square_with(15, "9103")

    body = client.get("/api/v1/squares/summary").json()

    registered = {code: row["registered"] for code, row in _by_code(body).items()}
    assert registered == {"9101": None, "9102": None, "9103": 15}
    assert body["province"]["registered"] == 30
    assert _by_code(body)["9102"]["suppressed"][0] == "registered"


def test_zero_is_published_and_nothing_personal_is_returned(client):
    square = _square_with(11, "9104")
    labourer = square.labourers.first()

    response = client.get("/api/v1/squares/summary")

    row = _by_code(response.json())["9104"]
    assert (row["registered"], row["present"], row["hired"], row["squares"]) == (11, 0, 0, 1)
    assert labourer.mobile not in response.content.decode()
    assert labourer.full_name not in response.content.decode()


@pytest.mark.parametrize("month", ["1404-13", "abc", "1499-01"])
def test_a_bad_or_future_month_is_422_naming_the_parameter(client, month):
    response = client.get("/api/v1/squares/summary", {"month": month})

    assert response.status_code == 422
    assert response.json()["detail"].startswith("month:")


def test_a_month_in_persian_digits_is_accepted(client):
    assert client.get("/api/v1/squares/summary", {"month": "۱۴۰۴-۰۷"}).json()["month"] == "1404-07"
