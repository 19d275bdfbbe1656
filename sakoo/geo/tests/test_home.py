"""The home page: the province at a glance from the 2016 census, the county map and its table."""

import re

import pytest
from django.conf import settings

pytestmark = [pytest.mark.django_db]


def _html(client, language="fa"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # what the language switch sets
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_persian_figures_with_source_and_boundary(client, reference_data):
    html = _html(client)
    assert '<html lang="fa" dir="rtl">' in html
    assert '<dd data-testid="glance-active">۱٬۲۶۴٬۵۲۴</dd>' in html
    assert '<dd data-testid="glance-unemployed">۱۷۱٬۲۷۲</dd>' in html
    assert '<dd data-testid="glance-rate">٪۱۳٫۵</dd>' in html
    assert '<dd data-testid="glance-population">۳٬۹۰۹٬۶۵۲</dd>' in html
    assert "OpenStreetMap" in html
    assert "آذربایجان شرقی در یک نگاه" in html
    assert "منبع: مرکز آمار ایران، سرشماری عمومی نفوس و مسکن ۱۳۹۵." in html
    assert "محدوده: استان در زمان سرشماری، با ۲۰ شهرستان." in html
    assert "نرخ بیکاری در ۲۱ شهرستان آذربایجان شرقی" in html
    assert "ارقام جزو اهر (۱۳۹۵)" in html


def test_english_page(client, reference_data):
    html = _html(client, "en")
    assert '<dd data-testid="glance-active">1,264,524</dd>' in html
    assert '<dd data-testid="glance-rate">13.5%</dd>' in html
    assert "East Azerbaijan at a glance" in html
    assert "Source: Statistical Centre of Iran, 2016 census (1395)." in html
    assert "Boundary: the province as it was at the census, in 20 counties." in html
    assert "Hurand became a county after 2016; its figures are inside Ahar's." in html
    assert "figures inside Ahar (2016)" in html
    assert "includes Hurand (2016 boundary)" in html


def test_table_lists_the_21_counties(client, reference_data):
    html = _html(client, "en")
    table = html.split('data-testid="county-table"')[1].split("</table>")[0]
    rows = re.findall(r'<tr data-county="(\d{4})">', table)
    assert len(rows) == 21
    assert "0327" in rows
    tabriz = table.split('<tr data-county="0303">')[1].split("</tr>")[0]
    assert "562,968" in tabriz
    assert "77,074" in tabriz
    assert "13.7%" in tabriz
    hurand = table.split('<tr data-county="0327">')[1].split("</tr>")[0]
    assert "figures inside Ahar (2016)" in hurand
    cells = re.findall(r"<td[^>]*>(.*?)</td>", hurand, re.S)
    assert cells == ["figures inside Ahar (2016)"]  # no figures of its own


def test_map_is_wired_without_inline_code(client, reference_data):
    html = _html(client)
    assert 'data-geojson-url="/api/v1/geo/counties.geojson?province=03"' in html
    assert "leaflet/leaflet.js" in html
    assert "geo/home-map.js" in html
    assert "<script>" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    assert ' style="' not in html
    assert "<style" not in html


def test_home_queries_do_not_grow_with_counties(client, reference_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/")
