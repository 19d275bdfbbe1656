"""Facilities in the browser, at phone width in Persian: an agency officer imports an Excel file
(template → upload → preview → commit) and a province admin approves a reallocation."""

import io

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from sakoo.accounts.testing import MembershipFactory, UserFactory
from sakoo.core.validators import make_national_id
from sakoo.facilities.imports import build_template
from sakoo.facilities.models import AllocationVersion, FacilityFile, ImportBatch, Step
from sakoo.facilities.services import allocation_version_create, file_step_add
from sakoo.facilities.testing import d, make_file, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def world():
    call_command("load_calendar", "--from-year", "1403", "--to-year", "1404", verbosity=0)
    return make_world()


def test_agency_officer_imports_an_excel_file(phone_page, live_server, world, screenshot, tmp_path):
    officer = UserFactory(role="agency_officer")
    MembershipFactory(user=officer, organisation=world.agencies[0].organisation)
    login(phone_page, live_server, officer)
    # fill the downloadable template: one applicant whose national ID lost its leading zero
    wb = load_workbook(io.BytesIO(build_template(ImportBatch.Kind.AGENCY_FILES)))
    ws = wb.active
    ws.delete_rows(2)
    nid = make_national_id("012345678")
    ws.append([int(nid), "زهرا احمدی", "زن", 29, "تبریز", "rural-nomadic", 1403, 5_000_000_000, 2, None,
               "bank-a", "1001", "1403/02/10"])
    path = tmp_path / "files.xlsx"
    wb.save(path)

    phone_page.goto("/facilities/import/")
    assert phone_page.locator("html").get_attribute("dir") == "rtl"
    phone_page.set_input_files("input[type=file]", str(path))
    phone_page.get_by_test_id("preview").click()
    counts = phone_page.get_by_test_id("preview-counts")
    assert counts.inner_text() == "تازه: ۱. تغییریافته: ۰. بدون تغییر: ۰. سطرهای دارای اشکال: ۰."
    assert FacilityFile.objects.count() == 0
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone_page, "facilities-import-preview-phone-fa")
    phone_page.get_by_test_id("commit").click()
    phone_page.wait_for_url("**/facilities/files/")
    file = FacilityFile.objects.get()
    assert (file.national_id, file.agency, file.step, file.referred_on) == (
        nid, world.agencies[0], Step.REFERRED, d(1403, 2, 10))
    assert phone_page.get_by_test_id("file-table").locator("tbody tr").count() == 1
    screenshot(phone_page, "facilities-files-phone-fa")
    assert phone_page.console_errors == []


def test_admin_approves_a_reallocation(phone_page, live_server, world, screenshot):
    admin = UserFactory(role="province_admin")
    a, b, c = world.agencies
    allocation_version_create(program=world.program, fiscal_year=world.year, user=admin, rule="initial",
                              reason="مصوبه اولیه", effective_on=d(1403, 1, 15),
                              lines={a: (10_000, 10), b: (10_000, 10), c: (10_000, 10)})
    for agency, contracted, referred in ((a, 2_000, 2_000), (b, 9_000, 13_000), (c, 7_000, 16_000)):
        f = make_file(world, agency=agency, amount_requested=referred)
        file_step_add(file=f, kind=Step.REFERRED, date=d(1403, 2, 1), bank=world.banks[0])
        file_step_add(file=f, kind=Step.APPROVED, date=d(1403, 2, 2))
        file_step_add(file=f, kind=Step.CONTRACT_SIGNED, date=d(1403, 2, 3), amount=contracted)
    login(phone_page, live_server, admin)
    phone_page.goto("/facilities/reallocation/")
    form = phone_page.get_by_test_id("proposal-form")
    form.locator("select[name=program]").select_option(str(world.program.pk))
    form.locator("select[name=fiscal_year]").select_option(str(world.year.pk))
    form.locator("input[name=checkpoint]").fill("۱۴۰۳/۰۲/۳۱")
    form.locator("select[name=rule]").select_option("pending_demand")
    form.locator("textarea[name=reason]").fill("جذب زیر ۶۵٪ تا پایان اردیبهشت")
    form.locator("button[type=submit]").click()
    phone_page.wait_for_url("**/facilities/reallocation/*/")
    rows = phone_page.get_by_test_id("proposal-table").locator("tbody tr")
    assert rows.count() == 3
    before = phone_page.get_by_test_id("total-before").inner_text()
    assert before == phone_page.get_by_test_id("total-after").inner_text()
    screenshot(phone_page, "facilities-proposal-phone-fa")
    phone_page.get_by_test_id("approve").click()
    phone_page.wait_for_load_state()
    assert "نسخه تخصیص ۲" in phone_page.get_by_test_id("proposal-status").inner_text()
    version = AllocationVersion.objects.get(number=2)
    # stored text is normalised: digits become ASCII
    assert (version.created_by, version.reason) == (admin, "جذب زیر 65٪ تا پایان اردیبهشت")
    assert sorted(version.lines.values_list("amount", flat=True)) == [2_000, 12_667, 15_333]
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone_page, "facilities-approved-phone-fa")
    assert phone_page.console_errors == []
