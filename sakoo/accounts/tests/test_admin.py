import pytest

from sakoo.accounts.models import Role, SecurityEvent
from sakoo.accounts.scoping import security_log
from sakoo.accounts.testing import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sakoo.accounts.tests.urls")]


@pytest.fixture
def admin_client(client):
    admin = UserFactory(role=Role.PROVINCE_ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_user_list_is_persian_and_masks_phones(admin_client):
    UserFactory(role=Role.JOB_SEEKER, phone="09121234567")
    response = admin_client.get("/admin/accounts/user/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "مدیریت سکو" in html
    assert "0912*****67" in html
    assert "09121234567" not in html


def test_admin_normalises_the_phone_of_a_new_user(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "username": "new-officer",
            "role": Role.BANK_OFFICER,
            "phone": "+98 912 765 4321",
            "password1": "a-long-password-1404",
            "password2": "a-long-password-1404",
            "usable_password": "true",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    from sakoo.accounts.models import User

    assert User.objects.get(username="new-officer").phone == "09127654321"


def test_security_events_are_read_only(admin_client):
    event = security_log(SecurityEvent.Event.LOGIN_FAILED, username="x")
    assert admin_client.get("/admin/accounts/securityevent/").status_code == 200
    assert admin_client.get(f"/admin/accounts/securityevent/{event.pk}/change/").status_code == 200
    assert (
        admin_client.post(f"/admin/accounts/securityevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert SecurityEvent.objects.count() == 1


def test_organisation_history_is_kept(admin_client):
    organisation = OrganisationFactory(name="بانک ملت")
    organisation.name = "بانک ملت ایران"
    organisation.save()
    assert list(organisation.history.values_list("name", flat=True)) == ["بانک ملت ایران", "بانک ملت"]
    assert admin_client.get(f"/admin/accounts/organisation/{organisation.pk}/history/").status_code == 200


def test_organisation_name_is_normalised_by_the_service_and_the_admin(admin_client):
    from sakoo.accounts.models import Organisation
    from sakoo.accounts.services import organisation_create

    created = organisation_create(kind="agency", name="كميته  امداد", code="relief")
    assert created.name == "کمیته امداد"
    response = admin_client.post(
        "/admin/accounts/organisation/add/",
        {"kind": "bank", "name": "بانك  ملي", "code": "melli", "county": ""},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(code="melli").name == "بانک ملی"


def test_organisation_code_is_unique_per_kind_but_may_be_blank():
    from django.core.exceptions import ValidationError

    from sakoo.accounts.services import organisation_create

    organisation_create(kind="agency", name="الف", code="same")
    organisation_create(kind="bank", name="ب", code="same")
    organisation_create(kind="employer", name="پ")
    organisation_create(kind="employer", name="ت")
    with pytest.raises(ValidationError) as error:
        organisation_create(kind="agency", name="ث", code="same")
    assert error.value.messages == ["سازمان دیگری از همین نوع این کد را دارد."]


def test_bidi_controls_in_an_organisation_name_are_refused():
    from django.core.exceptions import ValidationError

    from sakoo.accounts.models import Organisation
    from sakoo.accounts.services import organisation_create

    with pytest.raises(ValidationError):
        organisation_create(kind="agency", name="کمیته\u202eامداد")
    assert Organisation.objects.count() == 0


def test_role_changes_are_kept_in_the_users_history():
    from sakoo.accounts.services import user_set_role

    user = UserFactory(role=Role.COUNTY_OFFICER)
    user_set_role(user=user, role=Role.PROVINCE_ANALYST)
    assert list(user.history.values_list("role", flat=True)) == [Role.PROVINCE_ANALYST, Role.COUNTY_OFFICER]


def test_admin_login_goes_through_the_staff_login(client):
    response = client.get("/admin/")
    assert response["Location"] == "/admin/login/?next=/admin/"
    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"] == "/accounts/login/staff/?next=/admin/"


def test_admin_is_refused_to_non_staff_users(client):
    client.force_login(UserFactory(role=Role.PROVINCE_ANALYST))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert list(SecurityEvent.objects.values_list("event", "details")) == [("denied", {"reason": "admin"})]
