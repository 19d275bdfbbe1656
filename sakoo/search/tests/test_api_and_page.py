"""The public API (/api/v1/vacancies) and the search page (/search/)."""

import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.core.cache import cache

from sakoo.core.text import to_persian_digits
from sakoo.search import selectors
from sakoo.search.api import SearchOut, VacancyOut


def test_api_list_with_filters_and_facets(client, fixture_ids):
    cache.clear()
    r = client.get("/api/v1/vacancies", {"q": "كارشناس", "county": "0301"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 2
    assert sorted(x["id"] for x in body["results"]) == sorted([fixture_ids["v01"], fixture_ids["v02"]])
    first = next(x for x in body["results"] if x["id"] == fixture_ids["v01"])
    assert (first["employer"], first["county"], first["wage_min"], first["wage_unit"]) == (
        "شرکت آذر",
        "تبریز",
        200_000_000,
        "rial",
    )
    assert first["url"] == f"/jobs/{fixture_ids['v01']}/"
    assert {f["value"]: f["count"] for f in body["facets"]["county"]} == {"0301": 2, "0302": 1}
    assert SearchOut.model_validate(body).total == 2  # the documented schema
    # every result has exactly the documented fields, nothing of the page's
    assert {tuple(sorted(x)) for x in body["results"]} == {tuple(sorted(VacancyOut.model_fields))}


def test_api_min_wage_is_in_rials_and_accepts_persian_digits(client, fixture_ids):
    cache.clear()
    r = client.get("/api/v1/vacancies", {"min_wage": to_persian_digits(400_000_000)})
    assert [x["id"] for x in r.json()["results"]] == [fixture_ids["v10"], fixture_ids["v09"]][::-1] or sorted(
        x["id"] for x in r.json()["results"]
    ) == sorted([fixture_ids["v09"], fixture_ids["v10"]])


def test_api_bad_values_name_the_field(client, fixture_ids):
    cache.clear()
    r = client.get("/api/v1/vacancies", {"contract": "forever", "min_wage": "lots"})
    assert r.status_code == 422
    assert sorted(e["field"] for e in r.json()["detail"]) == ["contract", "min_wage"]


def test_api_detail_only_public(client, fixture_ids):
    cache.clear()
    assert client.get(f"/api/v1/vacancies/{fixture_ids['v01']}").json()["title"] == "كارشناس ارشد حسابداري"
    for key in ("v26", "v27", "v28", "v29"):
        assert client.get(f"/api/v1/vacancies/{fixture_ids[key]}").status_code == 404


def test_api_is_rate_limited(client, fixture_ids, settings):
    cache.clear()
    settings.SEARCH_API_RATE_LIMIT = 3
    codes = [client.get("/api/v1/vacancies", {"q": "حسابدار"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = client.get("/api/v1/vacancies")
    assert "3" in r.json()["detail"] and r["Retry-After"].isdigit()


def test_api_suggest(client, fixture_ids):
    cache.clear()
    r = client.get("/api/v1/vacancies/suggest", {"q": "حساب"})
    assert [(c["kind"], c["label"]) for c in r.json()] == [
        ("title", "حسابدار"),
        ("title", "حسابداران باتجربه"),
        ("occupation", "حسابدار"),
        ("title", "کمک حسابدار"),
        ("title", "كارشناس ارشد حسابداري"),
        ("occupation", "کمک حسابدار"),
    ]


def test_search_page_tomans_and_persian_digits(client, fixture_ids):
    r = client.get("/search/", {"q": "كارشناس", "min_wage": "۲۰۰۰۰۰۰۰"})  # 20,000,000 tomans
    html = r.content.decode()
    assert r.status_code == 200
    assert html.count('data-testid="result"') == 1  # v01 (200–300 M rials); v02's 150 M is below
    assert "<mark>كارشناس</mark>" in html


def test_search_page_bad_input_keeps_what_was_typed(client, fixture_ids):
    r = client.get("/search/", {"q": "حسابدار", "min_wage": "خیلی", "page": "x"})
    html = r.content.decode()
    assert r.status_code == 200
    assert 'value="خیلی"' in html
    assert 'data-testid="results"' not in html


def test_search_page_no_results_offers_widening(client, fixture_ids):
    r = client.get("/search/", {"q": "حسابدار", "county": "0302"})
    html = r.content.decode()
    assert 'data-testid="no-results"' in html
    assert "?q=%D8%AD%D8%B3%D8%A7%D8%A8%D8%AF%D8%A7%D8%B1&amp;near=1" in html or "near=1" in html


def _chips(html: str) -> dict[str, tuple[str, str]]:
    """``data-filter`` → (the chip's text without the hidden prefix and the ×, its href)."""
    out = {}
    for href, param, text in re.findall(
        r'<a href="([^"]*)" data-filter="([^"]+)"[^>]*>(.*?)</a>', html, flags=re.S
    ):
        text = re.sub(r"<span[^>]*>.*?</span>", "", text, flags=re.S).strip()
        out[param] = (text, href.replace("&amp;", "&"))
    return out


def test_search_page_shows_each_active_filter_with_a_link_that_removes_it(client, fixture_ids):
    r = client.get(
        "/search/",
        {
            "q": "كارشناس",
            "county": "0301",
            "near": "1",
            "min_wage": "۲۰۰۰۰۰۰۰",
            "contract": "permanent",
            "it": "0",
            "occupation": "24",
        },
    )
    html = r.content.decode()
    chips = _chips(html)
    assert set(chips) == {"county", "occupation", "min_wage", "contract", "it"}
    assert chips["occupation"][0] == "گروه شغلی: ۲۴"
    assert chips["county"][0] == "شهرستان: تبریز و شهرستان‌های همسایه"
    assert chips["min_wage"][0] == "حداقل حقوق: ۲۰٬۰۰۰٬۰۰۰ تومان"
    assert chips["it"][0] == "فناوری اطلاعات: خیر"
    county_href = chips["county"][1]
    assert "county=" not in county_href and "near=" not in county_href  # "near me" goes with its county
    assert "min_wage=" in county_href and "q=" in county_href
    assert "min_wage=" not in chips["min_wage"][1] and "county=0301" in chips["min_wage"][1]
    # the filter panel stays folded on a page load, so a phone shows the results first
    assert '<details class="search-filters" >' in html


def test_search_page_without_filters_has_no_chips_and_errors_open_the_panel(client, fixture_ids):
    html = client.get("/search/", {"q": "حسابدار"}).content.decode()
    assert 'data-testid="filter-chips"' not in html
    html = client.get("/search/", {"q": "حسابدار", "min_wage": "خیلی"}).content.decode()
    assert '<details class="search-filters" open>' in html
    assert 'data-testid="filter-chips"' not in html


def test_search_page_htmx_returns_the_partial(client, fixture_ids):
    r = client.get("/search/", {"q": "راننده"}, headers={"HX-Request": "true", "HX-Target": "search-results"})
    html = r.content.decode()
    assert "<form" not in html
    assert html.count('data-testid="result"') == 3


def test_suggest_partial(client, fixture_ids):
    r = client.get("/search/suggest", {"q": "تبر"})
    assert "?county=0301" in r.content.decode()


def test_long_query_and_page_out_of_range_are_explained(client, fixture_ids):
    cache.clear()
    body = client.get("/api/v1/vacancies", {"q": "حسابدار " * 1250, "page": "99"}).json()
    assert (body["total"], body["page"], body["page_clamped"], body["query_truncated"]) == (4, 1, True, True)
    assert body["notices"] == [
        "عبارت جست‌وجو بسیار بلند بود و کوتاه شد.",
        "چنین صفحه‌ای وجود ندارد؛ این صفحهٔ آخر است.",
    ]
    html = client.get("/search/", {"q": '+-:^~*()" AND OR NOT ' * 500}).content.decode()
    assert 'role="status"' in html


def test_operator_characters_over_http_are_not_errors(client, fixture_ids):
    cache.clear()
    for q in ['"', "(((", "*:*", "AND", "حسابدار^2~"]:
        assert client.get("/api/v1/vacancies", {"q": q}).status_code == 200
        assert client.get("/search/", {"q": q}).status_code == 200


def test_page_county_select_lists_the_province_and_keeps_choices(client, fixture_ids):
    from sakoo.geo.models import County, Province

    other = Province.objects.create(code="04", name_fa="آذربایجان غربی")
    County.objects.create(
        code="0401", province=other, name_fa="ارومیه", osm_relation=9_990_401, search_key="ارومیه"
    )
    selectors.clear_reference_cache()
    html = client.get("/search/", {"q": "کارشناس", "contract": "permanent"}).content.decode()
    county_select = html[html.index('name="county"') : html.index("</select>", html.index('name="county"'))]
    codes = re.findall(r'<option value="(\d+)"', county_select)
    assert "0401" not in codes  # counties of other provinces are not offered
    assert codes and all(code.startswith("03") for code in codes)
    assert '<option value="permanent" selected>' in html  # the chosen contract stays chosen
    assert '<select name="contract" id="id_contract">' in html

    html = client.get("/search/", {"county": "0401"}).content.decode()
    assert re.search(r'<option value="0401"\s*selected>ارومیه</option>', html)  # asked for by code


def test_api_dates_are_written_as_before(client, fixture_ids):
    cache.clear()
    body = client.get("/api/v1/vacancies", {"q": "کارشناس"}).json()
    published = body["results"][0]["published_at"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z", published)
    assert SearchOut.model_validate(body).results[0].published_at is not None


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 11, 26, 8, 30, tzinfo=UTC),
        datetime(2026, 11, 26, 8, 30, 5, 123456, tzinfo=UTC),
        datetime(2026, 11, 26, 8, 30, 5, 120, tzinfo=timezone(timedelta(hours=3, minutes=30))),
        datetime(2026, 11, 26, 8, 30, 5),
    ],
)
def test_api_datetimes_are_written_as_djangos_json_encoder_writes_them(value):
    from django.core.serializers.json import DjangoJSONEncoder

    from sakoo.search.api import _json_datetime

    assert _json_datetime(value) == DjangoJSONEncoder().default(value)
