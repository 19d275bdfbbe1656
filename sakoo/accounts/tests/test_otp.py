"""Login with a mobile number and an SMS code."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sakoo.accounts.models import LoginFailure, OneTimeCode, Role, SecurityEvent, User
from sakoo.accounts.testing import UserFactory
from sakoo.accounts.tests.helpers import last_code, request_code, submit_code, wrong_code

pytestmark = pytest.mark.django_db
PHONE = "09121234567"


def _errors(response) -> list[str]:
    return response.context["form"].errors.get("code", [])


def test_correct_code_logs_in_and_creates_a_job_seeker(client, sms_outbox):
    response = request_code(client, PHONE)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login_code")
    assert [m.to for m in sms_outbox] == [PHONE]

    response = submit_code(client, last_code())

    assert response.status_code == 302
    user = User.objects.get(phone=PHONE)
    assert user.role == Role.JOB_SEEKER
    assert user.has_usable_password() is False
    assert client.session["_auth_user_id"] == str(user.pk)


def test_first_login_as_employer_creates_an_employer(client):
    request_code(client, PHONE, employer=True)
    submit_code(client, last_code())
    assert User.objects.get(phone=PHONE).role == Role.EMPLOYER


def test_employer_tick_does_not_change_an_existing_job_seeker(client):
    user = UserFactory(role=Role.JOB_SEEKER, phone=PHONE)
    request_code(client, PHONE, employer=True)
    submit_code(client, last_code())
    user.refresh_from_db()
    assert (user.role, client.session["_auth_user_id"]) == (Role.JOB_SEEKER, str(user.pk))


@pytest.mark.parametrize(
    "typed",
    [
        "۰۹۱۲۱۲۳۴۵۶۷",
        "+98 912 123 4567",
        "0098-912-123-4567",
        "9121234567",
        "\u200f۰۹۱۲-۱۲۳-۴۵۶۷\u200e",
        "٠٩١٢١٢٣٤٥٦٧",
    ],
)
def test_every_form_of_the_number_reaches_the_same_user(client, typed):
    user = UserFactory(role=Role.JOB_SEEKER, phone=PHONE)
    request_code(client, typed)
    submit_code(client, last_code())
    assert client.session["_auth_user_id"] == str(user.pk)
    assert User.objects.filter(phone__endswith="1234567").count() == 1


def test_code_in_persian_digits_with_spaces_is_accepted(client):
    request_code(client, PHONE)
    persian = last_code().translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert submit_code(client, f"\u200f{persian[:3]} {persian[3:]}").status_code == 302
    assert "_auth_user_id" in client.session


def test_phone_never_in_url(client):
    response = request_code(client, PHONE)
    assert "1234567" not in response["Location"]
    page = client.get(response["Location"])
    assert "0912*****67" in page.content.decode()
    assert PHONE not in page.content.decode()


def test_wrong_code_is_refused_with_persian_message(client):
    request_code(client, PHONE)
    response = submit_code(client, wrong_code(last_code()))
    assert response.status_code == 400
    assert _errors(response) == ["کد درست نیست. تلاش‌های باقی‌مانده: ۴."]
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(phone=PHONE).exists() is False


def test_expired_code_is_refused(client):
    request_code(client, PHONE)
    code = last_code()
    with time_machine.travel(timezone.now() + timedelta(minutes=5, seconds=1)):
        response = submit_code(client, code)
    assert _errors(response) == ["این کد منقضی شده است. کد تازه بخواهید."]
    assert "_auth_user_id" not in client.session


def test_code_still_works_just_before_expiry(client):
    request_code(client, PHONE)
    code = last_code()
    with time_machine.travel(timezone.now() + timedelta(minutes=4, seconds=50)):
        assert submit_code(client, code).status_code == 302


def test_reused_code_is_refused(client):
    request_code(client, PHONE)
    code = last_code()
    submit_code(client, code)
    client.logout()
    # The attacker (or a second tab) still has the phone in the session and the old code.
    session = client.session
    session["sakoo_otp_login"] = {"phone": PHONE, "role": "job_seeker", "next": ""}
    session.save()
    response = submit_code(client, code)
    assert _errors(response) == ["این کد قبلاً به کار رفته است. کد تازه بخواهید."]
    assert "_auth_user_id" not in client.session


def test_guessing_beyond_five_attempts_voids_the_code(client):
    request_code(client, PHONE)
    code = last_code()
    for _ in range(4):
        submit_code(client, wrong_code(code))
    fifth = submit_code(client, wrong_code(code))
    assert _errors(fifth) == ["کدهای نادرست زیادی وارد شد. این کد دیگر کار نمی‌کند؛ کد تازه بخواهید."]
    # Even the right code no longer works.
    response = submit_code(client, code)
    assert _errors(response) == ["کدهای نادرست زیادی وارد شد. این کد دیگر کار نمی‌کند؛ کد تازه بخواهید."]
    assert "_auth_user_id" not in client.session
    assert OneTimeCode.objects.get().attempts == 5


def test_a_new_code_voids_the_old_one(client):
    request_code(client, PHONE)
    old = last_code()
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        client.post(reverse("accounts:login_resend"))
        new = last_code()
        if new == old:  # one chance in a million
            pytest.skip("the two random codes are equal")
        assert _errors(submit_code(client, old)) == ["کد درست نیست. تلاش‌های باقی‌مانده: ۴."]
        assert submit_code(client, new).status_code == 302


def test_resend_cooldown(client, sms_outbox):
    request_code(client, PHONE)
    response = client.post(reverse("accounts:login_resend"), follow=True)
    assert len(sms_outbox) == 1
    assert [str(m) for m in response.context["messages"]] == [
        "کد همین حالا فرستاده شد. به‌زودی می‌توانید کد تازه بخواهید. ۶۰ ثانیهٔ دیگر دوباره تلاش کنید."
    ]
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        client.post(reverse("accounts:login_resend"))
    assert len(sms_outbox) == 2


def test_resend_with_htmx_swaps_only_the_box(client, sms_outbox):
    request_code(client, PHONE)
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        response = client.post(reverse("accounts:login_resend"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="resend-box"')
    assert "کد تازه فرستاده شد" in body
    assert len(sms_outbox) == 2


def test_per_phone_limit_three_in_ten_minutes(client, sms_outbox):
    start = timezone.now()
    for i in range(3):
        with time_machine.travel(start + timedelta(seconds=61 * i)):
            assert request_code(client, PHONE).status_code == 302
    with time_machine.travel(start + timedelta(seconds=61 * 3)):
        response = request_code(client, PHONE)
    assert response.status_code == 400
    assert response.context["form"].errors["phone"][0].startswith("کدهای زیادی به این شماره فرستاده شد.")
    assert len(sms_outbox) == 3
    refused = SecurityEvent.objects.get(event="otp_refused")
    assert refused.details == {"phone": "09*********", "reason": "phone_limit"}
    with time_machine.travel(start + timedelta(minutes=10, seconds=1)):
        assert request_code(client, PHONE).status_code == 302
    assert len(sms_outbox) == 4


def test_per_phone_daily_limit(client, sms_outbox):
    start = timezone.now()
    for i in range(10):
        with time_machine.travel(start + timedelta(minutes=11 * i)):
            assert request_code(client, PHONE).status_code == 302
    with time_machine.travel(start + timedelta(minutes=11 * 10)):
        assert request_code(client, PHONE).status_code == 400
    assert len(sms_outbox) == 10


def test_per_ip_limit_across_phones(client, settings, sms_outbox):
    settings.OTP_IP_LIMITS = [(3, 600)]
    for i in range(3):
        assert request_code(client, f"0912000000{i}", ip="10.0.0.9").status_code == 302
    response = request_code(client, "09120000009", ip="10.0.0.9")
    assert response.context["form"].errors["phone"][0].startswith("درخواست‌های کد از اتصال شما زیاد بوده است.")
    assert request_code(client, "09120000009", ip="10.0.0.10").status_code == 302
    assert len(sms_outbox) == 4


def test_guessing_codes_of_many_phones_from_one_ip_locks_the_ip(client, settings):
    settings.LOGIN_LOCKOUT_IP_FAILURES = 3
    request_code(client, PHONE, ip="10.0.0.7")
    code = last_code()
    for _ in range(3):
        submit_code(client, wrong_code(code), ip="10.0.0.7")
    response = submit_code(client, code, ip="10.0.0.7")
    assert _errors(response)[0].startswith("کدهای نادرست زیادی از اتصال شما وارد شد.")
    assert "_auth_user_id" not in client.session


def test_code_without_phone_step_goes_back(client):
    response = client.get(reverse("accounts:login_code"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")


def test_staff_phone_cannot_log_in_by_sms(client, sms_outbox):
    UserFactory(role=Role.PROVINCE_ADMIN, phone=PHONE)
    response = request_code(client, PHONE)
    assert response.context["form"].errors["phone"] == [
        "این شماره نمی‌تواند با کد پیامکی وارد شود. کارکنان: از ورود کارکنان استفاده کنید."
    ]
    assert sms_outbox == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "این فیلد لازم است."),
        ("0912abc4567", "شماره همراه فقط می‌تواند رقم داشته باشد."),
        ("+44 7700 900123", "شماره همراه ایرانی وارد کنید (با ۰۹ یا \u200e+98 آغاز می‌شود)."),
        ("021 1234 5678", "این شماره همراه نیست: شماره‌های همراه ایران با ۰۹ آغاز می‌شوند."),
        ("0912 123 456", "شماره همراه ۱۱ رقم دارد و با ۰۹ آغاز می‌شود، مانند ۰۹۱۲ ۳۴۵ ۶۷۸۹."),
    ],
)
def test_bad_phone_is_refused_and_kept(client, sms_outbox, typed, message):
    response = request_code(client, typed)
    assert response.status_code == 400
    assert response.context["form"].errors["phone"] == [message]
    assert response.context["form"]["phone"].value() == typed
    assert sms_outbox == []
    assert OneTimeCode.objects.count() == 0


def test_code_is_never_stored_or_logged_in_plain(client, caplog, sms_outbox):
    caplog.set_level(logging.DEBUG)
    request_code(client, PHONE)
    code = last_code()
    submit_code(client, wrong_code(code))
    submit_code(client, code)
    row = OneTimeCode.objects.get()
    assert code not in row.code_hash
    assert len(row.code_hash) == 64
    assert code not in caplog.text
    assert PHONE not in caplog.text
    assert "sakoo.security" in {record.name for record in caplog.records}
    for event in SecurityEvent.objects.all():
        assert code not in str(event.details)
        assert PHONE not in str(event.details)
    assert PHONE not in str(list(LoginFailure.objects.values_list("kind", "ip")))


def test_security_events_of_an_sms_login(client):
    request_code(client, PHONE)
    code = last_code()
    submit_code(client, wrong_code(code))
    submit_code(client, code)
    events = list(SecurityEvent.objects.order_by("id").values_list("event", flat=True))
    assert events == ["otp_sent", "otp_failed", "login"]
    assert SecurityEvent.objects.get(event="otp_sent").details == {"phone": "09*********"}


def test_session_key_rotates_at_sms_login(client):
    request_code(client, PHONE)
    before = client.session.session_key
    submit_code(client, last_code())
    assert client.session.session_key != before
    assert "sakoo_otp_login" not in client.session


def test_new_job_seeker_goes_to_onboarding_then_to_the_dashboard_next_time(client):
    request_code(client, PHONE)
    assert submit_code(client, last_code())["Location"] == reverse("seekers:onboarding")
    client.logout()
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        request_code(client, PHONE)
        assert submit_code(client, last_code())["Location"] == reverse("seekers:dashboard")


def test_new_employer_goes_to_employer_onboarding(client):
    request_code(client, PHONE, employer=True)
    assert submit_code(client, last_code())["Location"] == reverse("employers:onboarding")


def test_next_is_kept_through_the_code_step_and_must_be_local(client):
    UserFactory(role=Role.JOB_SEEKER, phone=PHONE)
    client.post(reverse("accounts:login"), {"phone": PHONE, "next": "/jobs/"})
    assert submit_code(client, last_code())["Location"] == "/jobs/"
    client.logout()
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        client.post(reverse("accounts:login"), {"phone": PHONE, "next": "https://evil.example/"})
        assert submit_code(client, last_code())["Location"] == reverse("seekers:dashboard")


def test_sms_text_starts_with_the_code_line(sms_outbox, client):
    request_code(client, PHONE)
    first, second = sms_outbox[0].text.split("\n")
    assert first == f"Sakoo code: {last_code()}"
    assert second == "کد ورود شما به سکو. آن را به هیچ‌کس ندهید."


@pytest.mark.parametrize("typed", ["12345", "1234567", "12a456", ""])
def test_malformed_code_is_refused_without_using_an_attempt(client, typed):
    request_code(client, PHONE)
    response = submit_code(client, typed)
    assert response.status_code == 400
    expected = ["کد ۶ رقم دارد."] if typed else ["این فیلد لازم است."]
    assert _errors(response) == expected
    assert OneTimeCode.objects.get().attempts == 0
