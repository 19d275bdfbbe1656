"""The atlas page, fact sheets, downloads and the API."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sakoo.atlas.tests.registry_data import official

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def test_atlas_page_renders_map_chart_and_table_without_js(client):
    response = client.get(reverse("atlas:index"))
    html = response.content.decode()
    assert response.status_code == 200
    for marker in ('id="atlas-map"', 'id="atlas-chart"', 'id="atlas-table"', 'data-testid="atlas-svg"'):
        assert marker in html
    assert html.count('<tr data-code="') == 20
    assert "مرزها © مشارکت‌کنندگان OpenStreetMap (ODbL)." in html


def test_atlas_page_default_is_east_azerbaijan_rate(client):
    response = client.get(reverse("atlas:index"))
    data = response.context["data"]
    assert (data.layer, data.province.code, data.indicator.key) == ("census2016", "03", "rate")
    assert [r.name_en for r in data.ranked()[:1]] == ["Hashtrud"]


def test_bad_choices_fall_back_and_say_so(client):
    response = client.get(reverse("atlas:index"), {"province": "99", "indicator": "nonsense", "month": "x"})
    assert response.status_code == 200
    assert response.context["data"].province.code == "03"
    assert set(response.context["form"].errors) == {"province", "indicator", "month"}


def test_another_province(client):
    response = client.get(reverse("atlas:index"), {"province": "23"})
    assert response.context["data"].province.name_en == "Tehran"


def test_concentration_panel_names_the_six(client):
    response = client.get(reverse("atlas:index"), {"top": "6"})
    assert response.context["concentration_names"] == [
        "تبریز",
        "مراغه",
        "میانه",
        "مرند",
        "ملکان",
        "اهر (با هوراند)",
    ]


def test_county_fact_sheet(client):
    response = client.get(reverse("atlas:county", args=["0327"]))  # Hurand: figures are Ahar's 2016 unit
    sheet = response.context["sheet"]
    assert response.status_code == 200
    assert (sheet.unit_code, sheet.unemployed, sheet.active) == ("0302", 7485, 49491)
    assert [b.key for b in sheet.sex_bars] == ["female", "male"]


def test_unknown_county_is_404(client):
    assert client.get(reverse("atlas:county", args=["9999"])).status_code == 404


def test_csv_download_has_manifest_comment_rows(client):
    response = client.get(reverse("atlas:download", args=["csv"]))
    text = response.content.decode()
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert any(line.startswith("# source: مرکز آمار ایران") for line in comments)
    assert any(line.startswith("# boundary_version:") for line in comments)
    assert any(line.startswith("# suppression_rule:") for line in comments)
    rows = list(
        csv.DictReader(io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#"))))
    )
    tabriz = next(r for r in rows if r["code"] == "0303")
    assert (tabriz["numerator"], tabriz["denominator"]) == ("77074", "562968")


def test_xlsx_download_has_a_manifest_sheet(client):
    response = client.get(reverse("atlas:download", args=["xlsx"]), {"indicator": "unemployed"})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["data", "manifest"]
    manifest = {row[0]: row[1] for row in book["manifest"].iter_rows(min_row=2, values_only=True)}
    assert manifest["indicator"] == "unemployed"
    assert sum(row[3] for row in book["data"].iter_rows(min_row=2, values_only=True)) == 171272


def test_geojson_download_has_manifest_and_geometry(client):
    response = client.get(reverse("atlas:download", args=["geojson"]))
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert data["manifest"]["province"] == "03"
    ahar = next(f for f in data["features"] if f["id"] == "0302")
    assert ahar["geometry"]["type"] == "MultiPolygon"  # Ahar with Hurand
    assert len(data["features"]) == 20


def test_api_census_shape_and_figures(client):
    response = client.get("/api/v1/atlas/indicators", {"layer": "census2016", "province": "03", "top": "6"})
    body = response.json()
    assert response.status_code == 200
    assert set(body["concentration"]) == {
        "k",
        "counties",
        "share_unemployed",
        "share_active",
        "share_population",
        "hoover",
        "gini",
    }
    c = body["concentration"]
    assert c["k"] == 6
    assert [x["name_en"] for x in c["counties"]] == [
        "Tabriz",
        "Maragheh",
        "Mianeh",
        "Marand",
        "Malekan",
        "Ahar (with Hurand)",
    ]
    assert round(c["share_unemployed"], 3) == 0.762
    assert 0 < c["share_active"] < c["share_unemployed"] < 1
    assert len(body["counties"]) == 20


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"layer": "nope"}, "layer"),
        ({"province": "99"}, "province"),
        ({"top": "0"}, "top"),
        ({"top": "many"}, "top"),
        ({"layer": "registry", "month": "1404-13"}, "month"),
        ({"layer": "registry", "province": "23"}, "province"),
        ({"indicator": "placements"}, "indicator"),
    ],
)
def test_api_rejects_bad_parameters_with_422(client, params, field):
    response = client.get("/api/v1/atlas/indicators", params)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{field}:")


def test_api_registry_concentration_hidden_from_the_public(client):
    response = client.get("/api/v1/atlas/indicators", {"layer": "registry", "month": "1404-07"})
    assert response.status_code == 200
    assert response.json()["concentration"] is None
    client.force_login(official())
    body = client.get("/api/v1/atlas/indicators", {"layer": "registry", "month": "1404-07"}).json()
    assert set(body["concentration"]) == {
        "k",
        "counties",
        "share_unemployed",
        "share_active",
        "share_population",
        "hoover",
        "gini",
    }
    assert body["month"] == "1404-07"


def _registry_data():
    import datetime as dt

    from sakoo.atlas.tests.registry_data import make_seekers
    from sakoo.core.jalali import jalali_month_range

    first, _last = jalali_month_range(1404, 7)
    make_seekers("0303", 31, registered_on=first - dt.timedelta(days=10))
    make_seekers("0305", 6, registered_on=first - dt.timedelta(days=10))
    make_seekers("0307", 14, registered_on=first - dt.timedelta(days=10))


def test_registry_page_public_view_is_suppressed_and_titled_as_job_seekers(client):
    _registry_data()
    response = client.get(
        reverse("atlas:index"), {"layer": "registry", "indicator": "seekers", "month": "1404-07"}
    )
    data = response.context["data"]
    html = response.content.decode()
    assert data.title.startswith("کارجویان ثبت‌نام‌شدهٔ جویای کار")
    rows = {r.code: r for r in data.rows}
    # Sarab (6) is suppressed; Marand (14), the next smallest, too, so the total does not reveal Sarab.
    assert [(rows[c].suppressed, rows[c].value) for c in ("0305", "0307")] == [(True, None), (True, None)]
    assert next(r for r in data.rows if r.code == "0303").value == 30  # 31 rounded
    assert 'data-testid="concentration-suppressed"' in html


def test_registry_page_official_view_is_exact(client):
    _registry_data()
    client.force_login(official())
    response = client.get(
        reverse("atlas:index"), {"layer": "registry", "indicator": "seekers", "month": "1404-07"}
    )
    data = response.context["data"]
    assert {r.code: r.value for r in data.rows if r.value} == {"0303": 31, "0305": 6, "0307": 14}
    assert response.context["concentration"] is not None


def test_reference_figures_are_shown_beside_the_map_not_in_it(client):
    import datetime as dt
    from decimal import Decimal

    from sakoo.atlas.services import reference_figure_create
    from sakoo.geo.models import Province

    reference_figure_create(
        province=Province.objects.get(code="03"),
        label="نرخ بیکاری، طرح نیروی کار",
        value=Decimal("9.1"),
        unit="percent",
        source="مرکز آمار ایران، طرح آمارگیری نیروی کار",
        reference_period="بهار ۱۴۰۴",
        reference_date=dt.date(2025, 6, 21),
    )
    response = client.get(reverse("atlas:index"))
    html = response.content.decode()
    assert "نرخ بیکاری، طرح نیروی کار" in html
    assert round(response.context["data"].province_value, 1) == 13.5  # the map is still the census


def test_reference_figure_needs_a_source(db):
    import datetime as dt

    from django.core.exceptions import ValidationError

    from sakoo.atlas.models import ReferenceFigure
    from sakoo.atlas.services import reference_figure_create
    from sakoo.geo.models import Province

    with pytest.raises(ValidationError) as error:
        reference_figure_create(
            province=Province.objects.get(code="03"),
            label="x",
            value=1,
            unit="persons",
            source="  ",
            reference_period="1404",
            reference_date=dt.date(2025, 1, 1),
        )
    assert set(error.value.message_dict) == {"source"}
    assert ReferenceFigure.objects.count() == 0


def test_fact_sheet_trend_is_suppressed_for_the_public_and_exact_for_officials(client):
    import datetime as dt

    from django.utils import timezone

    from sakoo.atlas.tests.registry_data import make_seekers

    make_seekers("0305", 7, registered_on=timezone.localdate() - dt.timedelta(days=400))
    public = client.get(reverse("atlas:county", args=["0305"])).context["sheet"].trend
    assert [(e["seekers"], e["suppressed"]) for e in public[-2:]] == [(None, True), (None, True)]
    client.force_login(official("county_officer"))
    exact = client.get(reverse("atlas:county", args=["0305"])).context["sheet"].trend
    assert [e["seekers"] for e in exact] == [7] * 12


def test_atlas_page_query_count_does_not_grow_with_counties(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(reverse("atlas:index"))
    with django_assert_max_num_queries(12):
        client.get(reverse("atlas:index"), {"province": "23"})


def test_locator_map_highlights_only_the_county(client):
    html = client.get(reverse("atlas:county", args=["0311"])).content.decode()
    assert html.count('fill="#bd0026"') == 1
