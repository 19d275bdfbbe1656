"""Helpers shared by the browser tests: logging in through the real pages, finding form fields and
flash messages, checking a page at phone width, and pages logged in by session cookie."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.test import Client

from sakoo.accounts.testing import TEST_PASSWORD

PHONE_WIDTH = 360
PHONE = {"width": PHONE_WIDTH, "height": 740}


def form_field(scope, label: str):
    """A form field by its visible label (Django's label tags end with a colon)."""
    return scope.get_by_label(f"{label}:", exact=True)


def flash_message(page) -> str:
    """The text of the page's flash messages."""
    return page.locator(".messages").inner_text().strip()


def fits_phone(page, width: int = PHONE_WIDTH):
    """The page does not scroll sideways at phone width (360 px unless ``width`` says otherwise)."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways at {width} px: scrollWidth {scroll_width}"


def check_phone(page, screenshot, name: str, *, wait: bool = False, lang: str | None = None):
    """The page fits 360 px and has logged no console error; keep a screenshot ``<name>-phone-fa``.

    ``wait=True`` waits for the page to finish loading first; ``lang`` also checks ``<html lang>``."""
    if wait:
        page.wait_for_load_state()
    fits_phone(page)
    assert page.console_errors == [], (page.url, page.console_errors)
    if lang is not None:
        assert page.locator("html").get_attribute("lang") == lang
    screenshot(page, f"{name}-phone-fa")


def latest_sms_code(outbox, mobile: str) -> str:
    """The last login code sent to ``mobile`` in the in-memory SMS outbox."""
    codes = [re.search(r"Sakoo code: ([0-9]{6})", m.text) for m in outbox if m.to == mobile]
    codes = [c.group(1) for c in codes if c]
    assert codes, f"no login code was sent to {mobile}"
    return codes[-1]


def _assert_logged_in(page):
    page.wait_for_load_state()
    assert page.locator(".site-header").get_by_role("button", name="خروج").is_visible()


def _header_login_link(page):
    """From the home page, the header's log-in button."""
    page.goto("/")
    page.locator(".site-header").get_by_role("link", name="ورود").click()


def sms_login(page, outbox, typed_phone: str, mobile: str, *, from_home: bool = False):
    """Log in with the mobile number as typed and the SMS code sent to ``mobile``.

    ``from_home=True`` starts from the home page's header button (and checks that the code page fits
    360 px) instead of opening the login page directly."""
    if from_home:
        _header_login_link(page)
        page.wait_for_url("**/accounts/login/")
    else:
        page.goto("/accounts/login/")
    page.get_by_role("textbox", name="شماره همراه").fill(typed_phone)
    page.get_by_test_id("send-code").click()
    page.wait_for_url("**/accounts/login/code/")
    if from_home:
        fits_phone(page)
    page.get_by_role("textbox", name="کد").fill(latest_sms_code(outbox, mobile))
    page.get_by_test_id("verify-code").click()
    _assert_logged_in(page)


def staff_login(page, username: str, password: str = TEST_PASSWORD, *, from_home: bool = False):
    """Log in on the staff form with a username and password (the factories' password unless given).

    ``from_home=True`` reaches the form through the home page's header button instead of opening
    /accounts/login/staff/ directly."""
    if from_home:
        _header_login_link(page)
    else:
        page.goto("/accounts/login/staff/")
    form = page.get_by_test_id("staff-form")
    form_field(form, "نام کاربری").fill(username)
    form_field(form, "گذرواژه").fill(password)
    form.get_by_role("button", name="ورود").click()
    _assert_logged_in(page)


@contextmanager
def session_pages(browser, live_server) -> Iterator:
    """A factory of phone-width Persian pages, each logged in as a user by session cookie in its own
    browser context; the contexts close on leaving. ``make(user, javascript=False)`` turns JavaScript
    off, ``make(user, axe=True)`` lets axe-core run (it is injected as an inline script)."""
    contexts = []

    def make(user, *, javascript: bool = True, axe: bool = False):
        client = Client()
        client.force_login(user)
        context = browser.new_context(
            viewport=PHONE,
            locale="fa-IR",
            base_url=live_server.url,
            java_script_enabled=javascript,
            bypass_csp=axe,
        )
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        errors = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.console_errors = errors
        return page

    try:
        yield make
    finally:
        for context in contexts:
            context.close()
