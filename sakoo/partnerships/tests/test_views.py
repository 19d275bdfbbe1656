"""Pages: the flows each role goes through, and a fixed number of queries on the list pages."""

import datetime as dt

import pytest
from django.urls import reverse

from sakoo.accounts.testing import login_as
from sakoo.partnerships.models import Enrolment, ProgressReport
from sakoo.partnerships.testing import AgreementFactory, CourseFactory, EnrolmentFactory, placement
from sakoo.vacancies.tests.factories import employer, seeker

pytestmark = pytest.mark.django_db


def test_a_job_seeker_enrols_and_finds_the_course_among_their_courses(client):
    person = seeker()
    client.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    course = CourseFactory()

    response = client.post(reverse("partnerships:course_enrol", args=[course.pk]))

    assert response.url == reverse("partnerships:course_detail", args=[course.pk])
    assert list(Enrolment.objects.values_list("course", "seeker")) == [(course.pk, person.pk)]
    mine = client.get(reverse("partnerships:my_enrolments"))
    assert [e.course for e in mine.context["enrolments"]] == [course]


def test_enrolling_in_a_full_course_says_why_in_persian(client):
    person = seeker()
    client.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    course = CourseFactory(seats=1)
    EnrolmentFactory(course=course)

    response = client.post(reverse("partnerships:course_enrol", args=[course.pk]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "ثبت‌نام در این دوره بسته است: ظرفیت پر شده است."
    ]
    assert Enrolment.objects.filter(seeker=person).count() == 0


def test_the_providers_staff_mark_completion_and_the_outcome_follows(client, today):
    end = today - dt.timedelta(days=30)
    course = CourseFactory(starts_on=end - dt.timedelta(days=20), ends_on=end)
    enrolment = EnrolmentFactory(course=course)
    placement(seeker=enrolment.seeker, hired_on=end + dt.timedelta(days=7))
    login_as(client, "agency_officer", organisation=course.provider.organisation)

    client.post(
        reverse("partnerships:enrolment_mark", args=[enrolment.pk]), {f"e{enrolment.pk}-status": "completed"}
    )

    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    figures = client.get(reverse("partnerships:course_figures", args=[course.pk])).context["outcome"]
    assert (figures.completed, figures.placed, figures.window_closed) == (1, 1, False)


def test_a_progress_report_is_recorded_with_its_author_and_a_bad_one_keeps_the_input(client, today):
    agreement = AgreementFactory()
    admin = login_as(client, "province_admin")
    url = reverse("partnerships:agreement_report", args=[agreement.pk])

    bad = client.post(url, {"measure": "hires", "number": "۱۲", "as_of": "۱۵۰۰/۰۱/۰۱", "note": "نامه شرکت"})
    assert bad.status_code == 200
    assert "نامه شرکت" in bad.content.decode()
    assert ProgressReport.objects.count() == 0

    client.post(url, {"measure": "hires", "number": "۱۲", "as_of": _jalali(today), "note": "نامه شرکت"})
    report = ProgressReport.objects.get()
    assert (report.number, report.reported_by, report.as_of) == (12, admin, today)


def _jalali(day):
    from sakoo.core.jalali import to_jalali

    j = to_jalali(day)
    return f"{j.year}/{j.month:02d}/{j.day:02d}"


def test_the_agreement_page_shows_commitment_against_achieved_with_its_sources(client):
    company = employer(knowledge_based=True)
    agreement = AgreementFactory(employers=[company], hires_committed=20)
    login_as(client, "employer", organisation=company.organisation)

    response = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk]))

    hires = response.context["progress"].get("hires")
    assert (hires.committed, hires.platform, hires.reported) == (20, 0, None)
    body = response.content.decode()
    assert "دانش‌بنیان" in body
    assert "ثبت عدد" not in body  # only the province admin reports progress


def test_list_pages_take_a_fixed_number_of_queries(client, django_assert_max_num_queries, today):
    for _ in range(3):
        company = employer(knowledge_based=True)
        AgreementFactory(employers=[company])
        end = today - dt.timedelta(days=3)
        course = CourseFactory(starts_on=end - dt.timedelta(days=5), ends_on=end)
        EnrolmentFactory.create_batch(2, course=course, status="completed")
    login_as(client, "province_analyst")

    # The same counts with 2 or 5 of each (measured): nothing is fetched per row.
    with django_assert_max_num_queries(10):
        client.get(reverse("partnerships:agreements"))
    with django_assert_max_num_queries(9):
        client.get(reverse("partnerships:outcomes"))
    with django_assert_max_num_queries(9):
        client.get(reverse("partnerships:results"))
    with django_assert_max_num_queries(7):
        client.get(reverse("partnerships:courses"))


def _course_data(**overrides):
    from sakoo.geo.factories import CountyFactory
    from sakoo.partnerships.testing import occupation

    occupation("7212", "جوشکاران")
    data = {
        "title": "جوشکاری برق مقدماتی",
        "occupation": "۷۲۱۲",
        "county": CountyFactory(code="0303").pk,
        "starts_on": "۱۴۰۵/۱۰/۰۱",
        "ends_on": "١٤٠٥/١١/٣٠",
        "seats": "٢٠",
        "hours": "۱۲۰",
    }
    return data | overrides


def test_the_providers_staff_add_a_course_typed_in_persian_and_arabic_digits(client):
    from sakoo.partnerships.testing import TrainingProviderFactory

    provider = TrainingProviderFactory()
    login_as(client, "agency_officer", organisation=provider.organisation)

    response = client.post(reverse("partnerships:course_create"), _course_data(provider=provider.pk))

    course = provider.courses.get()
    assert response.url == reverse("partnerships:course_figures", args=[course.pk])
    assert (course.occupation.code, course.seats, course.hours) == ("7212", 20, 120)
    assert (course.starts_on, course.ends_on) == (dt.date(2026, 12, 22), dt.date(2027, 2, 19))


def test_a_bad_course_is_refused_field_by_field_keeping_the_input(client):
    from sakoo.partnerships.models import Course
    from sakoo.partnerships.testing import TrainingProviderFactory

    provider = TrainingProviderFactory()
    login_as(client, "agency_officer", organisation=provider.organisation)
    data = _course_data(provider=provider.pk, occupation="۹۹۹۹", ends_on="۱۴۰۵/۰۹/۰۱")

    response = client.post(reverse("partnerships:course_create"), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["occupation"] == ["شغل: «9999» گروه واحد ISCO-08 نیست؛ چهار رقم وارد کنید، مانند ۷۲۱۲."]
    assert "جوشکاری برق مقدماتی" in response.content.decode()
    assert Course.objects.count() == 0

    response = client.post(reverse("partnerships:course_create"), data | {"occupation": "7212"})
    assert list(response.context["form"].errors) == ["ends_on"]
    assert Course.objects.count() == 0


def test_the_public_list_finds_courses_by_words_and_shows_those_not_started_first(client, today):
    from sakoo.partnerships.testing import occupation

    running = CourseFactory(title="جوشکاری آرگون", starts_on=today - dt.timedelta(days=3))
    later = CourseFactory(title="جوشکاری برق", starts_on=today + dt.timedelta(days=20))
    sooner = CourseFactory(title="دوره مقدماتی", occupation=occupation("7212", "جوشکاران"))
    CourseFactory(title="آشپزی", occupation=occupation("5120", "آشپزان"))

    response = client.get(reverse("partnerships:courses"), {"q": "جوش"})

    assert [(course, is_open) for course, is_open in response.context["rows"]] == [
        (sooner, True),
        (later, True),
        (running, False),
    ]


def test_a_bad_status_change_names_the_field_and_changes_nothing(client):
    agreement = AgreementFactory()
    before = agreement.status
    login_as(client, "province_admin")
    url = reverse("partnerships:agreement_status", args=[agreement.pk])

    response = client.post(url, {"status": "signed", "signed_on": "۱۴۰۵/۱۳/۴۰"}, follow=True)

    texts = [str(m) for m in response.context["messages"]]
    assert len(texts) == 1 and texts[0].startswith("تاریخ امضا")
    agreement.refresh_from_db()
    assert agreement.status == before
