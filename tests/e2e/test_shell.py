import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_is_persian_rtl_at_phone_width(phone_page, screenshot):
    phone_page.goto("/")
    html = phone_page.locator("html")
    assert html.get_attribute("lang") == "fa"
    assert html.get_attribute("dir") == "rtl"
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone_page, "home-phone-fa")
    assert phone_page.console_errors == []


def test_language_switch_to_english_and_back(phone_page):
    phone_page.goto("/")
    phone_page.get_by_test_id("lang-en").click()
    phone_page.wait_for_load_state()
    assert phone_page.locator("html").get_attribute("lang") == "en"
    assert phone_page.locator("html").get_attribute("dir") == "ltr"
    phone_page.get_by_test_id("lang-fa").click()
    phone_page.wait_for_load_state()
    assert phone_page.locator("html").get_attribute("dir") == "rtl"
