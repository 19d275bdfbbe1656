import pytest

from sakoo.monitoring import selectors
from sakoo.monitoring.aggregates import refresh_monthly_aggregates

from .conftest import MONTH

YM = (1404, 7)


@pytest.fixture
def month(registry):
    refresh_monthly_aggregates((1403, 8), YM)
    return selectors.dashboard(ym=YM, county=None)


def values(board):
    return {f.code: f.value for f in board.headline + board.themes}


def test_headline_figures_match_a_hand_count(month):
    v = values(month)
    assert v["registered_job_seekers"] == 5
    assert v["unemployed_looking"] == 3  # s1, s3, s4 (s4 stopped looking only after the month)
    assert v["employed_looking"] == 1  # s2 changed status during the month
    assert v["new_registrations"] == 1  # s3
    assert v["placements"] == 2  # one through the platform, one reported outside it
    assert v["placements_12m"] == 3
    assert v["open_vacancies"] == 2
    assert v["open_openings"] == 5
    assert v["vacancies_per_job_seeker"] == 1.25
    assert v["median_days_to_placement"] == 93  # (60 + 126) / 2


def test_governor_themes_match_a_hand_count(month):
    v = values(month)
    assert v["graduate_share_placements"] == 0.5
    assert v["graduate_share_seekers"] == 0.6  # s1, s3, s6 of five
    assert v["placements_knowledge_based"] == 1
    assert v["insured_share_placements"] == 0.5
    assert v["permanent_share_placements"] == 0.5
    assert v["women_share_placements"] == 0
    assert v["women_share_seekers"] == 0.4


def test_county_figures(registry):
    refresh_monthly_aggregates(YM, YM)
    marand = selectors.dashboard(ym=YM, county=registry["marand"])
    v = values(marand)
    assert (v["registered_job_seekers"], v["unemployed_looking"], v["placements"]) == (3 - 2, 1, 0)


def test_county_table_sums_to_the_province(month):
    rows = {r["county"].code: r for r in month.county_rows}
    assert rows["0301"]["registered_job_seekers"] == 4
    assert rows["0305"]["registered_job_seekers"] == 1


def test_breakdowns_by_sex_and_source(month):
    assert dict(month.breakdowns["sex"]) == {"female": 2, "male": 3}
    assert dict(month.placement_breakdowns["source"]) == {"platform": 1, "external": 1}


def test_trend_has_the_earlier_placement(month):
    by_month = {f"{y}-{m:02d}": value for (y, m), value in month.trends["placements"]}
    assert by_month["1404-05"] == 1  # 2025-08-01 is 10 Mordad 1404
    assert by_month[MONTH] == 2
