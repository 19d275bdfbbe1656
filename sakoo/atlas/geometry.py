"""Server-side map drawing: GeoJSON polygons → SVG paths in a fixed viewBox, plus label points.

Projection: equirectangular with the x axis scaled by cos(mean latitude), which keeps a province's
shape true enough at this scale. Labels are returned as percentages of the drawing so that the caller
can place them in HTML (WeasyPrint does not shape Persian inside SVG ``<text>``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Ring = Sequence[Sequence[float]]


def polygons_of(geometry: Mapping | None) -> list[list[Ring]]:
    """A GeoJSON Polygon or MultiPolygon as a list of polygons (each a list of rings)."""
    if not geometry:
        return []
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    return []


def _ring_area_centroid(ring: Ring) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area, cx / (6 * area), cy / (6 * area)


def label_point(geometries: Iterable[Mapping | None]) -> tuple[float, float] | None:
    """Centroid (lon, lat) of the largest outer ring among the geometries."""
    best = None
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            if not polygon or len(polygon[0]) < 3:
                continue
            area, x, y = _ring_area_centroid(polygon[0])
            if best is None or abs(area) > best[0]:
                best = (abs(area), x, y)
    return (best[1], best[2]) if best else None


@dataclass
class Projection:
    min_lon: float
    max_lat: float
    scale: float
    x_factor: float
    width: float
    height: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.min_lon) * self.x_factor * self.scale, (self.max_lat - lat) * self.scale)

    def percent(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self(lon, lat)
        return (round(100 * x / self.width, 2), round(100 * y / self.height, 2))


def projection_for(geometries: Iterable[Mapping | None], width: float = 1000.0) -> Projection | None:
    lons: list[float] = []
    lats: list[float] = []
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            for ring in polygon:
                for lon, lat, *_ in ring:
                    lons.append(lon)
                    lats.append(lat)
    if not lons:
        return None
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    x_factor = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * x_factor, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    scale = width / span_x
    return Projection(min_lon, max_lat, scale, x_factor, width, round(span_y * scale, 1))


def svg_path(geometry: Mapping | None, projection: Projection) -> str:
    """An SVG path ``d`` for a Polygon/MultiPolygon (even-odd holes), rounded to 0.1 unit."""
    parts = []
    for polygon in polygons_of(geometry):
        for ring in polygon:
            points = [projection(lon, lat) for lon, lat, *_ in ring]
            if len(points) < 3:
                continue
            head = f"M{points[0][0]:.1f} {points[0][1]:.1f}"
            body = "".join(f"L{x:.1f} {y:.1f}" for x, y in points[1:])
            parts.append(head + body + "Z")
    return "".join(parts)
