"""Deploy checks for the notices' links (run by `manage.py check --deploy`)."""

import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


@checks.register("sakoo", deploy=True)
def check_site_url(app_configs, **kwargs):
    site_url = getattr(settings, "SAKOO_SITE_URL", "")
    messages = []
    if getattr(settings, "SAKOO_ENV", "") != "production":
        return messages
    if not os.environ.get("SAKOO_SITE_URL", "").strip():
        messages.append(
            checks.Info(
                f"SAKOO_SITE_URL is not set: links in SMS and e-mail notices use {site_url}.",
                hint="Set SAKOO_SITE_URL to the public address if it differs.",
                id="sakoo.vacancies.I001",
            )
        )
    if urlsplit(site_url).scheme != "https":
        messages.append(
            checks.Warning(
                "SAKOO_SITE_URL is not an https address: links in notices would be sent unencrypted.",
                hint="Set SAKOO_SITE_URL=https://… (the address people reach the site at).",
                id="sakoo.vacancies.W001",
            )
        )
    return messages
