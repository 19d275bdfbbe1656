"""The shipped reference data loads completely, correctly and idempotently."""

import time

import pytest
from django.core.management import call_command

from sakoo.classifications.models import EconomicActivity, GenAIExposure, Occupation
from sakoo.geo.loaders import DATA_DIR, assign_county_codes, geometry_centroid, load_geo
from sakoo.geo.models import (
    CensusActivity,
    CensusPopulation,
    County,
    CountyVersion,
    Province,
    ReferenceDataset,
)

pytestmark = [pytest.mark.django_db]


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Province,
            County,
            County.neighbours.through,
            CountyVersion,
            CensusActivity,
            CensusPopulation,
            Occupation,
            EconomicActivity,
            GenAIExposure,
        )
    }


def test_counts(reference_data):
    assert _counts() == {
        "Province": 31,
        "County": 478,
        "County_neighbours": 2 * 1308,
        "CountyVersion": 3058,
        "CensusActivity": 429 * 4 * 8,
        "CensusPopulation": 429 * 21 * 2,
        "Occupation": 601,
        "EconomicActivity": 943,
        "GenAIExposure": 427,
    }


def test_east_azerbaijan_has_21_counties(reference_data):
    province = Province.objects.get(code="03")
    assert province.iso3166_2 == "IR-03"
    assert province.name_en == "East Azerbaijan"
    assert province.boundary["type"] in {"Polygon", "MultiPolygon"}
    assert County.objects.filter(province=province).count() == 21


def test_hurand_gets_its_sci_code_and_census_parent(reference_data):
    hurand = County.objects.get(name_en="Hurand")
    assert hurand.code == "0327"
    assert hurand.name_fa == "هوراند"
    assert hurand.census2016_code == ""
    assert hurand.census2016_parent_code == "0302"
    assert hurand.census2016_unit_code == "0302"
    ahar = County.objects.get(code="0302")
    assert ahar.name_en == "Ahar"
    assert ahar.census2016_code == "0302"
    assert ahar.census2016_parent_code == ""


def test_tabriz_neighbours_and_centroid(reference_data):
    tabriz = County.objects.get(code="0303")
    assert tabriz.osm_relation == 6554961
    assert tabriz.wikidata == "Q1286247"
    assert sorted(tabriz.neighbours.values_list("name_en", flat=True)) == [
        "Bostanabad",
        "Heris",
        "Maragheh",
        "Osku",
        "Shabestar",
        "Varzaqan",
    ]
    # symmetrical
    assert tabriz in County.objects.get(name_en="Osku").neighbours.all()
    assert 37.8 < tabriz.centroid_lat < 38.4
    assert 45.9 < tabriz.centroid_lon < 46.8


def test_fallback_codes_are_unique_and_stable(reference_data):
    codes = list(County.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 478
    assert all(len(code) == 4 and code.isascii() and code.isdigit() for code in codes)
    # Rask: the versions table gives 1108 (Sarbaz renamed), which Sarbaz holds → fallback.
    assert County.objects.get(name_en="Rask").code == "1199"
    assert County.objects.get(name_en="Sarbaz").code == "1108"
    # Jafarabad (Qom): no parent by overlap, but Qom was the province's only 2016 county.
    jafarabad = County.objects.get(name_en="Jafarabad")
    assert (jafarabad.code, jafarabad.census2016_parent_code) == ("2502", "2501")


def test_every_census_parent_is_a_census_unit(reference_data):
    units = set(CensusActivity.objects.values_list("census_code", flat=True))
    for county in County.objects.all():
        assert county.census2016_unit_code in units, county.name_fa


def test_county_versions_for_crosswalks(reference_data):
    assert CountyVersion.objects.get(code="0327", year=1397).name == "هوراند"
    assert CountyVersion.objects.get(code="0328", year=1402).name == "لیلان"
    assert not CountyVersion.objects.filter(code="0328", year=1397).exists()


def test_census_rows_match_the_file(reference_data):
    row = CensusActivity.objects.get(census_code="2301", sex="male", status="active", education="higher")
    assert row.count == 784786
    assert row.is_graduate
    assert row.province_code == "23"
    assert not CensusActivity.objects.get(
        census_code="2301", sex="male", status="active", education="illiterate"
    ).is_graduate
    pop = CensusPopulation.objects.get(census_code="0001", age_group="0-4", sex="female")
    assert pop.count == 21118


def test_persian_names_are_normalised(reference_data):
    assert not County.objects.filter(name_fa__contains="ي").exists()
    assert not County.objects.filter(name_fa__contains="ك").exists()
    assert not CensusActivity.objects.filter(county_name__contains="ي").exists()
    assert County.objects.get(code="0303").search_key == "تبریز tabriz"


def test_load_twice_changes_nothing(reference_data):
    before = _counts()
    snapshot = list(County.objects.order_by("code").values())
    for force in (False, True):
        results = load_geo(force=force)
        assert sum(result.changed for result in results) == 0, [str(r) for r in results]
    assert _counts() == before
    assert list(County.objects.order_by("code").values()) == snapshot


def test_command_is_idempotent_and_quick(reference_data, capsys):
    started = time.monotonic()
    call_command("load_reference", force=True)
    assert time.monotonic() - started < 30
    out = capsys.readouterr().out
    assert "Reference data loaded: 0 rows changed" in out
    call_command("load_reference")
    assert "unchanged (content hash matches)" in capsys.readouterr().out
    assert ReferenceDataset.objects.count() == 7


def test_forced_reload_repairs_an_edited_row(reference_data):
    County.objects.filter(code="0303").update(name_fa="غلط")
    CensusActivity.objects.filter(census_code="0303").first().delete()
    results = load_geo(force=True)
    by_name = {result.name: result for result in results}
    assert by_name["geo.counties"].updated == 1
    assert by_name["geo.census_activity"].created == 1
    assert County.objects.get(code="0303").name_fa == "تبریز"


def test_code_assignment_rules():
    features = [
        {
            "properties": {
                "province_code": "03",
                "osm_relation": 1,
                "name_fa": "اهر",
                "census2016_code": "0302",
            }
        },
        {
            "properties": {
                "province_code": "03",
                "osm_relation": 2,
                "name_fa": "هوراند",
                "census2016_code": None,
            }
        },
        {
            "properties": {
                "province_code": "03",
                "osm_relation": 3,
                "name_fa": "ناشناخته",
                "census2016_code": None,
            }
        },
        {"properties": {"province_code": "03", "osm_relation": 4, "name_fa": "اهر", "census2016_code": None}},
    ]
    versions = [
        {"province_code": "03", "code": "0302", "year": 1395, "name": "اهر"},
        {"province_code": "03", "code": "0327", "year": 1397, "name": "هوراند"},
        {"province_code": "03", "code": "0399", "year": 1355, "name": "قدیمی"},
    ]
    codes = assign_county_codes(features, versions)
    # 0302 taken → fallbacks skip 0399 (in the versions table) and go down in relation order
    assert codes == {1: "0302", 2: "0327", 3: "0398", 4: "0397"}


def test_centroid_of_a_square_with_a_hole():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]}
    assert geometry_centroid(square) == (2.0, 2.0)
    with_hole = {
        "type": "Polygon",
        "coordinates": [
            [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
            [[0, 0], [2, 0], [2, 4], [0, 4], [0, 0]],
        ],
    }
    assert geometry_centroid(with_hole) == (2.0, 3.0)
    assert geometry_centroid(None) == (None, None)


def test_data_ships_inside_the_package_with_attribution():
    readme = (DATA_DIR / "README.md").read_text()
    assert "© OpenStreetMap contributors" in readme
    assert "ODbL 1.0" in readme
    assert "Statistical Centre of Iran" in readme
    classifications = (DATA_DIR.parent.parent / "classifications" / "data" / "README.md").read_text()
    assert "MIT" in classifications
    assert "ILO Working Paper 140" in classifications
    assert "shared" not in str(DATA_DIR)
