"""The census layer against hand computations from the shipped CSV files."""

import csv
from collections import Counter
from pathlib import Path

import pytest

from sakoo.atlas import layers
from sakoo.geo.models import Province

DATA = Path(__file__).resolve().parents[2] / "geo" / "data"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def _csv_totals(province="03"):
    """Active and unemployed per 2016 county, summed by hand from the shipped CSV."""
    active, unemployed = Counter(), Counter()
    with open(DATA / "census2016-activity-by-county.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["province_code"] != province:
                continue
            total = sum(
                int(v)
                for k, v in row.items()
                if k
                not in {"province_name", "province_code", "county_name", "county_code", "gender", "status"}
            )
            (active if row["status"] == "Active" else unemployed)[row["county_code"]] += total
    return active, unemployed


@pytest.fixture
def east_azerbaijan():
    return Province.objects.get(code="03")


def test_province_totals(east_azerbaijan):
    data = layers.census_map(east_azerbaijan, "rate")
    assert (sum(r.active for r in data.rows), sum(r.unemployed for r in data.rows)) == (1264524, 171272)
    assert round(data.province_value, 1) == 13.5
    assert len(data.rows) == 20


def test_tabriz_rate_and_hashtrud_highest(east_azerbaijan):
    data = layers.census_map(east_azerbaijan, "rate")
    by_code = {r.code: r for r in data.rows}
    assert round(by_code["0303"].value, 1) == 13.7
    highest = data.ranked()[0]
    assert (highest.name_en, round(highest.value, 1)) == ("Hashtrud", 24.1)
    assert by_code["0303"].ci_low < by_code["0303"].value < by_code["0303"].ci_high


def test_ahar_is_drawn_with_hurand_and_labelled(east_azerbaijan):
    data = layers.census_map(east_azerbaijan, "rate")
    ahar = next(r for r in data.rows if r.code == "0302")
    assert sorted(ahar.county_codes) == ["0302", "0327"]
    assert ahar.name_en == "Ahar (with Hurand)"
    assert ahar.name_fa == "اهر (با هوراند)"


def test_top_six_hold_76_2_percent(east_azerbaijan):
    data = layers.census_map(east_azerbaijan, "unemployed", top=6)
    c = data.concentration
    names = [next(r.name_en for r in data.rows if r.code == code) for code in c.counties]
    assert names == ["Tabriz", "Maragheh", "Mianeh", "Marand", "Malekan", "Ahar (with Hurand)"]
    assert round(100 * c.share_unemployed, 1) == 76.2
    active, _ = _csv_totals()
    top_active = sum(active[code] for code in c.counties)
    assert c.share_active == top_active / 1264524


def test_hoover_by_hand_from_the_csv(east_azerbaijan):
    active, unemployed = _csv_totals()
    total_a, total_u = sum(active.values()), sum(unemployed.values())
    hoover = 0.5 * sum(abs(unemployed[c] / total_u - active[c] / total_a) for c in active)
    data = layers.census_map(east_azerbaijan, "rate")
    assert data.concentration.hoover == pytest.approx(hoover, abs=1e-12)
    assert round(hoover, 3) == round(data.concentration.hoover, 3)


def test_graduates_are_college_plus_higher(east_azerbaijan):
    with open(DATA / "census2016-activity-by-county.csv", encoding="utf-8") as f:
        expected = sum(
            int(r["College"]) + int(r["Higher education"])
            for r in csv.DictReader(f)
            if r["province_code"] == "03" and r["status"] == "Unemployed" and r["gender"] == "Female"
        )
    data = layers.census_map(east_azerbaijan, "unemployed", sex="female", education="graduates")
    assert data.province_value == expected


def test_any_province_has_a_census_layer():
    tehran = Province.objects.get(code="23")
    data = layers.census_map(tehran, "rate")
    _active, unemployed = _csv_totals("23")
    assert sum(r.unemployed for r in data.rows) == sum(unemployed.values())
    assert Province.objects.count() == 31


def test_fixed_classes_are_stated_not_fitted(east_azerbaijan):
    data = layers.census_map(east_azerbaijan, "rate")
    assert data.breaks == [5, 10, 15, 20]
    jenks = layers.census_map(east_azerbaijan, "rate", classification="jenks")
    assert jenks.breaks != data.breaks and len(jenks.breaks) == 4


def test_every_province_draws_with_all_its_census_figures():
    from sakoo.atlas import presentation
    from sakoo.geo.models import CensusActivity

    for province in Province.objects.all():
        data = layers.census_map(province, "rate")
        svg = presentation.svg_map(data)
        expected = sum(
            CensusActivity.objects.filter(province_code=province.code, status="unemployed").values_list(
                "count", flat=True
            )
        )
        assert sum(r.unemployed for r in data.rows) == expected, province.code
        assert svg is not None and len(svg.shapes) >= len([r for r in data.rows if r.county_codes]), (
            province.code
        )
        unmapped = [r.code for r in data.rows if not r.county_codes]
        assert unmapped == [], (province.code, unmapped)


def test_the_sentence_answers_the_governor(east_azerbaijan):
    from django.utils import translation

    from sakoo.atlas import presentation

    with translation.override("en"):
        data = layers.census_map(east_azerbaijan, "unemployed", top=6)
        sentence = presentation.concentration_sentence(data, presentation.concentration_names(data))
    assert sentence.startswith(
        "The 6 counties with the most unemployed (Tabriz, Maragheh, Mianeh, Marand, Malekan, Ahar (with Hurand)) "
        "hold 76.2% of them and 69.1% of the active population, somewhat beyond their share"
    )


def test_english_page_uses_english_names(client):
    from django.conf import settings
    from django.urls import reverse

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("atlas:index"))
    html = response.content.decode()
    assert (
        response.context["data"].title == "Unemployment rate by county, census 2016 — East Azerbaijan: 13.5%"
    )
    assert ">Hashtrud</a>" in html


def test_smoothed_rates_are_pulled_to_the_province_and_flagged_by_rule(east_azerbaijan):
    import math

    data = layers.census_map(east_azerbaijan, "rate", sex="female", education="graduates", smooth=True)
    province = data.province_value
    for r in data.rows:
        raw = 100 * r.unemployed / r.active
        p = r.unemployed / r.active
        assert r.reliable == (r.unemployed >= 10 and math.sqrt(p * (1 - p) / r.active) / p <= 0.30)
        assert min(raw, province) - 1e-9 <= r.smoothed <= max(raw, province) + 1e-9
        assert r.value == r.smoothed


def test_english_page_lists_highest_counties_with_english_commas(client):
    from django.conf import settings
    from django.urls import reverse

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("atlas:index")).content.decode()
    assert "Hashtrud (24.1%), " in html
    assert "،" not in html.split("Highest")[1].split("</p>")[0]
