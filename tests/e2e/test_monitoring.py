"""Browser tests: the monitoring dashboard at phone and desktop widths; closing a resolution with evidence."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.test import Client

from sakoo.accounts.models import Membership, Organisation, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def login(page, live_server, user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def monitoring_data(db):
    from sakoo.monitoring.aggregates import refresh_monthly_aggregates
    from sakoo.vacancies.models import Placement
    from sakoo.vacancies.tests import factories as f

    tabriz = f.county("0301", "تبریز", "Tabriz")
    marand = f.county("0305", "مرند", "Marand")
    emp = f.employer(county=tabriz)
    for i in range(12):
        s = f.seeker(
            sex="female" if i % 3 == 0 else "male",
            registered_on=dt.date(2025, 7, 1) + dt.timedelta(days=i * 7),
            county=tabriz if i % 2 else marand,
        )
        if i % 4 == 0:
            Placement.objects.create(
                seeker=s, employer=emp, county=s.county, hired_on=dt.date(2025, 10, 1), contract_type="permanent",
                insured=True, source="platform",
            )
    from django.core.cache import cache

    cache.clear()
    refresh_monthly_aggregates((1403, 8), (1404, 7))


@pytest.fixture
def analyst(db):
    return User.objects.create_user(username="analyst-e2e", password="a-long-test-password", role="province_analyst")


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_dashboard_at_phone_and_desktop_widths(request, live_server, monitoring_data, analyst, screenshot, width):
    page = request.getfixturevalue(f"{width}_page")
    login(page, live_server, analyst)
    page.goto("/monitoring/?month=1404-07")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text().strip() == "پایش اشتغال: استان آذربایجان شرقی"
    registered = page.get_by_test_id("figure-registered_job_seekers").locator(".figure-value")
    assert registered.inner_text().strip() == "۱۲"
    placements = page.get_by_test_id("figure-placements").locator(".figure-value")
    assert placements.inner_text().strip() == "۳"
    # the chart has a table view
    trend = page.get_by_test_id("trend-placements")
    trend.locator("summary").click()
    assert trend.locator("tbody tr").count() == 12
    assert page.get_by_test_id("county-table").locator("tbody tr").count() == 2
    viewport = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport
    screenshot(page, f"monitoring-dashboard-{width}")
    assert page.console_errors == []


def test_close_a_resolution_with_evidence(phone_page, live_server, tmp_path, settings, screenshot):
    from sakoo.resolutions.services import meeting_create, resolution_create

    settings.MEDIA_ROOT = tmp_path
    agency = Organisation.objects.create(kind="agency", code="welfare", name="سازمان بهزیستی")
    officer = User.objects.create_user(username="officer-e2e", password="a-long-test-password", role="agency_officer")
    Membership.objects.create(user=officer, organisation=agency)
    meeting = meeting_create(title="جلسه کارگروه", held_on=dt.date(2025, 4, 13), chair="استاندار")
    resolution = resolution_create(
        meeting=meeting, text="ساماندهی میدان‌های کارگری", owner=agency, due_rule="date",
        due_date=dt.date(2025, 5, 20),
    )
    evidence = tmp_path / "gozaresh.pdf"
    evidence.write_bytes(PDF)

    page = phone_page
    login(page, live_server, officer)
    page.goto(f"/working-group/resolutions/{resolution.pk}/")
    form = page.get_by_test_id("evidence-form")
    form.locator("input[type=file]").set_input_files(str(evidence))
    form.get_by_role("button", name="بارگذاری").click()
    page.wait_for_load_state()
    assert page.locator(".evidence-list a").first.inner_text().strip() == "gozaresh.pdf"
    status = page.get_by_test_id("status-form")
    status.locator("select[name=status]").select_option("done")
    status.get_by_role("button", name="تغییر وضعیت").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("status").locator(".badge").first.inner_text().strip() == "انجام‌شده"
    resolution.refresh_from_db()
    assert resolution.status == "done"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "resolution-closed-phone")
    assert page.console_errors == []
