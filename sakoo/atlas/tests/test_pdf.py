"""The printable atlas: pages, Persian text that extracts correctly, and the command's speed."""

import re
import subprocess
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from sakoo.geo.models import County

pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.usefixtures("reference_data")]

#: cover + contents + concentration + 4 census maps + 3 registry maps + one fact sheet per county + methods
EXPECTED_PAGES_03 = 1 + 1 + 1 + 4 + 3 + 21 + 1


@pytest.fixture(scope="module")
def atlas_pdf(tmp_path_factory, django_db_blocker, reference_data):
    path = tmp_path_factory.mktemp("atlas") / "atlas-03.pdf"
    with django_db_blocker.unblock():
        started = time.monotonic()
        call_command("build_atlas_pdf", province="03", output=str(path))
        seconds = time.monotonic() - started
    return path, seconds


def _text(path, first=None, last=None):
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    text = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext wraps right-to-left runs in bidi embedding marks; drop them (and ZWNJ) before matching.
    return re.sub("[\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)


def _pages(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_pdf_has_one_page_per_section_and_county(atlas_pdf):
    path, _seconds = atlas_pdf
    assert County.objects.filter(province__code="03").count() == 21
    assert _pages(path) == EXPECTED_PAGES_03


def test_pdf_persian_text_extracts(atlas_pdf):
    path, _seconds = atlas_pdf
    text = _text(path)
    for word in ("تبریز", "بیکار", "هشترود", "اطلس بیکاری", "OpenStreetMap"):
        assert word in text, word


def test_every_page_has_page_number_and_source_line(atlas_pdf):
    path, _seconds = atlas_pdf
    for page in (2, 10, EXPECTED_PAGES_03):
        text = _text(path, page)
        footer = text.strip().splitlines()[-1]
        assert ("منابع" in footer, "سرشماری" in footer, "OpenStreetMap" in footer) == (True, True, True)
        assert re.search("۳۲ / [۰-۹]+|[۰-۹]+ / ۳۲", footer)


def test_pdf_is_fast_enough(atlas_pdf):
    _path, seconds = atlas_pdf
    assert seconds < 30


def test_pdf_button_serves_a_pdf(client):
    with translation.override("fa"):
        response = client.get(reverse("atlas:pdf"), {"province": "26"})  # Qom: small, no registry
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"


@pytest.fixture(scope="module")
def atlas_pdf_en(tmp_path_factory, django_db_blocker, reference_data):
    import datetime as dt
    from decimal import Decimal

    from sakoo.atlas import services
    from sakoo.geo.models import Province

    path = tmp_path_factory.mktemp("atlas") / "atlas-03-en.pdf"
    with django_db_blocker.unblock():
        figure = services.reference_figure_create(
            province=Province.objects.get(code="03"),
            label="Unemployed persons, LFS estimate",
            value=Decimal("125000.00"),
            unit="persons",
            source="SCI Labour Force Survey",
            reference_period="spring 1404",
            reference_date=dt.date(2025, 6, 21),
        )
        try:
            call_command("build_atlas_pdf", province="03", output=str(path), language="en")
        finally:
            figure.delete()
    return path


def test_english_pdf_has_no_persian_left_in_labels_and_notes(atlas_pdf_en):
    text = _text(atlas_pdf_en)
    assert _pages(atlas_pdf_en) == EXPECTED_PAGES_03
    assert "Ahar (with Hurand)" in text
    assert "Census 2016 figures cover Ahar, Hurand together" in " ".join(text.split())
    assert (
        "Unemployed persons, LFS estimate: 125,000 persons — Source: SCI Labour Force Survey · Period: spring 1404"
        in " ".join(text.split())
    )
    persian = sorted({line.strip() for line in text.splitlines() if re.search("[\u0600-\u06ff]", line)})
    assert persian == []


def test_ahar_with_hurand_and_the_notes_are_translated():
    from sakoo.atlas import layers, selectors

    with translation.override("en"):
        units = {u.code: u for u in layers.census_units("03")}
        sheet = selectors.fact_sheet(County.objects.get(code="0327"), exact=False)
    assert units["0302"].name_en == "Ahar (with Hurand)"
    assert units["0302"].name_fa == "اهر (با هوراند)"
    assert (
        sheet.notes[0]
        == "Census 2016 figures cover Ahar, Hurand together: the county was divided after the census."
    )
    with translation.override("fa"):
        sheet = selectors.fact_sheet(County.objects.get(code="0327"), exact=False)
    assert (
        sheet.notes[0] == "ارقام سرشماری ۱۳۹۵ برای اهر، هوراند با هم است: این شهرستان پس از سرشماری تقسیم شد."
    )
