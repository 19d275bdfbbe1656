"""The Content-Security-Policy header: Sakoo's cached middleware writes what django-csp writes."""

import pytest
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from sakoo.core.middleware import CSPMiddleware

pytestmark = pytest.mark.django_db


def _headers(middleware_class, path="/", status=200, **attrs):
    request = RequestFactory().get(path)
    middleware = middleware_class(lambda r: None)
    middleware.process_request(request)
    response = HttpResponse(status=status)
    for name, value in attrs.items():
        setattr(response, name, value)
    response = middleware.process_response(request, response)
    return {k: v for k, v in response.headers.items() if k.lower().startswith("content-security-policy")}


@pytest.mark.parametrize("path", ["/", "/api/v1/vacancies", "/search/?q=x"])
@pytest.mark.parametrize("status", [200, 404, 500])
def test_same_header_as_the_library(path, status):
    ours = _headers(CSPMiddleware, path, status)
    assert ours == _headers(LibraryCSPMiddleware, path, status)
    assert "script-src 'self'" in ours["Content-Security-Policy"]


def test_a_per_view_policy_takes_the_library_path():
    update = {"img-src": ["https://tiles.example"]}
    ours = _headers(CSPMiddleware, _csp_update=update)
    assert ours == _headers(LibraryCSPMiddleware, _csp_update=update)
    assert "https://tiles.example" in ours["Content-Security-Policy"]
    assert "https://tiles.example" not in _headers(CSPMiddleware)["Content-Security-Policy"]


def test_exempt_responses_get_no_header():
    assert _headers(CSPMiddleware, _csp_exempt=True) == {}


def test_a_settings_change_rebuilds_the_header():
    before = _headers(CSPMiddleware)["Content-Security-Policy"]
    policy = {"DIRECTIVES": {"default-src": ["'none'"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy):
        changed = _headers(CSPMiddleware)
        assert changed["Content-Security-Policy"] == "default-src 'none'"
        assert changed["Content-Security-Policy-Report-Only"] == "default-src 'none'"
        assert changed == _headers(LibraryCSPMiddleware)
    assert _headers(CSPMiddleware)["Content-Security-Policy"] == before
