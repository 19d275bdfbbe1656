"""Pluggable SMS senders. ``settings.SMS_BACKEND`` names the class:

- ``sakoo.accounts.sms.ConsoleSMSBackend`` (development): prints the message to stdout. This is the
  ONLY place an SMS code may appear outside the SMS itself.
- ``sakoo.accounts.sms.HttpGatewaySMSBackend``: POSTs JSON ``{"to": "09…", "text": "…"}`` to
  ``settings.SMS_GATEWAY_URL`` with ``Authorization: Bearer <SMS_GATEWAY_TOKEN>``.
- ``sakoo.accounts.sms.LocmemSMSBackend`` (tests): keeps messages in ``sakoo.accounts.sms.outbox``.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from sakoo.accounts.models import mask_phone


class SMSError(Exception):
    """The message could not be handed to the gateway."""


@dataclass(frozen=True)
class SMSMessage:
    to: str
    text: str


# Messages sent through the locmem backend (tests read and clear it).
outbox: list[SMSMessage] = []


class BaseSMSBackend:
    def send(self, message: SMSMessage) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleSMSBackend(BaseSMSBackend):
    def __init__(self, stream=None):
        self.stream = stream

    def send(self, message: SMSMessage) -> None:
        stream = self.stream or sys.stdout
        stream.write(f"[SMS to {mask_phone(message.to)}] {message.text}\n")
        stream.flush()


class LocmemSMSBackend(BaseSMSBackend):
    def send(self, message: SMSMessage) -> None:
        outbox.append(message)


class HttpGatewaySMSBackend(BaseSMSBackend):
    timeout = 10

    def __init__(self):
        self.url = getattr(settings, "SMS_GATEWAY_URL", "")
        self.token = getattr(settings, "SMS_GATEWAY_TOKEN", "")
        if not self.url.startswith(("https://", "http://")):
            raise ImproperlyConfigured("HttpGatewaySMSBackend needs SMS_GATEWAY_URL (http or https).")

    def send(self, message: SMSMessage) -> None:
        body = json.dumps({"to": message.to, "text": message.text}).encode()
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                if not 200 <= response.status < 300:
                    raise SMSError(f"gateway answered {response.status}")
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            # The exception text never contains the message (and so never the code).
            raise SMSError(f"gateway unreachable: {type(exc).__name__}") from exc


def get_backend() -> BaseSMSBackend:
    return import_string(settings.SMS_BACKEND)()


def send_sms(to: str, text: str) -> None:
    get_backend().send(SMSMessage(to=to, text=text))
