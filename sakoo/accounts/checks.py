"""System checks for the SMS settings (run by `manage.py check`, also with --deploy)."""

from django.conf import settings
from django.core import checks

CONSOLE = "sakoo.accounts.sms.ConsoleSMSBackend"
GATEWAY = "sakoo.accounts.sms.HttpGatewaySMSBackend"


@checks.register("sakoo")
def check_sms_backend(app_configs, **kwargs):
    backend = getattr(settings, "SMS_BACKEND", "")
    messages = []
    if backend == GATEWAY and not str(getattr(settings, "SMS_GATEWAY_URL", "")).startswith(
        ("https://", "http://")
    ):
        messages.append(
            checks.Error(
                "SMS_BACKEND is the HTTP gateway but SMS_GATEWAY_URL is not an http(s) URL.",
                hint="Set SMS_GATEWAY_URL (and SMS_GATEWAY_TOKEN) in the environment.",
                id="sakoo.accounts.E001",
            )
        )
    if backend == CONSOLE and getattr(settings, "SAKOO_ENV", "") == "production":
        messages.append(
            checks.Info(
                "SMS codes are printed to the server console, not sent: phone users cannot log in.",
                hint=f"Set SMS_BACKEND={GATEWAY} and SMS_GATEWAY_URL for a real deployment.",
                id="sakoo.accounts.I001",
            )
        )
    return messages
