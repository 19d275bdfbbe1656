"""Persian text: one stored form, one search key, digits, bidi controls and number display.

Two forms of every Persian string:

* ``normalize_text(s)`` is the **stored form**: what we keep in the database and show again. It only
  removes differences a reader cannot see or that come from the keyboard, never spelling choices:

  - Arabic yeh ``ي`` and alef maksura ``ى`` → Persian ``ی``; Arabic kaf ``ك`` → Persian ``ک``;
    Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) → their base letters;
  - decomposed hamza/madda are composed (``ا`` + U+0653 → ``آ``; ``ه`` + U+0654 → ``ۀ``);
  - ``إ`` and ``ٱ`` → ``ا`` (not Persian spelling); **kept**: ``آ``, ``أ``, ``ؤ``, ``ئ``, ``ۀ`` and ``ة``,
    which are legitimate Persian spelling (تأمین، مؤسسه، مسئول، خانۀ) — the search key folds them;
  - diacritics removed (harakat U+064B–U+065F, superscript alef U+0670, Quranic marks), tatweel removed;
  - ZWNJ look-alikes (U+200B zero width space, U+00AD soft hyphen, U+FEFF, U+2060, and U+200D ZWJ) next
    to an Arabic-script letter → ZWNJ (U+200C); elsewhere the first four are removed and ZWJ is kept
    (emoji sequences); repeated ZWNJ collapsed; ZWNJ next to a space or at either
    end removed;
  - bidi control characters removed (forms reject them in names before this runs, see
    ``sakoo.core.forms.PersianCharField``);
  - Persian ``۰-۹`` and Arabic-Indic ``٠-٩`` digits → ASCII;
  - every kind of horizontal space → one ASCII space, lines stripped; line breaks kept (``multiline``),
    at most one empty line in a row.

* ``search_key(s)`` is for matching only, never shown: the stored form, then casefolded, with
  ``آ أ إ ٱ`` → ``ا``, ``ؤ`` → ``و``, ``ئ`` → ``ی``, ``ۀ ة ہ ە`` → ``ه``, standalone hamza ``ء`` dropped,
  ZWNJ removed (``می‌خواهم`` and ``میخواهم`` match), and anything that is not a letter or digit → space.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.functional import lazy

__all__ = [
    "BIDI_CONTROLS",
    "ZWNJ",
    "format_number",
    "format_percent",
    "has_bidi_controls",
    "is_persian_language",
    "lazy_number",
    "normalize_digits",
    "normalize_text",
    "search_key",
    "strip_bidi_controls",
    "strip_identifier",
    "to_persian_digits",
]

ZWNJ = "\u200c"
ZWJ = "\u200d"

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_THOUSANDS_SEPARATOR = "\u066c"  # ٬
PERSIAN_DECIMAL_SEPARATOR = "\u066b"  # ٫
PERSIAN_PERCENT = "\u066a"  # ٪

_TO_ASCII_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2)
_TO_PERSIAN_DIGITS = str.maketrans("0123456789" + ARABIC_DIGITS, PERSIAN_DIGITS * 2)

#: Bidi formatting characters: LRM, RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI, Arabic letter mark.
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")
_BIDI_RE = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")

# Invisible characters that people (or keyboards) use where a ZWNJ is meant.
_ZWNJ_LOOKALIKES = "\u200b\u00ad\ufeff\u2060"

# Letters mapped in the stored form.
_STORED_MAP = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي Arabic yeh → ی
        "\u0649": "\u06cc",  # ى alef maksura → ی
        "\u06d2": "\u06cc",  # ے yeh barree (Urdu keyboards) → ی
        "\u0643": "\u06a9",  # ك Arabic kaf → ک
        "\u06aa": "\u06a9",  # ڪ swash kaf → ک
        "\u0625": "\u0627",  # إ → ا
        "\u0671": "\u0627",  # ٱ alef wasla → ا
        "\u0640": None,  # tatweel
        **{c: None for c in BIDI_CONTROLS},
    }
)

# Extra folding for the search key (applied after the stored form and casefold).
_SEARCH_MAP = str.maketrans(
    {
        "\u0622": "\u0627",  # آ → ا
        "\u0623": "\u0627",  # أ → ا
        "\u0624": "\u0648",  # ؤ → و
        "\u0626": "\u06cc",  # ئ → ی
        "\u06c0": "\u0647",  # ۀ → ه
        "\u0629": "\u0647",  # ة → ه
        "\u06c1": "\u0647",  # ہ heh goal → ه
        "\u06d5": "\u0647",  # ە ae → ه
        "\u0621": None,  # ء standalone hamza
        ZWNJ: None,
        ZWJ: None,
    }
)

# Combining marks removed from the stored form: harakat, tanwin, shadda, sukun and the rest of
# U+064B–U+065F, superscript alef, Quranic annotation marks.
_DIACRITICS_RE = re.compile("[\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_HEH_HAMZA_RE = re.compile("\u0647\u0654")  # ه + hamza above → ۀ (NFC does not compose it)
_YEH_HAMZA_RE = re.compile("\u06cc\u0654")  # ی + hamza above → ئ
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
_ARABIC_LETTER = (  # letters only: not digits, punctuation or marks
    "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9"
    "\ufb50-\ufdff\ufe70-\ufefe"
)
_ZWJ_IN_PERSIAN_RE = re.compile(f"(?<=[{_ARABIC_LETTER}])\u200d|\u200d(?=[{_ARABIC_LETTER}])")
_LOOKALIKE_IN_PERSIAN_RE = re.compile(
    f"(?<=[{_ARABIC_LETTER}])[{_ZWNJ_LOOKALIKES}]|[{_ZWNJ_LOOKALIKES}](?=[{_ARABIC_LETTER}])"
)
_LOOKALIKE_RE = re.compile(f"[{_ZWNJ_LOOKALIKES}]")
_HSPACE_RE = re.compile(r"[^\S\n]+")  # any whitespace but newline (tabs, NBSP, thin spaces, ...)
_ZWNJ_RUN_RE = re.compile(ZWNJ + "{2,}")
_ZWNJ_AT_SPACE_RE = re.compile(f"{ZWNJ}*([ \n]){ZWNJ}*")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
# Search key: combining marks left after normalisation are dropped (they must not split a word), then
# every run of non-letters/digits (punctuation, symbols, spaces, underscore) becomes one space.
_COMBINING_RE = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_NON_WORD_RE = re.compile(r"[\W_]+")


def normalize_digits(value) -> str:
    """Persian (۰-۹) and Arabic-Indic (٠-٩) digits → ASCII. Everything else is left alone."""
    if value is None:
        return ""
    return str(value).translate(_TO_ASCII_DIGITS)


def to_persian_digits(value) -> str:
    """ASCII and Arabic-Indic digits → Persian digits (۰-۹). Accepts any value (``str()`` is applied)."""
    if value is None:
        return ""
    return str(value).translate(_TO_PERSIAN_DIGITS)


def has_bidi_controls(value) -> bool:
    """True when the text contains an invisible bidi formatting character (LRM, RLM, RLO, isolates…)."""
    return bool(value) and bool(_BIDI_RE.search(str(value)))


def strip_bidi_controls(value) -> str:
    """Remove bidi formatting characters. Use for identifiers (copy-paste brings them in), not names."""
    if value is None:
        return ""
    return _BIDI_RE.sub("", str(value))


_IDENTIFIER_JUNK_RE = re.compile(
    "[\\s\\-\u2010-\u2015\u2212_./()\u200b\u200c\u200d\u00ad\ufeff\u2060"
    + "".join(sorted(BIDI_CONTROLS))
    + "]"
)


def strip_identifier(value) -> str:
    """Digits to ASCII, then remove spaces, dashes, dots, slashes, brackets and invisible characters.

    The common first step for national IDs, legal IDs, Sheba and phone numbers.
    """
    if value is None:
        return ""
    return _IDENTIFIER_JUNK_RE.sub("", normalize_digits(value))


def _fold_presentation_forms(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match.group())


def normalize_text(value, *, multiline: bool = True) -> str:
    """The stored form of a Persian (or mixed) text; see the module docstring for the exact rules.

    ``multiline=False`` turns line breaks into spaces too (single-line fields: names, titles).
    """
    if value is None:
        return ""
    s = str(value)
    if not s:
        return ""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        s = s.replace("\n", " ")
    s = _PRESENTATION_RE.sub(_fold_presentation_forms, s)
    s = unicodedata.normalize("NFC", s)
    s = _HEH_HAMZA_RE.sub("\u06c0", s)
    s = s.translate(_STORED_MAP)
    s = _YEH_HAMZA_RE.sub("\u0626", s)
    s = _DIACRITICS_RE.sub("", s)
    s = _ZWJ_IN_PERSIAN_RE.sub(ZWNJ, s)
    s = _LOOKALIKE_IN_PERSIAN_RE.sub(ZWNJ, s)
    s = _LOOKALIKE_RE.sub("", s)  # outside Persian words they are just invisible noise
    s = s.translate(_TO_ASCII_DIGITS)
    s = _HSPACE_RE.sub(" ", s)
    s = _ZWNJ_RUN_RE.sub(ZWNJ, s)
    s = _ZWNJ_AT_SPACE_RE.sub(r"\1", s)
    s = "\n".join(line.strip(" " + ZWNJ) for line in s.split("\n"))
    s = _BLANK_LINES_RE.sub("\n\n", s)
    return s.strip("\n" + ZWNJ + " ")


def search_key(value) -> str:
    """The matching key: stored form, casefolded, Persian variants folded, ZWNJ removed,
    punctuation and symbols → space, spaces collapsed. Never shown to users."""
    s = normalize_text(value).casefold().translate(_SEARCH_MAP)
    s = _COMBINING_RE.sub("", s)
    return _NON_WORD_RE.sub(" ", s).strip()


# ---------------------------------------------------------------------------------------------------
# Numbers on screen
# ---------------------------------------------------------------------------------------------------


def is_persian_language(lang: str | None = None) -> bool:
    """True when ``lang`` (default: the active language, else ``LANGUAGE_CODE``) is Persian."""
    if lang is None:
        lang = translation.get_language() or settings.LANGUAGE_CODE
    return lang.split("-")[0].lower() == "fa"


def _group(int_digits: str, sep: str) -> str:
    head = len(int_digits) % 3 or 3
    parts = [int_digits[:head]] + [int_digits[i : i + 3] for i in range(head, len(int_digits), 3)]
    return sep.join(parts)


def format_number(n, lang: str | None = None, *, decimals: int | None = None, grouping: bool = True) -> str:
    """Format a number for display: ``1234567`` → ``۱٬۲۳۴٬۵۶۷`` (fa) or ``1,234,567`` (en).

    ``decimals``: fixed number of decimals (rounded half-up); ``None`` keeps integers as integers and
    shows floats/Decimals with the decimals they need (at most 2 for floats). ``None`` → ``""``.
    Strings are accepted when they hold a number in any digit script.
    """
    if n is None or n == "":
        return ""
    if isinstance(n, str):
        raw = normalize_digits(n).replace(",", "").replace(PERSIAN_THOUSANDS_SEPARATOR, "")
        raw = raw.replace(PERSIAN_DECIMAL_SEPARATOR, ".").strip()
        try:
            n = Decimal(raw) if "." in raw else int(raw)
        except Exception:
            return n  # not a number: shown as given
    if isinstance(n, bool):
        n = int(n)
    if decimals is not None:
        q = Decimal(str(n)).quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
        text = f"{q:.{decimals}f}"
    elif isinstance(n, int):
        text = str(n)
    elif isinstance(n, float):
        text = f"{Decimal(str(n)).quantize(Decimal('0.01'), rounding='ROUND_HALF_UP'):f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{Decimal(n):f}"
    negative = text.startswith("-")
    text = text.lstrip("-")
    int_part, _, frac = text.partition(".")
    if negative and set(int_part + frac) <= {"0"}:
        negative = False  # no "-0"
    fa = is_persian_language(lang)
    if grouping:
        int_part = _group(int_part, PERSIAN_THOUSANDS_SEPARATOR if fa else ",")
    text = int_part + ((PERSIAN_DECIMAL_SEPARATOR if fa else ".") + frac if frac else "")
    if negative:
        text = "-" + text
    return to_persian_digits(text) if fa else text


#: ``format_number`` evaluated when the string is rendered: for message parameters built before the
#: language is known (``ValidationError(..., params={"count": lazy_number(8)})``).
lazy_number = lazy(format_number, str)


def format_percent(fraction, lang: str | None = None, *, decimals: int = 1) -> str:
    """A fraction as a percentage: ``0.135`` → ``٪۱۳٫۵`` (fa) or ``13.5%`` (en). ``None`` → ``""``."""
    if fraction is None or fraction == "":
        return ""
    value = Decimal(str(fraction)) * 100
    number = format_number(value, lang, decimals=decimals)
    if not is_persian_language(lang):
        return number + "%"
    if number.startswith("-"):  # the sign is read first: "-٪۲٫۱"
        return "-" + PERSIAN_PERCENT + number[1:]
    return PERSIAN_PERCENT + number
