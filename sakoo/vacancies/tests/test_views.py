import pytest
from django.urls import reverse
from django.utils import timezone

from sakoo.accounts.models import Role
from sakoo.vacancies import services
from sakoo.vacancies.models import Application, ApplicationStatus, Placement, Vacancy, VacancyStatus
from sakoo.vacancies.tests import factories as f

pytestmark = pytest.mark.django_db


def _jtoday():
    from sakoo.core.jalali import to_jalali

    return to_jalali(timezone.localdate()).strftime("%Y/%m/%d")


SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _form_data(**kw):
    data = {
        "title": "حسابدار",
        "occupation": f.occupation().pk,
        "description": "شرح",
        "county": f.county().pk,
        "contract_type": "permanent",
        "remote": "on_site",
        "experience_years": "۰",
        "openings": "۲",
        "sex_requirement": "none",
        "insurance_provided": "on",
    }
    data.update(kw)
    return data


def test_employer_posts_vacancy_with_persian_digits_and_sends_for_review(client):
    emp = f.employer()
    client.force_login(emp.member)
    response = client.post(
        reverse("vacancies:create"), _form_data(wage_min="۱۵٬۰۰۰٬۰۰۰", submit_for_review="1")
    )
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert (vacancy.status, vacancy.openings, vacancy.wage_min) == (
        VacancyStatus.PENDING_REVIEW,
        2,
        150_000_000,
    )


def test_sex_requirement_without_reason_refused_in_form(client):
    emp = f.employer()
    client.force_login(emp.member)
    response = client.post(reverse("vacancies:create"), _form_data(sex_requirement="male"))
    assert response.status_code == 200
    assert 'data-field="sex_requirement_reason"' in response.content.decode()
    assert Vacancy.objects.count() == 0


def test_script_in_title_and_description_is_shown_as_text(client):
    vacancy = f.vacancy(title=f"حسابدار {SCRIPT}", description=f"متن {SCRIPT}")
    body = client.get(reverse("vacancies:detail", args=[vacancy.pk])).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "<img src=x" not in body


def test_unpublished_or_unverified_vacancy_is_404_for_public(client):
    draft = f.vacancy(status=VacancyStatus.DRAFT)
    unverified = f.vacancy(emp=f.employer(verified=False))
    assert client.get(reverse("vacancies:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("vacancies:detail", args=[unverified.pk])).status_code == 404
    client.force_login(draft.employer.member)
    assert client.get(reverse("vacancies:detail", args=[draft.pk])).status_code == 200


@pytest.mark.parametrize(
    "name, method",
    [
        ("vacancies:edit", "get"),
        ("vacancies:applicants", "get"),
        ("vacancies:submit", "post"),
        ("vacancies:close", "post"),
    ],
)
def test_other_employer_gets_404_on_vacancy(client, name, method):
    vacancy = f.vacancy(status=VacancyStatus.DRAFT)
    client.force_login(f.employer().member)
    response = getattr(client, method)(reverse(name, args=[vacancy.pk]))
    assert response.status_code == 404
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT


@pytest.mark.parametrize(
    "name, method, data",
    [
        ("vacancies:application", "get", None),
        ("vacancies:application_move", "post", {"status": "shortlisted"}),
        ("vacancies:message", "post", {"body": "سلام"}),
        ("vacancies:hire", "post", {"hired_on": "1404/01/01", "contract_type": "permanent"}),
        ("vacancies:application_cv", "get", None),
    ],
)
def test_other_employer_gets_404_on_applicant(client, name, method, data):
    vacancy = f.vacancy()
    application = services.application_submit(vacancy=vacancy, seeker=f.seeker())
    client.force_login(f.employer().member)
    response = getattr(client, method)(reverse(name, args=[application.pk]), data or {})
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.messages.count() == 0
    assert Placement.objects.count() == 0


def test_other_seeker_gets_404_on_application(client):
    application = services.application_submit(vacancy=f.vacancy(), seeker=f.seeker())
    client.force_login(f.seeker().user)
    assert client.get(reverse("vacancies:application", args=[application.pk])).status_code == 404


def test_seeker_cannot_open_employer_pages(client):
    seeker = f.seeker()
    client.force_login(seeker.user)
    assert client.get(reverse("vacancies:create")).status_code == 403
    assert client.get(reverse("vacancies:moderation")).status_code == 403
    assert client.get(reverse("vacancies:report_hire")).status_code == 404


def test_full_flow_through_pages(client):
    """Employer posts, admin approves, seeker applies, employer shortlists and hires."""
    emp = f.employer()
    client.force_login(emp.member)
    client.post(reverse("vacancies:create"), _form_data(submit_for_review="1", openings="1"))
    vacancy = Vacancy.objects.get()
    client.force_login(f.staff(Role.PROVINCE_ADMIN))
    assert (
        client.post(reverse("vacancies:moderate", args=[vacancy.pk]), {"action": "approve"}).status_code
        == 302
    )
    seeker = f.seeker()
    client.force_login(seeker.user)
    client.post(reverse("vacancies:apply", args=[vacancy.pk]), {"cover_note": "سلام"})
    application = Application.objects.get()
    client.force_login(emp.member)
    page = client.get(reverse("vacancies:applicants", args=[vacancy.pk]))
    assert [a.pk for a in page.context["applications"]] == [application.pk]
    client.post(reverse("vacancies:application_move", args=[application.pk]), {"status": "shortlisted"})
    response = client.post(
        reverse("vacancies:hire", args=[application.pk]),
        {"hired_on": _jtoday(), "contract_type": "permanent", "insured": "on"},
    )
    assert response.status_code == 302
    vacancy.refresh_from_db()
    seeker.refresh_from_db()
    assert (vacancy.status, vacancy.filled_count, seeker.employment_status) == ("filled", 1, "employed")
    client.force_login(seeker.user)
    dashboard = client.get(reverse("seekers:dashboard")).content.decode()
    assert "Employed (hired)" in dashboard or "شاغل" in dashboard


def test_moderation_queue_lists_pending_reports_and_duplicates(client):
    emp = f.employer()
    pending = f.vacancy(emp=emp, status=VacancyStatus.PENDING_REVIEW, title="جوشکار")
    reported = f.vacancy(emp=emp, title="نگهبان")
    services.vacancy_report(vacancy=reported, user=f.seeker().user, reason="fee")
    client.force_login(f.staff())
    response = client.get(reverse("vacancies:moderation"))
    assert [v.pk for v in response.context["pending"]] == [pending.pk]
    assert [r.vacancy_id for r in response.context["reports"]] == [reported.pk]
    assert [v.pk for v in response.context["flagged"]] == [reported.pk]


def test_suggest_occupation_from_title(client):
    f.occupation("8332", "رانندگان ماشین‌های سنگین و کامیون‌ها")
    f.occupation("2411")
    response = client.get(reverse("vacancies:suggest_occupation"), {"title": "راننده پايه يك"})
    assert [o.code for o in response.context["form"].suggested][:1] == ["8332"]


def test_external_hire_form_by_county_officer(client):
    seeker = f.seeker()
    officer = f.staff(Role.COUNTY_OFFICER)
    client.force_login(officer)
    data = {
        "national_id": seeker.national_id.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
        "employer_name": "کارگاه نمونه",
        "county": seeker.county.pk,
        "hired_on": _jtoday(),
        "contract_type": "day_labour",
    }
    response = client.post(reverse("vacancies:report_hire"), data)
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.seeker_id, placement.source, placement.reported_by_id) == (
        seeker.pk,
        "external",
        officer.pk,
    )


def test_applicant_list_query_count(client, django_assert_max_num_queries):
    vacancy = f.vacancy(openings=5)
    for _ in range(5):
        services.application_submit(vacancy=vacancy, seeker=f.seeker())
    client.force_login(vacancy.employer.member)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("vacancies:applicants", args=[vacancy.pk]))
    assert len(response.context["applications"]) == 5


def test_pages_render_in_english_too(client, settings):
    vacancy = f.vacancy(sex_requirement="female", sex_requirement_reason="reason")
    application = services.application_submit(vacancy=vacancy, seeker=f.seeker())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(vacancy.employer.member)
    for url in (
        reverse("vacancies:detail", args=[vacancy.pk]),
        reverse("vacancies:applicants", args=[vacancy.pk]),
        reverse("vacancies:application", args=[application.pk]),
        reverse("employers:dashboard"),
    ):
        response = client.get(url)
        assert (url, response.status_code) == (url, 200)
        assert 'lang="en"' in response.content.decode()
    assert "Women only" in client.get(reverse("vacancies:detail", args=[vacancy.pk])).content.decode()


def test_save_search_from_the_search_page_include(client, rf):
    from django.template.loader import render_to_string

    seeker = f.seeker()
    request = rf.get("/search/", {"q": "حسابدار", "county": "0301"})
    request.user = seeker.user
    html = render_to_string("vacancies/_save_search_form.html", {"request": request, "user": seeker.user})
    assert 'name="querystring" value="q=%D8%AD%D8%B3%D8%A7%D8%A8%D8%AF%D8%A7%D8%B1&amp;county=0301"' in html
    client.force_login(seeker.user)
    response = client.post(
        reverse("vacancies:saved_search_create"),
        {"querystring": "q=حسابدار&county=0301", "frequency": "weekly", "name": "حسابدار"},
    )
    assert response.status_code == 302
    saved = seeker.user.saved_searches.get()
    assert (saved.querystring, saved.frequency, saved.name) == ("q=حسابدار&county=0301", "weekly", "حسابدار")
