import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_are_persian_and_right_to_left_by_default(client):
    response = client.get(reverse("core:home"))
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "پرش به محتوای اصلی" in html


def test_english_is_one_switch_away(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Skip to main content" in html


def test_strict_content_security_policy_header(client):
    response = client.get(reverse("core:home"))
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_health_endpoint(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_openapi_schema_is_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Sakoo API"


def test_interactive_api_docs_use_no_cdn(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in html
    assert "unpkg" not in html
    assert "jsdelivr" not in html


def test_persian_even_when_the_browser_asks_for_english(client):
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="fa" dir="rtl">' in html
