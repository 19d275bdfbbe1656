"""Chart geometry for server-rendered SVG bars (no text in SVG: labels are HTML next to them)."""

from __future__ import annotations

from dataclasses import dataclass

from sakoo.core.jalali import month_label


@dataclass
class Bar:
    label: str
    value: float | None
    pct: float  # 0..100 of the largest bar
    x: float = 0
    y: float = 0
    height: float = 0


def hbars(items: list[tuple[str, float]], labels: dict | None = None, limit: int = 15) -> list[Bar]:
    items = items[:limit]
    top = max((v for _k, v in items), default=0) or 1
    return [Bar(label=str((labels or {}).get(k, k)), value=v, pct=round(100 * v / top, 2)) for k, v in items]


def column_chart(points: list[tuple[tuple[int, int], float | None]]) -> list[Bar]:
    """Vertical bars in a 100×40 viewBox, one per month (x from the right for RTL is done by CSS)."""
    n = max(len(points), 1)
    top = max((v or 0 for _m, v in points), default=0) or 1
    width = 100 / n
    bars = []
    for i, (ym, value) in enumerate(points):
        h = 38 * (value or 0) / top
        bars.append(
            Bar(label=month_label(*ym), value=value, pct=round(100 * (value or 0) / top, 2), x=round(i * width + width * 0.15, 3),
                y=round(40 - h, 3), height=round(h, 3))
        )
    return bars


def bar_width(n: int) -> float:
    return round(100 / max(n, 1) * 0.7, 3)
