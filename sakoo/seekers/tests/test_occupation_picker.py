"""The desired-occupation picker: a GET search without JavaScript, an htmx typeahead, the same POST."""

import re

import pytest
from django.urls import reverse

from sakoo.classifications.models import Occupation
from sakoo.core.text import to_persian_digits
from sakoo.geo.testing import reference_data  # noqa: F401 - the real ISCO-08 list (about 430 unit groups)
from sakoo.vacancies.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

BOX = re.compile(r'<input type="checkbox" name="desired_occupations" value="(\d+)"[^>]*?( checked)?>')
RESULTS_TARGET = "id_desired_occupations_results"


def _boxes(html: str) -> list[tuple[str, bool]]:
    """(ISCO code, checked) of every desired-occupation checkbox on the page, in page order."""
    codes = dict(Occupation.objects.values_list("pk", "code"))
    return [(codes[int(pk)], bool(checked)) for pk, checked in BOX.findall(html)]


def _seeker_choosing(*codes):
    seeker = f.seeker()
    seeker.desired_occupations.set(Occupation.objects.filter(code__in=codes))
    return seeker


def _profile_data(county, occupations) -> dict:
    return {
        "first_name": "سارا",
        "last_name": "نمونه",
        "birth_date": "۱۳۷۸/۰۱/۱۵",
        "sex": "female",
        "county": county.pk,
        "education_level": "bachelor",
        "desired_occupations": [o.pk for o in occupations],
    }


def test_profile_lists_only_the_chosen_occupations_not_all_of_them(client):
    seeker = _seeker_choosing("2411")
    client.force_login(seeker.user)
    html = client.get(reverse("seekers:profile")).content.decode()
    assert Occupation.objects.filter(level=4).count() > 400
    assert _boxes(html) == [("2411", True)]
    assert '<select name="desired_occupations"' not in html
    assert 'form="occupation-search"' in html  # the search box belongs to the GET form, not the POST one
    assert '<form id="occupation-search" method="get"' in html


def test_search_without_javascript_narrows_the_list_and_keeps_the_chosen(client):
    seeker = _seeker_choosing("2411")
    client.force_login(seeker.user)
    # Arabic kaf and yeh, as typed on an Arabic keyboard: the same occupations as the Persian spelling.
    response = client.get(reverse("seekers:profile"), {"occupation_q": "پزشكان عمومي"})
    assert _boxes(response.content.decode()) == [("2411", True), ("2211", False)]


def test_search_by_code_lists_matches_after_the_chosen(client):
    seeker = _seeker_choosing("2211")
    client.force_login(seeker.user)
    response = client.get(reverse("seekers:profile"), {"occupation_q": "۲۲۱"})  # Persian digits
    boxes = _boxes(response.content.decode())
    assert boxes[:2] == [("2211", True), ("2212", False)]  # codes that start with the query come first
    assert [checked for _code, checked in boxes[1:]] == [False] * (len(boxes) - 1)


def test_typeahead_answers_with_the_matches_only_leaving_out_the_chosen(client):
    seeker = _seeker_choosing()
    client.force_login(seeker.user)
    chosen = Occupation.objects.get(code="2211")
    response = client.get(
        reverse("seekers:profile"),
        {"occupation_q": "پزشكان", "desired_occupations": [chosen.pk]},
        headers={"HX-Request": "true", "HX-Target": RESULTS_TARGET},
    )
    html = response.content.decode()
    assert "<html" not in html
    codes = [code for code, _checked in _boxes(html)]
    assert "2211" not in codes
    assert codes[:1] == ["2212"]
    status = re.search(r'<p id="id_desired_occupations_status" hx-swap-oob="innerHTML">(.*?)</p>', html, re.S)
    assert status is not None
    assert status.group(1).strip().startswith(to_persian_digits(str(len(codes))))


def test_typeahead_with_no_match_says_so(client):
    client.force_login(_seeker_choosing().user)
    response = client.get(
        reverse("seekers:profile"),
        {"occupation_q": "فضانورد کهکشانی"},
        headers={"HX-Request": "true", "HX-Target": RESULTS_TARGET},
    )
    html = response.content.decode()
    assert _boxes(html) == []
    assert "فضانورد کهکشانی" in html


def test_post_keeps_the_field_name_and_saves_the_choice(client):
    seeker = _seeker_choosing("2411")
    client.force_login(seeker.user)
    chosen = list(Occupation.objects.filter(code__in=["2211", "8322"]))
    response = client.post(reverse("seekers:profile"), _profile_data(seeker.county, chosen))
    assert response.status_code == 302
    assert sorted(seeker.desired_occupations.values_list("code", flat=True)) == ["2211", "8322"]


def test_more_than_five_is_refused_and_the_ticked_ones_stay_ticked(client):
    seeker = _seeker_choosing()
    client.force_login(seeker.user)
    six = list(Occupation.objects.filter(level=4).order_by("code")[:6])
    response = client.post(reverse("seekers:profile"), _profile_data(seeker.county, six))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-field="desired_occupations"' in html
    assert _boxes(html) == [(o.code, True) for o in six]
    assert seeker.desired_occupations.count() == 0


def test_onboarding_has_the_picker_and_its_search_keeps_next(client):
    client.force_login(f.user())
    response = client.get(reverse("seekers:onboarding"), {"next": "/jobs/7/", "occupation_q": "حسابدار"})
    html = response.content.decode()
    assert _boxes(html) == [("2411", False), ("3313", False), ("4311", False)]  # accountants, clerks
    assert '<input type="hidden" name="next" value="/jobs/7/">' in html
    assert "seekers/occupation-picker.js" in html


def test_a_singular_job_title_finds_the_plural_occupation_titles(client):
    client.force_login(_seeker_choosing().user)
    response = client.get(reverse("seekers:profile"), {"occupation_q": "راننده"})  # titles say رانندگان
    codes = {code for code, _checked in _boxes(response.content.decode())}
    assert {"8322", "8332"} <= codes
