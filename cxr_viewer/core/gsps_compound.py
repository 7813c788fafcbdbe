"""A presentation state's compound graphics in image pixels (Qt-free), for ``core.gsps_annotations``.

A Compound Graphic (PS3.3 C.10.5.1.3) names a shape the simple graphic types cannot: an arrow, a rectangle, a
ruler with its ticks, a crosshair, a line running to the edges of the view. A PACS that writes one also writes a
plainer rendering of it in the graphic objects sharing its Compound Graphic Instance ID, for viewers that draw only
simple graphics; where the compound one is drawn here, those graphics are left out so nothing is drawn twice (their
texts are kept: a ruler's length is written there). Each is drawn as lines, and its tick labels as notes:

- ARROW: its two points, the tip the second, with a head there a quarter of the shaft long;
- RECTANGLE and ELLIPSE: the box from its top-left to its bottom-right point, or the ellipse inscribed in it;
- MULTILINE: a line through its points; RULER and AXIS: the line between its two points with a tick at each end
  and at each Major Tick's position, labelled with its Tick Label unless Show Tick Label is N;
- INFINITELINE and CUTLINE: the line through its two points across the whole film, with the Gap Length (a share of
  the displayed area's width, as DISPLAY units are) left open round the Rotation Point; a CUTLINE also gets two
  arrows pointing at it from its right side at the middle of each half; RANGELINE: such a line through each pair of
  its points;
- CROSSHAIR: a cross at its first point, its arms spanning the Diameter of Visibility (else the film), open by the
  Gap Length at the centre.

The Rotation Angle turns the shape counterclockwise (as seen on screen) round its Rotation Point, else round the
middle of its points. Any other type raises ValueError saying so, for the count the reader is shown.
"""

from __future__ import annotations

import math

from pydicom.dataset import Dataset

from cxr_viewer.core.gsps_objects import Area, Note, Point, image_points, ring

Line = tuple[Point, ...]
_HEAD = 0.25  # an arrowhead's length as a share of its shaft: a head of fixed size vanishes on a long arrow
_TICK = 0.03  # a ruler's tick on each side of it, as a share of its length
_POINTER = 0.06  # a cutline's arrows, as a share of the displayed area's larger side
_COUNTS = {"ARROW": (2, 2), "RECTANGLE": (2, 2), "ELLIPSE": (2, 2), "MULTILINE": (2, 10**9), "RULER": (2, 2),
           "AXIS": (2, 2), "INFINITELINE": (2, 2), "CUTLINE": (2, 2), "RANGELINE": (2, 10**9), "CROSSHAIR": (1, 10**9)}


def compound_of(item: Dataset, area: Area, shape: tuple[int, int]) -> tuple[list[Line], list[Note]]:
    """The lines and notes one Compound Graphic Sequence item draws on a film of ``shape`` (rows, columns)."""
    kind = str(item.get("CompoundGraphicType", "") or "").strip().upper()
    units = str(item.get("CompoundGraphicUnits", "") or "")
    points = image_points(item.get("GraphicData", []), units, area)
    if kind not in _COUNTS:
        raise ValueError(f"of compound type {kind or 'none'}")
    if not _COUNTS[kind][0] <= len(points) <= _COUNTS[kind][1] or (kind == "RANGELINE" and len(points) % 2):
        raise ValueError("malformed")
    pivot = (image_points(item.RotationPoint, units, area)[0] if "RotationPoint" in item
             else (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)))
    angle = float(item.get("RotationAngle", 0.0) or 0.0)
    gap = float(item.get("GapLength", 0.0) or 0.0) * area[2] / 2
    film = (0.0, 0.0, float(shape[1]), float(shape[0]))
    if kind in ("INFINITELINE", "CUTLINE", "RANGELINE"):  # turned first, then run across the film
        turned = [_turn(p, angle, pivot) for p in points]
        lines = [part for a, b in zip(turned[0::2], turned[1::2]) for part in _across(a, b, film, pivot, gap)]
        if kind == "CUTLINE":
            lines += _pointers(*turned, lines, _POINTER * max(area[2:]))
        return lines, []
    if kind == "CROSSHAIR":
        reach = float(item.get("DiameterOfVisibility", 0.0) or 0.0) * area[2] / 2 or math.hypot(*film[2:])
        centre = _turn(points[0], angle, pivot)
        arms = [_turn((centre[0] + dx, centre[1] + dy), angle, centre) for dx, dy in ((reach, 0), (0, reach))]
        return [part for end in arms for part in _across(centre, end, film, centre, gap, reach)], []
    lines, notes = _bounded(kind, points, item)
    return ([tuple(_turn(p, angle, pivot) for p in line) for line in lines],
            [Note(n.text, _turn(n.position, angle, pivot), None) for n in notes])


def _bounded(kind: str, points: list[Point], item: Dataset) -> tuple[list[Line], list[Note]]:
    """The shapes that stay where their points are, before they are turned."""
    if kind == "ARROW":
        tail, tip = points
        return [(tail, tip), _head(tail, tip, _HEAD)], []
    if kind in ("RECTANGLE", "ELLIPSE"):
        (x0, y0), (x1, y1) = points
        if kind == "ELLIPSE":
            return [ring(((x0 + x1) / 2, (y0 + y1) / 2), ((x1 - x0) / 2, 0.0), abs(y1 - y0) / 2)], []
        return [((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))], []
    if kind == "MULTILINE":
        return [tuple(points)], []
    start, end = points  # RULER, AXIS
    labelled = str(item.get("ShowTickLabel", "Y") or "Y").strip().upper() != "N"
    ticks = [(float(t.get("TickPosition", 0.0) or 0.0), str(t.get("TickLabel", "") or "").strip())
             for t in item.get("MajorTicksSequence", [])]
    lines, notes = [(start, end)], []
    for share, label in [(0.0, ""), (1.0, ""), *ticks]:
        at = (start[0] + share * (end[0] - start[0]), start[1] + share * (end[1] - start[1]))
        across = _normal(start, end, _TICK * math.dist(start, end))
        lines.append(((at[0] - across[0], at[1] - across[1]), (at[0] + across[0], at[1] + across[1])))
        notes += [Note(label, (at[0] - across[0], at[1] - across[1]), None)] if label and labelled else []
    return lines, notes


def _turn(point: Point, degrees: float, pivot: Point) -> Point:
    """``point`` turned counterclockwise on screen (rows grow downwards) by ``degrees`` round ``pivot``."""
    a, dx, dy = math.radians(degrees), point[0] - pivot[0], point[1] - pivot[1]
    return pivot[0] + dx * math.cos(a) + dy * math.sin(a), pivot[1] - dx * math.sin(a) + dy * math.cos(a)


def _normal(a: Point, b: Point, length: float) -> Point:
    """A vector ``length`` long square to a→b, on its right as seen on screen."""
    run = math.dist(a, b) or 1.0
    return -(b[1] - a[1]) / run * length, (b[0] - a[0]) / run * length


def _head(tail: Point, tip: Point, share: float) -> Line:
    """An arrowhead at ``tip``: ``share`` of the shaft long, half that wide."""
    back = ((tail[0] - tip[0]) * share, (tail[1] - tip[1]) * share)
    side = _normal(tail, tip, math.hypot(*back) / 2)
    return ((tip[0] + back[0] + side[0], tip[1] + back[1] + side[1]), tip,
            (tip[0] + back[0] - side[0], tip[1] + back[1] - side[1]))


def _across(a: Point, b: Point, film: Area, centre: Point, gap: float, reach: float | None = None) -> list[Line]:
    """The line through a and b as far as the film's edges (or ``reach`` either side of ``centre``), open ``gap``
    either side of where ``centre`` falls on it; ValueError when it misses the film."""
    run = math.dist(a, b)
    if not run:
        raise ValueError("malformed")  # two points the same: no direction
    u = ((b[0] - a[0]) / run, (b[1] - a[1]) / run)
    low, high = -math.inf, math.inf
    for origin, step, (edge0, edge1) in ((a[0], u[0], (film[0], film[2])), (a[1], u[1], (film[1], film[3]))):
        if abs(step) < 1e-12:
            if not edge0 <= origin <= edge1:
                raise ValueError("outside the image")
            continue
        t0, t1 = sorted(((edge0 - origin) / step, (edge1 - origin) / step))
        low, high = max(low, t0), min(high, t1)
    middle = (centre[0] - a[0]) * u[0] + (centre[1] - a[1]) * u[1]
    if reach is not None:
        low, high = max(low, middle - reach), min(high, middle + reach)
    spans = [(low, min(high, middle - gap)), (max(low, middle + gap), high)] if gap > 0 else [(low, high)]
    parts = [((a[0] + s * u[0], a[1] + s * u[1]), (a[0] + e * u[0], a[1] + e * u[1])) for s, e in spans if e > s]
    if not parts:
        raise ValueError("outside the image")
    return parts


def _pointers(a: Point, b: Point, parts: list[Line], length: float) -> list[Line]:
    """A cutline's two arrows, from its right side to the middle of each half of what is drawn of it."""
    start, end = parts[0][0], parts[-1][1]
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    side = _normal(a, b, length)
    arrows = []
    for half in ((start, middle), (middle, end)):
        tip = ((half[0][0] + half[1][0]) / 2, (half[0][1] + half[1][1]) / 2)
        tail = (tip[0] + side[0], tip[1] + side[1])
        arrows += [(tail, tip), _head(tail, tip, _HEAD)]
    return arrows
