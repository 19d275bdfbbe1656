"""The job platform in the browser, at phone width, in Persian: an employer posts a vacancy, the province
admin approves it, a job seeker applies, the employer shortlists and hires, and the seeker sees the hire
and their status change. Actors log in by session cookie (the OTP login has its own browser test)."""

import re

import pytest

from sakoo.accounts.models import Role
from sakoo.seekers.models import StatusChange
from sakoo.vacancies.models import Application, Placement, Vacancy
from sakoo.vacancies.tests import factories as f

from .helpers import fits_phone, session_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    try:
        from sakoo.search.services import reset_engine
    except ImportError:
        yield
        return
    reset_engine()
    yield
    reset_engine()


@pytest.fixture
def page_for(browser, live_server):
    with session_pages(browser, live_server) as make:
        yield make


def test_post_approve_apply_shortlist_hire(page_for, screenshot):
    county = f.county()
    f.occupation("2411", "حسابداران", "Accountants")
    employer = f.employer(county=county, name="شرکت نمونه آذر")
    admin = f.staff(Role.PROVINCE_ADMIN)
    seeker = f.seeker(county=county, first_name="مریم")

    # 1. the employer posts a vacancy; the occupation is suggested from the title
    emp_page = page_for(employer.member)
    emp_page.goto("/jobs/new/")
    assert emp_page.locator("html").get_attribute("dir") == "rtl"
    emp_page.fill("[name=title]", "حسابدار")
    emp_page.locator("[name=title]").dispatch_event("change")
    emp_page.get_by_test_id("occupation-suggestions").wait_for()
    assert emp_page.locator("[name=occupation]").input_value() != ""
    emp_page.fill("[name=description]", "تهیه صورت‌های مالی و اظهارنامه مالیاتی")
    emp_page.fill("[name=wage_min]", "۱۵٬۰۰۰٬۰۰۰")
    emp_page.fill("[name=openings]", "۱")
    screenshot(emp_page, "jobs-vacancy-form-phone-fa")
    emp_page.get_by_test_id("vacancy-submit").click()
    emp_page.wait_for_url("**/employers/dashboard/")
    vacancy = Vacancy.objects.get()
    assert (vacancy.status, vacancy.occupation.code, vacancy.wage_min) == (
        "pending_review",
        "2411",
        150_000_000,
    )
    assert emp_page.get_by_test_id("vacancy-status").inner_text().strip() == "در انتظار بررسی"

    # 2. the province admin approves it
    admin_page = page_for(admin)
    admin_page.goto("/jobs/moderation/")
    admin_page.get_by_test_id("approve").click()
    admin_page.wait_for_url("**/jobs/moderation/")
    vacancy.refresh_from_db()
    assert vacancy.status == "published"

    # 3. the seeker applies
    seeker_page = page_for(seeker.user)
    seeker_page.goto(f"/jobs/{vacancy.pk}/")
    assert seeker_page.get_by_test_id("vacancy-title").inner_text() == "حسابدار"
    assert seeker_page.get_by_test_id("vacancy-wage").inner_text().strip() == "۱۵٬۰۰۰٬۰۰۰ تومان"
    fits_phone(seeker_page)
    screenshot(seeker_page, "jobs-vacancy-detail-phone-fa")
    seeker_page.get_by_test_id("apply").click()
    seeker_page.wait_for_url(f"**/jobs/{vacancy.pk}/")
    assert seeker_page.get_by_test_id("application-status").is_visible()
    application = Application.objects.get()

    # 4. the employer shortlists and records the hire
    emp_page.goto(f"/jobs/{vacancy.pk}/applicants/")
    assert emp_page.get_by_test_id("applicant-row").count() == 1
    emp_page.get_by_role("link", name=seeker.full_name).click()
    emp_page.get_by_test_id("move-shortlisted").click()
    emp_page.wait_for_load_state()
    assert emp_page.get_by_test_id("application-status").inner_text() == "در فهرست کوتاه"
    emp_page.get_by_test_id("record-hire").click()
    screenshot(emp_page, "jobs-record-hire-phone-fa")
    emp_page.get_by_test_id("hire-submit").click()
    emp_page.wait_for_url(f"**/jobs/{vacancy.pk}/applicants/")
    assert emp_page.get_by_test_id("applicant-status").inner_text().strip() == "استخدام شد"

    placement = Placement.objects.get()
    assert (placement.seeker_id, placement.vacancy_id, placement.application_id) == (
        seeker.pk,
        vacancy.pk,
        application.pk,
    )
    assert list(StatusChange.objects.filter(seeker=seeker).values_list("status", flat=True)) == [
        "unemployed_looking",
        "employed",
    ]

    # 5. the seeker sees the hire and the status change
    seeker_page.goto("/seekers/dashboard/")
    assert seeker_page.get_by_test_id("my-application-status").inner_text() == "استخدام شد"
    assert seeker_page.get_by_test_id("employment-status").inner_text() == "شاغل (استخدام‌شده)"
    history = seeker_page.get_by_test_id("status-history").inner_text()
    assert re.search("شاغل", history)
    fits_phone(seeker_page)
    screenshot(seeker_page, "jobs-seeker-dashboard-phone-fa")
    for page in (emp_page, admin_page, seeker_page):
        assert page.console_errors == []
