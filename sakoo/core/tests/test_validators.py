"""Iranian identifiers: known vectors and property-based tests (hypothesis)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from sakoo.core.text import to_persian_digits
from sakoo.core.validators import (
    is_valid_legal_id,
    is_valid_national_id,
    is_valid_sheba,
    legal_id_check_digit,
    make_legal_id,
    make_national_id,
    make_sheba,
    mask_mobile,
    mask_national_id,
    national_id_check_digit,
    normalize_legal_id,
    normalize_mobile,
    normalize_national_id,
    normalize_sheba,
    sheba_bank_code,
    validate_legal_id,
    validate_mobile,
    validate_national_id,
    validate_sheba,
)

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
        "\u2069", "\u061c"]  # fmt: skip
NOISE = [" ", "-", "\u00a0", "\u200c", *BIDI]


def error_code(func, value):
    with pytest.raises(ValidationError) as info:
        func(value)
    return info.value.code


@st.composite
def in_any_script(draw, canonical: str) -> str:
    """The same identifier as a person might type or paste it: any digit script per character, with
    spaces, dashes and hidden bidi characters between the digits."""
    out = []
    for ch in canonical:
        script = draw(st.sampled_from(["ascii", "persian", "arabic"]))
        if ch.isdigit():
            ch = {"ascii": ch, "persian": to_persian_digits(ch), "arabic": ch.translate(ARABIC_DIGITS)}[
                script
            ]
        out.append(ch)
        if draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(NOISE)))
    return "".join(out)


# ---------------------------------------------------------------------------------------------------
# National ID
# ---------------------------------------------------------------------------------------------------

# Valid IDs published as test vectors by persian-tools/persian-tools (test/verifyIranianNationalId.spec.ts).
KNOWN_VALID_NATIONAL_IDS = ["0499370899", "0790419904", "1583250689", "0684159414", "4400276201",
                            "2540201288", "7400076205", "7340416501"]  # fmt: skip
KNOWN_INVALID_NATIONAL_IDS = {
    "1234567890": "national_id_checksum",
    "0000000000": "national_id_identical",
    "9999999999": "national_id_identical",
    "3333333333": "national_id_identical",
    "777777777": "national_id_identical",  # padded to 0777777777? no: 9 digits → "0777777777"
    "0010000000": "national_id_zero",
    "000123456": "national_id_checksum",
    "1234567": "national_id_length",
    "12345678901": "national_id_length",
    "12345678a9": "invalid_characters",
    "": "required",
}


@pytest.mark.parametrize("value", KNOWN_VALID_NATIONAL_IDS)
def test_known_valid_national_ids(value):
    assert normalize_national_id(value) == value


def test_eight_digit_id_from_a_spreadsheet_is_padded():
    assert normalize_national_id("68415941") == "0068415941"
    assert normalize_national_id(68415941) == "0068415941"
    assert normalize_national_id(68415941.0) == "0068415941"


def test_padding_can_be_switched_off():
    assert error_code(lambda v: normalize_national_id(v, pad=False), "68415941") == "national_id_length"


def test_known_invalid_national_ids():
    codes = {value: error_code(normalize_national_id, value) for value in KNOWN_INVALID_NATIONAL_IDS}
    expected = dict(KNOWN_INVALID_NATIONAL_IDS)
    expected["777777777"] = (
        "national_id_checksum"  # "0777777777" is not all-identical, and fails the checksum
    )
    assert codes == expected


def test_national_id_in_persian_digits_with_dashes_and_bidi():
    assert normalize_national_id("\u202a۰۴۹-۹۳۷۰۸۹-۹\u202c") == "0499370899"


def test_national_id_messages_name_the_problem():
    with pytest.raises(ValidationError) as info:
        normalize_national_id("12345")
    with translation.override("en"):
        assert info.value.messages == ["A national ID has 10 digits; this one has 5."]
    with translation.override("fa"):
        assert info.value.messages == ["کد ملی ۱۰ رقم دارد؛ این یکی ۵ رقم دارد."]
    with pytest.raises(ValidationError) as info:
        normalize_national_id("0499370898")
    with translation.override("fa"):
        assert info.value.messages == [
            "این کد ملی معتبر نیست: رقم کنترل آن درست درنمی‌آید. اشتباه تایپی را بررسی کنید."
        ]


first9 = st.text(alphabet="0123456789", min_size=9, max_size=9).filter(
    lambda s: s[3:9] != "000000" and len(set(s + str(national_id_check_digit(s)))) > 1
)


@settings(deadline=None)
@given(
    first9.flatmap(
        lambda f: in_any_script(make_national_id(f)).map(lambda typed: (make_national_id(f), typed))
    )
)
def test_valid_national_id_accepted_in_any_script_with_noise(case):
    canonical, typed = case
    assert normalize_national_id(typed) == canonical


def _remainder(national_id: str) -> int:
    return sum(int(national_id[i]) * (10 - i) for i in range(9)) % 11


@settings(deadline=None)
@given(first9, st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_change_is_rejected(f, position, delta):
    """A one-digit typo is always caught, with the one blind spot the published algorithm has: the
    remainders 1 and 10 both give check digit 1, so a typo that moves the remainder between them passes."""
    valid = make_national_id(f)
    changed = valid[:position] + str((int(valid[position]) + delta) % 10) + valid[position + 1 :]
    blind_spot = position < 9 and {_remainder(valid), _remainder(changed)} == {1, 10}
    assert is_valid_national_id(changed) is blind_spot


def test_the_blind_spot_is_real():
    # 0806505621 (remainder 10 → check 1) and 0836505621 (remainder 1 → check 1) are both valid.
    assert (is_valid_national_id("0806505621"), is_valid_national_id("0836505621")) == (True, True)


@settings(deadline=None)
@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_checksum_rule_matches_the_published_formula(s):
    r = sum(int(s[i]) * (10 - i) for i in range(9)) % 11
    c = int(s[9])
    formula = ((r < 2 and c == r) or (r >= 2 and c == 11 - r)) and len(set(s)) > 1 and s[3:9] != "000000"
    assert is_valid_national_id(s) is formula


def test_model_validator_accepts_only_the_canonical_form():
    validate_national_id("0499370899")
    with pytest.raises(ValidationError):
        validate_national_id("۰۴۹۹۳۷۰۸۹۹")
    with pytest.raises(ValidationError):
        validate_national_id("68415941")


def test_mask_national_id():
    assert mask_national_id("0499370899") == "*******899"


# ---------------------------------------------------------------------------------------------------
# Legal entity national ID (شناسه ملی)
# ---------------------------------------------------------------------------------------------------


def test_known_legal_ids():
    # Vectors from persian-tools/persian-tools test/verifyIranianLegalId.spec.ts.
    assert normalize_legal_id("10380284790") == "10380284790"
    assert normalize_legal_id(10380284790) == "10380284790"
    assert normalize_legal_id("۱۰۳۸۰۲۸۴۷۹۰") == "10380284790"
    assert is_valid_legal_id("10380284792") is False
    assert is_valid_legal_id("10380285692") is False
    assert is_valid_legal_id("09748208301") is False
    assert is_valid_legal_id("11111111111") is False
    assert error_code(normalize_legal_id, "123000000") == "legal_id_length"
    assert error_code(normalize_legal_id, "12300000001") == "legal_id_zero"


def test_legal_id_check_digit_worked_example():
    # 1038028479|0: shift = d[9] + 2 = 11; sum of (11 + d_i) * [29,27,23,19,17,...] = 3432 = 11 × 312, so the check digit is 0.
    weights = [29, 27, 23, 19, 17] * 2
    total = sum((11 + int(d)) * w for d, w in zip("1038028479", weights, strict=True))
    assert total == 3432
    assert legal_id_check_digit("1038028479") == 0


legal_first10 = st.text(alphabet="0123456789", min_size=10, max_size=10).filter(lambda s: s[3:9] != "000000")


@settings(deadline=None)
@given(
    legal_first10.flatmap(
        lambda f: in_any_script(make_legal_id(f)).map(lambda typed: (make_legal_id(f), typed))
    )
)
def test_generated_legal_ids_accepted_in_any_script_with_noise(case):
    canonical, typed = case
    assert normalize_legal_id(typed) == canonical


@settings(deadline=None)
@given(legal_first10, st.integers(0, 10), st.integers(1, 9))
def test_legal_id_single_digit_change(f, position, delta):
    """A changed check digit is always caught; for the other digits the oracle is the published rule
    (tens-digit shift, weights 29, 27, 23, 19, 17, mod 11, mod 10) written out independently."""
    legal_id = make_legal_id(f)
    changed = legal_id[:position] + str((int(legal_id[position]) + delta) % 10) + legal_id[position + 1 :]
    shift = int(changed[9]) + 2
    total = sum((shift + int(d)) * w for d, w in zip(changed[:10], [29, 27, 23, 19, 17] * 2, strict=True))
    assert is_valid_legal_id(changed) is (total % 11 % 10 == int(changed[10]))
    if position == 10:
        assert is_valid_legal_id(changed) is False


def test_legal_id_model_validator():
    validate_legal_id("10380284790")
    with pytest.raises(ValidationError):
        validate_legal_id("۱۰۳۸۰۲۸۴۷۹۰")


# ---------------------------------------------------------------------------------------------------
# Sheba
# ---------------------------------------------------------------------------------------------------

# IR820540102680020817909002: persian-tools/persian-tools test/sheba.spec.ts (Parsian bank, code 054).
KNOWN_SHEBA = "IR820540102680020817909002"


def test_known_sheba():
    assert normalize_sheba(KNOWN_SHEBA) == KNOWN_SHEBA
    assert sheba_bank_code(KNOWN_SHEBA) == "054"


def test_sheba_lowercase_spaces_persian_digits_bidi():
    assert normalize_sheba("\u200fir۸۲ ۰۵۴۰ ۱۰۲۶ ۸۰۰۲ ۰۸۱۷ ۹۰۹۰ ۰۲") == KNOWN_SHEBA
    assert normalize_sheba("IR82-0540-1026-8002-0817-9090-02") == KNOWN_SHEBA


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("IR01234567890123456789", "sheba_length"),
        ("IR012345678901234567890123456789", "sheba_length"),
        ("IR012345678901234567890123", "sheba_checksum"),
        ("IR820540102680020817909003", "sheba_checksum"),
        ("DE89370400440532013000", "sheba_prefix"),
        ("IR8205401026800208179090AB", "invalid_characters"),
        ("", "required"),
        # arrived as a number: no IR prefix, float, scientific notation
        ("820540102680020817909002", "sheba_number"),
        ("8.20540102680021E+23", "sheba_number"),
        ("820540102680020817909002.0", "sheba_number"),
        (820540102680020817909002, "sheba_number"),
        (8.20540102680021e23, "sheba_number"),
    ],
)
def test_bad_sheba(value, code):
    assert error_code(normalize_sheba, value) == code


def test_sheba_number_message_says_what_happened():
    with pytest.raises(ValidationError) as info:
        normalize_sheba(8.20540102680021e23)
    with translation.override("en"):
        assert info.value.messages == [
            "This Sheba number arrived as a number and may have lost digits (spreadsheets do this). "
            "Enter it as text starting with IR, for example IR062960000000100324200001."
        ]


@settings(deadline=None)
@given(st.text(alphabet="0123456789", min_size=22, max_size=22).flatmap(
    lambda b: in_any_script(make_sheba(b)).map(lambda typed: (make_sheba(b), typed))
))  # fmt: skip
def test_sheba_round_trip(case):
    canonical, typed = case
    assert is_valid_sheba(canonical) is True
    assert normalize_sheba(typed.lower()) == canonical


@settings(deadline=None)
@given(st.text(alphabet="0123456789", min_size=22, max_size=22), st.integers(4, 25), st.integers(1, 9))
def test_sheba_single_digit_change_rejected(bban, position, delta):
    sheba = make_sheba(bban)
    changed = sheba[:position] + str((int(sheba[position]) + delta) % 10) + sheba[position + 1 :]
    assert is_valid_sheba(changed) is False


@settings(deadline=None)
@given(st.text(alphabet="0123456789", min_size=24, max_size=24))
def test_mod97_by_hand_agrees_with_python_bigints(digits):
    rearranged = int(digits[2:] + "1827" + digits[:2])  # I=18, R=27
    assert is_valid_sheba("IR" + digits) is (rearranged % 97 == 1)


def test_sheba_model_validator():
    validate_sheba(KNOWN_SHEBA)
    with pytest.raises(ValidationError):
        validate_sheba(KNOWN_SHEBA.lower())


# ---------------------------------------------------------------------------------------------------
# Mobile numbers
# ---------------------------------------------------------------------------------------------------

MOBILE_FORMS = [
    "09121234567",
    "9121234567",
    "+989121234567",
    "00989121234567",
    "989121234567",
    "+98 912 123 4567",
    "0912-123-4567",
    "(0912) 123 4567",
    "+98 (0) 912 123 4567",
    "۰۹۱۲۱۲۳۴۵۶۷",
    "+۹۸۹۱۲۱۲۳۴۵۶۷",
    "٠٩١٢١٢٣٤٥٦٧",
    "\u202a+98 912 123 4567\u202c",
    9121234567,
]


@pytest.mark.parametrize("value", MOBILE_FORMS)
def test_every_common_mobile_form_maps_to_09(value):
    assert normalize_mobile(value) == "09121234567"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("04133334444", "mobile_not_mobile"),  # Tabriz landline
        ("+44 7700 900123", "mobile_country"),
        ("0912123456", "mobile_length"),
        ("091212345678", "mobile_length"),
        ("0912abc4567", "invalid_characters"),
        ("", "required"),
    ],
)
def test_bad_mobiles(value, code):
    assert error_code(normalize_mobile, value) == code


@settings(deadline=None)
@given(
    st.text(alphabet="0123456789", min_size=9, max_size=9), st.sampled_from(["0", "", "+98", "0098", "98"])
)
def test_mobile_forms_all_map_to_the_same_09_form(rest, prefix):
    canonical = "09" + rest
    typed = prefix + "9" + rest
    assert normalize_mobile(typed) == canonical
    assert normalize_mobile(to_persian_digits(typed)) == canonical
    assert normalize_mobile(f"{typed[:-7]} {typed[-7:-4]}-{typed[-4:]}") == canonical


@settings(deadline=None)
@given(st.text(alphabet="0123456789+ -۰۱۲۳۴۵۶۷۸۹", max_size=16))
def test_normalize_mobile_returns_09_and_eleven_digits_or_raises(typed):
    try:
        result = normalize_mobile(typed)
    except ValidationError:
        return
    assert re.fullmatch(r"09[0-9]{9}", result) is not None
    assert normalize_mobile(result) == result
    validate_mobile(result)


def test_mask_mobile():
    assert mask_mobile("09121234567") == "0912***4567"
