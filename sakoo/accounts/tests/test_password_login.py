"""Staff login: password, lockout, authenticator (TOTP), sessions."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakoo.accounts.models import Role, SecurityEvent
from sakoo.accounts.testing import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse_lazy("accounts:staff_login")


def _login(client, username="officer", password=TEST_PASSWORD, ip="127.0.0.1"):
    return client.post(URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.AGENCY_OFFICER)


def _token(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset):06d}"


def test_password_login_rotates_the_session_key(client, officer):
    client.get(reverse("accounts:login"))
    session = client.session
    session["anything"] = "x"
    session.save()
    before = session.session_key
    response = _login(client)
    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert client.session.session_key != before


def test_wrong_password_is_refused_in_persian(client, officer):
    response = _login(client, password="not-the-password")
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["نام کاربری یا گذرواژه درست نیست."]
    assert response.context["form"]["username"].value() == "officer"
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_username_for_fifteen_minutes(client, officer):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            _login(client, password="wrong-password")
        fifth = _login(client, password="wrong-password")
        assert fifth.context["form"].non_field_errors() == [
            "نام کاربری یا گذرواژه درست نیست.",
            "تلاش‌های ناموفق ورود زیاد بوده است. ۱۵ دقیقهٔ دیگر دوباره تلاش کنید.",
        ]
        # Even the right password is refused while locked, from another address too.
        locked = _login(client, ip="10.1.1.1")
        assert locked.context["form"].non_field_errors() == [
            "تلاش‌های ناموفق ورود زیاد بوده است. ۱۵ دقیقهٔ دیگر دوباره تلاش کنید."
        ]
        assert "_auth_user_id" not in client.session
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        assert _login(client).status_code == 400
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert _login(client).status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_username_case_does_not_escape_the_lockout(client, officer):
    for name in ["officer", "OFFICER", "Officer", "oFFicer", "officeR"]:
        _login(client, username=name, password="wrong-password")
    assert _login(client).status_code == 400


def test_many_usernames_from_one_ip_lock_the_ip(client, settings):
    settings.LOGIN_LOCKOUT_IP_FAILURES = 3
    UserFactory(username="other", role=Role.BANK_OFFICER)
    for i in range(3):
        _login(client, username=f"guess{i}", password="x" * 12, ip="10.9.9.9")
    assert _login(client, username="other", ip="10.9.9.9").status_code == 400
    assert _login(client, username="other", ip="10.9.9.8").status_code == 302


def test_success_clears_the_users_failures(client, officer):
    for _ in range(4):
        _login(client, password="wrong-password")
    assert _login(client).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, password="wrong-password")
    assert _login(client).status_code == 302


def test_lockout_is_in_the_security_log(client, officer):
    for _ in range(5):
        _login(client, password="wrong-password")
    events = list(SecurityEvent.objects.order_by("id").values_list("event", flat=True))
    assert events == ["login_failed"] * 5 + ["locked_out"]


def test_sessions_expire_after_thirty_idle_minutes():
    assert (settings.SESSION_COOKIE_AGE, settings.SESSION_SAVE_EVERY_REQUEST) == (30 * 60, True)


def test_idle_session_is_logged_out(client, officer):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _login(client)
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get(reverse("accounts:security")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=58), tick=False):
        assert client.get(reverse("accounts:security")).status_code == 200  # activity renewed it
    with time_machine.travel(start + timedelta(minutes=89), tick=False):
        response = client.get(reverse("accounts:security"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_logout_needs_post_and_is_logged(client, officer):
    _login(client)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(event="logout", user=officer).count() == 1


# --- TOTP -----------------------------------------------------------------------------------------


def test_adding_an_authenticator_then_logging_in_with_it(client, officer):
    client.force_login(officer)
    security = reverse("accounts:security")
    client.post(security, {"action": "start"})
    device = TOTPDevice.objects.get(user=officer)
    assert device.confirmed is False
    qr = client.get(reverse("accounts:totp_qr"))
    assert (qr.status_code, qr["Content-Type"]) == (200, "image/svg+xml")
    assert "no-store" in qr["Cache-Control"].split(", ")
    assert qr.content.startswith(b"<?xml")

    wrong = client.post(security, {"action": "confirm", "token": f"{(int(_token(device)) + 1) % 10**6:06d}"})
    assert wrong.context["form"].errors["token"] == ["کد برنامهٔ احراز هویت درست نیست."]
    device.refresh_from_db()
    assert device.confirmed is False

    device.throttle_reset()
    client.post(security, {"action": "confirm", "token": _token(device)})
    device.refresh_from_db()
    assert device.confirmed is True
    client.logout()

    # The password alone no longer logs in: the authenticator code is asked for.
    response = _login(client)
    assert response["Location"] == reverse("accounts:login_totp")
    assert "_auth_user_id" not in client.session
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        response = client.post(reverse("accounts:login_totp"), {"token": _token(device)})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(officer.pk)
        assert client.get(security).context["user"].is_verified() is True


def test_wrong_authenticator_code_is_refused_and_counts_for_lockout(client, officer):
    device = TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    _login(client)
    for _ in range(5):
        response = client.post(
            reverse("accounts:login_totp"), {"token": "000000" if _token(device) != "000000" else "111111"}
        )
        device.throttle_reset()
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors["token"] == ["کد برنامهٔ احراز هویت درست نیست."]
    locked = client.post(reverse("accounts:login_totp"), {"token": _token(device)})
    assert locked.context["form"].errors["token"][0].startswith("تلاش‌های ناموفق ورود زیاد بوده است.")
    assert "_auth_user_id" not in client.session


def test_totp_step_without_password_goes_back(client):
    response = client.get(reverse("accounts:login_totp"))
    assert response["Location"] == reverse("accounts:staff_login")


def test_security_page_is_for_staff_only(client):
    seeker = UserFactory(role=Role.JOB_SEEKER)
    client.force_login(seeker)
    assert client.get(reverse("accounts:security")).status_code == 403
    assert client.get(reverse("accounts:totp_qr")).status_code == 403


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [("/monitoring/", "/monitoring/"), ("https://evil.example/", "/"), ("//evil.example/", "/")],
)
def test_staff_login_follows_only_local_next(client, officer, next_url, landing):
    response = client.post(URL, {"username": "officer", "password": TEST_PASSWORD, "next": next_url})
    assert response["Location"] == landing
