import pytest

from sakoo.geo.factories import CountyFactory, ProvinceFactory
from sakoo.geo.selectors import counties_with_census

pytestmark = [pytest.mark.django_db]


def test_county_factory_makes_a_county_without_census_figures():
    county = CountyFactory()
    assert county.province.code == "03"
    assert county.code.startswith("9")
    assert ProvinceFactory().pk == county.province.pk
    rows = counties_with_census("03")
    assert [(row["code"], row["status"], row["active"]) for row in rows] == [(county.code, "none", None)]
