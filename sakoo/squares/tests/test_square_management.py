"""Creating and editing squares: the service rules (municipality of the county, one name per
municipality, hours in order, nothing half-written) and the pages (Persian errors next to the field,
what was typed kept, coordinators change only the practical details)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sakoo.accounts.models import OrganisationKind, Role
from sakoo.accounts.testing import OrganisationFactory, login_as
from sakoo.geo.factories import CountyFactory
from sakoo.squares import services
from sakoo.squares.admin import SquareAdminForm
from sakoo.squares.models import Square
from sakoo.squares.testing import MunicipalityFactory

pytestmark = pytest.mark.django_db


def _create(**overrides):
    municipality = overrides.pop("organisation", None) or MunicipalityFactory()
    data = {
        "name": "ميدان كارگري امام",  # Arabic yeh and kaf
        "county": municipality.county,
        "city": "تبريز",
        "organisation": municipality,
        "address": "خيابان امام، پلاک ۱۲",
        "landmark": "روبروي نانوايي",
        "opens_at": dt.time(5, 30),
        "closes_at": dt.time(10, 0),
    }
    data.update(overrides)
    return services.square_create(**data)


def _fields(exc) -> list[str]:
    return sorted(exc.value.message_dict)


# --- services --------------------------------------------------------------------------------------


def test_a_new_square_is_stored_in_the_normalised_form():
    square = _create()

    assert (square.name, square.city, square.address, square.landmark, square.is_active) == (
        "میدان کارگری امام",
        "تبریز",
        "خیابان امام، پلاک 12",
        "روبروی نانوایی",
        True,
    )


def test_a_square_is_managed_by_a_municipality_not_another_kind_of_organisation():
    county = CountyFactory()
    governorate = OrganisationFactory(kind=OrganisationKind.COUNTY, county=county)

    with pytest.raises(ValidationError) as exc:
        _create(organisation=governorate, county=county)

    assert _fields(exc) == ["organisation"]
    assert Square.objects.count() == 0


def test_the_municipality_must_be_of_the_squares_county():
    municipality = MunicipalityFactory()
    elsewhere = CountyFactory(name_fa="مراغه")

    with pytest.raises(ValidationError) as exc:
        _create(organisation=municipality, county=elsewhere)

    assert exc.value.message_dict == {
        "organisation": [f"شهرداری مسئول: {municipality.name} از شهرداری‌های شهرستان مراغه نیست."]
    }
    assert Square.objects.count() == 0


def test_a_municipality_runs_one_square_of_a_name_whatever_letters_were_typed():
    first = _create(name="میدان کارگری امام")

    with pytest.raises(ValidationError) as exc:
        _create(name="ميدان كارگري امام", organisation=first.organisation)

    assert exc.value.message_dict == {"name": ["نام میدان: این شهرداری میدانی با همین نام دارد."]}
    assert Square.objects.count() == 1


def test_another_municipality_may_use_the_same_name():
    first = _create()
    second = _create(organisation=MunicipalityFactory(county=first.county))

    assert (second.name, second.county_id) == (first.name, first.county_id)


def test_a_square_closes_after_it_opens():
    with pytest.raises(ValidationError) as exc:
        _create(opens_at=dt.time(10, 0), closes_at=dt.time(10, 0))

    assert exc.value.message_dict == {"closes_at": ["ساعت پایان: میدان باید بعد از ساعت شروع بسته شود."]}


def test_every_broken_rule_is_reported_at_once_and_nothing_is_written():
    municipality = MunicipalityFactory()

    with pytest.raises(ValidationError) as exc:
        _create(
            organisation=municipality,
            county=CountyFactory(),
            address="",
            opens_at=dt.time(11, 0),
            closes_at=dt.time(6, 0),
        )

    assert _fields(exc) == ["address", "closes_at", "organisation"]
    assert Square.objects.count() == 0


def test_a_square_moves_to_another_county_with_a_municipality_of_that_county(square):
    municipality = MunicipalityFactory()

    updated = services.square_update(
        square=square,
        name="ميدان جديد",
        county=municipality.county,
        city="مرند",
        organisation=municipality,
        address="میدان شهدا",
        landmark="",
        opens_at=dt.time(6, 0),
        closes_at=dt.time(11, 0),
        is_active=True,
    )

    square.refresh_from_db()
    assert (square.name, square.county_id, square.organisation_id, square.city) == (
        "میدان جدید",
        municipality.county_id,
        municipality.pk,
        "مرند",
    )
    assert updated.pk == square.pk


def test_a_refused_edit_leaves_the_square_as_it_was(square):
    before = Square.objects.values().get(pk=square.pk)

    with pytest.raises(ValidationError) as exc:
        services.square_update(
            square=square,
            name="نام تازه",
            county=CountyFactory(),  # the municipality stays in its own county
            city=square.city,
            organisation=square.organisation,
            address="نشانی تازه",
            landmark="",
            opens_at=square.opens_at,
            closes_at=square.closes_at,
            is_active=False,
        )

    assert _fields(exc) == ["organisation"]
    assert Square.objects.values().get(pk=square.pk) == before


def test_the_practical_details_change_without_touching_the_name_or_the_place(square):
    services.square_update_details(
        square=square,
        address="خيابان ۱۷ شهريور",
        landmark="کنار مسجد",
        opens_at=dt.time(6, 0),
        closes_at=dt.time(9, 30),
        is_active=False,
    )

    square.refresh_from_db()
    assert (square.address, square.landmark, square.opens_at, square.closes_at, square.is_active) == (
        "خیابان 17 شهریور",
        "کنار مسجد",
        dt.time(6, 0),
        dt.time(9, 30),
        False,
    )


def test_the_practical_details_follow_the_hours_rule(square):
    with pytest.raises(ValidationError) as exc:
        services.square_update_details(
            square=square, address="x", landmark="", opens_at=dt.time(9), closes_at=dt.time(6), is_active=True
        )

    assert _fields(exc) == ["closes_at"]
    square.refresh_from_db()
    assert square.address == "خیابان اصلی"


# --- pages -----------------------------------------------------------------------------------------


def _form_data(municipality, **overrides):
    data = {
        "name": "میدان کارگری بازار",
        "county": municipality.county_id,
        "city": "تبريز",
        "organisation": municipality.pk,
        "address": "خیابان بازار، پلاک ۷",
        "landmark": "",
        "opens_at": "۰۵:۳۰",  # Persian digits
        "closes_at": "١٠:٠٠",  # Arabic-Indic digits
        "is_active": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def county_officer(client, square):
    governorate = OrganisationFactory(kind=OrganisationKind.COUNTY, county=square.county)
    return login_as(client, Role.COUNTY_OFFICER, organisation=governorate)


def test_the_province_admin_adds_a_square_typed_with_persian_digits(client):
    municipality = MunicipalityFactory()
    login_as(client, Role.PROVINCE_ADMIN)

    response = client.post(reverse("squares:square_create"), _form_data(municipality))

    square = Square.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("squares:square_detail", args=[square.pk])
    assert (square.city, square.address, square.opens_at, square.closes_at, square.organisation_id) == (
        "تبریز",
        "خیابان بازار، پلاک 7",
        dt.time(5, 30),
        dt.time(10, 0),
        municipality.pk,
    )


def test_a_county_officer_chooses_only_their_county_and_its_municipalities(client, county_officer, square):
    MunicipalityFactory()  # a municipality of another county

    form = client.get(reverse("squares:square_create")).context["form"]

    assert list(form.fields["county"].queryset) == [square.county]
    assert list(form.fields["organisation"].queryset) == [square.organisation]


def test_a_county_officer_cannot_add_a_square_in_another_county(client, county_officer):
    elsewhere = MunicipalityFactory()

    response = client.post(reverse("squares:square_create"), _form_data(elsewhere))

    body = response.content.decode()
    assert response.status_code == 200
    assert "شهرستان: یکی از شهرستان‌های فهرست را انتخاب کنید." in body
    assert "شهرداری مسئول: یکی از شهرداری‌های فهرست را انتخاب کنید." in body
    assert Square.objects.filter(organisation=elsewhere).count() == 0


def test_a_municipality_of_another_county_is_refused_next_to_its_field_and_the_rest_is_kept(client):
    municipality = MunicipalityFactory()
    other_county = CountyFactory()
    login_as(client, Role.PROVINCE_ADMIN)

    response = client.post(reverse("squares:square_create"), _form_data(municipality, county=other_county.pk))

    form = response.context["form"]
    body = response.content.decode()
    assert form.errors == {
        "organisation": [
            f"شهرداری مسئول: {municipality.name} از شهرداری‌های شهرستان {other_county.name_fa} نیست."
        ]
    }
    assert 'value="میدان کارگری بازار"' in body
    assert 'value="۰۵:۳۰"' in body
    assert Square.objects.count() == 0


def test_a_missing_name_is_shown_in_persian_next_to_its_field(client):
    login_as(client, Role.PROVINCE_ADMIN)

    response = client.post(reverse("squares:square_create"), _form_data(MunicipalityFactory(), name=""))

    assert response.context["form"].errors == {
        "name": ["نام میدان: نامی را که مردم میدان را با آن می‌شناسند بنویسید."],
    }
    assert Square.objects.count() == 0


def test_hours_in_the_wrong_order_are_refused_next_to_the_closing_time(client):
    login_as(client, Role.PROVINCE_ADMIN)

    response = client.post(
        reverse("squares:square_create"),
        _form_data(MunicipalityFactory(), opens_at="۱۰:۰۰", closes_at="۰۶:۰۰"),
    )

    assert response.context["form"].errors == {
        "closes_at": ["ساعت پایان: میدان باید بعد از ساعت شروع بسته شود."],
    }
    assert 'value="۰۶:۰۰"' in response.content.decode()
    assert Square.objects.count() == 0


def test_an_unreadable_time_names_its_field(client):
    login_as(client, Role.PROVINCE_ADMIN)

    response = client.post(
        reverse("squares:square_create"), _form_data(MunicipalityFactory(), opens_at="صبح")
    )

    assert response.context["form"].errors == {"opens_at": ["ساعت شروع: ساعت را مانند ۰۵:۳۰ بنویسید."]}


def test_the_county_officer_edits_all_of_a_square_of_their_county(client, county_officer, square):
    url = reverse("squares:square_edit", args=[square.pk])
    form = client.get(url).context["form"]
    assert list(form.fields) == [
        "name",
        "county",
        "city",
        "organisation",
        "address",
        "landmark",
        "opens_at",
        "closes_at",
        "is_active",
    ]

    response = client.post(url, _form_data(square.organisation, name="میدان تازه"))

    square.refresh_from_db()
    assert response.status_code == 302
    assert square.name == "میدان تازه"


def test_a_coordinator_edits_only_the_practical_details(client, coordinator, square):
    client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("squares:square_edit", args=[square.pk])
    elsewhere = MunicipalityFactory()
    assert list(client.get(url).context["form"].fields) == [
        "address",
        "landmark",
        "opens_at",
        "closes_at",
        "is_active",
    ]

    placed = (square.name, square.county_id, square.city, square.organisation_id)

    # Name, county and municipality in the POST are ignored: the coordinator's form has no such fields.
    response = client.post(url, _form_data(elsewhere, name="میدان دیگر", city="مرند", address="کوچه ۳"))

    square.refresh_from_db()
    assert response.status_code == 302
    assert (square.name, square.county_id, square.city, square.organisation_id) == placed
    assert square.address == "کوچه 3"


def test_a_coordinators_error_keeps_what_was_typed(client, coordinator, square):
    client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")

    response = client.post(
        reverse("squares:square_edit", args=[square.pk]),
        {"address": "", "landmark": "کنار پل", "opens_at": "۰۶:۰۰", "closes_at": "۰۹:۰۰"},
    )

    body = response.content.decode()
    assert response.context["form"].errors == {"address": ["نشانی: بنویسید میدان کجاست."]}
    assert 'value="کنار پل"' in body
    square.refresh_from_db()
    assert square.is_active is True


def test_links_to_the_new_pages_are_shown_to_those_allowed(client, county_officer, square):
    index = client.get(reverse("squares:index")).content.decode()
    page = client.get(reverse("squares:square_detail", args=[square.pk])).content.decode()

    assert reverse("squares:square_create") in index
    assert reverse("squares:square_edit", args=[square.pk]) in page


def test_province_analysts_see_no_links_to_edit(client, square):
    login_as(client, Role.PROVINCE_ANALYST)

    index = client.get(reverse("squares:index")).content.decode()
    page = client.get(reverse("squares:square_detail", args=[square.pk])).content.decode()

    assert [
        reverse("squares:square_create") in index,
        reverse("squares:square_edit", args=[square.pk]) in page,
    ] == [
        False,
        False,
    ]


def test_the_admin_square_form_keeps_the_municipality_of_the_county_rule():
    municipality = MunicipalityFactory()
    elsewhere = CountyFactory(name_fa="مراغه")
    data = {
        "name": "میدان کارگری شهدا",
        "county": elsewhere.pk,
        "city": "مراغه",
        "organisation": municipality.pk,
        "address": "میدان شهدا",
        "landmark": "",
        "opens_at": "05:30",
        "closes_at": "10:00",
        "is_active": "on",
    }

    form = SquareAdminForm(data)

    assert not form.is_valid()
    assert form.errors["organisation"] == [
        f"شهرداری مسئول: {municipality.name} از شهرداری‌های شهرستان مراغه نیست."
    ]
    assert SquareAdminForm({**data, "county": municipality.county.pk}).is_valid()
