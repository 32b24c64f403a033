"""Country shapes for the page's map, drawn as SVG paths from the Natural Earth TopoJSON we ship.

`web/vendor/world-atlas/countries-50m.json` is Natural Earth 4.1.0 at 1:50m as TopoJSON, from the
npm package world-atlas 2.0.2 (see the README beside it). The page has no map library: this module
decodes the TopoJSON once per process and projects it with the plate carrée (x = lon + 180,
y = 90 - lat, in degrees), which the page's own JavaScript repeats to place events. Coordinates are
rounded to a tenth of a degree (a third of a pixel on a 1280-pixel map) to keep the answer small.

TopoJSON stores shared borders once as "arcs": each arc a run of quantised, delta-encoded points,
and each ring a list of arc indexes, where `~i` means arc `i` walked backwards. A ring is the arcs'
points joined, each arc after the first dropping the point it shares with the one before.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

import pycountry

#: The map's extent in the projection: latitudes 84 N to 58 S (Antarctica is left out).
VIEW_BOX = (0.0, 6.0, 360.0, 142.0)
_ANTARCTICA = "010"
#: Shapes Natural Earth draws without an ISO 3166 number, and the country events there are stored under.
_UNNUMBERED = {"Kosovo": "XKX", "Somaliland": "SOM", "N. Cyprus": "CYP"}

#: Points closer than this (in degrees, |dlon| + |dlat|) to the previous one are not drawn.
_STEP = 0.2

Point = tuple[float, float]


def _decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc as absolute (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[Point] = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _unwrap(ring: list[Point]) -> list[Point]:
    """A ring that crosses the antimeridian (Russia's far east, Fiji) drawn on past 180 E, not across
    the whole map; the part beyond the map's right edge is clipped by the SVG viewport."""
    if all(abs(a[0] - b[0]) < 180 for a, b in pairwise(ring)):
        return ring
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]


def _path(rings: list[list[Point]]) -> str:
    """SVG path data for rings of (lon, lat), projected and rounded; a point within `_STEP` degrees of
    the last one kept is dropped, which halves the answer and changes nothing at the page's scale."""
    parts: list[str] = []
    for ring in rings:
        coords: list[str] = []
        last: Point | None = None
        for lon, lat in _unwrap(ring):
            if last is not None and abs(lon - last[0]) + abs(lat - last[1]) < _STEP:
                continue
            last = (lon, lat)
            coords.append(f"{lon + 180:.1f} {90 - lat:.1f}")
        if len(coords) >= 3:
            parts.append("M" + " ".join(coords) + "Z")
    return "".join(parts)


def _iso3(geometry: dict[str, Any]) -> str | None:
    number = geometry.get("id")
    if number is None:
        return _UNNUMBERED.get(geometry.get("properties", {}).get("name", ""))
    country = pycountry.countries.get(numeric=str(number))
    return country.alpha_3 if country else None


@cache
def country_shapes() -> dict[str, Any]:
    """Every country as {id (ISO 3166-1 alpha-3 or null), name, d (SVG path)}, with the map's viewBox."""
    source = resources.files("flashpoint.serve") / "web" / "vendor" / "world-atlas" / "countries-50m.json"
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == _ANTARCTICA or geometry.get("type") not in {"Polygon", "MultiPolygon"}:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        shapes.append({"id": _iso3(geometry), "name": geometry["properties"]["name"], "d": _path(rings)})
    return {"viewBox": " ".join(f"{v:g}" for v in VIEW_BOX), "countries": shapes}


@cache
def country_shapes_json() -> tuple[bytes, bytes]:
    """The shapes as JSON, plain and gzipped, made once: re-encoding half a megabyte per request took
    longer than any query."""
    import gzip

    body = json.dumps(country_shapes(), separators=(",", ":")).encode("utf-8")
    return body, gzip.compress(body, compresslevel=6)
