import re

from django.urls import reverse

from sakoo.accounts import sms


def last_code() -> str:
    """The code in the newest SMS of the test outbox."""
    return re.search(r"[0-9]{6}", sms.outbox[-1].text).group()


def request_code(client, phone: str, *, employer: bool = False, ip: str = "127.0.0.1"):
    data = {"phone": phone}
    if employer:
        data["is_employer"] = "on"
    return client.post(reverse("accounts:login"), data, REMOTE_ADDR=ip)


def submit_code(client, code: str, ip: str = "127.0.0.1"):
    return client.post(reverse("accounts:login_code"), {"code": code}, REMOTE_ADDR=ip)


def wrong_code(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"
