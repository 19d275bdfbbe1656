"""The allocation maths of a reallocation, as a pure function (no database).

At a checkpoint, agencies whose absorption is below the threshold release their unabsorbed quota (all of
it or a chosen fraction). The released credit goes to agencies at or above the threshold, in proportion to
a chosen weight (their pending demand, or their absorption), never beyond their pending demand (files
referred beyond their quota). What cannot be placed stays with the agencies that released it, so the
province total is preserved exactly, to the rial. Rounding is by largest remainder, ties broken by the
agency key, so the result is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import floor

RULE_PENDING_DEMAND = "pending_demand"
RULE_ABSORPTION = "absorption"


@dataclass(frozen=True)
class Position:
    key: int  # agency id (any sortable, unique key)
    quota: int  # current allocation, rials
    absorbed: int  # contracted (or paid) amount, rials
    pending_demand: int  # referred amount beyond the quota, rials (>= 0)

    def absorption(self) -> Fraction | None:
        return Fraction(self.absorbed, self.quota) if self.quota > 0 else None

    def is_below(self, threshold: Fraction) -> bool:
        ratio = self.absorption()
        return ratio is not None and ratio < threshold


@dataclass(frozen=True)
class Move:
    key: int
    before: int
    released: int
    gained: int

    @property
    def after(self) -> int:
        return self.before - self.released + self.gained


def apportion(total: int, weights: dict[int, Fraction], caps: dict[int, int]) -> dict[int, int]:
    """Split the integer ``total`` in proportion to ``weights``, each share at most its cap (water-filling,
    then largest-remainder rounding). Requires total <= sum of the caps of keys with a positive weight."""
    active = sorted(k for k, w in weights.items() if w > 0 and caps.get(k, 0) > 0)
    if total < 0 or total > sum(caps[k] for k in active):
        raise ValueError("total cannot be placed within the caps")
    exact: dict[int, Fraction] = dict.fromkeys(weights, Fraction(0))
    remaining = Fraction(total)
    while active and remaining > 0:
        weight_sum = sum(weights[k] for k in active)
        over = [k for k in active if remaining * weights[k] / weight_sum >= caps[k]]
        if not over:
            for k in active:
                exact[k] = remaining * weights[k] / weight_sum
            break
        for k in over:
            exact[k] = Fraction(caps[k])
            remaining -= caps[k]
        active = [k for k in active if k not in over]
    shares = {k: floor(v) for k, v in exact.items()}
    left = total - sum(shares.values())
    by_remainder = sorted(
        (k for k in exact if shares[k] < caps.get(k, 0)),
        key=lambda k: (-(exact[k] - shares[k]), k),
    )
    for k in by_remainder[:left]:
        shares[k] += 1
    return shares


def plan_reallocation(
    positions: list[Position],
    *,
    threshold: Fraction,
    release_fraction: Fraction = Fraction(1),
    rule: str = RULE_PENDING_DEMAND,
) -> list[Move]:
    if not 0 <= release_fraction <= 1:
        raise ValueError("release_fraction must be between 0 and 1")
    if rule not in (RULE_PENDING_DEMAND, RULE_ABSORPTION):
        raise ValueError(f"unknown rule {rule!r}")
    positions = sorted(positions, key=lambda p: p.key)
    offered = {
        p.key: floor(max(0, p.quota - p.absorbed) * release_fraction) if p.is_below(threshold) else 0
        for p in positions
    }
    receivers = [p for p in positions if not p.is_below(threshold) and p.pending_demand > 0]
    if rule == RULE_PENDING_DEMAND:
        weights = {p.key: Fraction(p.pending_demand) for p in receivers}
    else:
        weights = {p.key: (p.absorption() or Fraction(0)) for p in receivers}
    caps = {p.key: p.pending_demand for p in receivers}
    capacity = sum(caps[k] for k, w in weights.items() if w > 0)
    placed = min(sum(offered.values()), capacity)
    released = apportion(placed, {k: Fraction(v) for k, v in offered.items()}, offered)
    gained = apportion(placed, weights, caps) if placed else {}
    return [
        Move(key=p.key, before=p.quota, released=released.get(p.key, 0), gained=gained.get(p.key, 0))
        for p in positions
    ]
