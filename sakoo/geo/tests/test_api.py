"""/api/v1/geo/: counties with census figures, GeoJSON for maps, provinces; bad province codes."""

import json

import pytest

pytestmark = [pytest.mark.django_db]


def test_counties_of_east_azerbaijan(client, reference_data):
    response = client.get("/api/v1/geo/counties", {"province": "03"})
    assert response.status_code == 200
    counties = {county["code"]: county for county in response.json()}
    assert len(counties) == 21
    tabriz = counties["0303"]
    assert (tabriz["name_fa"], tabriz["name_en"]) == ("تبریز", "Tabriz")
    assert (tabriz["active"], tabriz["unemployed"]) == (562_968, 77_074)
    assert tabriz["census2016_parent"] is None
    hurand = counties["0327"]
    assert (hurand["active"], hurand["unemployed"], hurand["census2016_parent"]) == (None, None, "0302")
    assert hurand["parent_name_en"] == "Ahar"
    assert hurand["census_note"]
    assert sum(county["active"] or 0 for county in counties.values()) == 1_264_524


def test_counties_default_to_the_active_province(client, reference_data):
    response = client.get("/api/v1/geo/counties")
    assert response.status_code == 200
    assert len(response.json()) == 21


def test_persian_digits_in_the_province_code(client, reference_data):
    response = client.get("/api/v1/geo/counties", {"province": "۰۳"})
    assert response.status_code == 200
    assert len(response.json()) == 21


def test_english_note(client, reference_data):
    response = client.get("/api/v1/geo/counties", {"province": "03"}, HTTP_ACCEPT_LANGUAGE="en")
    hurand = next(c for c in response.json() if c["code"] == "0327")
    assert hurand["census_note"] == (
        "This county was created after the 2016 census: its 2016 figures are inside Ahar's."
    )


@pytest.mark.parametrize("path", ["/api/v1/geo/counties", "/api/v1/geo/counties.geojson"])
def test_unknown_province_is_404(client, reference_data, path):
    response = client.get(path, {"province": "99"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no province with the code 99."}


@pytest.mark.parametrize("value", ["abc", "003", "0 3", "03; DROP", "-1"])
@pytest.mark.parametrize("path", ["/api/v1/geo/counties", "/api/v1/geo/counties.geojson"])
def test_malformed_province_is_422(client, reference_data, path, value):
    response = client.get(path, {"province": value}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("The province must be a two-digit SCI province code")


def test_geojson(client, reference_data):
    response = client.get("/api/v1/geo/counties.geojson", {"province": "03"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    assert response["Cache-Control"] == "public, max-age=3600"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert data["attribution"] == "© OpenStreetMap contributors (ODbL 1.0)"
    features = {feature["id"]: feature for feature in data["features"]}
    assert len(features) == 21
    tabriz = features["0303"]
    assert tabriz["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert tabriz["properties"]["active"] == 562_968
    assert tabriz["properties"]["status"] == "own"
    hurand = features["0327"]["properties"]
    assert (hurand["status"], hurand["active"], hurand["census2016_parent"]) == (
        "inside_parent",
        None,
        "0302",
    )
    assert hurand["parent_unemployed"] == 7_485


def test_geojson_etag_answers_304(client, reference_data):
    first = client.get("/api/v1/geo/counties.geojson", {"province": "03"})
    etag = first["ETag"]
    again = client.get("/api/v1/geo/counties.geojson", {"province": "03"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    other = client.get("/api/v1/geo/counties.geojson", {"province": "23"}, HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200
    assert other["ETag"] != etag


def test_provinces(client, reference_data):
    response = client.get("/api/v1/geo/provinces")
    assert response.status_code == 200
    provinces = {province["code"]: province for province in response.json()}
    assert len(provinces) == 31
    east = provinces["03"]
    assert (east["name_en"], east["counties"], east["active"], east["unemployed"], east["population"]) == (
        "East Azerbaijan",
        21,
        1_264_524,
        171_272,
        3_909_652,
    )
    assert sum(province["counties"] for province in provinces.values()) == 478


def test_openapi_documents_the_geo_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/geo/counties", "/api/v1/geo/counties.geojson", "/api/v1/geo/provinces"} <= set(paths)


def test_county_list_queries_are_bounded(client, reference_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/geo/counties", {"province": "03"})
    assert len(response.json()) == 21
