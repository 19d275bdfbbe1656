"""Pure statistics for the unemployment atlas: no Django, no database, no I/O.

Everything here is checked in ``sakoo/atlas/tests/test_stats.py`` against values computed by hand or by
brute force. The methods are explained in ``docs/atlas.md``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sakoo.core.disclosure import (  # noqa: F401 (re-exported: the atlas uses stats.suppress)
    ROUNDING_BASE,
    SUPPRESSION_THRESHOLD,
    Suppression,
    round_to_base,
    suppress,
    table_margins,
)

# ---------------------------------------------------------------------------------------------------
# Intervals and smoothing
# ---------------------------------------------------------------------------------------------------

Z95 = 1.959963984540054


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion (Wilson 1927), as fractions in [0, 1].

    Returns (nan, nan) when there are no trials.
    """
    if trials <= 0:
        return (math.nan, math.nan)
    if successes < 0 or successes > trials:
        raise ValueError("successes must be between 0 and trials")
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class SmoothedRate:
    raw: float  # k / n (nan when n == 0)
    smoothed: float  # empirical-Bayes estimate
    weight: float  # shrinkage weight on the raw rate (1 = no shrinkage)
    reliable: bool  # False when the raw rate is too uncertain to read alone
    cv: float  # coefficient of variation of the raw rate (binomial)


#: A raw rate is flagged unreliable when its coefficient of variation exceeds this (30%, the usual
#: threshold of statistical offices) or when it rests on fewer than MIN_EVENTS events.
MAX_CV = 0.30
MIN_EVENTS = 10


def eb_smooth(events: Sequence[int], totals: Sequence[int]) -> list[SmoothedRate]:
    """Marshall's (1991) global empirical-Bayes estimator (beta-binomial method of moments).

    Each unit's raw rate r_i = k_i / n_i is pulled toward the pooled rate m = Σk / Σn by the weight
    C_i = A / (A + m / n_i), where A = max(0, s² − m / n̄) is the between-unit variance estimated by the
    method of moments (s² the population-weighted variance of the raw rates, n̄ the mean of n_i).
    Units with n_i = 0 get the pooled rate.
    """
    if len(events) != len(totals):
        raise ValueError("events and totals must have the same length")
    pairs = [(int(k), int(n)) for k, n in zip(events, totals, strict=True)]
    used = [(k, n) for k, n in pairs if n > 0]
    if not used:
        return [SmoothedRate(math.nan, math.nan, 0.0, False, math.nan) for _ in pairs]
    total_n = sum(n for _, n in used)
    m = sum(k for k, _ in used) / total_n
    mean_n = total_n / len(used)
    s2 = sum(n * (k / n - m) ** 2 for k, n in used) / total_n
    a = max(0.0, s2 - m / mean_n)
    result = []
    for k, n in pairs:
        if n <= 0:
            result.append(SmoothedRate(math.nan, m, 0.0, False, math.nan))
            continue
        r = k / n
        weight = a / (a + m / n) if (a + m / n) > 0 else 1.0
        cv = math.sqrt(r * (1 - r) / n) / r if r > 0 else math.inf
        result.append(
            SmoothedRate(
                raw=r,
                smoothed=m + weight * (r - m),
                weight=weight,
                reliable=(k >= MIN_EVENTS and cv <= MAX_CV),
                cv=cv,
            )
        )
    return result


# ---------------------------------------------------------------------------------------------------
# Class breaks
# ---------------------------------------------------------------------------------------------------
# Breaks are the k-1 inner thresholds t_1 < … < t_{k-1}; a value v falls in class i = #{t : t < v},
# i.e. classes are closed on the right: (−∞, t_1], (t_1, t_2], …, (t_{k-1}, ∞) — mapclassify's
# convention for its ``bins``, without the last (maximum) bin.


def classify(value: float | None, breaks: Sequence[float]) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return sum(1 for t in breaks if value > t)


def _nice_step(raw_step: float) -> float:
    if raw_step <= 0:
        return 1.0
    exponent = math.floor(math.log10(raw_step))
    fraction = raw_step / 10**exponent
    for nice in (1, 2, 2.5, 5, 10):
        if fraction <= nice:
            return nice * 10**exponent
    return 10 ** (exponent + 1)


def rounded_breaks(maximum: float, k: int = 5) -> list[float]:
    """Equal-interval breaks on a rounded step, from 0 to a rounded ``maximum``: e.g. 24.1, k=5 → 5,10,15,20.

    Used for *fixed* classes: the maximum is a stated scale (not the data of the month), so the breaks do
    not move from one month to the next.
    """
    if k < 2:
        raise ValueError("k must be at least 2")
    step = _nice_step(maximum / k)
    return [round(step * i, 10) for i in range(1, k)]


def quantile_breaks(values: Iterable[float], k: int = 5) -> list[float]:
    """Quantile thresholds (type-7 interpolation), de-duplicated."""
    data = sorted(v for v in values if v is not None and not math.isnan(v))
    if k < 2:
        raise ValueError("k must be at least 2")
    if not data:
        return []
    breaks: list[float] = []
    for i in range(1, k):
        h = (len(data) - 1) * i / k
        lo = math.floor(h)
        hi = min(lo + 1, len(data) - 1)
        q = data[lo] + (h - lo) * (data[hi] - data[lo])
        if not breaks or q > breaks[-1]:
            breaks.append(q)
    return breaks


def jenks_breaks(values: Iterable[float], k: int = 5) -> list[float]:
    """Fisher–Jenks natural breaks: the exact optimum by dynamic programming (Fisher 1958).

    Minimises the total within-class sum of squared deviations over all partitions of the sorted values
    into ``k`` contiguous classes. Returns the maximum of each class but the last. O(k·n²).
    """
    data = sorted(v for v in values if v is not None and not math.isnan(v))
    n = len(data)
    if k < 2:
        raise ValueError("k must be at least 2")
    if n == 0:
        return []
    k = min(k, len(set(data)))
    if k < 2:
        return []
    prefix = [0.0]
    prefix_sq = [0.0]
    for v in data:
        prefix.append(prefix[-1] + v)
        prefix_sq.append(prefix_sq[-1] + v * v)

    def ssd(i: int, j: int) -> float:  # values data[i..j] inclusive
        count = j - i + 1
        s = prefix[j + 1] - prefix[i]
        return (prefix_sq[j + 1] - prefix_sq[i]) - s * s / count

    inf = math.inf
    # cost[c][j]: best cost of putting data[0..j] into c+1 classes; last[c][j]: start of the last class.
    cost = [[inf] * n for _ in range(k)]
    start = [[0] * n for _ in range(k)]
    for j in range(n):
        cost[0][j] = ssd(0, j)
    for c in range(1, k):
        for j in range(c, n):
            best, best_i = inf, c
            for i in range(c, j + 1):  # the last class is data[i..j]
                candidate = cost[c - 1][i - 1] + ssd(i, j)
                if candidate < best - 1e-12:
                    best, best_i = candidate, i
            cost[c][j] = best
            start[c][j] = best_i
    breaks = []
    j = n - 1
    for c in range(k - 1, 0, -1):
        i = start[c][j]
        breaks.append(data[i - 1])
        j = i - 1
    return sorted(breaks)


def goodness_of_variance_fit(values: Sequence[float], breaks: Sequence[float]) -> float:
    """GVF = 1 − SDCM / SDAM (1 = perfect); for comparing classifications."""
    data = [v for v in values if v is not None]
    if not data:
        return math.nan
    mean = sum(data) / len(data)
    sdam = sum((v - mean) ** 2 for v in data)
    groups: dict[int, list[float]] = {}
    for v in data:
        groups.setdefault(classify(v, breaks) or 0, []).append(v)
    sdcm = sum(sum((v - sum(g) / len(g)) ** 2 for v in g) for g in groups.values())
    return 1.0 if sdam == 0 else 1 - sdcm / sdam


# ---------------------------------------------------------------------------------------------------
# Concentration and disparity
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    key: str
    unemployed: int
    active: int
    population: int = 0


def lorenz_points(units: Sequence[Unit]) -> list[tuple[float, float]]:
    """Lorenz curve of unemployed against active population.

    Units are ordered by unemployment rate, lowest first; each point is (cumulative share of the active
    population, cumulative share of the unemployed), starting at (0, 0) and ending at (1, 1).
    """
    used = [u for u in units if u.active > 0]
    total_a = sum(u.active for u in used)
    total_u = sum(u.unemployed for u in used)
    if total_a == 0 or total_u == 0:
        return [(0.0, 0.0), (1.0, 1.0)]
    ordered = sorted(used, key=lambda u: (u.unemployed / u.active, u.key))
    points = [(0.0, 0.0)]
    cum_a = cum_u = 0
    for u in ordered:
        cum_a += u.active
        cum_u += u.unemployed
        points.append((cum_a / total_a, cum_u / total_u))
    return points


def gini_from_lorenz(points: Sequence[tuple[float, float]]) -> float:
    """Gini = 1 − Σ (x_i − x_{i−1}) (y_i + y_{i−1}) (trapezoids under the Lorenz curve)."""
    area = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        area += (x1 - x0) * (y1 + y0)
    return 1 - area


def hoover_index(units: Sequence[Unit]) -> float:
    """Hoover (dissimilarity) index: ½ Σ |u_i/U − a_i/A|, the share of the unemployed who would have to
    'move' for every county to have the province's rate."""
    total_u = sum(u.unemployed for u in units)
    total_a = sum(u.active for u in units)
    if total_u == 0 or total_a == 0:
        return 0.0
    return 0.5 * sum(abs(u.unemployed / total_u - u.active / total_a) for u in units)


@dataclass(frozen=True)
class Concentration:
    k: int
    counties: list[str]  # keys, largest number of unemployed first
    share_unemployed: float
    share_active: float
    share_population: float
    hoover: float
    gini: float
    lorenz: list[tuple[float, float]] = field(default_factory=list)

    @property
    def beyond_population(self) -> bool:
        """True when the top k hold a larger share of the unemployed than of the active population."""
        return self.share_unemployed > self.share_active


def top_k_concentration(units: Sequence[Unit], k: int = 6) -> Concentration:
    """Top ``k`` units by number of unemployed, with their shares of unemployed, active and population."""
    if k < 1:
        raise ValueError("k must be at least 1")
    k = min(k, len(units))
    ordered = sorted(units, key=lambda u: (-u.unemployed, u.key))
    top = ordered[:k]
    total_u = sum(u.unemployed for u in units) or 1
    total_a = sum(u.active for u in units) or 1
    total_p = sum(u.population for u in units) or 1
    points = lorenz_points(units)
    return Concentration(
        k=k,
        counties=[u.key for u in top],
        share_unemployed=sum(u.unemployed for u in top) / total_u,
        share_active=sum(u.active for u in top) / total_a,
        share_population=sum(u.population for u in top) / total_p,
        hoover=hoover_index(units),
        gini=gini_from_lorenz(points),
        lorenz=points,
    )


# ---------------------------------------------------------------------------------------------------
# Palettes (ColorBrewer 2.0, Cynthia Brewer, Apache-2.0 licensed colour specifications)
# ---------------------------------------------------------------------------------------------------

PALETTES: dict[str, list[str]] = {
    # sequential, colour-blind safe
    "YlOrRd": ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"],
    "Blues": ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    "Purples": ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"],
    # diverging, colour-blind safe: fall (blue) ← no change → rise (red); used for change in points
    "RdBu_r": ["#0571b0", "#92c5de", "#f7f7f7", "#f4a582", "#ca0020"],
}
NO_DATA_COLOUR = "#ffffff"
SUPPRESSED_COLOUR = "#bdbdbd"


def colour_for(class_index: int | None, palette: str) -> str:
    if class_index is None:
        return NO_DATA_COLOUR
    colours = PALETTES[palette]
    return colours[max(0, min(class_index, len(colours) - 1))]
