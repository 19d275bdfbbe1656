"""Search in a real browser, at phone width, in Persian, as a signed-in job seeker: an Arabic-kaf query,
a Persian-digit minimum wage (tomans), a county filter, the no-results help, opening a result, applying."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from sakoo.geo.models import County
from sakoo.search import selectors, services
from sakoo.search.testing import make_search_fixture
from sakoo.vacancies.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def vacancies(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    services.reset_engine()
    selectors.clear_reference_cache()
    ids = make_search_fixture(timezone.now())
    services.rebuild_search_index()
    yield ids
    services.reset_engine()
    selectors.clear_reference_cache()


def _results(page):
    return page.get_by_test_id("result")


@pytest.fixture
def seeker_page(phone_page, vacancies, live_server):
    """The phone page, signed in as a job seeker of Tabriz (session cookie from the test client)."""
    from sakoo.vacancies.tests import factories as f

    seeker = f.seeker(county=County.objects.get(code="0301"), first_name="مریم")
    client = Client()
    client.force_login(seeker.user)
    phone_page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    phone_page.seeker = seeker
    return phone_page


def test_search_at_phone_width_in_persian(seeker_page, vacancies, screenshot):
    page = seeker_page
    page.goto("/search/")
    assert page.locator("html").get_attribute("lang") == "fa"
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.get_by_test_id("search-q").fill("كارشناس")  # Arabic kaf and yeh-less spelling
    page.get_by_test_id("search-submit").click()
    page.wait_for_url("**/search/?*")
    assert _results(page).count() == 3
    assert page.get_by_test_id("result-count").inner_text().startswith("۳ ")

    page.locator(".search-filters summary").click()
    page.get_by_test_id("filter-min-wage").fill("۲۰۰۰۰۰۰۰")  # 20,000,000 tomans = 200,000,000 rials
    page.get_by_test_id("filter-county").select_option(label="تبریز")
    page.get_by_test_id("filter-submit").click()
    page.wait_for_url("**county=0301**")
    assert _results(page).count() == 1
    assert _results(page).first.locator("h2").inner_text() == "كارشناس ارشد حسابداري"
    screenshot(page, "search-phone-fa")

    assert page.locator(".search-filters[open]").count() == 1  # stays open while filters are active
    page.get_by_test_id("filter-county").select_option(label="اسکو")
    page.get_by_test_id("filter-submit").click()
    page.wait_for_url("**county=0302**")
    help_box = page.get_by_test_id("no-results")
    assert help_box.is_visible()
    assert "شهرستان" in help_box.inner_text()

    # each active filter is shown above the results with a link that removes it
    chips = page.get_by_test_id("filter-chips").locator("a")
    assert [c.get_attribute("data-filter") for c in chips.all()] == ["county", "min_wage"]
    county_chip = page.locator(".filter-chips a[data-filter=county]")
    assert "شهرستان: اسکو" in county_chip.inner_text()
    county_chip.click()
    page.wait_for_url(lambda url: "county=" not in url and "min_wage=" in url)
    assert _results(page).first.locator("h2").inner_text() == "كارشناس ارشد حسابداري"
    assert page.locator(".search-filters[open]").count() == 0  # folded on a page load: results come first
    assert [
        c.get_attribute("data-filter") for c in page.get_by_test_id("filter-chips").locator("a").all()
    ] == ["min_wage"]

    page.goto(
        "/search/?q=%D9%83%D8%A7%D8%B1%D8%B4%D9%86%D8%A7%D8%B3&min_wage=%DB%B2%DB%B0%DB%B0%DB%B0%DB%B0%DB%B0%DB%B0%DB%B0"
    )
    _results(page).first.locator("h2 a").click()
    page.wait_for_url(f"**/jobs/{vacancies['v01']}/")
    assert page.get_by_test_id("vacancy-title").inner_text() == "كارشناس ارشد حسابداري"
    page.get_by_test_id("apply").click()
    page.wait_for_url(f"**/jobs/{vacancies['v01']}/")
    assert page.get_by_test_id("application-status").is_visible()
    assert list(Application.objects.values_list("vacancy_id", "seeker_id")) == [
        (vacancies["v01"], page.seeker.pk)
    ]
    assert page.console_errors == []


def test_suggestions_never_cover_the_results_of_a_quick_search(phone_page, vacancies):
    """Typing, then Enter within the typeahead's delay: the late suggestions are not shown over the
    results; typing again brings suggestions back."""
    page = phone_page
    page.goto("/search/")
    box = page.get_by_test_id("search-q")
    box.press_sequentially("حسابدار", delay=10)
    box.press("Enter")
    page.wait_for_url("**/search/?*q=*")
    _results(page).first.wait_for()
    page.wait_for_timeout(700)  # well past the 250 ms typeahead delay and its response
    assert page.locator("#search-suggest .suggest-list").count() == 0
    box.fill("")
    box.press_sequentially("حساب", delay=10)
    page.locator("#search-suggest .suggest-list").wait_for()
    assert page.console_errors == []
