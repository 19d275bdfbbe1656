"""Reference figures: the province admins' page (access, add, retire, bad input) and their display."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from sakoo.accounts.testing import UserFactory
from sakoo.atlas import services
from sakoo.atlas.models import ReferenceFigure
from sakoo.geo.models import Province

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

URL = "/atlas/reference-figures/"

GOOD = {
    "label": "بیکاران، برآورد طرح نیروی کار",
    "value": "۱۲۵٬۰۰۰",
    "unit": "persons",
    "source": "مرکز آمار ایران، طرح آمارگیری نیروی کار",
    "reference_period": "بهار ۱۴۰۴",
    "reference_date": "۱۴۰۴/۰۳/۳۱",
    "note": "برآورد استانی",
}


def _figure(**kw):
    data = {
        "province": Province.objects.get(code="03"),
        "label": "نرخ بیکاری، طرح نیروی کار",
        "value": Decimal("10.5"),
        "unit": "percent",
        "source": "مرکز آمار ایران",
        "reference_period": "بهار ۱۴۰۴",
        "reference_date": dt.date(2025, 6, 21),
    }
    data.update(kw)
    return services.reference_figure_create(**data)


def test_url_is_the_documented_one():
    assert reverse("atlas:reference_figures") == URL


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_goes_to_login(client, method):
    response = getattr(client, method)(URL, GOOD if method == "post" else None)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert ReferenceFigure.objects.count() == 0


@pytest.mark.parametrize("role", ["job_seeker", "employer", "agency_officer", "province_analyst"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_roles_are_refused(client, role, method):
    client.force_login(UserFactory(role=role))
    response = getattr(client, method)(URL, GOOD if method == "post" else None)
    assert response.status_code == 403
    assert ReferenceFigure.objects.count() == 0


@pytest.mark.parametrize("role", ["job_seeker", "employer", "agency_officer"])
def test_other_roles_cannot_retire(client, role):
    figure = _figure()
    client.force_login(UserFactory(role=role))
    response = client.post(reverse("atlas:reference_figure_retire", args=[figure.pk]))
    assert response.status_code == 403
    figure.refresh_from_db()
    assert figure.retired_at is None


def test_admin_lists_adds_and_the_figure_shows_beside_the_maps(client):
    admin = UserFactory(role="province_admin")
    client.force_login(admin)
    assert client.get(URL).status_code == 200
    response = client.post(URL, GOOD)
    assert response.status_code == 302
    figure = ReferenceFigure.objects.get()
    assert (figure.value, figure.unit, figure.reference_date, figure.created_by) == (
        Decimal("125000"),
        "persons",
        dt.date(2025, 6, 21),
        admin,
    )
    assert figure.province.code == "03"
    html = client.get(URL).content.decode()
    assert "بیکاران، برآورد طرح نیروی کار" in html
    page = client.get(reverse("atlas:index")).content.decode()
    assert "۱۲۵٬۰۰۰ نفر" in page  # no trailing decimal zeros
    assert "مرکز آمار ایران، طرح آمارگیری نیروی کار" in page
    assert "۳۱ خرداد ۱۴۰۴" in page  # the date of the figure, Jalali


def test_admin_retires_a_figure_and_it_leaves_the_maps(client):
    figure = _figure()
    admin = UserFactory(role="province_admin")
    client.force_login(admin)
    assert "نرخ بیکاری، طرح نیروی کار" in client.get(reverse("atlas:index")).content.decode()
    response = client.post(reverse("atlas:reference_figure_retire", args=[figure.pk]))
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.retired_by == admin
    assert figure.retired_at is not None
    assert "نرخ بیکاری، طرح نیروی کار" not in client.get(reverse("atlas:index")).content.decode()
    assert list(ReferenceFigure.objects.for_province("03")) == []
    # Still listed as retired on the admin page.
    assert 'data-testid="retired-list"' in client.get(URL).content.decode()


def test_retire_is_post_only(client):
    figure = _figure()
    client.force_login(UserFactory(role="province_admin"))
    assert client.get(reverse("atlas:reference_figure_retire", args=[figure.pk])).status_code == 405


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("value", "دوازده", "مقدار: یک عدد وارد کنید"),
        ("value", "", "مقدار: این فیلد لازم است."),
        ("reference_date", "۱۴۰۴/۱۳/۰۱", "تاریخ رقم: یک تاریخ شمسی"),
        ("reference_date", "۱۴۹۰/۰۱/۰۱", "تاریخ رقم: تاریخ نمی‌تواند در آینده باشد."),
        ("source", "", "منبع: این فیلد لازم است."),
        ("label", "", "چه چیزی را می‌شمارد: این فیلد لازم است."),
        ("unit", "kg", "واحد: «نفر» یا «درصد» را انتخاب کنید."),
    ],
)
def test_bad_input_names_the_field_in_persian_and_keeps_the_typing(client, field, value, message):
    client.force_login(UserFactory(role="province_admin"))
    data = dict(GOOD, **{field: value})
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert ReferenceFigure.objects.count() == 0
    assert 'value="بهار ۱۴۰۴"' in html  # what was typed is kept
    assert "مرکز آمار ایران، طرح آمارگیری نیروی کار" in html or field == "source"


def test_a_percentage_over_100_is_refused(client):
    client.force_login(UserFactory(role="province_admin"))
    response = client.post(URL, dict(GOOD, unit="percent", value="۱۲۰"))
    assert response.status_code == 400
    assert "مقدار: درصد نمی‌تواند بیش از ۱۰۰ باشد." in response.content.decode()
    assert ReferenceFigure.objects.count() == 0


def test_negative_value_is_refused_by_the_service():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        _figure(value=Decimal("-1"))
    assert set(exc.value.message_dict) == {"value"}
    assert ReferenceFigure.objects.count() == 0


def test_adding_or_retiring_a_figure_drops_the_cached_pdfs(client):
    from django.core.cache import cache

    key = "atlas-pdf:03:0:fa"
    cache.set(key, b"%PDF-old")
    client.force_login(UserFactory(role="province_admin"))
    client.post(URL, GOOD)
    assert cache.get(key) is None
    cache.set(key, b"%PDF-old")
    client.post(reverse("atlas:reference_figure_retire", args=[ReferenceFigure.objects.get().pk]))
    assert cache.get(key) is None


def test_figure_numbers_drop_trailing_zeros():
    from sakoo.atlas.templatetags.atlas import figure_number

    assert [figure_number(Decimal(v)) for v in ("125000.00", "12.50", "0.25")] == ["۱۲۵٬۰۰۰", "۱۲٫۵", "۰٫۲۵"]
