import re
import subprocess

import pytest

from sakoo.accounts.models import Organisation
from sakoo.accounts.testing import login_as
from sakoo.monitoring.aggregates import refresh_monthly_aggregates
from sakoo.monitoring.models import MonthlyAggregate


@pytest.fixture
def computed(registry):
    refresh_monthly_aggregates((1404, 6), (1404, 7))
    return registry


def county_org(county):
    return Organisation.objects.create(kind="county", name=f"فرمانداری {county.name_fa}", county=county)


def test_dashboard_for_province_staff(client, computed):
    login_as(client, "province_analyst")
    response = client.get("/monitoring/?month=1404-07")
    assert response.status_code == 200
    assert response.context["data"].headline[1].value == 3
    assert [r["county"].code for r in response.context["data"].county_rows] == ["0301", "0305"]


def test_county_officer_sees_only_their_county(client, computed):
    login_as(client, "county_officer", county_org(computed["marand"]))
    response = client.get("/monitoring/?month=1404-07")
    assert response.status_code == 200
    assert response.context["scope"].county == computed["marand"]
    assert response.context["data"].county_rows == []
    assert client.get("/monitoring/?month=1404-07&county=0301").status_code == 403
    assert client.get("/monitoring/county/0301/placements/?month=1404-07").status_code == 403
    assert client.get("/monitoring/county/0305/placements/?month=1404-07").status_code == 200


@pytest.mark.parametrize("role", ["job_seeker", "employer", "agency_officer", "bank_officer"])
def test_other_roles_are_refused(client, computed, role):
    login_as(client, role)
    assert client.get("/monitoring/").status_code == 403


def test_drilldown_lists_the_months_placements(client, computed):
    login_as(client, "province_admin")
    response = client.get("/monitoring/county/0301/placements/?month=1404-07")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 2


def test_exports(client, computed):
    login_as(client, "province_admin")
    csv_response = client.get("/monitoring/export.csv?month=1404-07")
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "month,county_code,indicator,breakdown,key,value,computed_at"
    assert any(line.startswith("1404-07,,unemployed_looking,,,3.0,") for line in lines)
    xlsx = client.get("/monitoring/export.xlsx?month=1404-07")
    assert xlsx.content[:2] == b"PK"


def test_api_summary_exact_for_staff(client, computed):
    login_as(client, "province_admin")
    body = client.get("/api/v1/stats/summary?province=03&month=1404-07").json()
    assert body["exact"] is True
    figure = body["figures"]["unemployed_looking"]
    assert figure["value"] == 3
    assert sorted(figure) == ["as_of", "definition", "label", "source", "suppressed", "unit", "value"]
    assert body["figures"]["placements"]["value"] == 2
    assert body["figures"]["open_vacancies"]["value"] == 2
    assert body["figures"]["registered_job_seekers"]["value"] == 5


def test_api_summary_suppresses_small_cells_for_the_public(client, computed):
    body = client.get("/api/v1/stats/summary?province=03&month=1404-07").json()
    assert body["exact"] is False
    assert body["figures"]["unemployed_looking"] == {**body["figures"]["unemployed_looking"], "value": None, "suppressed": True}


def test_api_county_and_series(client, computed):
    login_as(client, "province_admin")
    county = client.get("/api/v1/stats/summary?month=1404-07&county=0305").json()
    assert county["county"] == "0305"
    assert county["figures"]["registered_job_seekers"]["value"] == 1
    series = client.get("/api/v1/stats/series?indicator=placements&from=1404-06&to=1404-07").json()
    assert [(p["month"], p["value"]) for p in series["points"]] == [("1404-06", 0), ("1404-07", 2)]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/stats/summary?month=1404-13", "month"),
        ("/api/v1/stats/summary?month=abc", "month"),
        ("/api/v1/stats/summary?county=9999", "county"),
        ("/api/v1/stats/summary?province=11", "province"),
        ("/api/v1/stats/series?indicator=nonsense", "indicator"),
        ("/api/v1/stats/series?indicator=placements&from=1404-07&to=1404-01", "from"),
    ],
)
def test_api_bad_input_is_422(client, computed, url, field):
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(field + ":")


def test_refresh_is_repeatable(computed):
    first = MonthlyAggregate.objects.filter(month="1404-07").count()
    refresh_monthly_aggregates((1404, 7), (1404, 7))
    assert MonthlyAggregate.objects.filter(month="1404-07").count() == first


@pytest.mark.slow
def test_monthly_report_pdf_has_pages_and_persian_text(computed, tmp_path):
    from django.core.management import call_command

    call_command("monthly_report", month="1404-07", output_dir=str(tmp_path))
    pdf = tmp_path / "sakoo-report-1404-07.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2
    raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub("[\u202a-\u202e]", "", raw)  # pdftotext marks right-to-left runs
    assert "گزارش ماهانه کارگروه اشتغال استان" in text
    assert "استانداری آذربایجان شرقی · مهر" in text
    assert "مصوبه سررسیدگذشته" in text
    assert text.count("صفحه") >= pages
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "sakoo-report-1404-07.xlsx")
    assert book.sheetnames[:4] == ["شاخص‌های اصلی", "شهرستان‌ها", "روندها", "مصوبات سررسیدگذشته"]
    headline = {row[0]: row[1] for row in book["شاخص‌های اصلی"].iter_rows(min_row=3, values_only=True)}
    assert headline["ثبت‌نام‌شده: بیکار و جویای کار"] == 3


def test_report_requires_province_staff(client, computed):
    login_as(client, "county_officer", county_org(computed["marand"]))
    assert client.get("/monitoring/report.pdf?month=1404-07").status_code == 403


def test_admin_sets_a_target_and_the_dashboard_shows_its_status(client, computed):
    login_as(client, "province_admin")
    response = client.post(
        "/monitoring/targets/",
        {"indicator": "placements", "county": "", "direction": "at_least", "value": "۳", "from_month": "۱۴۰۴-۰۱",
         "to_month": "1404-12", "note": ""},
    )
    assert response.status_code == 302
    status = client.get("/monitoring/?month=1404-07").context["targets"]
    assert [(s["target"].value, s["actual"], s["met"]) for s in status] == [(3.0, 2.0, False)]


def test_a_share_target_above_one_is_refused(client, computed):
    login_as(client, "province_admin")
    response = client.post(
        "/monitoring/targets/",
        {"indicator": "graduate_share_placements", "direction": "at_least", "value": "30", "from_month": "1404-01",
         "to_month": "1404-12"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["value"] == ["سهم عددی میان ۰ و ۱ است (مثلاً ۰٫۳ برای ۳۰٪)."]


def test_analyst_cannot_set_targets(client, computed):
    login_as(client, "province_analyst")
    assert client.get("/monitoring/targets/").status_code == 403


def test_refresh_button_recomputes_the_month(client, computed):
    from sakoo.vacancies.models import Placement

    login_as(client, "province_analyst")
    Placement.objects.filter(hired_on__month=10, hired_on__day=5).delete()
    response = client.post("/monitoring/refresh/?month=1404-07")
    assert response.status_code == 302
    assert client.get("/monitoring/?month=1404-07").context["data"].headline[4].value == 1


def test_dashboard_reads_a_fixed_number_of_queries(client, computed, django_assert_num_queries):
    login_as(client, "province_analyst")
    client.get("/monitoring/?month=1404-07")  # warm the session
    with django_assert_num_queries(10) as ctx:
        client.get("/monitoring/?month=1404-07")
    assert all("seekers_jobseeker" not in q["sql"] for q in ctx.captured_queries)


def test_a_bad_month_is_named_and_the_current_month_shown(client, computed):
    login_as(client, "province_analyst")
    response = client.get("/monitoring/?month=1404-13")
    assert response.status_code == 200
    assert response.context["month_error"] == "ماه: ماه شمسی را مانند ۱۴۰۴-۰۷ وارد کنید."
    assert response.context["month_code"] == "1404-08"  # 15 November 2025
    assert 'value="۱۴۰۴-۱۳"' in response.content.decode()


def test_a_cached_dashboard_is_served_without_recomputing(client, computed):
    login_as(client, "province_analyst")
    first = client.get("/monitoring/?month=1404-07")
    assert first.context["data"] is not None
    second = client.get("/monitoring/?month=1404-07")
    assert second.context["data"] is None  # served from the cache
    assert second.context["parts"] == first.context["parts"]
    assert "data-testid=\"figure-unemployed_looking\"" in second.content.decode()


def test_api_gives_a_county_officer_exact_figures_only_for_their_county(client, computed):
    login_as(client, "county_officer", county_org(computed["marand"]))
    own = client.get("/api/v1/stats/summary?month=1404-07&county=0305").json()
    assert (own["exact"], own["figures"]["registered_job_seekers"]["value"]) == (True, 1)
    other = client.get("/api/v1/stats/summary?month=1404-07&county=0301").json()
    assert other["exact"] is False
    assert other["figures"]["registered_job_seekers"] == {
        **other["figures"]["registered_job_seekers"], "value": None, "suppressed": True,
    }


def test_reference_figures_are_shown_apart_from_registry_counts(client, computed):
    import datetime as dt

    from sakoo.atlas.models import ReferenceFigure
    from sakoo.geo.models import Province

    ReferenceFigure.objects.create(
        province=Province.objects.get(code="03"), label="بیکاران (برآورد طرح نیروی کار)", value=120000,
        source="مرکز آمار ایران", reference_period="بهار ۱۴۰۴", reference_date=dt.date(2025, 6, 21),
    )
    login_as(client, "province_analyst")
    response = client.get("/monitoring/?month=1404-07")
    assert [r.label for r in response.context["reference_figures"]] == ["بیکاران (برآورد طرح نیروی کار)"]
    assert response.context["data"].headline[1].value == 3  # unemployed_looking stays the registry count
