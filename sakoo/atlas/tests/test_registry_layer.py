"""The registry layer: registered job seekers (never 'the unemployed'), suppression, rounding, change."""

import datetime as dt

import pytest
from django.utils import translation

from sakoo.atlas import layers, stats
from sakoo.atlas.tests.registry_data import make_seekers
from sakoo.core.jalali import jalali_month_range
from sakoo.geo.models import Province
from sakoo.seekers.models import StatusChange

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]
MEHR_1404 = (1404, 7)
ABAN_1404 = (1404, 8)


@pytest.fixture
def registry():
    first, _last = jalali_month_range(*MEHR_1404)
    before = first - dt.timedelta(days=40)
    make_seekers("0303", 25, registered_on=before)  # Tabriz
    make_seekers("0322", 4, registered_on=before, sex="female")  # Osku: a small cell
    make_seekers("0312", 12, registered_on=before, graduate=True)  # Bonab
    make_seekers("0303", 3, registered_on=first + dt.timedelta(days=3), sex="female")  # new in Mehr
    return Province.objects.get(code="03")


def _by_code(data):
    return {r.code: r for r in data.rows}


def test_officials_see_exact_counts(registry):
    data = layers.registry_map(registry, "seekers", month=MEHR_1404, exact=True)
    rows = _by_code(data)
    assert (rows["0303"].value, rows["0322"].value, rows["0312"].value) == (28, 4, 12)
    assert data.province_value == 44
    assert len(data.rows) == 21


def test_public_counts_are_suppressed_and_rounded(registry):
    data = layers.registry_map(registry, "seekers", month=MEHR_1404, exact=False)
    rows = _by_code(data)
    # Osku (4) is suppressed; the province total would reveal it, so Bonab (12, the next smallest) goes too.
    assert (rows["0322"].suppressed, rows["0312"].suppressed) == (True, True)
    assert (rows["0322"].value, rows["0312"].value) == (None, None)
    assert rows["0303"].value == 30  # 28 rounded to 5
    assert data.province_value == 45  # 44 rounded to 5
    assert rows["0322"].colour == stats.SUPPRESSED_COLOUR


def test_the_title_says_registered_job_seekers_not_unemployed(registry):
    with translation.override("en"):
        data = layers.registry_map(registry, "seekers_per_1000", month=MEHR_1404, exact=True)
    assert data.title.startswith("Registered job seekers looking for work per 1,000 active population")
    assert "unemployed" not in data.counts.lower().replace("registered job seekers", "")


def test_per_1000_uses_the_census_denominator(registry):
    data = layers.registry_map(registry, "seekers_per_1000", month=MEHR_1404, exact=True)
    assert _by_code(data)["0303"].value == pytest.approx(1000 * 28 / 562968)


def test_new_registrations_and_change_from_previous_month(registry):
    data = layers.registry_map(registry, "new_registrations", month=MEHR_1404, exact=True)
    assert _by_code(data)["0303"].value == 3
    women = layers.registry_map(registry, "women_share", month=MEHR_1404, exact=True)
    tabriz = _by_code(women)["0303"]
    # Shahrivar: 0 women of 25; Mehr: 3 of 28 → +10.7 percentage points
    assert round(tabriz.value, 1) == 10.7
    assert round(tabriz.change, 1) == 10.7


def test_status_at_month_end_counts_not_the_current_status(registry):
    first, _last = jalali_month_range(*ABAN_1404)
    seeker = registry.counties.get(code="0303").job_seekers.first()
    StatusChange.objects.create(seeker=seeker, status="not_looking", valid_from=first + dt.timedelta(days=1))
    mehr = layers.registry_map(registry, "seekers", month=MEHR_1404, exact=True)
    aban = layers.registry_map(registry, "seekers", month=ABAN_1404, exact=True)
    assert (_by_code(mehr)["0303"].value, _by_code(aban)["0303"].value) == (28, 27)
    assert _by_code(aban)["0303"].change == -1


def test_fixed_classes_do_not_move_between_months(registry):
    mehr = layers.registry_map(registry, "seekers_per_1000", month=MEHR_1404, exact=True)
    make_seekers("0310", 200, registered_on=jalali_month_range(*ABAN_1404)[0])
    aban = layers.registry_map(registry, "seekers_per_1000", month=ABAN_1404, exact=True)
    assert mehr.breaks == aban.breaks == [2.5, 5, 10, 20]
    jenks_mehr = layers.registry_map(
        registry, "seekers_per_1000", month=MEHR_1404, exact=True, classification="jenks"
    )
    jenks_aban = layers.registry_map(
        registry, "seekers_per_1000", month=ABAN_1404, exact=True, classification="jenks"
    )
    assert jenks_mehr.breaks != jenks_aban.breaks


def test_registry_concentration_only_for_officials(registry):
    public = layers.registry_map(registry, "seekers", month=MEHR_1404, exact=False)
    exact = layers.registry_map(registry, "seekers", month=MEHR_1404, exact=True, top=2)
    assert public.concentration is None
    assert exact.concentration.counties == ["0303", "0312"]
    assert exact.concentration.share_unemployed == pytest.approx(40 / 44)


def test_change_is_coloured_on_the_diverging_palette(registry):
    data = layers.registry_map(registry, "women_share", month=MEHR_1404, exact=True, by_change=True)
    tabriz = _by_code(data)["0303"]
    assert (data.palette, data.breaks) == ("RdBu_r", [-5, -1, 1, 5])
    assert (tabriz.class_index, tabriz.colour) == (4, stats.PALETTES["RdBu_r"][4])  # +10.7 points
    assert _by_code(data)["0312"].colour == stats.PALETTES["RdBu_r"][2]  # 0 of 12 → 0 of 12: no change


def test_current_month_is_marked_preliminary(registry, time_machine):
    time_machine.move_to("2025-10-15 12:00:00+03:30")  # 23 Mehr 1404
    assert layers.registry_map(registry, "seekers", month=MEHR_1404, exact=True).preliminary is True
    assert layers.registry_map(registry, "seekers", month=(1404, 6), exact=True).preliminary is False


def test_public_shares_are_built_from_rounded_counts(registry):
    data = layers.registry_map(registry, "women_share", month=MEHR_1404, exact=False)
    tabriz = _by_code(data)["0303"]
    # Tabriz has 3 women of 28: the women cell (3) is under 10, so the share is suppressed.
    assert tabriz.suppressed is True
    per_1000 = layers.registry_map(registry, "seekers_per_1000", month=MEHR_1404, exact=False)
    row = _by_code(per_1000)["0303"]
    assert (row.numerator, row.value) == (30, 1000 * 30 / 562968)  # 28 rounded to 30
