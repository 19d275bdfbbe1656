"""Census check figures (issue 2) and the honesty of county figures across boundary changes."""

import pytest
from django.test import override_settings
from django.utils import translation

from sakoo.geo import selectors
from sakoo.geo.models import County

pytestmark = [pytest.mark.django_db]


def test_active_province(reference_data):
    assert selectors.active_province_code() == "03"
    assert selectors.active_province().name_en == "East Azerbaijan"
    with override_settings(SAKOO_PROVINCE="23"):
        assert selectors.active_province().name_en == "Tehran"


def test_counties_of_the_active_province(reference_data):
    names = list(selectors.counties().values_list("name_en", flat=True))
    assert len(names) == 21
    assert "Hurand" in names
    assert selectors.counties("03").count() == 21
    assert selectors.counties("99").count() == 0


def test_east_azerbaijan_totals(reference_data):
    totals = selectors.census_province_totals("03")
    assert totals.active == 1_264_524
    assert totals.unemployed == 171_272
    assert totals.employed == 1_264_524 - 171_272
    assert round(totals.rate * 100, 1) == 13.5
    assert totals.population == 3_909_652
    assert totals.population_male + totals.population_female == 3_909_652
    assert totals.by_sex["male"].active + totals.by_sex["female"].active == 1_264_524
    assert sum(f.unemployed for f in totals.by_education.values()) == 171_272
    assert totals.name_en == "East Azerbaijan"
    assert totals.covers == ()


def test_unknown_province_has_no_totals(reference_data):
    assert selectors.census_province_totals("99") is None
    assert selectors.census_by_unit("99") == []


def test_tabriz(reference_data):
    units = {unit.code: unit for unit in selectors.census_by_unit("03")}
    tabriz = units["0303"]
    assert (tabriz.name_fa, tabriz.name_en) == ("تبریز", "Tabriz")
    assert tabriz.active == 562_968
    assert tabriz.unemployed == 77_074
    assert round(tabriz.rate * 100, 1) == 13.7
    assert [c.code for c in tabriz.covers] == ["0303"]


def test_graduates_are_college_plus_higher_education(reference_data):
    tabriz = selectors.census_unit("0303")
    expected_active = tabriz.by_education["college"].active + tabriz.by_education["higher"].active
    expected_unemployed = tabriz.by_education["college"].unemployed + tabriz.by_education["higher"].unemployed
    assert tabriz.graduates.active == expected_active
    assert tabriz.graduates.unemployed == expected_unemployed
    by_sex = tabriz.graduates_by_sex
    assert by_sex["male"].active + by_sex["female"].active == expected_active
    assert tabriz.as_dict()["graduates"]["active"] == expected_active


def test_units_of_east_azerbaijan_and_what_they_cover(reference_data):
    units = selectors.census_by_unit("03")
    assert len(units) == 20
    covered = [county.code for unit in units for county in unit.covers]
    assert sorted(covered) == sorted(selectors.counties("03").values_list("code", flat=True))
    ahar = next(unit for unit in units if unit.code == "0302")
    assert [(c.code, c.existed_in_2016) for c in ahar.covers] == [("0302", True), ("0327", False)]
    assert ahar.covers_newer_counties
    assert sum(unit.active for unit in units) == 1_264_524
    # Hashtrud has the highest rate (issue 4)
    top = max(units, key=lambda unit: unit.rate)
    assert (top.name_en, round(top.rate * 100, 1)) == ("Hashtrud", 24.1)


def test_hurand_is_inside_ahar(reference_data):
    hurand = County.objects.get(code="0327")
    result = selectors.county_census(hurand)
    assert result.status == "inside_parent"
    assert result.figures is None
    assert result.parent.code == "0302"
    assert result.parent.name_en == "Ahar"
    with translation.override("en"):
        note = selectors.county_census(hurand).note
    assert note == "This county was created after the 2016 census: its 2016 figures are inside Ahar's."


def test_ahar_figures_say_they_include_hurand(reference_data):
    with translation.override("fa"):
        result = selectors.county_census(County.objects.get(code="0302"))
    assert result.status == "own"
    assert result.figures.active == 49_491
    assert [c.code for c in result.shared_with] == ["0327"]
    assert "هوراند" in result.note


def test_tabriz_county_census_is_its_own(reference_data):
    result = selectors.county_census(County.objects.get(code="0303"))
    assert (result.status, result.figures.unemployed, result.parent, result.shared_with) == (
        "own",
        77_074,
        None,
        (),
    )


def test_counties_with_census_never_puts_2016_figures_on_hurand(reference_data):
    rows = {row["code"]: row for row in selectors.counties_with_census("03")}
    assert len(rows) == 21
    hurand = rows["0327"]
    assert (hurand["active"], hurand["unemployed"], hurand["rate"]) == (None, None, None)
    assert hurand["census2016_parent"] == "0302"
    assert hurand["parent_active"] == 49_491
    assert hurand["status"] == "inside_parent"
    assert rows["0303"]["active"] == 562_968
    assert rows["0303"]["census2016_parent"] is None
    assert sum(row["active"] or 0 for row in rows.values()) == 1_264_524


def test_every_province_sums_to_its_units(reference_data):
    for province in selectors.provinces():
        totals = selectors.census_province_totals(province.code)
        units = selectors.census_by_unit(province.code)
        assert totals.active == sum(unit.active for unit in units)
        assert totals.population == sum(unit.population for unit in units)


def test_county_names_in_a_year(reference_data):
    names_1395 = selectors.county_names_in_year("03", 1395)
    assert len(names_1395) == 20
    assert "0327" not in names_1395
    names_1397 = selectors.county_names_in_year("03", 1397)
    assert names_1397["0327"] == "هوراند"
    assert len(names_1397) == 21
    assert len(selectors.county_names_in_year("03", 1402)) == 22  # Leylan 0328
    assert selectors.county_names_in_year("03", 1300) == {}


def test_totals_by_province_match_the_per_province_totals(reference_data, django_assert_num_queries):
    with django_assert_num_queries(2):
        by_province = selectors.census_totals_by_province()
    assert len(by_province) == 31
    east = by_province["03"]
    assert (east["active"], east["unemployed"], east["population"]) == (1_264_524, 171_272, 3_909_652)
    tehran = selectors.census_province_totals("23")
    assert (by_province["23"]["active"], by_province["23"]["rate"]) == (tehran.active, tehran.rate)
