"""Exact result sets on the fixed fixture (sakoo/search/testing.py), on SQLite and PostgreSQL alike."""

import pytest

from sakoo.search import selectors
from sakoo.search.engine import MAX_QUERY_CHARS

from .conftest import NOW

ACCOUNTANTS = ["v01", "v04", "v05", "v22"]
DRIVERS = ["v06", "v07", "v08"]
PROGRAMMERS = ["v09", "v10", "v11"]
SENIOR = ["v01", "v02", "v03"]
SHOP_24H = ["v13", "v14", "v15"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("كارشناس", SENIOR),  # Arabic kaf
        ("کارشناس ارشد", SENIOR),  # space
        ("کارشناس\u200cارشد", SENIOR),  # ZWNJ
        ("کارشناسارشد", SENIOR),  # nothing between
        ("حسابدار", ACCOUNTANTS),  # also حسابداري (Arabic yeh), حسابداران (plural)
        ("حسابداران", ACCOUNTANTS),
        ("راننده", DRIVERS),  # synonym شوفر, plural رانندگان
        ("شوفر", DRIVERS),
        ("برنامه‌نویس", PROGRAMMERS),  # synonym توسعه‌دهنده, space or ZWNJ
        ("برنامه نویس", PROGRAMMERS),
        ("توسعه‌دهنده", PROGRAMMERS),
        ("توسعه‌دهنده نرم‌افزار", PROGRAMMERS),  # a phrase of the group: every member, not the words
        ("۲۴ ساعته", SHOP_24H),  # Persian, Arabic and ASCII digits
        ("٢٤ ساعته", SHOP_24H),
        ("24 ساعته", SHOP_24H),
        ("مُهَندِس", ["v20", "v21"]),  # diacritics
        ("مهندس عمران", ["v20"]),
        ("کارگر", ["v16", "v17"]),  # کارگران
        ("تعمیر", ["v23"]),  # تعمیرات
        ("می خواهیم", ["v25"]),
        ("میخواهیم", ["v25"]),
        ("می‌خواهیم", ["v25"]),
        ("فروشنده", ["v02", "v13", "v14", "v15", "v30"]),
        ("xyzzy", []),
    ],
)
def test_exact_result_sets(search, q, expected):
    assert sorted(search(q=q)) == expected


def test_non_public_vacancies_are_never_found(search):
    # draft v26, unverified employer v27, expired v28, closed v29
    found = set(search(q="حسابدار")) | set(search(q="راننده")) | set(search())
    assert found & {"v26", "v27", "v28", "v29"} == set()
    assert sorted(search()) == sorted(
        k for k in [f"v{i:02d}" for i in range(1, 31)] if k not in {"v26", "v27", "v28", "v29"}
    )


def test_one_typo_finds_and_ranks_below_exact(search):
    assert sorted(search(q="حسابدرا")) == ACCOUNTANTS  # transposed letters
    ranked = search(q="برنامهنویس")  # v12 is spelled «برنامه‌نوس»
    assert sorted(ranked[:2]) == ["v09", "v10"]
    assert ranked[2:] == ["v12"]
    assert search(q="برنامهنویس اندروید") == ["v12"]


def test_short_words_get_no_typo_tolerance(search):
    assert search(q="منشی") == ["v24"]
    assert search(q="منشا") == []


def test_highlight_escapes_html_then_marks(fixture_ids):
    result = selectors.vacancy_search(q="فروشنده", county="0301", now=NOW, per_page=50)
    by_id = {r["id"]: r for r in result.results}
    html = by_id[fixture_ids["v30"]]["title_html"]
    assert html == "<mark>فروشنده</mark> &lt;script&gt;alert(1)&lt;/script&gt;"
    assert by_id[fixture_ids["v13"]]["title_html"] == "<mark>فروشنده</mark> فروشگاه ۲۴ ساعته"


def test_filters(search):
    assert sorted(search(county="0302")) == ["v03", "v07", "v19"]
    assert sorted(search(county="۰۳۰۲", near=True)) == sorted(
        [
            "v03",
            "v07",
            "v19",
            "v01",
            "v02",
            "v05",
            "v06",
            "v08",
            "v09",
            "v11",
            "v12",
            "v13",
            "v16",
            "v18",
            "v20",
            "v23",
            "v24",
            "v30",
        ]
    )
    assert sorted(search(occupation="2")) == [
        "v01",
        "v03",
        "v04",
        "v05",
        "v09",
        "v10",
        "v11",
        "v12",
        "v20",
        "v21",
    ]
    assert sorted(search(occupation="25")) == ["v09", "v10", "v11", "v12"]
    assert sorted(search(contract="part_time")) == ["v07", "v08", "v13", "v14", "v24"]
    assert sorted(search(education="master")) == ["v01", "v03", "v20"]
    assert sorted(search(remote=True)) == ["v09", "v10"]
    assert sorted(search(knowledge_based=True)) == ["v09", "v11", "v21"]
    assert sorted(search(it=True)) == ["v09", "v10", "v11", "v12"]
    assert sorted(search(graduate=True)) == ["v01", "v03", "v09", "v10", "v20", "v21"]
    assert sorted(search(within_days=7)) == [
        "v01",
        "v02",
        "v03",
        "v05",
        "v06",
        "v07",
        "v09",
        "v10",
        "v11",
        "v13",
        "v16",
        "v20",
        "v22",
        "v24",
    ]
    assert sorted(search(min_wage=250_000_000)) == ["v01", "v09", "v10", "v11", "v12", "v18", "v20", "v21"]
    assert sorted(search(q="حسابدار", county="0301")) == ["v01", "v05"]


def test_sorting(search):
    by_wage = search(sort="wage")
    assert by_wage[:2] == ["v09", "v10"]
    assert sorted(by_wage[2:4]) == ["v01", "v11"]  # both 300,000,000 rials
    assert by_wage[4:6] == ["v20", "v21"]
    assert set(by_wage[-2:]) == {"v03", "v08"}  # no wage stated: last
    assert search(sort="date")[:6] == ["v01", "v09", "v16", "v05", "v10", "v13"]
    assert search(q="", sort="relevance")[:3] == ["v01", "v09", "v16"]  # no words: newest first


def test_relevance_prefers_the_home_county_when_near(search):
    ranked = search(q="حسابدار", county="0302", near=True)
    assert sorted(ranked) == ["v01", "v05"]


def test_facet_counts_each_with_the_other_filters(fixture_ids):
    result = selectors.vacancy_search(q="", county="0301", now=NOW)
    counties = {f["value"]: f["count"] for f in result.facets["county"]}
    assert counties == {"0301": 15, "0302": 3, "0304": 6, "0305": 2}
    contracts = {f["value"]: f["count"] for f in result.facets["contract"]}
    assert contracts == {"permanent": 7, "fixed_term": 3, "part_time": 3, "day_labour": 1, "seasonal": 1}
    assert {f["value"]: f["count"] for f in result.facets["occupation"]} == {
        "2": 6,
        "5": 3,
        "7": 2,
        "8": 2,
        "4": 1,
        "9": 1,
    }
    assert result.facets["it"] == [{"value": "1", "label": "", "count": 3}]
    assert result.total == 15


def test_no_results_explains_and_suggests_widening(fixture_ids):
    result = selectors.vacancy_search(q="حسابدار", county="0302", now=NOW)
    assert result.total == 0
    assert [(s.kind, s.count, s.params) for s in result.suggestions] == [
        ("drop_filter", 4, {"county": None, "near": None}),
        ("near", 2, {"near": "1"}),
    ]


def test_no_results_for_a_misspelling_suggests_a_spelling(fixture_ids):
    result = selectors.vacancy_search(q="حسابداررر", now=NOW)
    assert result.total == 0
    assert result.unknown_words == ["حسابداررر"]
    assert result.spelling == "حسابدار"
    assert [(s.kind, s.count) for s in result.suggestions] == [("spelling", 4)]


def test_no_results_for_an_occupation_suggests_its_group(fixture_ids):
    result = selectors.vacancy_search(occupation="2411", county="0302", now=NOW)
    assert result.total == 0
    assert [(s.kind, s.params) for s in result.suggestions][:1] == [
        ("drop_filter", {"county": None, "near": None})
    ]


# ---- bad input: never an error -------------------------------------------------------------------


@pytest.mark.parametrize(
    "q", ['"', '""حسابدار', "+-:^~*()", "حسابدار AND OR NOT", "(((", "*:*", "a:b^2~", "\\", "'; DROP TABLE"]
)
def test_operator_characters_and_quotes_never_raise(fixture_ids, q):
    result = selectors.vacancy_search(q=q, now=NOW)
    assert result.total >= 0


def test_operators_are_plain_separators(search):
    assert sorted(search(q='"حسابدار" AND')) == ACCOUNTANTS


def test_ten_thousand_character_query_is_truncated(fixture_ids):
    result = selectors.vacancy_search(q="حسابدار " * 1250, now=NOW)
    assert result.query_truncated is True
    assert result.total == 4
    assert len("حسابدار " * 1250) == 10_000 > MAX_QUERY_CHARS


def test_empty_query_lists_newest(search):
    assert search(q="")[:2] == ["v01", "v09"]
    assert search(q="   ")[:2] == ["v01", "v09"]


def test_page_out_of_range_gives_the_last_page(fixture_ids):
    result = selectors.vacancy_search(q="", per_page=10, page=99, now=NOW)
    assert (result.page, result.num_pages, result.page_clamped, len(result.results)) == (3, 3, True, 6)


def test_snippets_escape_html_then_mark(fixture_ids):
    by_id = {r["id"]: r for r in selectors.vacancy_search(q="مالی", now=NOW).results}
    assert by_id[fixture_ids["v01"]]["snippet_html"] == "تهیه صورت‌های <mark>مالی</mark>"
    by_id = {r["id"]: r for r in selectors.vacancy_search(q="آزمایشی", now=NOW).results}
    assert by_id[fixture_ids["v30"]]["snippet_html"] == "&lt;b&gt;متن&lt;/b&gt; <mark>آزمایشی</mark>"


@pytest.mark.parametrize("window", [1, 2, 100])
def test_totals_are_exact_whether_the_ranking_or_the_facets_count_them(fixture_ids, monkeypatch, window):
    from sakoo.search import engine

    monkeypatch.setattr(engine, "RERANK_WINDOW", window)  # small: more matches than the window
    assert selectors.vacancy_search(q="فروشنده", per_page=1, now=NOW).total == 5
    assert selectors.vacancy_search(q="فروشنده", county="0301", per_page=1, now=NOW).total == 3
    first = selectors.vacancy_search(q="فروشنده", county="0301", per_page=1, now=NOW).results[0]
    every_facet = {  # every facet is an active filter: no aggregation counts the matches
        "county": first["county_code"],
        "occupation": first["occupation_code"],
        "contract": first["contract_type"],
        "education": first["education_required"] or None,
        "remote": first["remote"] != "on_site",
        "knowledge_based": first["is_knowledge_based"],
        "it": first["is_it"],
        "graduate": first["is_graduate_targeted"],
    }
    result = selectors.vacancy_search(q="فروشنده", per_page=1, now=NOW, **every_facet)
    assert result.total >= 1
    assert result.total == len(
        selectors.vacancy_search(q="فروشنده", per_page=50, now=NOW, **every_facet).results
    )


@pytest.mark.parametrize(
    "q",
    [
        "کارشناس ارشد",
        "کارشناس ارشد فروش",
        "مهندس عمران",
        "۲۴ ساعته",
        "فروشگاه ۲۴ ساعته",
        "برنامه‌نویس",  # one unit whose longer synonyms contain shorter ones
        "توسعه‌دهنده نرم‌افزار",
        "برنامه‌نویس وب",  # more branches than DNF_MAX: required units with fewer alternatives
    ],
)
def test_the_counting_form_of_a_query_matches_the_same_documents(fixture_ids, q):
    from sakoo.search.engine import _all_of, _matching, _unit_query, parse_units
    from sakoo.search.services import get_engine

    engine = get_engine()
    s = engine.searcher()
    _, units = parse_units(q, engine.synonyms)
    counting = _matching(units)
    assert counting is not None  # short enough for the disjunctive form
    exact = _all_of(tuple(_unit_query(u, False) for u in units))
    ranked = {a.doc for _, a in s.search(exact, limit=100).hits}
    counted = {a.doc for _, a in s.search(_all_of(counting), limit=100).hits}
    assert ranked == counted
    assert ranked  # the fixture has matches for each


def test_a_drop_filter_suggestion_counts_what_dropping_the_filter_shows(fixture_ids, monkeypatch):
    from sakoo.search import engine

    # with the filter, the exact matches are too few and the typo tier is searched (it finds nothing in
    # 0305); without it, the exact matches (v09, v10) are enough and the typo match v12 is not shown
    monkeypatch.setattr(engine, "FUZZY_BELOW", 2)
    result = selectors.vacancy_search(q="برنامهنویس", county="0305", now=NOW)
    assert result.total == 0
    assert [(s.kind, s.count) for s in result.suggestions][:1] == [("drop_filter", 2)]
    for suggestion in result.suggestions:  # each count is the total its link gives
        params = {"q": "برنامهنویس", "county": "0305"} | suggestion.params
        kwargs = {k: v for k, v in params.items() if v is not None and k != "near"}
        shown = selectors.vacancy_search(**kwargs, near=bool(params.get("near")), now=NOW)
        assert (suggestion.kind, shown.total) == (suggestion.kind, suggestion.count)
    assert {f["value"]: f["count"] for f in result.facets["county"]} == {"0301": 1, "0304": 1}
    dropped = selectors.vacancy_search(q="برنامهنویس", now=NOW)
    assert dropped.total == 2
    assert sorted(r["id"] for r in dropped.results) == sorted([fixture_ids["v09"], fixture_ids["v10"]])


def test_the_programmer_group_gains_its_phrase_unless_an_admin_edited_it(db):
    import importlib

    from django.apps import apps

    from sakoo.search.models import SynonymGroup

    migration = importlib.import_module("sakoo.search.migrations.0003_software_developer_synonyms")
    SynonymGroup.objects.all().delete()
    shipped = SynonymGroup.objects.create(words=migration.BEFORE, note="seed")
    edited = SynonymGroup.objects.create(words=migration.BEFORE + "\nکدنویس", note="seed")
    migration.forward(apps, None)
    shipped.refresh_from_db()
    edited.refresh_from_db()
    assert "توسعه‌دهنده نرم‌افزار" in shipped.members()
    assert edited.words == migration.BEFORE + "\nکدنویس"
    migration.backward(apps, None)
    shipped.refresh_from_db()
    assert shipped.words == migration.BEFORE


def test_the_disjunctive_form_ranks_only_when_it_scores_like_the_required_one(fixture_ids):
    from sakoo.search.engine import _scores_alike, parse_units
    from sakoo.search.services import get_engine

    synonyms = get_engine().synonyms
    assert _scores_alike(parse_units("کارشناس بیمه", synonyms)[1])
    assert _scores_alike(parse_units("راننده سرویس", synonyms)[1])
    # «برنامه‌نویس نرم‌افزار» adds score to «برنامه‌نویس»: the required form keeps it
    assert not _scores_alike(parse_units("برنامه‌نویس وب", synonyms)[1])
    assert not _scores_alike(parse_units("حسابدار", synonyms)[1])


def test_a_changed_synonym_list_is_read_at_once_though_parsed_queries_are_kept(fixture_ids, monkeypatch):
    from sakoo.search.engine import Synonyms
    from sakoo.search.services import get_engine

    engine = get_engine()
    assert sorted(search_ids(engine, "کدنویس")) == []
    monkeypatch.setattr(engine, "synonyms", Synonyms([["برنامه‌نویس", "کدنویس"]]))  # the minutely reload
    assert sorted(search_ids(engine, "کدنویس")) == sorted(fixture_ids[k] for k in ["v09", "v10"])


def search_ids(engine, text):
    from sakoo.search.engine import EngineQuery

    return [h.id for h in engine.search(EngineQuery(text=text, now=NOW, limit=50)).hits]
