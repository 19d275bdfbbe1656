"""Money: integer rials, shown in tomans or rials."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from sakoo.core.money import format_money, parse_money, rials_to_tomans, tomans_to_rials, unit_label


def test_format_money_in_tomans_and_rials():
    assert format_money(12_500_000, lang="fa") == "۱٬۲۵۰٬۰۰۰ تومان"
    assert format_money(12_500_000, "rial", lang="fa") == "۱۲٬۵۰۰٬۰۰۰ ریال"
    assert format_money(12_500_000, lang="en") == "1,250,000 tomans"
    assert format_money(12_500_000, "rial", lang="en") == "12,500,000 rials"
    assert format_money(10, lang="en") == "1 toman"


def test_format_money_follows_active_language():
    with translation.override("fa"):
        assert format_money(1_000_000) == "۱۰۰٬۰۰۰ تومان"
    with translation.override("en"):
        assert format_money(1_000_000) == "100,000 tomans"


def test_rials_not_divisible_by_ten_show_a_toman_decimal():
    assert format_money(125, lang="en") == "12.5 tomans"
    assert format_money(125, lang="fa") == "۱۲٫۵ تومان"


def test_format_money_none():
    assert format_money(None) == ""


def test_unit_conversion():
    assert tomans_to_rials(125_000) == 1_250_000
    assert rials_to_tomans(1_250_000) == 125_000


@pytest.mark.parametrize(
    ("text", "unit", "rials"),
    [
        ("1250000", "toman", 12_500_000),
        ("۱٬۲۵۰٬۰۰۰", "toman", 12_500_000),
        ("۱,۲۵۰,۰۰۰ تومان", "toman", 12_500_000),
        ("1 250 000", "toman", 12_500_000),
        ("١٢٥٠٠٠٠", "toman", 12_500_000),
        ("12.5", "toman", 125),
        ("۱۲٫۵", "toman", 125),
        ("12,500,000 ریال", "rial", 12_500_000),
        ("12500000 rials", "rial", 12_500_000),
        (1250, "toman", 12_500),
        ("۱۵ میلیون", "toman", 150_000_000),
        ("۱۵ ميليون تومان", "toman", 150_000_000),  # Arabic yeh
        ("۱۵ میلیون و ۵۰۰ هزار تومان", "toman", 155_000_000),
        ("۲٫۵ میلیارد ریال", "rial", 2_500_000_000),
        ("1.5 million", "toman", 15_000_000),
        ("میلیون", "toman", 10_000_000),
        ("500 هزار و 250", "toman", 5_002_500),
        ("0", "rial", 0),
    ],
)
def test_parse_money(text, unit, rials):
    assert parse_money(text, unit) == rials


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("-5000", "toman", "money_negative"),
        ("abc", "toman", "money_invalid"),
        ("۱۵ و ۵۰۰", "toman", "money_invalid"),
        ("1.2.3", "toman", "money_invalid"),
        ("۱۵ کیلو", "toman", "money_invalid"),
        ("", "toman", "money_invalid"),
        ("12.55", "toman", "money_fraction"),
        ("1.5", "rial", "money_fraction"),
        ("5000 ریال", "toman", "money_unit"),
        ("5000 تومان", "rial", "money_unit"),
    ],
)
def test_parse_money_errors(text, unit, code):
    with pytest.raises(ValidationError) as info:
        parse_money(text, unit)
    assert info.value.code == code


@settings(deadline=None)
@given(
    st.integers(min_value=0, max_value=10**15),
    st.sampled_from(["toman", "rial"]),
    st.sampled_from(["fa", "en"]),
)
def test_format_then_parse_round_trip(rials, unit, lang):
    if unit == "toman":
        rials -= rials % 10
    assert parse_money(format_money(rials, unit, lang), unit) == rials


def test_unit_label_translated():
    with translation.override("fa"):
        assert (unit_label("toman"), unit_label("rial")) == ("تومان", "ریال")
    with translation.override("en"):
        assert (unit_label("toman"), unit_label("rial")) == ("tomans", "rials")
