import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sakoo.accounts.models import Membership, Role
from sakoo.core.validators import make_legal_id
from sakoo.employers import services
from sakoo.employers.models import Employer
from sakoo.vacancies.tests import factories as f

pytestmark = pytest.mark.django_db

LEGAL = make_legal_id("1010123456")


def _register(user, legal_id):
    return services.employer_register(
        user=user, legal_id=legal_id, name="شرکت نمونه", activity=f.activity(), county=f.county()
    )


def test_register_creates_org_and_membership():
    user = f.user(Role.EMPLOYER)
    employer = _register(user, LEGAL.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")))
    assert employer.legal_id == LEGAL
    assert employer.organisation.kind == "employer"
    assert list(
        Membership.objects.filter(organisation=employer.organisation).values_list("user", flat=True)
    ) == [user.pk]
    assert employer.verified_at is None


def test_duplicate_and_wrong_checksum_refused():
    _register(f.user(Role.EMPLOYER), LEGAL)
    with pytest.raises(ValidationError) as exc:
        _register(f.user(Role.EMPLOYER), LEGAL)
    assert list(exc.value.message_dict) == ["legal_id"]
    wrong = LEGAL[:10] + str((int(LEGAL[10]) + 1) % 10)
    with pytest.raises(ValidationError):
        _register(f.user(Role.EMPLOYER), wrong)
    assert Employer.objects.count() == 1


def test_verify():
    employer = _register(f.user(Role.EMPLOYER), LEGAL)
    admin = f.staff()
    services.employer_verify(employer=employer, by=admin)
    assert employer.verified_by == admin
    assert employer.verified_at is not None


def test_onboarding_page(client):
    user = f.user(Role.EMPLOYER)
    client.force_login(user)
    data = {
        "legal_id": "123",
        "name": "شرکت <b>آزمون</b>",
        "activity": f.activity().pk,
        "county": f.county().pk,
        "size": "small",
    }
    response = client.post(reverse("employers:onboarding"), data)
    assert response.status_code == 200
    assert 'data-field="legal_id"' in response.content.decode()
    data["legal_id"] = LEGAL
    response = client.post(reverse("employers:onboarding"), data)
    assert response.status_code == 302
    assert Employer.objects.get().name == "شرکت <b>آزمون</b>"
    page = client.get(reverse("employers:dashboard")).content.decode()
    assert "شرکت &lt;b&gt;آزمون&lt;/b&gt;" in page


def test_verification_queue_only_for_admin(client):
    client.force_login(f.user(Role.EMPLOYER))
    assert client.get(reverse("employers:verification")).status_code == 403
    client.force_login(f.staff())
    assert client.get(reverse("employers:verification")).status_code == 200


def test_candidate_search_hides_contact_details(client):
    seeker = f.seeker(consent_to_be_found=True, skills="اکسل")
    hidden = f.seeker(consent_to_be_found=False, skills="اکسل")
    employer = f.employer()
    client.force_login(employer.member)
    response = client.get(reverse("employers:candidates"), {"q": "اكسل"})
    body = response.content.decode()
    assert [s.pk for s in response.context["results"]] == [seeker.pk]
    assert seeker.national_id not in body
    assert seeker.user.phone not in body
    assert hidden.last_name not in body


def test_member_can_add_colleague_by_phone(client):
    employer = f.employer()
    client.force_login(employer.member)
    response = client.post(reverse("employers:members"), {"phone": "۰۹۱۲ ۹۹۹ ۸۸۷۷"})
    assert response.status_code == 302
    colleague = Membership.objects.get(organisation=employer.organisation, user__phone="09129998877").user
    assert colleague.role == Role.EMPLOYER
    client.force_login(colleague)
    assert client.get(reverse("employers:dashboard")).context["employer"] == employer


def test_job_seeker_account_cannot_be_added_as_colleague(client):
    employer = f.employer()
    seeker = f.seeker()
    client.force_login(employer.member)
    response = client.post(reverse("employers:members"), {"phone": seeker.user.phone})
    assert response.status_code == 200
    assert 'data-field="phone"' in response.content.decode()
    assert not Membership.objects.filter(user=seeker.user).exists()


def test_dashboard_shows_employer_text_in_persian_digits_and_keeps_it_stored_as_typed(client, settings):
    employer = f.employer(name="شرکت فناوران 724")
    f.vacancy(emp=employer, title="برنامه‌نویس پایتون 3")
    client.force_login(employer.member)
    html = client.get(reverse("employers:dashboard")).content.decode()
    assert "<h1>شرکت فناوران ۷۲۴</h1>" in html
    assert ">برنامه‌نویس پایتون ۳</a>" in html
    assert Employer.objects.get(pk=employer.pk).name == "شرکت فناوران 724"
    settings.LANGUAGE_CODE = "en"
    client.cookies["django_language"] = "en"
    html = client.get(reverse("employers:dashboard"), headers={"accept-language": "en"}).content.decode()
    assert "<h1>شرکت فناوران 724</h1>" in html


def test_dashboard_table_stacks_on_phones_with_a_label_on_each_cell(client):
    employer = f.employer()
    f.vacancy(emp=employer)
    client.force_login(employer.member)
    html = client.get(reverse("employers:dashboard")).content.decode()
    assert '<table class="table-stack" data-testid="employer-vacancies">' in html
    row = html[
        html.index('data-testid="employer-vacancy-row"') : html.index(
            "</tr>", html.index("employer-vacancy-row")
        )
    ]
    assert re.findall(r'<td[^>]*data-label="([^"]+)"', row) == [
        "عنوان",
        "وضعیت",
        "درخواست‌ها",
        "جدید",
        "پرشده",
        "اقدام‌ها",
    ]
