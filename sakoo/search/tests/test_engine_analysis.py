"""The analysis pipeline: the one normaliser, joined/split words and the light stemmer."""

import pytest

from sakoo.search.analysis import analyze_document, query_words, stem, words


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("کتابها", "کتاب"),
        ("کتابهای", "کتاب"),
        ("کارگران", "کارگر"),
        ("رانندگان", "راننده"),
        ("دانشجویان", "دانشجو"),
        ("تجهیزات", "تجهیز"),
        ("حسابداری", "حسابدار"),
        ("حرفهای", "حرف"),  # ambiguous with «حرف» + «های» when written without ZWNJ
        ("تکنسینها", "تکنسین"),
        ("تهران", "تهران"),  # too short to be a plural
        ("استان", "استان"),
        ("فنی", "فنی"),
        ("24", "24"),
    ],
)
def test_stem(word, expected):
    assert stem(word) == expected


def test_words_glue_bound_affixes_and_fold_letters():
    assert words("می خواهم") == ["میخواهم"]
    assert words("می‌خواهم") == ["میخواهم"]
    assert words("کتاب ها") == ["کتاب"]
    assert words("حرفه‌ای") == ["حرفه"]
    assert words("كارشناس‌ارشد") == ["کارشناس", "ارشد"]
    assert words("مُهَندِس ۲۴") == ["مهندس", "24"]


def test_document_terms_include_joins_of_neighbours():
    assert analyze_document("کارشناس ارشد") == "کارشناس ارشد کارشناسارشد"


def test_query_words_ignore_operators():
    assert query_words('"حسابدار" AND (تبریز) OR NOT +-:^~*') == ["حسابدار", "تبریز"]


def test_upsert_replaces_and_delete_removes(tmp_path):
    from sakoo.search.engine import Engine

    engine = Engine(tmp_path)
    doc = {"id": 7, "title": "حسابدار", "description": "", "published_at": "2026-11-20T00:00:00+00:00"}
    with engine.writer() as w:
        engine.apply(w, upserts=[doc])
    with engine.writer() as w:
        engine.apply(w, upserts=[dict(doc, title="راننده")])
    assert engine.num_docs() == 1
    assert engine.get(7)["title"] == "راننده"
    with engine.writer() as w:
        engine.apply(w, deletes=[7])
    assert engine.num_docs() == 0


def _doc(i, *, days_ago, county="0301", title="حسابدار"):
    from datetime import UTC, datetime, timedelta

    published = datetime(2026, 11, 20, tzinfo=UTC) - timedelta(days=days_ago)
    return {
        "id": i,
        "title": title,
        "description": "",
        "county_code": county,
        "published_at": published.isoformat(),
    }


def test_relevance_adds_recency_and_home_county(tmp_path):
    from datetime import UTC, datetime

    from sakoo.search.engine import Engine, EngineQuery

    engine = Engine(tmp_path)
    with engine.writer() as w:
        engine.apply(
            w,
            upserts=[
                _doc(1, days_ago=60),
                _doc(2, days_ago=3),
                _doc(3, days_ago=20),
                _doc(4, days_ago=60, county="0302"),
                _doc(5, days_ago=3, title="راننده"),
            ],
        )
    now = datetime(2026, 11, 20, tzinfo=UTC)

    def ids(**kw):
        return [h.id for h in engine.search(EngineQuery(text="حسابدار", now=now, **kw)).hits]

    assert ids(counties=("0301",)) == [2, 3, 1]  # same text score: 7-day bonus, then 30-day bonus
    assert ids(counties=("0302", "0301"), home_counties=("0302",)) == [2, 4, 3, 1]


def test_expired_documents_never_match_even_before_the_nightly_expiry(tmp_path):
    """The expiry clause is left out only while the index holds nothing expired; results are the same."""
    from datetime import UTC, date, datetime

    from sakoo.search.engine import Engine, EngineQuery

    engine = Engine(tmp_path)
    with engine.writer() as w:
        engine.apply(
            w,
            upserts=[
                dict(_doc(1, days_ago=1), expires_on="2026-11-30"),
                dict(_doc(2, days_ago=1), expires_on="2026-11-20"),
                _doc(3, days_ago=1),  # no expiry date
            ],
        )
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)

    def found(today, **kw):
        q = EngineQuery(now=now, today=today, **kw)
        result = engine.search(q)
        assert engine.count(q) == result.total
        return sorted(h.id for h in result.hits), result.total, sum(result.facets["county"].values())

    # nothing has expired on the 20th: every document matches, with and without text
    assert found(date(2026, 11, 20), text="حسابدار") == ([1, 2, 3], 3, 3)
    assert found(date(2026, 11, 20)) == ([1, 2, 3], 3, 3)
    # on the 21st document 2 has expired but is still in the index: it is left out everywhere
    assert found(date(2026, 11, 21), text="حسابدار") == ([1, 3], 2, 2)
    assert found(date(2026, 11, 21), sort="date") == ([1, 3], 2, 2)
    assert found(date(2026, 11, 21), counties=("0301",)) == ([1, 3], 2, 2)
    # once the expiry has removed it, the same answers
    with engine.writer() as w:
        engine.apply(w, deletes=[2])
    assert found(date(2026, 11, 21), text="حسابدار") == ([1, 3], 2, 2)
    assert found(date(2026, 12, 1), text="حسابدار") == ([3], 1, 1)
