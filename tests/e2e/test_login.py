"""OTP login in the browser: phone width, Persian, a mobile number typed in Persian digits."""

import re

import pytest

from sakoo.accounts import sms
from sakoo.accounts.models import Role, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSIAN_PHONE = "۰۹۱۲ ۳۴۵ ۶۷۸۹"


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "sakoo.accounts.sms.LocmemSMSBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def _request_code(page):
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("textbox", name="شماره همراه").fill(PERSIAN_PHONE)
    page.get_by_test_id("send-code").click()
    page.wait_for_url("**/accounts/login/code/")


def _code(outbox) -> str:
    assert [message.to for message in outbox] == ["09123456789"]
    return re.search(r"[0-9]{6}", outbox[-1].text).group()


def test_login_with_a_persian_digit_mobile_number(phone_page, sms_outbox, screenshot):
    phone_page.goto("/accounts/login/")
    screenshot(phone_page, "login-phone-fa")
    _request_code(phone_page)
    assert "09123456789" not in phone_page.url
    screenshot(phone_page, "login-code-phone-fa")
    phone_page.get_by_role("textbox", name="کد").fill(_code(sms_outbox))
    phone_page.get_by_test_id("verify-code").click()
    phone_page.wait_for_load_state()
    logout = phone_page.locator("form[action='/accounts/logout/'] button")
    assert logout.is_visible()
    assert User.objects.get(phone="09123456789").role == Role.JOB_SEEKER
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone_page.console_errors == []


def test_a_wrong_code_shows_the_persian_error(phone_page, sms_outbox):
    _request_code(phone_page)
    code = _code(sms_outbox)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    phone_page.get_by_role("textbox", name="کد").fill(wrong)
    phone_page.get_by_test_id("verify-code").click()
    phone_page.wait_for_load_state()
    error = phone_page.locator(".errorlist").first
    assert error.inner_text().strip() == "کد درست نیست. تلاش‌های باقی‌مانده: ۴."
    assert phone_page.locator("form[action='/accounts/logout/']").count() == 0


def test_resend_within_the_cooldown_answers_in_place(phone_page, sms_outbox):
    _request_code(phone_page)
    phone_page.get_by_test_id("resend").click()
    box = phone_page.locator("#resend-box [role=alert]")
    box.wait_for()
    assert box.inner_text().startswith("کد همین حالا فرستاده شد.")
    assert phone_page.url.endswith("/accounts/login/code/")  # swapped by htmx, no page load
    assert len(sms_outbox) == 1
    assert phone_page.console_errors == []
