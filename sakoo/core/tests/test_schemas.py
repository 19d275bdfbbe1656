"""Pydantic types for django-ninja: same normalisation and messages as the forms."""

import datetime as dt

import pytest
from django.utils import translation
from ninja import Schema
from pydantic import ValidationError

from sakoo.core.schemas import JalaliDate, JalaliMonth, LegalId, Mobile, NationalId, PersianText, Sheba


class PersonIn(Schema):
    national_id: NationalId
    mobile: Mobile
    legal_id: LegalId | None = None
    sheba: Sheba | None = None
    birth_date: JalaliDate | None = None
    month: JalaliMonth | None = None
    name: PersianText | None = None


def errors_of(**data):
    data.setdefault("national_id", "0499370899")
    data.setdefault("mobile", "09121234567")
    with pytest.raises(ValidationError) as info:
        PersonIn(**data)
    return {(e["loc"][0], e["type"]): e["msg"] for e in info.value.errors()}


def test_valid_input_is_normalised():
    person = PersonIn(
        national_id="۰۴۹-۹۳۷۰۸۹-۹",
        mobile="+98 912 123 4567",
        legal_id=10380284790,
        sheba="ir820540102680020817909002",
        birth_date="۱۴۰۳/۰۲/۱۵",
        month="1404/7",
        name="علي",
    )
    assert person.model_dump() == {
        "national_id": "0499370899",
        "mobile": "09121234567",
        "legal_id": "10380284790",
        "sheba": "IR820540102680020817909002",
        "birth_date": dt.date(2024, 5, 4),
        "month": "1404-07",
        "name": "علی",
    }


def test_jalali_date_is_serialised_as_jalali_in_json():
    person = PersonIn(national_id="0499370899", mobile="09121234567", birth_date="1403-02-15")
    assert person.model_dump(mode="json")["birth_date"] == "1403-02-15"


def test_national_id_sent_as_a_json_number_is_padded():
    assert PersonIn(national_id=68415941, mobile="09121234567").national_id == "0068415941"


def test_errors_carry_the_validator_code_and_message():
    with translation.override("en"):
        errors = errors_of(national_id="0499370898", birth_date="1403/13/01", sheba=8.2e23, name="a\u202eb")
        assert errors == {
            ("national_id", "national_id_checksum"): (
                "This national ID is not valid: its check digit does not match. Check for a typing mistake."
            ),
            ("birth_date", "jalali_month_range"): "The month must be between 1 and 12.",
            ("sheba", "sheba_number"): (
                "This Sheba number arrived as a number and may have lost digits (spreadsheets do this). "
                "Enter it as text starting with IR, for example IR062960000000100324200001."
            ),
            (
                "name",
                "bidi",
            ): "This text contains hidden direction-control characters. Send it as plain text.",
        }


def test_errors_in_persian():
    with translation.override("fa"):
        assert errors_of(mobile="04133334444") == {
            ("mobile", "mobile_not_mobile"): "این شماره همراه نیست: شماره‌های همراه ایران با ۰۹ آغاز می‌شوند."
        }


def test_openapi_schema_describes_jalali_as_strings():
    schema = PersonIn.model_json_schema()
    birth = schema["properties"]["birth_date"]["anyOf"][0]
    assert (birth["type"], birth["examples"]) == ("string", ["1403-02-15"])
    month = schema["properties"]["month"]["anyOf"][0]
    assert (month["type"], month["pattern"]) == ("string", r"^\d{4}-\d{2}$")


def test_ninja_endpoint_answers_422_with_the_message_and_keeps_query_types():
    from ninja import NinjaAPI, Router
    from ninja.testing import TestClient

    router = Router()

    @router.get("/month")
    def month_view(request, month: JalaliMonth, mobile: Mobile):
        return {"month": month, "mobile": mobile}

    NinjaAPI(urls_namespace="core-schemas-test").add_router("/", router)
    client = TestClient(router)
    ok = client.get("/month?month=۱۴۰۴/۷&mobile=%2B989121234567")
    assert (ok.status_code, ok.json()) == (200, {"month": "1404-07", "mobile": "09121234567"})
    with translation.override("en"):
        bad = client.get("/month?month=1404-13&mobile=09121234567")
    assert bad.status_code == 422
    assert [(e["loc"][-1], e["type"], e["msg"]) for e in bad.json()["detail"]] == [
        ("month", "jalali_month_range", "The month must be between 1 and 12.")
    ]
