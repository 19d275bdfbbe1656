"""The atlas's statistics, checked against published values and computations done by hand."""

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakoo.atlas import stats
from sakoo.atlas.stats import Unit

# --- Wilson intervals: Newcombe (1998), Statistics in Medicine 17:857, table I, method 3 -------------


@pytest.mark.parametrize(
    ("k", "n", "lower", "upper"),
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)],
)
def test_wilson_matches_newcombe(k, n, lower, upper):
    lo, hi = stats.wilson_interval(k, n)
    assert (round(lo, 4), round(hi, 4)) == (lower, upper)


def test_wilson_without_trials_is_nan():
    assert all(math.isnan(v) for v in stats.wilson_interval(0, 0))


# --- Empirical Bayes -------------------------------------------------------------------------------


def test_eb_smoothing_by_hand():
    # Two units: 10/100 and 30/100. m = 0.2; s² = (100·0.01 + 100·0.01)/200 = 0.01;
    # n̄ = 100; A = 0.01 − 0.2/100 = 0.008; C = 0.008 / (0.008 + 0.002) = 0.8.
    a, b = stats.eb_smooth([10, 30], [100, 100])
    assert round(a.weight, 10) == 0.8
    assert round(a.smoothed, 10) == round(0.2 + 0.8 * (0.1 - 0.2), 10) == 0.12
    assert round(b.smoothed, 10) == 0.28


def test_eb_flags_small_cells_unreliable_and_shrinks_them_more():
    big, small = stats.eb_smooth([1000, 3], [10000, 10])
    assert (big.reliable, small.reliable) == (True, False)
    assert small.weight < big.weight


def test_eb_with_no_between_unit_variance_gives_pooled_rate():
    result = stats.eb_smooth([10, 10], [100, 100])
    assert [round(r.smoothed, 10) for r in result] == [0.1, 0.1]


# --- Class breaks --------------------------------------------------------------------------------


def test_rounded_breaks():
    assert stats.rounded_breaks(25, 5) == [5, 10, 15, 20]
    assert stats.rounded_breaks(100, 5) == [20, 40, 60, 80]
    assert stats.rounded_breaks(0.3, 4) == [0.1, 0.2, 0.3]


def test_classify_is_closed_on_the_right():
    breaks = [5, 10]
    assert [stats.classify(v, breaks) for v in (0, 5, 5.01, 10, 11)] == [0, 0, 1, 1, 2]
    assert stats.classify(None, breaks) is None


def test_quantile_breaks_by_hand():
    # quartiles of 1..9 (type 7): 3, 5, 7
    assert stats.quantile_breaks(range(1, 10), 4) == [3, 5, 7]


def test_jenks_three_obvious_groups():
    assert stats.jenks_breaks([1, 2, 3, 10, 11, 12, 20, 21, 22], 3) == [3, 12]


def test_jenks_by_hand():
    # [0, 1, 2, 6, 7, 10] in 2 classes: {0,1,2}|{6,7,10}: 2 + 8.667 = 10.667,
    # {0,1,2,6}|{7,10}: 20.75 + 4.5; {0,1}|{2,6,7,10}: 0.5 + 32.75 → breaks at 2.
    assert stats.jenks_breaks([0, 1, 2, 6, 7, 10], 2) == [2]


def _brute_force_cost(data, k):
    data = sorted(data)
    best = math.inf
    for cuts in itertools.combinations(range(1, len(data)), k - 1):
        bounds = (0, *cuts, len(data))
        cost = 0.0
        for a, b in itertools.pairwise(bounds):
            group = data[a:b]
            mean = sum(group) / len(group)
            cost += sum((v - mean) ** 2 for v in group)
        best = min(best, cost)
    return best


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 200), min_size=4, max_size=9, unique=True), st.integers(2, 4))
def test_jenks_is_the_exact_optimum(data, k):
    breaks = stats.jenks_breaks(data, k)
    groups: dict[int, list[int]] = {}
    for v in data:
        groups.setdefault(stats.classify(v, breaks), []).append(v)
    cost = sum(sum((v - sum(g) / len(g)) ** 2 for v in g) for g in groups.values())
    assert len(groups) == k
    assert cost == pytest.approx(_brute_force_cost(data, k), abs=1e-6)


def test_jenks_matches_mapclassify_when_installed():
    mapclassify = pytest.importorskip("mapclassify")
    data = [4.2, 7.5, 7.9, 8.5, 11.1, 11.9, 12.5, 13.4, 13.7, 14.4, 15.1, 15.2, 16.1, 18.0, 21.1, 21.2, 24.1]
    expected = list(mapclassify.FisherJenks(data, k=4).bins[:-1])
    assert stats.jenks_breaks(data, 4) == expected


# --- Concentration ---------------------------------------------------------------------------------


def test_lorenz_gini_hoover_by_hand():
    units = [Unit("a", 10, 100, 300), Unit("b", 30, 100, 200)]
    points = stats.lorenz_points(units)
    assert points == [(0.0, 0.0), (0.5, 0.25), (1.0, 1.0)]
    # 1 − [0.5·(0 + 0.25) + 0.5·(0.25 + 1)] = 0.25
    assert stats.gini_from_lorenz(points) == 0.25
    # ½ (|0.25 − 0.5| + |0.75 − 0.5|) = 0.25
    assert stats.hoover_index(units) == 0.25


def test_equal_rates_mean_no_disparity():
    units = [Unit("a", 10, 100), Unit("b", 50, 500), Unit("c", 1, 10)]
    assert stats.hoover_index(units) == 0.0
    assert stats.gini_from_lorenz(stats.lorenz_points(units)) == pytest.approx(0.0, abs=1e-12)


def test_top_k_concentration():
    units = [Unit("a", 10, 100, 300), Unit("b", 30, 100, 200), Unit("c", 60, 800, 500)]
    c = stats.top_k_concentration(units, k=2)
    assert (c.k, c.counties) == (2, ["c", "b"])
    assert (c.share_unemployed, c.share_active, c.share_population) == (0.9, 0.9, 0.7)
    assert stats.top_k_concentration(units, k=10).k == 3


# --- Suppression -------------------------------------------------------------------------------------


def test_round_to_base():
    assert [stats.round_to_base(v) for v in (0, 2, 3, 12, 13, 15, 17, 18)] == [0, 0, 5, 10, 15, 15, 15, 20]


def test_one_dimensional_secondary_suppression():
    values = {"a": 4, "b": 25, "c": 12, "d": 100}
    result = stats.suppress(values, {"total": list(values)})
    # the total would reveal a, so the next-smallest cell c goes too
    assert (result.primary, result.cells, result.margins) == ({"a"}, {"a", "c"}, set())


def test_nothing_small_nothing_suppressed():
    values = {"a": 40, "b": 25}
    assert stats.suppress(values, {"total": list(values)}).cells == set()


def test_bridge_between_two_suppressed_rectangles_is_protected():
    # Two 2x2 blocks of suppressed cells joined by one cell: each line then holds ≥2 suppressed cells,
    # yet the joining cell is derivable; the algorithm must catch that.
    rows, cols = range(4), range(4)
    values = {(r, c): 50 for r in rows for c in cols}
    for cell in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)]:
        values[cell] = 5
    result = stats.suppress(values, stats.table_margins(rows, cols))
    assert _derivable(values, stats.table_margins(rows, cols), result) == set()


def _rank(rows):
    """Rank by fraction-exact elimination (independent of the module's RREF)."""
    m = [list(map(Fraction, r)) for r in rows]
    rank = 0
    width = len(m[0]) if m else 0
    for c in range(width):
        pivot = next((i for i in range(rank, len(m)) if m[i][c] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for i in range(rank + 1, len(m)):
            f = m[i][c] / m[rank][c]
            m[i] = [a - f * b for a, b in zip(m[i], m[rank], strict=True)]
        rank += 1
    return rank


def _derivable(values, margins, result):
    """Suppressed cells whose value is fixed by the published margins: e_j lies in the row space."""
    unknown = sorted(result.cells)
    equations = [
        [1 if cell in cells else 0 for cell in unknown]
        for name, cells in margins.items()
        if name not in result.margins and any(cell in cells for cell in unknown)
    ]
    if not unknown:
        return set()
    base = _rank(equations) if equations else 0
    found = set()
    for j, cell in enumerate(unknown):
        unit = [1 if i == j else 0 for i in range(len(unknown))]
        if _rank([*equations, unit]) == base:
            found.add(cell)
    return found


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda r: st.integers(1, 4).flatmap(
            lambda c: st.tuples(
                st.just(r), st.just(c), st.lists(st.integers(0, 40), min_size=r * c, max_size=r * c)
            )
        )
    )
)
def test_no_suppressed_cell_is_derivable_from_published_margins(table):
    n_rows, n_cols, flat = table
    rows, cols = list(range(n_rows)), list(range(n_cols))
    values = {(r, c): flat[r * n_cols + c] for r in rows for c in cols}
    margins = stats.table_margins(rows, cols)
    result = stats.suppress(values, margins)
    assert {cell for cell, v in values.items() if 0 < v < 10} <= result.cells
    assert _derivable(values, margins, result) == set()


def test_palettes_have_five_classes():
    assert {name: len(colours) for name, colours in stats.PALETTES.items()} == {
        "YlOrRd": 5,
        "Blues": 5,
        "Purples": 5,
        "RdBu_r": 5,
    }
    assert stats.colour_for(None, "Blues") == stats.NO_DATA_COLOUR


def test_two_way_secondary_suppression_takes_the_row_complement_not_a_whole_column():
    """County × (women, men) as on the demo registry: one small cell costs two rows, not a column."""
    women = {"a": 8, "b": 17, "c": 38, "d": 41, "e": 45, "f": 55, "g": 72, "h": 1855}
    men = {"a": 52, "b": 111, "c": 138, "d": 109, "e": 155, "f": 223, "g": 235, "h": 4711}
    rows, cols = list(women), ["in", "out"]
    values = {(r, "in"): women[r] for r in rows} | {(r, "out"): men[r] for r in rows}
    margins = stats.table_margins(rows, cols)
    result = stats.suppress(values, margins)
    assert result.cells == {("a", "in"), ("a", "out"), ("b", "in"), ("b", "out")}
    assert _derivable(values, margins, result) == set()
