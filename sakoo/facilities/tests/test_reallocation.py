"""Invariants of the reallocation maths (pure function, hypothesis)."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from sakoo.facilities.reallocation import (
    RULE_ABSORPTION,
    RULE_PENDING_DEMAND,
    Position,
    apportion,
    plan_reallocation,
)


@st.composite
def positions(draw):
    n = draw(st.integers(min_value=1, max_value=9))
    out = []
    for key in range(1, n + 1):
        quota = draw(st.integers(min_value=0, max_value=10**13))
        absorbed = draw(st.integers(min_value=0, max_value=quota + 10**6))
        pending = draw(st.integers(min_value=0, max_value=10**13))
        out.append(Position(key=key * 7, quota=quota, absorbed=absorbed, pending_demand=pending))
    return out


params = {
    "threshold": st.fractions(min_value=0, max_value=1, max_denominator=1000),
    "release_fraction": st.fractions(min_value=0, max_value=1, max_denominator=100),
    "rule": st.sampled_from([RULE_PENDING_DEMAND, RULE_ABSORPTION]),
}


@given(ps=positions(), **params)
@settings(max_examples=400, deadline=None)
def test_invariants(ps, threshold, release_fraction, rule):
    moves = plan_reallocation(ps, threshold=threshold, release_fraction=release_fraction, rule=rule)
    by_key = {p.key: p for p in ps}
    # the province total is preserved to the rial
    assert sum(m.after for m in moves) == sum(p.quota for p in ps)
    for m in moves:
        p = by_key[m.key]
        # nobody gains beyond their pending demand
        assert 0 <= m.gained <= p.pending_demand
        # below-threshold agencies never gain, and release at most their (fraction of) unabsorbed quota
        if p.is_below(threshold):
            assert m.gained == 0
            assert 0 <= m.released <= max(0, p.quota - p.absorbed) * release_fraction
        else:
            assert m.released == 0
        assert m.after >= 0


@given(ps=positions(), **params)
@settings(max_examples=100, deadline=None)
def test_deterministic_and_order_independent(ps, threshold, release_fraction, rule):
    a = plan_reallocation(ps, threshold=threshold, release_fraction=release_fraction, rule=rule)
    b = plan_reallocation(list(reversed(ps)), threshold=threshold, release_fraction=release_fraction, rule=rule)
    assert a == b


def test_worked_example_by_pending_demand():
    ps = [
        Position(key=1, quota=1_000, absorbed=200, pending_demand=0),  # 20%: releases 800
        Position(key=2, quota=1_000, absorbed=900, pending_demand=300),  # 90%
        Position(key=3, quota=1_000, absorbed=700, pending_demand=600),  # 70%
    ]
    moves = plan_reallocation(ps, threshold=Fraction(65, 100))
    assert [(m.key, m.released, m.gained, m.after) for m in moves] == [
        (1, 800, 0, 200),
        (2, 0, 267, 1_267),
        (3, 0, 533, 1_533),
    ]


def test_unplaceable_credit_stays_with_the_agency_that_released_it():
    ps = [
        Position(key=1, quota=1_000, absorbed=0, pending_demand=0),
        Position(key=2, quota=1_000, absorbed=1_000, pending_demand=150),
    ]
    moves = plan_reallocation(ps, threshold=Fraction(65, 100))
    assert [(m.released, m.gained, m.after) for m in moves] == [(150, 0, 850), (0, 150, 1_150)]


def test_half_release_and_absorption_rule():
    ps = [
        Position(key=1, quota=1_000, absorbed=0, pending_demand=0),
        Position(key=2, quota=1_000, absorbed=1_000, pending_demand=10_000),  # 100%
        Position(key=3, quota=1_000, absorbed=700, pending_demand=10_000),  # 70%
    ]
    moves = plan_reallocation(ps, threshold=Fraction(65, 100), release_fraction=Fraction(1, 2),
                              rule=RULE_ABSORPTION)
    assert [(m.released, m.gained) for m in moves] == [(500, 0), (0, 294), (0, 206)]


def test_apportion_largest_remainder():
    assert apportion(10, {1: Fraction(1), 2: Fraction(1), 3: Fraction(1)}, {1: 10, 2: 10, 3: 10}) == {
        1: 4, 2: 3, 3: 3,
    }
