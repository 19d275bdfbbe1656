"""Members reports: dated, never edited; the latest (by date, then by entry) is the cooperative's current
members, which the figures count. Refusals name their field, in Persian on the page, and write nothing."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from sakoo.cooperatives import selectors, services
from sakoo.cooperatives.models import Cooperative, JobsReport, MembersReport, Sector
from sakoo.cooperatives.testing import CooperativeEmployerFactory, CooperativeFactory, member_of
from sakoo.core.jalali import format_jalali
from sakoo.core.text import to_persian_digits

from .conftest import days_ago

pytestmark = pytest.mark.django_db


_registration_numbers = itertools.count(70_000)


def _register(on=None, members_male=6, members_female=4, by=None, **employer):
    return services.cooperative_register(
        employer=CooperativeEmployerFactory(**employer),
        sector=Sector.INDUSTRY,
        registration_number=str(next(_registration_numbers)),
        members_male=members_male,
        members_female=members_female,
        jobs=3,
        on=on or days_ago(100),
        by=by,
    )


def _history(cooperative) -> list[tuple]:
    return list(
        selectors.members_reports(cooperative).values_list("reported_on", "members_male", "members_female")
    )


def _current(cooperative) -> tuple[int, int]:
    fresh = Cooperative.objects.get(pk=cooperative.pk)
    return fresh.members_male, fresh.members_female


def _fields(exc: pytest.ExceptionInfo) -> list[str]:
    return sorted(exc.value.message_dict)


def _jalali(day: dt.date) -> str:
    return to_persian_digits(format_jalali(day, "short", lang="en"))


# --- the service -----------------------------------------------------------------------------------


def test_registration_writes_the_first_members_report_on_the_registration_day():
    cooperative = _register(on=days_ago(100), members_male=6, members_female=4)

    assert _history(cooperative) == [(days_ago(100), 6, 4)]
    assert selectors.registered_on(cooperative) == days_ago(100)


def test_the_latest_report_by_date_then_by_entry_sets_the_current_members():
    cooperative = _register(on=days_ago(100), members_male=6, members_female=4)

    services.members_report_add(cooperative=cooperative, members_male=8, members_female=5, on=days_ago(10))
    assert _current(cooperative) == (8, 5)

    # Dated earlier than the latest: kept in the history, the current members do not change.
    services.members_report_add(cooperative=cooperative, members_male=1, members_female=1, on=days_ago(50))
    assert _current(cooperative) == (8, 5)

    # A second report on the latest day: the later entry wins.
    services.members_report_add(cooperative=cooperative, members_male=9, members_female=5, on=days_ago(10))
    assert _current(cooperative) == (9, 5)
    assert (cooperative.members_male, cooperative.members_female) == (9, 5)  # the instance follows too

    assert _history(cooperative) == [
        (days_ago(10), 9, 5),
        (days_ago(10), 8, 5),
        (days_ago(50), 1, 1),
        (days_ago(100), 6, 4),
    ]


def test_a_report_without_a_date_is_for_today_and_keeps_who_reported_it(cooperative, member, today):
    report = services.members_report_add(cooperative=cooperative, members_male=0, members_female=3, by=member)

    assert (report.reported_on, report.reported_by, report.members) == (today, member, 3)
    assert _current(cooperative) == (0, 3)


def test_a_report_dated_in_the_future_is_refused_and_nothing_is_written():
    cooperative = _register()

    with pytest.raises(ValidationError) as exc:
        services.members_report_add(
            cooperative=cooperative, members_male=7, members_female=4, on=days_ago(-1)
        )

    assert _fields(exc) == ["reported_on"]
    assert _history(cooperative) == [(days_ago(100), 6, 4)]
    assert _current(cooperative) == (6, 4)


def test_a_report_dated_before_the_registration_is_refused_naming_the_registration_day():
    cooperative = _register(on=days_ago(100))

    with pytest.raises(ValidationError) as exc:
        services.members_report_add(
            cooperative=cooperative, members_male=7, members_female=4, on=days_ago(101)
        )

    assert _fields(exc) == ["reported_on"]
    assert format_jalali(days_ago(100)) in exc.value.message_dict["reported_on"][0]
    assert MembersReport.objects.count() == 1

    # The registration day itself is accepted.
    services.members_report_add(cooperative=cooperative, members_male=7, members_female=4, on=days_ago(100))
    assert _current(cooperative) == (7, 4)


def test_a_report_with_no_member_is_refused():
    cooperative = _register()

    with pytest.raises(ValidationError) as exc:
        services.members_report_add(cooperative=cooperative, members_male=0, members_female=0)

    assert _fields(exc) == ["members_male"]
    assert _current(cooperative) == (6, 4)
    assert MembersReport.objects.count() == 1


@pytest.mark.parametrize(("male", "female", "field"), [(-1, 3, "members_male"), (3, None, "members_female")])
def test_a_missing_or_negative_count_is_refused(male, female, field):
    cooperative = _register()

    with pytest.raises(ValidationError) as exc:
        services.members_report_add(cooperative=cooperative, members_male=male, members_female=female)

    assert _fields(exc) == [field]
    assert MembersReport.objects.count() == 1


def test_every_refusal_is_reported_at_once():
    cooperative = _register()

    with pytest.raises(ValidationError) as exc:
        services.members_report_add(
            cooperative=cooperative, members_male=0, members_female=0, on=days_ago(-3)
        )

    assert _fields(exc) == ["members_male", "reported_on"]


def test_without_a_members_report_the_registration_is_the_local_day_the_profile_was_made():
    cooperative = CooperativeFactory()
    # 22:00 UTC on 20 March is 01:30 on 21 March in Tehran.
    Cooperative.objects.filter(pk=cooperative.pk).update(
        created_at=dt.datetime(2025, 3, 20, 22, 0, tzinfo=dt.UTC)
    )
    cooperative.refresh_from_db()

    assert selectors.registered_on(cooperative) == dt.date(2025, 3, 21)


# --- the figures -----------------------------------------------------------------------------------


def test_the_figures_count_each_cooperatives_latest_members_report():
    a = _register(on=days_ago(100), members_male=6, members_female=4)
    b = _register(on=days_ago(100), members_male=2, members_female=1, county=a.county)
    services.members_report_add(cooperative=a, members_male=10, members_female=12, on=days_ago(5))
    services.members_report_add(cooperative=a, members_male=1, members_female=1, on=days_ago(30))  # older
    services.members_report_add(cooperative=b, members_male=0, members_female=7, on=days_ago(1))

    by_county = selectors.figures(Cooperative.objects.all(), by="county")

    f = by_county[a.county_id]
    assert (f.cooperatives, f.members_male, f.members_female) == (2, 10, 19)


def test_the_figures_page_shows_the_latest_members(client):
    from sakoo.accounts.testing import login_as

    cooperative = _register(on=days_ago(100), members_male=6, members_female=4)
    services.members_report_add(cooperative=cooperative, members_male=11, members_female=13, on=days_ago(2))
    login_as(client, "province_analyst")

    body = client.get(reverse("cooperatives:figures")).content.decode()

    row = body.split(f'<th scope="row">{cooperative.county.name_fa}</th>')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in row.split('<td class="num">')[1:4]]
    assert cells == ["۱", "۱۱", "۱۳"]  # cooperatives, men, women


# --- the data migration ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_writes_a_first_report_from_the_current_members_once():
    before = [("cooperatives", "0002_members_report")]
    after = [("cooperatives", "0003_first_members_reports")]
    MigrationExecutor(connection).migrate(before)
    old = CooperativeFactory(members_male=3, members_female=2)  # made before members reports existed
    # 22:00 UTC on 20 March is 01:30 on 21 March in Tehran: the report is dated the 21st.
    Cooperative.objects.filter(pk=old.pk).update(created_at=dt.datetime(2025, 3, 20, 22, 0, tzinfo=dt.UTC))
    with_report = _register(on=days_ago(100), members_male=6, members_female=4)
    # registered before its profile reached Sakoo: its first jobs report, written at registration, is
    # the earlier day, so the first members report takes it
    registered_earlier = CooperativeFactory(members_male=1, members_female=0)
    JobsReport.objects.create(cooperative=registered_earlier, reported_on=dt.date(2024, 5, 1), jobs=3)
    JobsReport.objects.create(cooperative=registered_earlier, reported_on=dt.date(2024, 9, 1), jobs=4)

    MigrationExecutor(connection).migrate(after)
    MigrationExecutor(connection).migrate(before)  # reversing keeps the reports (0003 reverses as a no-op)
    MigrationExecutor(connection).migrate(after)  # and running it again adds nothing

    assert _history(old) == [(dt.date(2025, 3, 21), 3, 2)]
    assert MembersReport.objects.get(cooperative=old).reported_by is None
    assert _history(with_report) == [(days_ago(100), 6, 4)]
    assert _history(registered_earlier) == [(dt.date(2024, 5, 1), 1, 0)]


# --- the page --------------------------------------------------------------------------------------


@pytest.fixture
def registered(db):
    return _register(on=days_ago(100), members_male=6, members_female=4)


@pytest.fixture
def signed_in(client, registered):
    user = member_of(registered)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.user = user
    return client


def test_the_page_offers_the_current_members_and_shows_the_history_in_jalali(signed_in, registered):
    response = signed_in.get(reverse("cooperatives:members_report", args=[registered.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="members_male" value="۶"' in body
    assert 'name="members_female" value="۴"' in body
    assert f'<th scope="row">{format_jalali(days_ago(100))}</th>' in body


def test_a_report_typed_in_persian_and_arabic_digits_is_recorded_and_shown_on_the_cooperatives_page(
    signed_in, registered
):
    response = signed_in.post(
        reverse("cooperatives:members_report", args=[registered.pk]),
        {"members_male": "۱۲", "members_female": "٩", "reported_on": _jalali(days_ago(3))},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cooperatives:detail", args=[registered.pk])
    report = MembersReport.objects.latest("pk")
    assert (report.reported_on, report.members_male, report.members_female, report.reported_by) == (
        days_ago(3),
        12,
        9,
        signed_in.user,
    )
    assert _current(registered) == (12, 9)
    page = signed_in.get(reverse("cooperatives:detail", args=[registered.pk])).content.decode()
    assert (
        f'<th scope="row">{format_jalali(days_ago(3))}</th><td class="num">۱۲</td><td class="num">۹</td>'
        in page
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"members_male": "۰", "members_female": "۰"}, "members_male", "اعضا: تعاونی دست‌کم یک عضو دارد."),
        (
            {"members_male": "۳", "members_female": "۲", "reported_on": "future"},
            "reported_on",
            "تاریخ: آن روز هنوز نرسیده است؛ امروز یا روزی پیش از آن را وارد کنید.",
        ),
        (
            {"members_male": "دوازده", "members_female": "۲"},
            "members_male",
            "اعضای مرد: یک عدد صحیح وارد کنید",
        ),
        ({"members_male": "-۲", "members_female": "۲"}, "members_male", "اعضای مرد: صفر یا بیشتر وارد کنید."),
    ],
    ids=["no-member", "future", "not-a-number", "negative"],
)
def test_a_refusal_is_shown_in_persian_next_to_its_field_keeping_what_was_typed(
    signed_in, registered, data, field, message
):
    if data.get("reported_on") == "future":
        data = data | {"reported_on": _jalali(days_ago(-1))}

    response = signed_in.post(reverse("cooperatives:members_report", args=[registered.pk]), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert message in body
    for name, typed in data.items():
        assert f'name="{name}" value="{typed}"' in body
    assert MembersReport.objects.count() == 1
    assert _current(registered) == (6, 4)


def test_a_report_before_the_registration_is_refused_on_the_page(signed_in, registered):
    response = signed_in.post(
        reverse("cooperatives:members_report", args=[registered.pk]),
        {"members_male": "۷", "members_female": "۴", "reported_on": _jalali(days_ago(101))},
    )

    errors = response.context["form"].errors["reported_on"]
    assert errors == [
        f"تاریخ: تعاونی در {format_jalali(days_ago(100))} ثبت شده است؛ همان روز یا روزی پس از آن را وارد کنید."
    ]
    assert MembersReport.objects.count() == 1
