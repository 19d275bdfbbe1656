"""Pages: the concurrent-edit conflict, the import flow, the dashboard and the scorecard."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from sakoo.accounts.testing import login_as
from sakoo.core.validators import make_national_id
from sakoo.facilities.models import FacilityFile, ImportBatch
from sakoo.facilities.services import allocation_version_create, facility_file_update
from sakoo.facilities.testing import d, make_file

pytestmark = pytest.mark.django_db


def _edit_data(file, **over):
    data = {"applicant_name": file.applicant_name, "sex": file.sex, "age": file.age, "county": file.county_id,
            "program": file.program_id, "fiscal_year": file.fiscal_year_id, "amount_requested": "100",
            "planned_jobs": file.planned_jobs, "sheba": "", "bank": "", "branch": "", "version": file.version}
    data.update(over)
    return data


def test_second_editor_is_told_and_keeps_what_they_typed(client, world):
    file = make_file(world, applicant_name="نام اول", amount_requested=1_000)
    login_as(client, "agency_officer", organisation=world.agencies[0].organisation)
    opened = _edit_data(file)  # both officers opened version 1
    facility_file_update(file=file, user=None, expected_version=1, applicant_name="نام همکار")
    response = client.post(reverse("facilities:file_detail", args=[file.pk]),
                           {**opened, "applicant_name": "نام من"})
    assert response.status_code == 200
    assert response.context["conflict"].applicant_name == "نام همکار"
    form = response.context["form"]
    assert (form.data["applicant_name"], form.data["version"]) == ("نام من", "2")
    assert 'value="نام من"' in response.content.decode()
    file.refresh_from_db()
    assert (file.applicant_name, file.version) == ("نام همکار", 2)
    # saving again (now on version 2) succeeds
    response = client.post(reverse("facilities:file_detail", args=[file.pk]),
                           {**opened, "applicant_name": "نام من", "version": 2})
    assert response.status_code == 302
    file.refresh_from_db()
    assert (file.applicant_name, file.version, file.amount_requested) == ("نام من", 3, 1_000)


def _workbook(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(["national_id", "applicant_name", "sex", "age", "county", "program", "year", "amount_requested"])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "files.xlsx"
    return buf


def test_import_preview_then_commit(client, world):
    login_as(client, "agency_officer", organisation=world.agencies[0].organisation)
    nid = make_national_id("012345678")
    upload = _workbook([[int(nid), "علی رضایی", "مرد", 40, "تبریز", "rural-nomadic", 1403, "2,000,000"]])
    response = client.post(reverse("facilities:import"), {"kind": "agency_files", "file": upload})
    assert response.status_code == 200
    result = response.context["result"]
    assert (result.ok, result.count("created"), FacilityFile.objects.count()) == (True, 1, 0)
    response = client.post(reverse("facilities:import"), {"token": response.context["token"]})
    assert response.status_code == 302
    file = FacilityFile.objects.get()
    assert (file.national_id, file.agency, file.amount_requested) == (nid, world.agencies[0], 2_000_000)
    assert ImportBatch.objects.get().created == 1


def test_import_shows_row_errors_in_persian(client, world):
    login_as(client, "agency_officer", organisation=world.agencies[0].organisation)
    upload = _workbook([["123", "x", "نامعلوم", 40, "تبریز", "rural-nomadic", 1403, 5]])
    response = client.post(reverse("facilities:import"), {"kind": "agency_files", "file": upload})
    errors = response.context["result"].error_rows[0].errors
    assert [column for column, _ in errors] == ["کد ملی", "جنسیت"]
    assert "جنسیت" in response.content.decode()


def test_import_refuses_a_non_spreadsheet(client, world):
    login_as(client, "agency_officer", organisation=world.agencies[0].organisation)
    fake = io.BytesIO(b"<html>not excel</html>")
    fake.name = "files.xlsx"
    response = client.post(reverse("facilities:import"), {"kind": "agency_files", "file": fake})
    assert response.context["form"].errors["file"] == [
        "این فایل اکسل (xlsx.) نیست. قالب را دریافت و تکمیل کنید."]


def test_bank_officer_cannot_import_agency_files(client, world):
    login_as(client, "bank_officer", organisation=world.banks[0].organisation)
    response = client.post(reverse("facilities:import"), {"kind": "agency_files", "file": _workbook([])})
    assert list(response.context["form"].errors) == ["kind"]


def test_template_download_is_a_real_xlsx(client, world):
    login_as(client, "agency_officer", organisation=world.agencies[0].organisation)
    response = client.get(reverse("facilities:import_template", args=["agency_files"]))
    assert response.content[:4] == b"PK\x03\x04"


def test_dashboard_names_the_measure_and_links_figures(client, world):
    allocation_version_create(program=world.program, fiscal_year=world.year, user=None, rule="initial", reason="r",
                              effective_on=d(1403, 2, 1), lines={world.agencies[0]: (10_000, 5)})
    login_as(client, "province_analyst")
    body = client.get(reverse("facilities:dashboard"), {"year": 1403, "measure": "paid"}).content.decode()
    assert "جذب = مبلغ پرداخت‌شده توسط بانک‌ها ÷ سهمیه دستگاه." in body
    assert f"agency={world.agencies[0].pk}&amp;stage=contracted" in body


def test_dashboard_for_an_agency_officer_shows_only_their_agency(client, world):
    allocation_version_create(program=world.program, fiscal_year=world.year, user=None, rule="initial", reason="r",
                              effective_on=d(1403, 2, 1),
                              lines={world.agencies[0]: (10_000, 5), world.agencies[1]: (10_000, 5)})
    login_as(client, "agency_officer", organisation=world.agencies[1].organisation)
    rows = client.get(reverse("facilities:dashboard")).context["data"]["rows"]
    assert [r["agency"] for r in rows] == [world.agencies[1]]


def test_scorecard_page_renders_with_no_n_plus_one(client, world, django_assert_max_num_queries):
    from sakoo.facilities.models import Step
    from sakoo.facilities.services import file_step_add

    for i in range(6):
        f = make_file(world)
        file_step_add(file=f, kind=Step.REFERRED, date=d(1403, 2, 1), branch=world.branches[i % 2])
    login_as(client, "province_admin")
    with django_assert_max_num_queries(30):  # constant: does not grow with files, banks or branches
        response = client.get(reverse("facilities:scorecard"), {"year": 1403})
    assert [r["received"] for r in response.context["card"]["banks"]] == [3, 3]


def test_admin_writes_a_new_allocation_version_and_the_old_one_is_kept(client, world):
    from sakoo.facilities.models import AllocationVersion

    a, b, c = world.agencies
    allocation_version_create(program=world.program, fiscal_year=world.year, user=None, rule="initial", reason="r",
                              effective_on=d(1403, 1, 15), lines={a: (10_000, 5)})
    admin = login_as(client, "province_admin")
    url = reverse("facilities:allocation_new") + "?year=1403&program=rural-nomadic"
    # amounts are typed in tomans (1 toman = 10 rials), with Persian digits
    data = {f"amount_{a.pk}": "۱٬۲۰۰", f"jobs_{a.pk}": "۶", f"amount_{b.pk}": "800", f"jobs_{b.pk}": "4",
            f"amount_{c.pk}": "", f"jobs_{c.pk}": "", "reason": "مصوبه جلسه دوم"}
    response = client.post(url, data)
    assert response.status_code == 302
    v2 = AllocationVersion.objects.get(number=2)
    assert (v2.created_by, v2.reason) == (admin, "مصوبه جلسه دوم")
    assert sorted(v2.lines.values_list("agency__code", "amount", "target_jobs")) == [
        ("agency-a", 12_000, 6), ("agency-b", 8_000, 4)]
    assert list(AllocationVersion.objects.get(number=1).lines.values_list("amount", flat=True)) == [10_000]


def test_allocation_over_the_quota_keeps_what_was_typed(client, world):
    login_as(client, "province_admin")
    a = world.agencies[0]
    url = reverse("facilities:allocation_new") + "?year=1403&program=rural-nomadic"
    response = client.post(url, {f"amount_{a.pk}": "5000", f"jobs_{a.pk}": "1", "reason": "x"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["جمع تخصیص‌ها از سهمیه استان بیشتر است."]
    assert response.context["form"].data[f"amount_{a.pk}"] == "5000"


def test_only_admins_write_allocations(client, world):
    login_as(client, "province_analyst")
    assert client.post(reverse("facilities:allocation_new"), {"reason": "x"}).status_code == 403


def test_agency_officer_creates_a_file_with_persian_digits(client, world):
    login_as(client, "agency_officer", organisation=world.agencies[0].organisation)
    assert client.get(reverse("facilities:file_new")).status_code == 200
    nid = make_national_id("012345678")
    response = client.post(reverse("facilities:file_new"), {
        "national_id": "".join("۰۱۲۳۴۵۶۷۸۹"[int(ch)] for ch in nid[1:]),  # leading zero lost, Persian digits
        "applicant_name": "مریم قاسمی", "sex": "female", "age": "۳۱", "county": world.counties[0].pk,
        "program": world.program.pk, "fiscal_year": world.year.pk, "amount_requested": "۵۰۰٬۰۰۰",
        "planned_jobs": 2, "sheba": "", "bank": "", "branch": ""})
    assert response.status_code == 302
    file = FacilityFile.objects.get()
    assert (file.national_id, file.agency, file.amount_requested, file.created_by.role) == (
        nid, world.agencies[0], 5_000_000, "agency_officer")


def test_pages_render_in_english(client, world):
    allocation_version_create(program=world.program, fiscal_year=world.year, user=None, rule="initial", reason="r",
                              effective_on=d(1403, 2, 1), lines={world.agencies[0]: (10_000, 5)})
    login_as(client, "province_admin")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    for name in ("facilities:dashboard", "facilities:scorecard", "facilities:reallocation", "facilities:allocations",
                 "facilities:files"):
        response = client.get(reverse(name))
        assert (name, response.status_code) == (name, 200)
    assert "Absorption = amount of contracts signed" in client.get(reverse("facilities:dashboard")).content.decode()
