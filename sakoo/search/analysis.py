"""Persian analysis for the search index: the one normaliser, word joining and light stemming.

Everything tantivy sees has been through :func:`sakoo.core.text.search_key` here first; the index uses
tantivy's whitespace tokenizer only, so tantivy never analyses Persian itself.

Pipeline for a text (documents and queries alike):

1. split on whitespace; each word goes through ``normalize_text`` (stored form: Arabic ي/ك → ی/ک,
   diacritics, digits, ZWNJ look-alikes → ZWNJ), then ZWNJ → space, then ``search_key`` (casefold,
   آ/أ/ؤ/ئ/ۀ folded, punctuation → space). Results are cached per raw word, which makes bulk indexing
   fast and gives exactly what ``search_key`` gives on the whole text (it works character by character).
2. bound affixes written apart: a prefix is glued back («می خواهم» → «میخواهم»), an ending written apart is
   dropped, as stemming would remove it anyway («کتاب ها» → «کتاب», «حرفه‌ای» → «حرفه»).
3. :func:`stem` removes one light plural/suffix ending (ها، های، هایی، ان/گان، ات، ای، ی).
4. documents also get a *join* term for every pair of neighbouring words (``word_i + stem(word_i+1)``),
   so «کارشناس ارشد», «کارشناس‌ارشد» and «کارشناسارشد» all meet: a query written without a space is
   one term that equals the join term of a document written with a space or a ZWNJ, and a query
   written with a space accepts, for each word, the join term of a document written without one.
"""

from __future__ import annotations

from functools import lru_cache

from sakoo.core.text import ZWNJ, normalize_text, search_key

__all__ = ["analyze_document", "join_term", "query_words", "stem", "word_keys", "words"]

#: Prefixes written apart from their verb («می خواهم», «نمی دانم»): glued to the next word.
BOUND_PREFIXES = frozenset({"می", "نمی"})
#: Suffixes written apart from their noun («کتاب ها», «حرفه ای»): glued to the previous word.
BOUND_SUFFIXES = frozenset({"ها", "های", "هایی", "ای", "ی", "ات", "ان", "تر", "ترین"})
#: Query words that are operators in other search engines; ignored (never an error).
OPERATOR_WORDS = frozenset({"and", "or", "not"})

# (suffix, replacement, minimum length of what remains). Checked in order; one ending is removed per pass.
_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    ("هایی", "", 2),
    ("های", "", 2),
    ("ها", "", 2),
    ("گان", "ه", 3),  # رانندگان → راننده، نمایندگان → نماینده
    ("یان", "", 4),  # دانشجویان → دانشجو
    ("ان", "", 4),  # کارگران → کارگر (not ایران، تهران، استان: what remains is too short)
    ("ات", "", 3),  # تجهیزات → تجهیز، اطلاعات → اطلاع
    ("ای", "", 3),  # حرفهای → حرفه (حرفه‌ای after ZWNJ removal)
    ("ی", "", 3),  # حسابداری → حسابدار، کامپیوتری → کامپیوتر (not فنی)
)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light stemming of one search-key word: at most two passes of removing one common ending.

    Used identically for documents and queries, so the only requirement is consistency; it is meant to
    make plural and adjectival forms meet (کارگران/کارگر، تجهیزات/تجهیز، حسابداری/حسابدار), not to be a
    linguistic stemmer. Digits and Latin words are returned unchanged.
    """
    for _ in range(2):
        for suffix, replacement, min_rest in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= min_rest:
                word = word[: len(word) - len(suffix)] + replacement
                break
        else:
            break
    return word


@lru_cache(maxsize=500_000)
def word_keys(raw_word: str) -> tuple[str, ...]:
    """The search-key parts of one whitespace-separated raw word (ZWNJ splits parts)."""
    return tuple(search_key(normalize_text(raw_word).replace(ZWNJ, " ")).split())


def words(text: str) -> list[str]:
    """Search-key words of a text, with bound prefixes and suffixes glued to their word."""
    keys: list[str] = []
    for raw in (text or "").split():
        keys.extend(word_keys(raw))
    out: list[str] = []
    glue_next = False
    for key in keys:
        if glue_next and out:
            out[-1] += key
            glue_next = False
            continue
        if key in BOUND_SUFFIXES and out:
            continue  # «کتاب ها», «حرفه‌ای»: the ending written apart is what stem() would remove

        out.append(key)
        glue_next = key in BOUND_PREFIXES
    return out


def join_term(first_key: str, second_key: str) -> str:
    return first_key + stem(second_key)


def analyze_document(text: str) -> str:
    """The whitespace-separated terms indexed for a text: stems plus join terms of neighbours."""
    keys = words(text)
    terms = [stem(k) for k in keys]
    terms.extend(join_term(keys[i], keys[i + 1]) for i in range(len(keys) - 1))
    return " ".join(terms)


def query_words(text: str) -> list[str]:
    """Search-key words of a query, operator words removed."""
    return [w for w in words(text) if w not in OPERATOR_WORDS]
