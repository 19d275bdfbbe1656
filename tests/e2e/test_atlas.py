"""The unemployment atlas in a real browser, at phone and desktop widths (screenshots in var/screenshots)."""

import pytest

from sakoo.geo.testing import reference_data_per_test  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reference(reference_data_per_test):  # noqa: F811
    return None


def test_desktop_map_is_interactive_and_titled(desktop_page, screenshot, reference):
    page = desktop_page
    page.goto("/atlas/")
    assert page.get_by_test_id("atlas-title").inner_text().startswith("نرخ بیکاری")
    # Leaflet replaces the server-drawn map; 20 census units (Ahar with Hurand as one) are drawn.
    page.locator('.atlas-leaflet[data-ready="1"]').wait_for()
    assert page.locator(".atlas-leaflet path.leaflet-interactive").count() == 20
    page.locator(".atlas-leaflet path.leaflet-interactive").nth(5).hover()
    tooltip = page.locator(".leaflet-tooltip").first
    tooltip.wait_for()
    assert "٪" in tooltip.inner_text()
    assert page.get_by_test_id("share-unemployed").inner_text() == "٪۷۶٫۲"
    screenshot(page, "atlas-desktop-map")
    assert page.console_errors == []


def test_desktop_tabs_show_chart_and_table(desktop_page, screenshot, reference):
    page = desktop_page
    page.goto("/atlas/")
    page.get_by_role("tab", name="نمودار").click()
    assert page.locator("#atlas-chart").is_visible()
    assert page.locator("#atlas-map").is_hidden()
    assert page.locator(".atlas-bar").count() == 20
    screenshot(page, "atlas-desktop-chart")
    page.get_by_role("tab", name="جدول").click()
    assert page.get_by_test_id("atlas-table").locator("tbody tr").count() == 20
    screenshot(page, "atlas-desktop-table")


def test_phone_width_fits_and_pickers_work(phone_page, screenshot, reference):
    page = phone_page
    page.goto("/atlas/")
    page.locator('.atlas-leaflet[data-ready="1"]').wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "atlas-phone-map")
    page.locator("#id_indicator").select_option("unemployed")
    page.locator("#id_sex").select_option("female")
    page.get_by_role("button", name="نمایش").click()
    page.wait_for_load_state()
    assert "indicator=unemployed" in page.url
    page.locator('.atlas-leaflet[data-ready="1"]').wait_for()
    assert page.locator(".atlas-leaflet circle, .atlas-leaflet path.leaflet-interactive").count() > 20
    screenshot(page, "atlas-phone-unemployed-women")
    assert page.console_errors == []


def test_page_works_without_javascript(browser, live_server, screenshot, reference):
    context = browser.new_context(
        java_script_enabled=False,
        viewport={"width": 1280, "height": 900},
        base_url=live_server.url,
        locale="fa-IR",
    )
    page = context.new_page()
    page.goto("/atlas/?province=23")
    assert page.get_by_test_id("atlas-svg").is_visible()
    assert page.get_by_test_id("atlas-table").is_visible()
    assert "تهران" in page.get_by_test_id("atlas-title").inner_text()
    screenshot(page, "atlas-nojs-tehran")
    context.close()


def test_county_fact_sheet_at_phone_width(phone_page, screenshot, reference):
    page = phone_page
    page.goto("/atlas/county/0303/")
    assert page.get_by_test_id("sheet-title").inner_text() == "شناسنامهٔ شهرستان تبریز"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "atlas-phone-county-tabriz")


def test_registry_layer_shows_suppressed_swatch(desktop_page, screenshot, reference):
    import datetime as dt

    from sakoo.atlas.tests.registry_data import make_seekers
    from sakoo.core.jalali import jalali_month_range

    first, _last = jalali_month_range(1404, 7)
    for code, n in (("0303", 60), ("0306", 25), ("0310", 18), ("0305", 4), ("0307", 12)):
        make_seekers(code, n, registered_on=first - dt.timedelta(days=5))
    page = desktop_page
    page.goto("/atlas/?layer=registry&indicator=seekers_per_1000&month=1404-07")
    page.locator('.atlas-leaflet[data-ready="1"]').wait_for()
    assert page.get_by_test_id("atlas-title").inner_text().startswith("کارجویان ثبت‌نام‌شدهٔ جویای کار")
    assert page.locator('.atlas-table tr[data-code="0305"] td').first.inner_text() == "پنهان"
    screenshot(page, "atlas-desktop-registry")
    assert page.console_errors == []


def _log_in(page, live_server, role):
    from django.conf import settings
    from django.test import Client

    from sakoo.accounts.testing import UserFactory

    client = Client()
    client.force_login(UserFactory(role=role))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_admin_adds_and_retires_a_reference_figure_at_phone_width(
    phone_page, live_server, screenshot, reference
):
    page = phone_page
    _log_in(page, live_server, "province_admin")
    page.goto("/atlas/reference-figures/")
    assert page.get_by_test_id("reference-empty").is_visible()
    page.get_by_label("چه چیزی را می‌شمارد").fill("بیکاران، برآورد طرح نیروی کار")
    page.get_by_label("مقدار").fill("دوازده")
    page.get_by_label("منبع").fill("مرکز آمار ایران")
    page.get_by_label("دورهٔ مرجع").fill("بهار ۱۴۰۴")
    page.get_by_label("تاریخ رقم (شمسی)").fill("۱۴۰۴/۰۳/۳۱")
    page.get_by_test_id("reference-save").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("form-errors").is_visible()
    assert "مقدار: یک عدد وارد کنید" in page.content()
    assert page.get_by_label("منبع").input_value() == "مرکز آمار ایران"  # what was typed is kept
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "atlas-phone-reference-error")
    page.get_by_label("مقدار").fill("۱۲۵٬۰۰۰")
    page.get_by_test_id("reference-save").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("reference-list").locator("li").count() == 1
    screenshot(page, "atlas-phone-reference-list")
    page.goto("/atlas/")
    figures = page.get_by_test_id("reference-figures").inner_text()
    assert "۱۲۵٬۰۰۰" in figures
    assert "مرکز آمار ایران" in figures
    assert "۳۱ خرداد ۱۴۰۴" in figures
    page.goto("/atlas/reference-figures/")
    page.get_by_test_id("reference-list").get_by_role("button", name="کنار گذاشتن").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("reference-empty").is_visible()
    assert page.get_by_test_id("retired-list").locator("li").count() == 1


def test_phone_pickers_and_title_are_persian(phone_page, screenshot, reference):
    page = phone_page
    page.goto("/atlas/")
    assert page.locator("#id_top").input_value() == "۶"
    assert page.locator("#id_month").input_value()[:2] == "۱۴"
    assert "سرشماری ۱۳۹۵" in page.get_by_test_id("atlas-title").inner_text()
    page.locator("#id_top").fill("۳")
    page.get_by_role("button", name="نمایش").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("concentration-counties").locator("li").count() == 3


def test_hurand_sheet_says_the_census_figures_are_ahars(phone_page, screenshot, reference):
    page = phone_page
    page.goto("/atlas/county/0327/")
    assert (
        page.get_by_test_id("sheet-unit")
        .inner_text()
        .startswith("ارقام سرشماری ۱۳۹۵ در این شناسنامه برای اهر (با هوراند)")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "atlas-phone-county-hurand")
