"""Persian pages of the atlas show no ASCII digits in their text (numbers, dates, months, inputs)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from sakoo.accounts.testing import UserFactory
from sakoo.atlas.tests.test_reference_figures import _figure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


class _Text(HTMLParser):
    """Text nodes of <main> (outside <script>/<style>) and the values of visible inputs."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1
        if self.depth and tag == "input" and attrs.get("type", "text") == "text" and attrs.get("value"):
            self.chunks.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.chunks.append(data)


def _ascii_digit_texts(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [c.strip() for c in parser.chunks if re.search("[0-9]", c)]


@pytest.mark.parametrize(
    "url",
    [
        reverse("atlas:index"),
        reverse("atlas:index") + "?layer=registry&indicator=seekers&month=1404-07",
        reverse("atlas:index") + "?layer=registry&indicator=women_share&change=on",
        reverse("atlas:county", args=["0327"]),
        reverse("atlas:reference_figures"),
    ],
)
def test_persian_pages_have_no_ascii_digits(client, url):
    _figure()
    client.force_login(UserFactory(role="province_admin"))
    response = client.get(url)
    assert response.status_code == 200
    assert _ascii_digit_texts(response.content.decode()) == []
