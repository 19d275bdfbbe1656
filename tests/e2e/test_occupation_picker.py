"""The desired-occupation picker and the employer's tables at phone width, in Persian, in the browser:
with JavaScript (typeahead, chips, keyboard) and without it (a GET search and checkboxes)."""

import re

import pytest

from sakoo.classifications.models import Occupation
from sakoo.geo.testing import reference_data_per_test  # noqa: F401 - the real ISCO-08 list
from sakoo.vacancies import services
from sakoo.vacancies.tests import factories as f

from .helpers import fits_phone, session_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data_per_test"),
]


@pytest.fixture
def page_as(browser, live_server):
    """A phone-width Persian page logged in as ``user`` (session cookie); ``javascript=False`` turns it
    off, ``axe=True`` lets axe-core run."""
    with session_pages(browser, live_server) as make:
        yield make


def _seeker():
    seeker = f.seeker(county=f.county())
    seeker.desired_occupations.set(Occupation.objects.filter(code="2411"))
    return seeker


def test_typeahead_adds_and_removes_chips_and_saves(page_as, screenshot):
    seeker = _seeker()
    page = page_as(seeker.user)
    page.goto("/seekers/profile/")
    chosen = page.get_by_test_id("occupations-chosen")
    assert chosen.locator("li span").all_inner_texts() == ["حسابداران (۲۴۱۱)"]  # a chip, no checkbox
    page.get_by_test_id("occupation-search").press_sequentially("پزشكان")  # Arabic kaf
    matches = page.get_by_test_id("occupation-matches")
    matches.wait_for()
    assert page.url.endswith("/seekers/profile/")  # no page load: the typeahead
    matches.get_by_label("پزشکان عمومی (۲۲۱۱)").click()  # it moves to the chips
    chosen.get_by_text("پزشکان عمومی (۲۲۱۱)").wait_for()
    assert "پزشکان عمومی" in page.get_by_role("status").inner_text()
    chosen.get_by_role("button", name="حذف: حسابداران (۲۴۱۱)").click()
    assert chosen.locator("li span").all_inner_texts() == ["پزشکان عمومی (۲۲۱۱)"]
    fits_phone(page)
    screenshot(page, "seekers-occupation-picker-phone-fa")
    page.get_by_role("button", name="ذخیره").click()
    page.wait_for_url("**/seekers/dashboard/")
    assert list(seeker.desired_occupations.values_list("code", flat=True)) == ["2211"]
    assert page.console_errors == []


def test_enter_in_the_search_box_searches_in_place(page_as):
    page = page_as(_seeker().user)
    page.goto("/seekers/profile/")
    page.fill("[name=first_name]", "نرگس")  # an unsaved answer must survive the search
    search = page.get_by_test_id("occupation-search")
    search.fill("راننده")
    page.get_by_test_id("occupation-matches").wait_for()
    page.wait_for_load_state("networkidle")
    search.fill("پزشک")
    search.press("Enter")  # before the typeahead's pause is over
    page.get_by_test_id("occupation-matches").get_by_label("پزشکان عمومی (۲۲۱۱)").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/seekers/profile/")
    assert page.input_value("[name=first_name]") == "نرگس"


def test_without_javascript_the_search_reloads_and_checkboxes_save(page_as):
    seeker = _seeker()
    page = page_as(seeker.user, javascript=False)
    page.goto("/seekers/profile/")
    page.get_by_test_id("occupation-search").fill("پزشكان عمومي")
    page.get_by_test_id("occupation-search-submit").click()
    page.wait_for_url("**/seekers/profile/?occupation_q=*")
    page.get_by_test_id("occupation-matches").get_by_label("پزشکان عمومی (۲۲۱۱)").check()
    fits_phone(page)
    page.get_by_role("button", name="ذخیره").click()
    page.wait_for_url(re.compile(r"/seekers/dashboard/(#.*)?$"))  # the search's #fragment may stay
    assert sorted(seeker.desired_occupations.values_list("code", flat=True)) == ["2211", "2411"]


def test_employer_tables_stack_at_phone_width(page_as, screenshot):
    employer = f.employer(name="شرکت فناوران 724")
    vacancy = f.vacancy(emp=employer, title="برنامه‌نویس پایتون 3")
    services.application_submit(vacancy=vacancy, seeker=f.seeker())
    page = page_as(employer.member)
    page.goto("/employers/dashboard/")
    assert page.locator("h1").inner_text() == "شرکت فناوران ۷۲۴"
    row = page.get_by_test_id("employer-vacancy-row")
    assert row.get_by_role("link", name="برنامه‌نویس پایتون ۳").is_visible()
    fits_phone(page)
    screenshot(page, "employers-dashboard-phone-fa")
    page.goto(f"/jobs/{vacancy.pk}/applicants/")
    fits_phone(page)
    label = page.get_by_test_id("applicant-status").evaluate(
        "cell => getComputedStyle(cell, '::before').content"
    )
    assert label == '"وضعیت"'
    assert page.console_errors == []


def test_picker_and_employer_tables_have_no_serious_accessibility_violations(page_as):
    from tests.e2e import test_accessibility as a11y

    if not a11y.AXE.exists():
        pytest.fail(f"axe-core is missing at {a11y.AXE}: run `npm ci --no-audit --no-fund`")
    page = page_as(_seeker().user, axe=True)
    page.goto("/seekers/profile/?occupation_q=" + "حسابدار")
    page.get_by_test_id("occupation-matches").wait_for()
    violations = [v for v in a11y.run_axe(page) if v["impact"] in a11y.BLOCKING]
    assert violations == [], a11y.describe(violations)
    employer = f.employer()
    vacancy = f.vacancy(emp=employer)
    services.application_submit(vacancy=vacancy, seeker=f.seeker())
    page = page_as(employer.member, axe=True)
    for path in ("/employers/dashboard/", f"/jobs/{vacancy.pk}/applicants/"):
        page.goto(path)
        violations = [v for v in a11y.run_axe(page) if v["impact"] in a11y.BLOCKING]
        assert violations == [], f"{path}:\n{a11y.describe(violations)}"
