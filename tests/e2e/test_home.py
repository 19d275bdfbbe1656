"""The home page in a real browser: census figures in Persian digits and the 21-county map."""

import pytest

from sakoo.geo.testing import load_reference_for_tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference"),
]


@pytest.fixture
def reference(django_db_blocker):
    """The real provinces, counties and census (the database is flushed after each test)."""
    with django_db_blocker.unblock():
        load_reference_for_tests()


def _open_home(page):
    page.goto("/")
    page.wait_for_selector("#county-map[data-loaded]")
    assert page.get_attribute("#county-map", "data-loaded") == "true"


def _county_paths(page):
    return page.locator("#county-map .leaflet-overlay-pane path")


def test_home_at_phone_width_in_persian(phone_page, screenshot):
    _open_home(phone_page)
    assert phone_page.locator("html").get_attribute("lang") == "fa"
    assert phone_page.get_by_test_id("glance-active").inner_text() == "۱٬۲۶۴٬۵۲۴"
    assert phone_page.get_by_test_id("glance-unemployed").inner_text() == "۱۷۱٬۲۷۲"
    assert phone_page.get_by_test_id("glance-rate").inner_text() == "٪۱۳٫۵"
    assert phone_page.get_by_test_id("glance-population").inner_text() == "۳٬۹۰۹٬۶۵۲"
    assert _county_paths(phone_page).count() == 21
    # Hurand is labelled on the map as having its figures inside Ahar.
    label = phone_page.locator("#county-map .county-label")
    assert label.count() == 1
    assert "هوراند" in label.inner_text()
    assert "اهر" in label.inner_text()
    assert "OpenStreetMap" in phone_page.locator("#county-map .leaflet-control-attribution").inner_text()
    assert phone_page.locator("[data-testid=county-table] tbody tr").count() == 21
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone_page, "home-map-phone-fa")
    assert phone_page.console_errors == []


def test_home_at_desktop_width_shows_county_figures_on_hover(desktop_page, screenshot):
    _open_home(desktop_page)
    paths = _county_paths(desktop_page)
    assert paths.count() == 21
    tabriz = desktop_page.locator("#county-map path.county-0303")
    tabriz.hover()
    tooltip = desktop_page.locator("#county-map .leaflet-tooltip-pane .county-tip")
    tooltip.first.wait_for()
    text = tooltip.first.inner_text()
    assert "تبریز" in text
    assert "۵۶۲٬۹۶۸" in text
    assert "۷۷٬۰۷۴" in text
    # Every county with its own 2016 figures is filled by its rate class; Hurand is not.
    fills = desktop_page.eval_on_selector_all(
        "#county-map .leaflet-overlay-pane path", "els => els.map(e => e.getAttribute('fill'))"
    )
    assert len(set(fills)) > 3
    assert desktop_page.get_attribute("#county-map path.county-0327", "fill") == "#d9d9d9"
    screenshot(desktop_page, "home-map-desktop-fa")
    assert desktop_page.console_errors == []


def test_home_table_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url, locale="fa-IR")
    page = context.new_page()
    page.goto("/")
    rows = page.locator("[data-testid=county-table] tbody tr")
    assert rows.count() == 21
    assert "۵۶۲٬۹۶۸" in page.locator("tr[data-county='0303']").inner_text()
    context.close()
