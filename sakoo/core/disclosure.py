"""Statistical disclosure control for published registry counts: no Django, no database, no I/O.

Small counts (1 to ``SUPPRESSION_THRESHOLD`` - 1) are withheld, with the secondary cells or margins that
would let a reader work them out; published person counts are rounded to ``ROUNDING_BASE``. Used by the
atlas and the labour squares' public summary; tested in
``sakoo/atlas/tests/test_stats.py``; the method is explained in ``docs/atlas.md``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

SUPPRESSION_THRESHOLD = 10
ROUNDING_BASE = 5


def round_to_base(value: int, base: int = ROUNDING_BASE) -> int:
    """Round half up to a multiple of ``base`` (12 → 10, 13 → 15, 2.5 → 5)."""
    return int(math.floor(value / base + 0.5) * base)


def _determined_cells(unknowns: list[Hashable], margins: list[list[Hashable]]) -> set[Hashable]:
    """Unknown cells whose value follows from the published margins by linear algebra.

    Each published margin gives one equation Σ (unknown cells in it) = known. Cell j is determined iff
    every vector of the null space of that system is zero at j — i.e. j is a pivot column whose reduced
    row has no entry in a free column.
    """
    if not unknowns:
        return set()
    index = {cell: i for i, cell in enumerate(unknowns)}
    rows: list[list[Fraction]] = []
    for margin in margins:
        row = [Fraction(0)] * len(unknowns)
        touched = False
        for cell in margin:
            if cell in index:
                row[index[cell]] = Fraction(1)
                touched = True
        if touched:
            rows.append(row)
    pivots: list[int] = []
    r = 0
    ncols = len(unknowns)
    for c in range(ncols):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][c]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                factor = rows[i][c]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(c)
        r += 1
        if r == len(rows):
            break
    free = set(range(ncols)) - set(pivots)
    determined = set()
    for row_i, c in enumerate(pivots):
        if all(rows[row_i][f] == 0 for f in free):
            determined.add(unknowns[c])
    return determined


@dataclass
class Suppression:
    cells: set = field(default_factory=set)  # every suppressed cell (primary and secondary)
    primary: set = field(default_factory=set)
    margins: set = field(default_factory=set)  # names of margins that must be withheld too


def suppress(
    values: Mapping[Hashable, int],
    margins: Mapping[str, Sequence[Hashable]],
    threshold: int = SUPPRESSION_THRESHOLD,
) -> Suppression:
    """Primary and secondary cell suppression.

    Primary: every cell with 0 < value < ``threshold``. Zero cells are published (they describe no one).
    Secondary: while some suppressed cell can be derived from the published margins (row and column
    totals, the grand total…), suppress the smallest published cell of the margin containing it that
    has the fewest published cells; when no margin holds another cell, a margin itself is withheld.
    """
    primary = {cell for cell, v in values.items() if 0 < v < threshold}
    suppressed = set(primary)
    withheld: set[str] = set()
    margin_cells = {name: list(cells) for name, cells in margins.items()}
    for _ in range(len(values) + len(margins) + 1):
        published = [cells for name, cells in margin_cells.items() if name not in withheld]
        unknowns = sorted(suppressed, key=lambda c: (values[c], str(c)))
        determined = _determined_cells(unknowns, published)
        if not determined:
            break
        # Complement in the tightest margin: over every derivable cell and every published margin holding
        # it, the margin with the fewest published cells, then its smallest cell (in a county × sex table,
        # a county's other cell before the rest of a whole column). Taking the smallest cell of any margin
        # instead withheld a whole column on the demo registry: a cell from a long margin never breaks
        # the equation of a short one.
        options = []
        for derivable in determined:
            for name, cells in margin_cells.items():
                if name in withheld or derivable not in cells:
                    continue
                others = [o for o in cells if o not in suppressed]
                if others:
                    best = min(others, key=lambda o: (values[o] == 0, values[o], str(o)))
                    options.append((len(others), values[best] == 0, values[best], str(best), name, best))
        cell = min(determined, key=lambda c: (values[c], str(c)))
        if options:
            suppressed.add(min(options)[5])
        else:
            # No published cell shares a margin with it: withhold the smallest margin containing it.
            names = [n for n, cells in margin_cells.items() if n not in withheld and cell in cells]
            withheld.add(min(names, key=lambda n: (len(margin_cells[n]), n)))
    return Suppression(cells=suppressed, primary=primary, margins=withheld)


def table_margins(rows: Sequence[Hashable], columns: Sequence[Hashable]) -> dict[str, list[tuple]]:
    """Margins of a two-way table of cells (row, column): each row total, each column total, the total."""
    margins: dict[str, list[tuple]] = {}
    for r in rows:
        margins[f"row:{r}"] = [(r, c) for c in columns]
    for c in columns:
        margins[f"col:{c}"] = [(r, c) for r in rows]
    margins["total"] = [(r, c) for r in rows for c in columns]
    return margins
