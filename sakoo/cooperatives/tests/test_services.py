"""Services: the application's states, refusals that write nothing, deadlines in working days,
follow-ups and dated jobs reports."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sakoo.cooperatives import services
from sakoo.cooperatives.models import (
    Application,
    ApplicationStep,
    Cooperative,
    JobsReport,
    Sector,
    Status,
    Unit,
)
from sakoo.cooperatives.testing import ApplicationFactory, CooperativeEmployerFactory, SupportItemFactory

from .conftest import days_ago

pytestmark = pytest.mark.django_db


def _fields(exc: pytest.ExceptionInfo) -> list[str]:
    return sorted(exc.value.message_dict)


def _submit(cooperative, item, **overrides):
    data = {
        "cooperative": cooperative,
        "item": item,
        "plan": "خرید مواد اولیه",
        "jobs_promised": 4,
        "amount_requested": 2_000_000_000,
        "on": days_ago(10),
    }
    return services.application_submit(**(data | overrides))


# --- the happy path --------------------------------------------------------------------------------


def test_an_application_goes_from_submitted_to_delivered_with_every_step_kept(cooperative, item, member):
    application = _submit(cooperative, item, by=member)
    services.application_start_review(application=application, on=days_ago(9))
    services.application_approve(application=application, amount=1_500_000_000, on=days_ago(8))
    services.application_deliver(application=application, on=days_ago(2))

    application.refresh_from_db()
    assert (application.status, application.amount_approved, application.amount_delivered) == (
        Status.DELIVERED,
        1_500_000_000,
        1_500_000_000,
    )
    steps = list(ApplicationStep.objects.filter(application=application).values_list("status", "on"))
    assert steps == [
        (Status.SUBMITTED, days_ago(10)),
        (Status.UNDER_REVIEW, days_ago(9)),
        (Status.APPROVED, days_ago(8)),
        (Status.DELIVERED, days_ago(2)),
    ]


def test_the_deadline_is_counted_in_working_days_of_the_government_calendar(cooperative, item):
    # Saturday 1 November 2025; Thursday and Friday are the default government weekend: 20 working days
    # after it (the day itself not counted) is Saturday 29 November.
    application = _submit(cooperative, item, on=dt.date(2025, 10, 29))

    services.application_approve(application=application, amount=1, on=dt.date(2025, 11, 1))

    assert application.deadline == dt.date(2025, 11, 29)


def test_a_closure_in_the_working_day_calendar_moves_the_deadline(cooperative, item):
    from sakoo.workcal.services import calendar_ensure_defaults, closure_override_create

    calendar_ensure_defaults()
    closure_override_create(date=dt.date(2025, 11, 4), scope="government", reason="تعطیلی اضطراری")
    application = _submit(cooperative, item, on=dt.date(2025, 10, 29))

    services.application_approve(application=application, amount=1, on=dt.date(2025, 11, 1))

    assert application.deadline == dt.date(2025, 11, 30)


def test_a_rejection_keeps_its_reason(cooperative, item):
    application = _submit(cooperative, item)

    services.application_reject(application=application, reason="  طرح ناقص است ", on=days_ago(5))

    application.refresh_from_db()
    assert (application.status, application.rejection_reason, application.decided_on) == (
        Status.REJECTED,
        "طرح ناقص است",
        days_ago(5),
    )


# --- refusals --------------------------------------------------------------------------------------


def test_a_rejection_without_a_reason_is_refused_and_nothing_changes(cooperative, item):
    application = _submit(cooperative, item)

    with pytest.raises(ValidationError) as exc:
        services.application_reject(application=application, reason=" ")

    assert _fields(exc) == ["reason"]
    application.refresh_from_db()
    assert (application.status, application.steps.count()) == (Status.SUBMITTED, 1)


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.REJECTED, "approve"),
        (Status.DELIVERED, "approve"),
        (Status.APPROVED, "reject"),
        (Status.UNDER_REVIEW, "start"),
        (Status.SUBMITTED, "deliver"),
        (Status.REJECTED, "deliver"),
    ],
)
def test_a_step_out_of_order_is_refused(status, action):
    application = ApplicationFactory(
        status=status,
        amount_approved=10,
        decided_on=days_ago(3),
        rejection_reason="x" if status == Status.REJECTED else "",
    )
    call = {
        "approve": lambda: services.application_approve(application=application, amount=5),
        "reject": lambda: services.application_reject(application=application, reason="دلیل"),
        "start": lambda: services.application_start_review(application=application),
        "deliver": lambda: services.application_deliver(application=application),
    }[action]

    with pytest.raises(ValidationError) as exc:
        call()

    assert _fields(exc) == ["status"]
    assert Application.objects.get(pk=application.pk).status == status


def test_more_than_requested_cannot_be_approved_nor_more_than_approved_delivered(cooperative, item):
    application = _submit(cooperative, item, amount_requested=100)

    with pytest.raises(ValidationError) as exc:
        services.application_approve(application=application, amount=101)
    assert _fields(exc) == ["amount"]

    services.application_approve(application=application, amount=80, on=days_ago(5))
    with pytest.raises(ValidationError) as exc:
        services.application_deliver(application=application, amount=81)
    assert _fields(exc) == ["amount"]


def test_a_decision_before_the_submission_or_in_the_future_is_refused(cooperative, item):
    application = _submit(cooperative, item, on=days_ago(3))

    with pytest.raises(ValidationError):
        services.application_approve(application=application, amount=1, on=days_ago(4))
    with pytest.raises(ValidationError):
        services.application_approve(application=application, amount=1, on=days_ago(-1))
    assert Application.objects.get(pk=application.pk).status == Status.SUBMITTED


def test_one_open_application_per_item_and_cooperative(cooperative, item):
    first = _submit(cooperative, item)

    with pytest.raises(ValidationError) as exc:
        _submit(cooperative, item)
    assert _fields(exc) == ["item"]

    services.application_reject(application=first, reason="دلیل")
    assert _submit(cooperative, item).status == Status.SUBMITTED


def test_a_facility_file_number_only_on_a_bank_credit_item(cooperative, item):
    with pytest.raises(ValidationError) as exc:
        _submit(cooperative, item, facility_file_number="12345")
    assert _fields(exc) == ["facility_file_number"]

    credit = SupportItemFactory(is_bank_credit=True)
    application = _submit(cooperative, credit, facility_file_number="۱۲۳۴۵")
    assert application.facility_file_number == "12345"
    assert Application.objects.count() == 1


def test_an_inactive_item_takes_no_applications(cooperative):
    with pytest.raises(ValidationError) as exc:
        _submit(cooperative, SupportItemFactory(is_active=False))
    assert _fields(exc) == ["item"]


# --- follow-ups and jobs reports -------------------------------------------------------------------


def test_follow_ups_only_for_approved_or_delivered_support(cooperative, item):
    application = _submit(cooperative, item)
    with pytest.raises(ValidationError) as exc:
        services.follow_up_record(application=application, jobs_created=3)
    assert _fields(exc) == ["status"]

    services.application_approve(application=application, amount=1, on=days_ago(5))
    follow_up = services.follow_up_record(application=application, jobs_created=3, on=days_ago(1))
    assert (follow_up.jobs_created, follow_up.reported_on) == (3, days_ago(1))


def test_jobs_reports_are_dated_once_a_day(cooperative):
    services.jobs_report_add(cooperative=cooperative, jobs=12, on=days_ago(3))

    with pytest.raises(ValidationError) as exc:
        services.jobs_report_add(cooperative=cooperative, jobs=14, on=days_ago(3))

    assert _fields(exc) == ["reported_on"]
    assert list(JobsReport.objects.values_list("jobs", flat=True)) == [12]


def test_a_profile_needs_an_employer_flagged_as_a_cooperative():
    employer = CooperativeEmployerFactory(is_cooperative=False)

    with pytest.raises(ValidationError) as exc:
        services.cooperative_register(
            employer=employer,
            sector=Sector.INDUSTRY,
            registration_number="123",
            members_male=3,
            members_female=0,
            jobs=3,
        )

    assert _fields(exc) == ["employer"]
    assert Cooperative.objects.count() == 0


def test_a_tourism_village_cooperative_names_its_village_and_keeps_its_first_jobs_report():
    employer = CooperativeEmployerFactory()
    with pytest.raises(ValidationError) as exc:
        services.cooperative_register(
            employer=employer,
            sector=Sector.TOURISM_VILLAGE,
            registration_number="۱۲۳",
            members_male=3,
            members_female=2,
            jobs=4,
        )
    assert _fields(exc) == ["village"]

    cooperative = services.cooperative_register(
        employer=employer,
        sector=Sector.TOURISM_VILLAGE,
        registration_number="۱۲۳",
        members_male=3,
        members_female=2,
        jobs=4,
        village="كندوان",
        on=days_ago(1),
    )

    assert (cooperative.registration_number, cooperative.village, cooperative.county_id) == (
        "123",
        "کندوان",
        employer.county_id,
    )
    assert list(cooperative.jobs_reports.values_list("reported_on", "jobs")) == [(days_ago(1), 4)]


def test_package_items_are_kept_in_the_items_unit(cooperative):
    seats = SupportItemFactory(unit=Unit.SEATS)

    application = _submit(cooperative, seats, amount_requested=12)

    assert (application.amount_requested, application.item.get_unit_display()) == (
        12,
        seats.get_unit_display(),
    )
