"""Pages: forms with Persian and Arabic-Indic digits, Persian errors naming the field with what was typed
kept and nothing written, the review steps, and the figures page."""

import datetime as dt

import pytest
from django.urls import reverse

from sakoo.cooperatives.forms import ApplicationForm
from sakoo.cooperatives.models import Application, FollowUp, JobsReport, Status, Unit
from sakoo.cooperatives.testing import ApplicationFactory, SupportItemFactory
from sakoo.core.jalali import format_jalali
from sakoo.core.text import to_persian_digits

from .conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member):
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _jalali(day: dt.date) -> str:
    return to_persian_digits(format_jalali(day, "short", lang="en"))


def test_an_application_with_persian_and_arabic_digits_is_stored_in_rials(signed_in, cooperative, item):
    response = signed_in.post(
        reverse("cooperatives:apply", args=[cooperative.pk]),
        {
            "item": item.pk,
            "plan": "خريد ماشين‌آلات",  # Arabic yeh and kaf
            "jobs_promised": "١٢",  # Arabic-Indic
            "amount": "۲۵۰٬۰۰۰٬۰۰۰",  # tomans
        },
    )

    application = Application.objects.get()
    assert response.status_code == 302
    assert (application.jobs_promised, application.amount_requested, application.plan) == (
        12,
        2_500_000_000,
        "خرید ماشین‌آلات",
    )
    assert (application.status, application.submitted_by, application.submitted_on) == (
        Status.SUBMITTED,
        response.wsgi_request.user,
        dt.date.today(),
    )


def test_bad_input_is_answered_in_persian_naming_the_field_and_keeps_what_was_typed(
    signed_in, cooperative, item
):
    response = signed_in.post(
        reverse("cooperatives:apply", args=[cooperative.pk]),
        {"item": item.pk, "plan": "طرح توسعه", "jobs_promised": "دوازده", "amount": ""},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "اشتغال پیش‌بینی‌شده: یک عدد صحیح وارد کنید" in body
    assert "مبلغ درخواستی: مبلغ را به تومان وارد کنید." in body
    assert 'value="دوازده"' in body
    assert "طرح توسعه</textarea>" in body
    assert Application.objects.count() == 0


def test_a_training_item_asks_for_seats_not_money(signed_in, cooperative):
    seats = SupportItemFactory(unit=Unit.SEATS)

    response = signed_in.post(
        reverse("cooperatives:apply", args=[cooperative.pk]),
        {"item": seats.pk, "plan": "آموزش", "jobs_promised": "۳", "quantity": "۸"},
    )

    assert response.status_code == 302
    assert Application.objects.get().amount_requested == 8


def test_the_county_officer_approves_in_tomans_and_the_deadline_is_shown(client, cooperative, item):
    from sakoo.accounts.models import OrganisationKind
    from sakoo.accounts.testing import OrganisationFactory, login_as

    application = ApplicationFactory(cooperative=cooperative, item=item, amount_requested=2_000_000_000)
    county = OrganisationFactory(kind=OrganisationKind.COUNTY, county=cooperative.county)
    login_as(client, "county_officer", organisation=county)
    url = reverse("cooperatives:decide", args=[application.pk])

    too_much = client.post(url, {"action": "approve", "approve-amount": "۳۰۰ میلیون"})
    assert "مبلغ مصوب" in too_much.content.decode()
    assert Application.objects.get().status == Status.SUBMITTED

    response = client.post(
        url, {"action": "approve", "approve-amount": "۱۵۰ میلیون", "approve-on": _jalali(days_ago(1))}
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert (application.status, application.amount_approved, application.decided_on) == (
        Status.APPROVED,
        1_500_000_000,
        days_ago(1),
    )
    page = client.get(reverse("cooperatives:application", args=[application.pk])).content.decode()
    assert format_jalali(application.deadline) in page
    assert "۱۵۰٬۰۰۰٬۰۰۰ تومان" in page


def test_a_rejection_without_a_reason_is_refused_in_persian(client, cooperative, item):
    from sakoo.accounts.testing import login_as

    application = ApplicationFactory(cooperative=cooperative, item=item)
    login_as(client, "province_admin")

    response = client.post(reverse("cooperatives:decide", args=[application.pk]), {"action": "reject"})

    assert "دلیل: بگویید چرا درخواست رد می‌شود." in response.content.decode()
    assert Application.objects.get().status == Status.SUBMITTED


def test_the_error_summary_names_each_field_once(client, cooperative, item):
    """A service's message already names its field («دلیل: …»): the list at the top keeps it as it is
    instead of putting the form's label in front of it again («دلیل رد: دلیل: …»)."""
    from sakoo.accounts.testing import login_as

    application = ApplicationFactory(cooperative=cooperative, item=item)
    login_as(client, "province_admin")

    response = client.post(reverse("cooperatives:decide", args=[application.pk]), {"action": "reject"})

    summary = response.context["decision"]["reject"].error_summary()
    assert summary == [("id_reject-reason", "دلیل: بگویید چرا درخواست رد می‌شود.")]
    page = response.content.decode()
    assert "دلیل رد: دلیل:" not in page
    # a message that does not name its field still gets the label in front
    form = ApplicationForm({"item": item.pk, "plan": "x", "jobs_promised": "۱", "amount": "ده"}, items=None)
    assert form.error_summary()[0][1].startswith("مبلغ درخواستی (برای ردیف‌های ریالی): ")


def test_follow_up_and_jobs_report_with_persian_digits(signed_in, cooperative, item):
    application = ApplicationFactory(
        cooperative=cooperative,
        item=item,
        status=Status.DELIVERED,
        amount_approved=5,
        decided_on=days_ago(20),
    )

    signed_in.post(
        reverse("cooperatives:follow_up", args=[application.pk]),
        {"jobs_created": "۷", "reported_on": _jalali(days_ago(2))},
    )
    signed_in.post(reverse("cooperatives:jobs_report", args=[cooperative.pk]), {"jobs": "٢٣"})

    assert list(FollowUp.objects.values_list("jobs_created", "reported_on")) == [(7, days_ago(2))]
    assert list(JobsReport.objects.values_list("jobs", flat=True)) == [23]


def test_a_future_follow_up_date_is_refused_and_kept(signed_in, cooperative, item):
    application = ApplicationFactory(
        cooperative=cooperative, item=item, status=Status.APPROVED, amount_approved=5, decided_on=days_ago(20)
    )
    tomorrow = _jalali(days_ago(-1))

    response = signed_in.post(
        reverse("cooperatives:follow_up", args=[application.pk]),
        {"jobs_created": "۳", "reported_on": tomorrow},
    )

    body = response.content.decode()
    assert "تاریخ: آن روز هنوز نرسیده است" in body
    assert f'value="{tomorrow}"' in body
    assert FollowUp.objects.count() == 0


def test_the_figures_page_lists_counties_in_persian_digits(client, cooperative):
    from sakoo.accounts.testing import login_as

    login_as(client, "province_analyst")

    body = client.get(reverse("cooperatives:figures")).content.decode()

    row = body.split(f'<th scope="row">{cooperative.county.name_fa}</th>')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in row.split('<td class="num">')[1:5]]
    assert cells == ["۱", "۶", "۴", "۰"]  # cooperatives, men, women, employees (no jobs report)


def test_a_cooperatives_user_registers_its_profile_with_persian_digits(client):
    from sakoo.accounts.testing import MembershipFactory, login_as
    from sakoo.cooperatives.models import Cooperative
    from sakoo.cooperatives.testing import CooperativeEmployerFactory

    employer = CooperativeEmployerFactory()
    user = login_as(client, "employer")
    MembershipFactory(user=user, organisation=employer.organisation)
    data = {
        "employer": employer.pk,
        "sector": "tourism_village",
        "village": "",
        "registration_number": "۱۲۳۴۵",
        "members_male": "٣",
        "members_female": "۴",
        "jobs": "۹",
    }

    refused = client.post(reverse("cooperatives:register"), data)
    assert "روستا: نام روستای هدف گردشگری را وارد کنید." in refused.content.decode()
    assert 'value="۱۲۳۴۵"' in refused.content.decode()
    assert Cooperative.objects.count() == 0

    response = client.post(reverse("cooperatives:register"), data | {"village": "کندوان"})

    cooperative = Cooperative.objects.get()
    assert response.status_code == 302
    assert (cooperative.registration_number, cooperative.members_male, cooperative.members_female) == (
        "12345",
        3,
        4,
    )
    assert list(cooperative.jobs_reports.values_list("jobs", "reported_by")) == [(9, user.pk)]
    # Registered: the company is no longer offered, and the list leads to the cooperative.
    assert client.get(reverse("cooperatives:index")).status_code == 302


def test_another_companys_employer_cannot_register_it(client):
    from sakoo.accounts.testing import login_as
    from sakoo.cooperatives.models import Cooperative
    from sakoo.cooperatives.testing import CooperativeEmployerFactory

    employer = CooperativeEmployerFactory()
    login_as(client, "employer")

    response = client.post(reverse("cooperatives:register"), {"employer": employer.pk, "sector": "industry"})

    assert response.status_code == 200
    assert Cooperative.objects.count() == 0
