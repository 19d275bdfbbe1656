"""Persian pages show every number in Persian digits and months by their Jalali names."""

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
import time_machine
from django.urls import reverse

from sakoo.accounts.testing import UserFactory, login_as
from sakoo.facilities.models import Step
from sakoo.facilities.selectors import trends
from sakoo.facilities.services import (
    allocation_version_create,
    facility_file_update,
    file_step_add,
    reallocation_propose,
    target_set,
)
from sakoo.facilities.testing import d, make_file

pytestmark = pytest.mark.django_db
ASCII_DIGIT = re.compile(r"[0-9]")


class _VisibleText(HTMLParser):
    """The text a reader sees inside <main> and in the <title> (attribute values, scripts and styles
    left out); the shell around <main> is the base template's."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # inside <main>
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("main", "title"):
            self.depth += 1
        elif tag in ("script", "style", "template"):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("main", "title"):
            self.depth -= 1
        elif tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if self.depth and not self.hidden and data.strip():
            self.parts.append(data.strip())


def ascii_digits_in(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return [part for part in parser.parts if ASCII_DIGIT.search(part)]


@pytest.fixture
def busy_world(world):
    a, b, c = world.agencies
    allocation_version_create(
        program=world.program,
        fiscal_year=world.year,
        user=None,
        rule="initial",
        reason="r",
        effective_on=d(1403, 2, 1),
        lines={a: (10_000, 10), b: (10_000, 10), c: (10_000, 10)},
    )
    target_set(
        program=world.program, fiscal_year=world.year, threshold=Decimal("0.65"), target_date=d(1403, 2, 31)
    )
    with time_machine.travel(dt.datetime(2024, 5, 9, 12), tick=False):
        for i, agency in enumerate(world.agencies):
            f = make_file(
                world,
                agency=agency,
                amount_requested=3_000 + 1_000 * i,
                planned_jobs=12,
                applicant_name="متقاضی نمونه",
            )
            file_step_add(file=f, kind=Step.REFERRED, date=d(1403, 1, 27 + i), branch=world.branches[i % 2])
            if i == 2:
                file_step_add(file=f, kind=Step.REJECTED, date=d(1403, 2, 3), reason=world.reasons[0])
                continue
            file_step_add(file=f, kind=Step.APPROVED, date=d(1403, 2, 2))
            file_step_add(file=f, kind=Step.CONTRACT_SIGNED, date=d(1403, 2, 8 + i), amount=3_000 + 1_000 * i)
            file_step_add(file=f, kind=Step.PAID, date=d(1403, 2, 12), amount=1_500)
        proposal = reallocation_propose(
            program=world.program,
            fiscal_year=world.year,
            checkpoint=d(1403, 2, 15),
            rule="absorption",
            threshold=Decimal("0.65"),
            release_fraction=Decimal("0.5"),
            measure="contracted",
            reason="آزمون",
            user=UserFactory(role="province_admin"),
        )
    world.proposal = proposal
    world.file = f
    return world


def test_trend_periods_are_named_by_jalali_month_and_week(busy_world):
    months = trends(fiscal_year=busy_world.year)
    assert [m["key"] for m in months] == [(1403, 1), (1403, 2)]
    weeks = trends(fiscal_year=busy_world.year, period="week")
    assert weeks[0]["start"] == d(1403, 1, 25)  # the Saturday the week of 1403-01-27 starts on


def test_dashboard_shows_jalali_month_names_and_persian_digits(client, busy_world):
    login_as(client, "province_admin")
    body = client.get(reverse("facilities:dashboard"), {"year": 1403}).content.decode()
    assert "فروردین ۱۴۰۳" in body
    assert "اردیبهشت ۱۴۰۳" in body
    assert '<option value="1403" selected>۱۴۰۳</option>' in body
    weekly = client.get(reverse("facilities:dashboard"), {"year": 1403, "period": "week"}).content.decode()
    assert "۲۵ فروردین ۱۴۰۳" in weekly


def _pages(world):
    year = {"year": 1403}
    return [
        (reverse("facilities:dashboard"), year),
        (reverse("facilities:dashboard"), {**year, "period": "week", "measure": "paid"}),
        (reverse("facilities:dashboard"), {**year, "program": world.program.code}),
        (reverse("facilities:files"), year),
        (reverse("facilities:files"), {**year, "stage": "rejected"}),
        (reverse("facilities:file_detail", args=[world.file.pk]), {}),
        (reverse("facilities:scorecard"), year),
        (reverse("facilities:allocations"), {**year, "program": world.program.code}),
        (reverse("facilities:allocation_new"), {**year, "program": world.program.code}),
        (reverse("facilities:reallocation"), year),
        (reverse("facilities:proposal", args=[world.proposal.pk]), {}),
    ]


@pytest.mark.parametrize("role", ["province_admin", "province_analyst"])
def test_staff_pages_show_no_ascii_digits(client, busy_world, role):
    login_as(client, role)
    found = {}
    for url, params in _pages(busy_world):
        response = client.get(url, params)
        if response.status_code == 403:
            continue  # an admin-only page
        assert (url, response.status_code) == (url, 200)
        digits = ascii_digits_in(response.content.decode())
        if digits:
            found[(url, tuple(params.items()))] = digits
    assert found == {}


def test_agency_and_bank_pages_show_no_ascii_digits(client, busy_world):
    login_as(client, "agency_officer", organisation=busy_world.agencies[2].organisation)
    found = {}
    for url in (
        reverse("facilities:dashboard") + "?year=1403",
        reverse("facilities:files"),
        reverse("facilities:file_detail", args=[busy_world.file.pk]),
        reverse("facilities:file_new"),
        reverse("facilities:import"),
    ):
        digits = ascii_digits_in(client.get(url).content.decode())
        if digits:
            found[url] = digits
    login_as(client, "bank_officer", organisation=busy_world.banks[0].organisation)
    for url in (reverse("facilities:files"), reverse("facilities:import")):
        digits = ascii_digits_in(client.get(url).content.decode())
        if digits:
            found[url] = digits
    assert found == {}


def test_edit_conflict_shows_saved_and_typed_values_in_persian(client, world):
    file = make_file(world, applicant_name="نام اول", amount_requested=12_340, age=31)
    login_as(client, "agency_officer", organisation=world.agencies[0].organisation)
    opened = {
        "applicant_name": "نام من",
        "sex": file.sex,
        "age": "32",
        "county": file.county_id,
        "program": file.program_id,
        "fiscal_year": file.fiscal_year_id,
        "amount_requested": "2000",
        "planned_jobs": "1",
        "sheba": "",
        "bank": "",
        "branch": "",
        "version": file.version,
    }
    facility_file_update(file=file, user=None, expected_version=1, applicant_name="نام همکار")
    response = client.post(reverse("facilities:file_detail", args=[file.pk]), opened)
    rows = {str(c["label"]): (str(c["current"]), c["yours"]) for c in response.context["conflict_fields"]}
    assert rows["سن"] == ("۳۱", "32")
    assert rows["سال مالی"] == ("۱۴۰۳", "۱۴۰۳")  # the option's label, not its id
    assert rows["جنسیت"] == ("زن", "زن")
    assert rows["مبلغ درخواستی"][0] == "۱٬۲۳۴ تومان"  # stored in rials, shown in the tomans typed
    assert ascii_digits_in(response.content.decode()) == []
