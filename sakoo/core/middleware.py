"""Sakoo's own middleware: Persian first, and the Content-Security-Policy header built once.

Persian first: the site speaks Persian unless the visitor chose English with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language header, so a phone set to English
would get English pages. Sakoo serves the province in Persian by default; the choice of English is kept
in the language cookie set by the switch (django.views.i18n.set_language).

The JSON API (/api/) keeps honouring Accept-Language: other systems choose the language of its messages.
"""

from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as _LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed


class PersianFirstMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


# --------------------------------------------------------------------------------------------------
# Content-Security-Policy
# --------------------------------------------------------------------------------------------------

_PER_RESPONSE_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
_policy_cache: dict[bool, str] = {}


def _clear_policy_cache(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _policy_cache.clear()


setting_changed.connect(_clear_policy_cache)


class CSPMiddleware(_LibraryCSPMiddleware):
    """django-csp's middleware, with the header built once instead of for every response.

    Sakoo's policy comes from the settings alone (no nonces, no per-view decorators), and the library
    rebuilds the same header on every response (deep copies of the settings, then string joins: about a
    tenth of a millisecond, a few per cent of a search API request). A response with a per-view policy,
    or a request that used a nonce, takes the library's own path; the rules below are the library's
    (django-csp 4.0 ``process_response``), and a test compares the headers of both.
    """

    def _policy(self, request, response, report_only: bool) -> str:
        header = _policy_cache.get(report_only)
        if header is None:
            parts = self.get_policy_parts(request=request, response=response, report_only=report_only)
            header = _policy_cache[report_only] = build_policy(**asdict(parts), report_only=report_only)
        return header

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _PER_RESPONSE_POLICY
        ):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        for report_only, header, exempt in (
            (False, HEADER, "_csp_exempt"),
            (True, HEADER_REPORT_ONLY, "_csp_exempt_ro"),
        ):
            policy = self._policy(request, response, report_only)
            if not policy or header in response or getattr(response, exempt, False) is not False:
                continue
            setting = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
