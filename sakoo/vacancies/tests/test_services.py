import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sakoo.seekers.models import EmploymentStatus, StatusChange
from sakoo.vacancies import services
from sakoo.vacancies.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Notification,
    Placement,
    PlacementSource,
    Vacancy,
    VacancyStatus,
)
from sakoo.vacancies.tests import factories as f

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "حسابدار",
    "description": "شرح",
    "contract_type": "permanent",
    "openings": 2,
}


def _create(emp, **kw):
    fields = {"occupation": f.occupation(), "county": emp.county, **FIELDS, **kw}
    return services.vacancy_create(employer=emp, by=emp.member, **fields)


def test_create_normalises_title_and_derives_flags():
    emp = f.employer(knowledge_based=True)
    vacancy = services.vacancy_create(
        employer=emp,
        by=emp.member,
        occupation=f.occupation("2512", "توسعه‌دهندگان نرم‌افزار"),
        county=emp.county,
        title="برنامه نويس پايتون",
        description="كار با جنگو",
        contract_type="permanent",
        education_required="bachelor",
    )
    assert vacancy.title == "برنامه نویس پایتون"
    assert vacancy.description == "کار با جنگو"
    assert (vacancy.is_it, vacancy.is_knowledge_based, vacancy.is_graduate_targeted) == (True, True, True)
    assert vacancy.status == VacancyStatus.DRAFT


def test_sex_requirement_without_reason_is_refused():
    emp = f.employer()
    with pytest.raises(ValidationError) as exc:
        _create(emp, sex_requirement="male")
    assert list(exc.value.message_dict) == ["sex_requirement_reason"]
    assert Vacancy.objects.count() == 0


def test_sex_requirement_with_reason_is_accepted():
    emp = f.employer()
    vacancy = _create(emp, sex_requirement="female", sex_requirement_reason="مراقبت از بیماران زن")
    assert vacancy.sex_requirement_reason == "مراقبت از بیماران زن"


def test_wage_range_must_be_ordered():
    with pytest.raises(ValidationError) as exc:
        _create(f.employer(), wage_min=200, wage_max=100)
    assert list(exc.value.message_dict) == ["wage_max"]


def test_duplicate_is_flagged_for_moderation():
    emp = f.employer()
    first = _create(emp, title="حسابدار")
    second = _create(emp, title="  حسابدار ")
    assert second.duplicate_of == first
    assert second.needs_moderation is True
    other = _create(emp, title="حسابدار", county=f.county("0302", "مراغه", "Maragheh"))
    assert other.duplicate_of is None


def test_lifecycle_submit_approve_close():
    emp = f.employer()
    vacancy = _create(emp)
    services.vacancy_submit(vacancy=vacancy, by=emp.member)
    assert vacancy.status == VacancyStatus.PENDING_REVIEW
    admin = f.staff()
    services.vacancy_approve(vacancy=vacancy, by=admin)
    assert vacancy.status == VacancyStatus.PUBLISHED
    assert vacancy.published_at is not None
    assert vacancy.expires_on == timezone.localdate() + dt.timedelta(days=30)
    services.vacancy_close(vacancy=vacancy, by=emp.member)
    assert vacancy.status == VacancyStatus.CLOSED
    with pytest.raises(ValidationError):
        services.vacancy_close(vacancy=vacancy, by=emp.member)


def test_reject_needs_reason():
    emp = f.employer()
    vacancy = _create(emp)
    services.vacancy_submit(vacancy=vacancy, by=emp.member)
    with pytest.raises(ValidationError):
        services.vacancy_reject(vacancy=vacancy, by=f.staff(), reason=" ")
    services.vacancy_reject(vacancy=vacancy, by=f.staff(), reason="عنوان مبهم است")
    assert (vacancy.status, vacancy.moderation_note) == (VacancyStatus.DRAFT, "عنوان مبهم است")


def test_expire_due():
    vacancy = f.vacancy()
    Vacancy.objects.filter(pk=vacancy.pk).update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert services.vacancies_expire_due() == 1
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.EXPIRED


def test_unverified_employer_vacancy_cannot_be_applied_for():
    vacancy = f.vacancy(emp=f.employer(verified=False))
    with pytest.raises(ValidationError):
        services.application_submit(vacancy=vacancy, seeker=f.seeker())
    assert Application.objects.count() == 0


def test_apply_once_and_employer_is_notified():
    vacancy = f.vacancy()
    seeker = f.seeker()
    application = services.application_submit(vacancy=vacancy, seeker=seeker, cover_note="سلام")
    assert application.status == ApplicationStatus.SUBMITTED
    assert list(Notification.objects.values_list("key", flat=True)) == [
        f"new_application:{application.pk}:{vacancy.employer.member.pk}"
    ]
    with pytest.raises(ValidationError):
        services.application_submit(vacancy=vacancy, seeker=seeker)
    assert Application.objects.count() == 1


def test_sex_requirement_blocks_other_sex():
    vacancy = f.vacancy(sex_requirement="male", sex_requirement_reason="کار شبانه در معدن")
    with pytest.raises(ValidationError):
        services.application_submit(vacancy=vacancy, seeker=f.seeker(sex="female"))


def test_move_rules_and_other_employer_refused():
    vacancy = f.vacancy()
    application = services.application_submit(vacancy=vacancy, seeker=f.seeker())
    member = vacancy.employer.member
    services.application_move(application=application, to_status="shortlisted", by=member)
    with pytest.raises(ValidationError):
        services.application_move(application=application, to_status="submitted", by=member)
    with pytest.raises(PermissionDenied):
        services.application_move(application=application, to_status="interview", by=f.employer().member)
    assert list(application.events.values_list("to_status", flat=True)) == ["submitted", "shortlisted"]


def test_hire_creates_placement_status_history_and_fills_openings():
    """Hand-checked: 2 openings, 2 hires → filled; each seeker employed from the hire date."""
    vacancy = f.vacancy(openings=2, contract_type="fixed_term", insurance_provided=True, wage_min=120_000_000)
    member = vacancy.employer.member
    seeker_a, seeker_b = f.seeker(), f.seeker(sex="male")
    app_a = services.application_submit(vacancy=vacancy, seeker=seeker_a)
    app_b = services.application_submit(vacancy=vacancy, seeker=seeker_b)
    hired_on = timezone.localdate()

    placement = services.placement_record(application=app_a, by=member, hired_on=hired_on)

    vacancy.refresh_from_db()
    seeker_a.refresh_from_db()
    assert (vacancy.filled_count, vacancy.status) == (1, VacancyStatus.PUBLISHED)
    assert (placement.source, placement.contract_type, placement.insured, placement.wage) == (
        PlacementSource.PLATFORM,
        "fixed_term",
        True,
        120_000_000,
    )
    assert seeker_a.employment_status == EmploymentStatus.EMPLOYED
    assert list(
        StatusChange.objects.filter(seeker=seeker_a).values_list("status", "valid_from", "placement")
    ) == [
        ("unemployed_looking", seeker_a.registered_on, None),
        ("employed", hired_on, placement.pk),
    ]
    app_a.refresh_from_db()
    assert app_a.status == ApplicationStatus.HIRED
    assert ApplicationEvent.objects.filter(application=app_a, to_status="hired").count() == 1

    services.placement_record(application=app_b, by=member, hired_on=hired_on)
    vacancy.refresh_from_db()
    assert (vacancy.filled_count, vacancy.status) == (2, VacancyStatus.FILLED)
    assert Placement.objects.count() == 2
    assert Placement.history.count() == 2


def test_hire_refused_when_filled_or_future_or_by_other_employer():
    vacancy = f.vacancy(openings=1)
    a1 = services.application_submit(vacancy=vacancy, seeker=f.seeker())
    a2 = services.application_submit(vacancy=vacancy, seeker=f.seeker())
    with pytest.raises(ValidationError):
        services.placement_record(
            application=a1, by=vacancy.employer.member, hired_on=timezone.localdate() + dt.timedelta(days=3)
        )
    with pytest.raises(PermissionDenied):
        services.placement_record(application=a1, by=f.employer().member)
    services.placement_record(application=a1, by=vacancy.employer.member)
    with pytest.raises(ValidationError):
        services.placement_record(application=a2, by=vacancy.employer.member)
    assert Placement.objects.count() == 1


def test_external_hire_by_officer():
    seeker = f.seeker()
    officer = f.staff("county_officer")
    hired_on = timezone.localdate() - dt.timedelta(days=5)
    placement = services.placement_report_external(
        by=officer,
        seeker=seeker,
        hired_on=hired_on,
        county=seeker.county,
        contract_type="day_labour",
        insured=False,
        employer_name="کارگاه آجرپزی",
    )
    seeker.refresh_from_db()
    assert placement.source == PlacementSource.EXTERNAL
    assert seeker.employment_status == EmploymentStatus.EMPLOYED
    with pytest.raises(ValidationError):
        services.placement_report_external(
            by=officer,
            seeker=seeker,
            hired_on=hired_on,
            county=seeker.county,
            contract_type="day_labour",
            insured=False,
            employer_name="کارگاه آجرپزی",
        )


def test_external_hire_refused_for_job_seeker_role():
    seeker = f.seeker()
    with pytest.raises(PermissionDenied):
        services.placement_report_external(
            by=seeker.user,
            seeker=seeker,
            hired_on=timezone.localdate(),
            county=seeker.county,
            contract_type="permanent",
            insured=True,
            employer_name="x",
        )


def test_report_flags_vacancy():
    vacancy = f.vacancy()
    seeker = f.seeker()
    services.vacancy_report(vacancy=vacancy, user=seeker.user, reason="fee", details="پول خواستند")
    vacancy.refresh_from_db()
    assert vacancy.needs_moderation is True
    with pytest.raises(ValidationError):
        services.vacancy_report(vacancy=vacancy, user=seeker.user, reason="fee")


def test_search_hooks_called_on_publish_and_close(monkeypatch):
    import sys
    import types

    calls = []
    fake = types.ModuleType("sakoo.search.services")
    fake.index_vacancy = lambda pk: calls.append(("index", pk))
    fake.remove_vacancy = lambda pk: calls.append(("remove", pk))
    monkeypatch.setitem(sys.modules, "sakoo.search.services", fake)
    import sakoo.search

    monkeypatch.setattr(sakoo.search, "services", fake, raising=False)
    emp = f.employer()
    vacancy = _create(emp)
    services.vacancy_submit(vacancy=vacancy, by=emp.member)
    services.vacancy_approve(vacancy=vacancy, by=f.staff())
    services.vacancy_close(vacancy=vacancy, by=emp.member)
    assert calls == [("index", vacancy.pk), ("remove", vacancy.pk)]


def test_send_pending_notifications_once(settings):
    from sakoo.accounts import sms
    from sakoo.vacancies.notifications import notifications_send_pending

    settings.SMS_BACKEND = "sakoo.accounts.sms.LocmemSMSBackend"
    sms.outbox.clear()
    vacancy = f.vacancy()
    services.application_submit(vacancy=vacancy, seeker=f.seeker())
    assert notifications_send_pending() == 1
    assert notifications_send_pending() == 0
    assert [m.to for m in sms.outbox] == [vacancy.employer.member.phone]


def test_expiry_in_the_past_is_refused():
    emp = f.employer()
    with pytest.raises(ValidationError) as exc:
        _create(emp, expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert list(exc.value.message_dict) == ["expires_on"]
    assert Vacancy.objects.count() == 0


def test_empty_title_is_refused():
    with pytest.raises(ValidationError) as exc:
        _create(f.employer(), title="   ")
    assert "title" in exc.value.message_dict


def test_recommendations_are_ranked_and_explained():
    from sakoo.vacancies.selectors import recommended_vacancies

    home, other = f.county(), f.county("0302", "مراغه", "Maragheh")
    accountant = f.occupation("2411")
    welder = f.occupation("7212", "جوشکاران")
    seeker = f.seeker(county=home, skills="اکسل، مالیات")
    seeker.desired_occupations.set([accountant])
    best = f.vacancy(title="حسابدار", occupation=accountant, county=home, description="آشنا با اکسل")
    same_job_elsewhere = f.vacancy(title="حسابدار", occupation=accountant, county=other, description="-")
    local_other_job = f.vacancy(title="جوشکار", occupation=welder, county=home, description="-")
    f.vacancy(title="جوشکار", occupation=welder, county=other, description="-")  # unrelated: not listed
    recs = recommended_vacancies(seeker)
    assert [r.vacancy.pk for r in recs] == [best.pk, same_job_elsewhere.pk, local_other_job.pk]
    assert len(recs[0].reasons) == 3  # occupation, county, skills
    assert recs[0].score > recs[1].score > recs[2].score
