"""The home page still works before the reference data is loaded (this module does not load it)."""

import pytest
from django.conf import settings

pytestmark = [pytest.mark.django_db]


def test_home_without_reference_data(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The reference data (counties and census) is not loaded yet." in html
    assert "leaflet.js" not in html
