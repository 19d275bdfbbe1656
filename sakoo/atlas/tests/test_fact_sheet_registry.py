"""County fact sheets: registry key figures against the province for the latest complete Jalali month."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from sakoo.atlas import layers, selectors
from sakoo.atlas.tests.registry_data import make_seekers, official
from sakoo.core.jalali import jalali_month_range
from sakoo.geo.models import Province

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]
MEHR_1404 = (1404, 7)
IN_ABAN_1404 = dt.datetime(2025, 11, 5, 9, 0, tzinfo=dt.UTC)  # 14 Aban 1404: Mehr is the latest complete


@pytest.fixture
def registry():
    first, _last = jalali_month_range(*MEHR_1404)
    before = first - dt.timedelta(days=40)
    make_seekers("0303", 20, registered_on=before)  # Tabriz
    make_seekers("0303", 8, registered_on=before, sex="female", graduate=True)
    make_seekers("0322", 4, registered_on=before, sex="female")  # Osku: a small cell
    make_seekers("0312", 12, registered_on=before, graduate=True)  # Bonab


def _figures(sheet):
    return {f.key: f for f in sheet.registry_figures}


@time_machine.travel(IN_ABAN_1404, tick=False)
def test_latest_complete_month_is_the_previous_jalali_month():
    assert selectors.latest_complete_month() == MEHR_1404


@time_machine.travel(IN_ABAN_1404, tick=False)
def test_public_sheet_has_rounded_and_suppressed_registry_figures(client, registry):
    response = client.get(reverse("atlas:county", args=["0303"]))
    sheet = response.context["sheet"]
    figures = _figures(sheet)
    assert list(figures) == [
        "seekers",
        "seekers_per_1000",
        "placements",
        "vacancies",
        "vacancies_per_seeker",
        "graduate_share",
        "women_share",
    ]
    assert (figures["seekers"].value, figures["seekers"].province_value) == (30, 45)  # 28 and 44, rounded
    # The same figures as the atlas page's registry maps of that month (public view).
    province = Province.objects.get(code="03")
    for key, figure in figures.items():
        data = layers.registry_map(province, key, month=MEHR_1404, exact=False)
        row = next(r for r in data.rows if r.code == "0303")
        assert (figure.value, figure.suppressed, figure.province_value) == (
            row.value,
            row.suppressed,
            data.province_value,
        )
    assert sheet.registry_month == "مهر ۱۴۰۴"
    html = response.content.decode()
    assert 'data-testid="sheet-registry"' in html
    assert "کارجویان ثبت‌نام‌شده و آگهی‌های استخدام، مهر ۱۴۰۴" in html
    osku = _figures(client.get(reverse("atlas:county", args=["0322"])).context["sheet"])
    assert (osku["seekers"].suppressed, osku["seekers"].value) == (True, None)
    assert osku["women_share"].value is None
    assert "4" not in str(osku["seekers_per_1000"].value or "")


@time_machine.travel(IN_ABAN_1404, tick=False)
def test_officials_see_exact_registry_figures(client, registry):
    client.force_login(official("county_officer"))
    figures = _figures(client.get(reverse("atlas:county", args=["0322"])).context["sheet"])
    assert (figures["seekers"].value, figures["seekers"].province_value) == (4, 44)
    assert figures["women_share"].value == 100
    tabriz = _figures(client.get(reverse("atlas:county", args=["0303"])).context["sheet"])
    assert tabriz["graduate_share"].value == pytest.approx(100 * 8 / 28)


@time_machine.travel(IN_ABAN_1404, tick=False)
def test_hurand_per_1000_is_computed_over_ahar_and_says_so(client, registry):
    make_seekers("0327", 10, registered_on=dt.date(2025, 8, 1))
    client.force_login(official())
    figures = _figures(client.get(reverse("atlas:county", args=["0327"])).context["sheet"])
    assert figures["seekers_per_1000"].value == pytest.approx(1000 * 10 / 49491)
    assert figures["seekers_per_1000"].note.startswith("نسبت در هزار برای اهر")


def test_no_registry_figures_for_another_province(client):
    response = client.get(reverse("atlas:county", args=["2301"]))
    assert response.status_code == 200
    assert response.context["sheet"].registry_figures == []


def test_tiny_education_groups_are_left_out_of_the_bars(client):
    sheet = client.get(reverse("atlas:county", args=["0303"])).context["sheet"]
    assert "unknown" not in [b.key for b in sheet.education_bars]  # 32 active persons in Tabriz
    assert min(b.active for b in sheet.education_bars) >= selectors.MIN_BAR_ACTIVE


def test_highest_and_lowest_lists_leave_out_suppressed_counties(client, registry):
    response = client.get(
        reverse("atlas:index"), {"layer": "registry", "indicator": "seekers", "month": "1404-07"}
    )
    shown = [r.code for r in response.context["top_counties"] + response.context["bottom_counties"]]
    suppressed = {r.code for r in response.context["data"].rows if r.suppressed}
    assert suppressed == {"0322", "0312"}
    assert response.context["top_counties"][0].code == "0303"
    assert set(shown) & suppressed == set()
