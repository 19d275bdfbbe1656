"""Persian text normalisation: stored form, search key, digits, bidi controls, numbers on screen."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from sakoo.core.text import (
    ZWNJ,
    format_number,
    format_percent,
    has_bidi_controls,
    lazy_number,
    normalize_digits,
    normalize_text,
    search_key,
    strip_bidi_controls,
    strip_identifier,
    to_persian_digits,
)

# (input, stored form)
STORED_FORM_TABLE = [
    # Arabic yeh / alef maksura / kaf → Persian
    ("علي", "علی"),
    ("مصطفى", "مصطفی"),
    ("كار", "کار"),
    ("يك كتاب", "یک کتاب"),
    # presentation forms (PDF copy-paste) → base letters
    ("\ufedb\ufe8e\ufead", "کار"),
    # decomposed hamza / madda are composed
    ("\u0627\u0653ب", "آب"),
    ("خانه\u0654", "خانۀ"),
    # legitimate Persian spelling kept in the stored form
    ("تأمین", "تأمین"),
    ("مؤسسه", "مؤسسه"),
    ("مسئول", "مسئول"),
    ("آذربایجان", "آذربایجان"),
    ("خانۀ", "خانۀ"),
    # إ and alef wasla → ا
    ("إسلام", "اسلام"),
    ("\u0671لله", "الله"),
    # diacritics: harakat, tanwin, shadda, sukun, superscript alef
    ("عَلِیّ", "علی"),
    ("فوراً", "فورا"),
    ("مُحَمَّد", "محمد"),
    ("رحمٰن", "رحمن"),
    # tatweel
    ("تبـــریز", "تبریز"),
    # ZWNJ and its look-alikes → one ZWNJ
    ("می\u200cخواهم", "می\u200cخواهم"),
    ("می\u200bخواهم", "می\u200cخواهم"),
    ("می\u00adخواهم", "می\u200cخواهم"),
    ("می\ufeffخواهم", "می\u200cخواهم"),
    ("می\u200dخواهم", "می\u200cخواهم"),
    ("می\u200c\u200c\u200bخواهم", "می\u200cخواهم"),
    ("میَ\u200bخواهم", "می\u200cخواهم"),  # a diacritic before the look-alike
    ("۱۲\u200b۳۴", "1234"),  # not between letters: removed
    # ZWNJ next to spaces or at the ends is dropped
    ("\u200cکتاب\u200c ها\u200c", "کتاب ها"),
    # spaces: NBSP, tabs, thin spaces → one space; ends stripped
    ("  سکو\u00a0\u00a0 \tتبریز\u2009 ", "سکو تبریز"),
    # digits → ASCII
    ("۱۴۰۳ و ٢٠٢٤", "1403 و 2024"),
    # bidi controls removed
    ("\u202bعلی\u202c\u200f", "علی"),
    # Latin text untouched
    ("Sakoo  Tabriz", "Sakoo Tabriz"),
    ("", ""),
]


@pytest.mark.parametrize(("raw", "stored"), STORED_FORM_TABLE)
def test_normalize_text_stored_form(raw, stored):
    assert normalize_text(raw) == stored


def test_normalize_text_keeps_line_breaks_but_collapses_blank_lines():
    assert normalize_text(" خط یک \r\n\r\n\r\n\r\n  خط دو ") == "خط یک\n\nخط دو"


def test_normalize_text_single_line_joins_lines():
    assert normalize_text("خط یک\nخط دو", multiline=False) == "خط یک خط دو"


def test_lookalikes_outside_persian_words_are_removed():
    assert normalize_text("co\u00adoperate\u200b zero\ufeff") == "cooperate zero"


def test_zwj_outside_persian_text_is_kept():
    family = "\U0001f468\u200d\U0001f469"
    assert normalize_text(family) == family


def test_normalize_text_none_is_empty():
    assert normalize_text(None) == ""


@settings(deadline=None)
@given(st.text())
def test_normalize_text_is_idempotent(s):
    once = normalize_text(s)
    assert normalize_text(once) == once


@settings(deadline=None)
@given(st.text())
def test_search_key_is_idempotent_and_has_no_zwnj(s):
    key = search_key(s)
    assert search_key(key) == key
    assert ZWNJ not in key


# (a, b) pairs that must share a search key
SEARCH_EQUIVALENTS = [
    ("علي", "علی"),
    ("كارگر", "کارگر"),
    ("آب", "اب"),
    ("تأمین اجتماعی", "تامین اجتماعی"),
    ("مؤسسه", "موسسه"),
    ("مسئول", "مسیول"),
    ("خانۀ", "خانه"),
    ("مدرسة", "مدرسه"),
    ("می\u200cخواهم", "میخواهم"),
    ("می\u200bخواهم", "میخواهم"),
    ("اجزاء", "اجزا"),
    ("Tabriz", "TABRIZ"),
    ("جوشکار، تراشکار!", "جوشکار تراشکار"),
    ("۱۴۰۳", "1403"),
    ("عَلِیّ", "علی"),
]


@pytest.mark.parametrize(("a", "b"), SEARCH_EQUIVALENTS)
def test_search_key_folds_variants(a, b):
    assert search_key(a) == search_key(b)


def test_search_key_exact_value():
    assert search_key("  تأمینِ  اجتماعیِ آذربایجان‌شرقی (تبریز) ") == "تامین اجتماعی اذربایجانشرقی تبریز"


def test_search_key_keeps_space_and_nothing_apart_from_zwnj():
    # ZWNJ is removed (joins), a space stays a word break.
    assert search_key("می\u200cخواهم") == "میخواهم"
    assert search_key("می خواهم") == "می خواهم"


def test_digits_both_ways():
    assert normalize_digits("۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩") == "0123456789 0123456789"
    assert to_persian_digits("0123456789 ٤") == "۰۱۲۳۴۵۶۷۸۹ ۴"
    assert to_persian_digits(1403) == "۱۴۰۳"
    assert normalize_digits(None) == ""


@settings(deadline=None)
@given(st.integers(min_value=0))
def test_digit_round_trip(n):
    assert normalize_digits(to_persian_digits(n)) == str(n)


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                                  "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"])  # fmt: skip
def test_bidi_controls_detected_and_stripped(char):
    value = f"00{char}12345679"
    assert has_bidi_controls(value) is True
    assert strip_bidi_controls(value) == "0012345679"


def test_no_bidi_controls_in_plain_persian():
    assert has_bidi_controls("علی\u200cرضا 123") is False
    assert has_bidi_controls("") is False


def test_strip_identifier():
    assert strip_identifier(" ۰۰۱-۲۳۴۵۶۷ ۹\u200e") == "0012345679"


@pytest.mark.parametrize(
    ("value", "fa", "en"),
    [
        (0, "۰", "0"),
        (999, "۹۹۹", "999"),
        (1000, "۱٬۰۰۰", "1,000"),
        (1234567, "۱٬۲۳۴٬۵۶۷", "1,234,567"),
        (-1264524, "-۱٬۲۶۴٬۵۲۴", "-1,264,524"),
        (12.5, "۱۲٫۵", "12.5"),
        (Decimal("3909652.25"), "۳٬۹۰۹٬۶۵۲٫۲۵", "3,909,652.25"),
        ("۱۲۳۴۵", "۱۲٬۳۴۵", "12,345"),
        (None, "", ""),
    ],
)
def test_format_number(value, fa, en):
    assert format_number(value, "fa") == fa
    assert format_number(value, "en") == en


def test_format_number_follows_active_language():
    with translation.override("fa"):
        assert format_number(171272) == "۱۷۱٬۲۷۲"
    with translation.override("en"):
        assert format_number(171272) == "171,272"


def test_format_number_fixed_decimals():
    assert format_number(13.549, "en", decimals=1) == "13.5"
    assert format_number(2.25, "fa", decimals=1) == "۲٫۳"
    assert format_number(-0.01, "en", decimals=1) == "0.0"


def test_format_percent():
    assert format_percent(0.135, "fa") == "٪۱۳٫۵"
    assert format_percent(0.135, "en") == "13.5%"
    assert format_percent(171272 / 1264524, "en", decimals=2) == "13.54%"
    assert format_percent(None) == ""


def test_lazy_number_renders_in_the_language_at_render_time():
    value = lazy_number(1234)
    with translation.override("fa"):
        assert str(value) == "۱٬۲۳۴"
    with translation.override("en"):
        assert str(value) == "1,234"
