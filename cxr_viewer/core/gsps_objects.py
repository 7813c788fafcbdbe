"""One graphic or text object of a presentation state in image pixels (Qt-free), for ``core.gsps_annotations``.

Each object is turned into what the viewer draws: a line through points (a POINT is a line of one point; CIRCLE and
ELLIPSE are sampled into closed outlines; INTERPOLATED is drawn through its points as a polyline; a filled graphic
as its outline), or a note: in its bounding box, along its top edge as its Bounding Box Text Horizontal Justification
says (LEFT, RIGHT, CENTER), with a line to its anchor point when that is to be shown (Anchor Point Visibility Y),
else at its anchor point. What cannot be drawn raises ValueError whose words say why ("in MATRIX units", "of type
…", "malformed"), for the count the reader is shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pydicom.dataset import Dataset
from pydicom.multival import MultiValue

Point = tuple[float, float]
Area = tuple[float, float, float, float]  # left, top, width, height in image pixels that DISPLAY units span
_SAMPLES = 72  # a circle's outline: 5° steps, smooth at any zoom a film is read at


@dataclass(frozen=True)
class Note:
    text: str
    position: Point  # the bounding box's top-left corner, else the anchor point
    box: tuple[float, float, float, float] | None  # x0, y0, x1, y1 in image pixels, when the file gives one
    justify: str = "LEFT"  # where in the box's width the text goes: LEFT, RIGHT or CENTER
    anchor: Point | None = None  # a boxed note's anchor point when a line from the box to it is to be drawn


def image_points(values: object, units: str, area: Area) -> list[Point]:
    """Image points from a flat x, y list; ValueError for MATRIX units or what is no finite pair list."""
    if units not in ("PIXEL", "DISPLAY"):
        raise ValueError(f"in {units or 'no'} units")
    data = [float(v) for v in (values if isinstance(values, (MultiValue, list, tuple)) else [values])]
    if len(data) % 2 or not data or not all(math.isfinite(v) for v in data):
        raise ValueError("malformed")
    if units == "DISPLAY":
        data = [area[i % 2] + v * area[2 + i % 2] for i, v in enumerate(data)]
    return list(zip(data[0::2], data[1::2]))


def ring(centre: Point, axis: Point, minor: float) -> tuple[Point, ...]:
    """A closed outline round ``centre``: ``axis`` is the half major axis as a vector, ``minor`` the half minor."""
    length = math.hypot(*axis) or 1.0
    across = (-axis[1] / length * minor, axis[0] / length * minor)
    steps = [2 * math.pi * i / _SAMPLES for i in range(_SAMPLES + 1)]
    return tuple((centre[0] + axis[0] * math.cos(t) + across[0] * math.sin(t),
                  centre[1] + axis[1] * math.cos(t) + across[1] * math.sin(t)) for t in steps)


def line_of(graphic: Dataset, area: Area) -> tuple[Point, ...]:
    """The points a Graphic Object is drawn through, in image pixels."""
    kind = str(graphic.get("GraphicType", ""))
    points = image_points(graphic.get("GraphicData", []), str(graphic.get("GraphicAnnotationUnits", "")), area)
    wanted = {"POINT": (1, 1), "POLYLINE": (2, 10**9), "INTERPOLATED": (2, 10**9), "CIRCLE": (2, 2),
              "ELLIPSE": (4, 4)}
    if kind not in wanted:
        raise ValueError(f"of type {kind or 'none'}")
    if not wanted[kind][0] <= len(points) <= wanted[kind][1]:
        raise ValueError("malformed")
    if kind == "CIRCLE":
        (cx, cy), (px, py) = points
        return ring((cx, cy), (px - cx, py - cy), math.hypot(px - cx, py - cy))
    if kind == "ELLIPSE":
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = points
        centre = ((ax + bx) / 2, (ay + by) / 2)
        return ring(centre, ((bx - ax) / 2, (by - ay) / 2), math.hypot(dx - cx, dy - cy) / 2)
    return tuple(points)


def note_of(text_item: Dataset, area: Area) -> Note:
    """A Text Object's words and where they go, in image pixels."""
    text = str(text_item.get("UnformattedTextValue", "") or "").strip()
    if not text:
        raise ValueError("malformed")
    if "BoundingBoxTopLeftHandCorner" in text_item:
        units = str(text_item.get("BoundingBoxAnnotationUnits", ""))
        corners = image_points([*text_item.BoundingBoxTopLeftHandCorner,
                           *text_item.get("BoundingBoxBottomRightHandCorner", [])], units, area)
        if len(corners) != 2:
            raise ValueError("malformed")
        (x0, y0), (x1, y1) = corners
        box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))  # a flipped box gives its corners swapped
        justify = str(text_item.get("BoundingBoxTextHorizontalJustification", "") or "LEFT").strip().upper()
        shown = "AnchorPoint" in text_item and str(text_item.get("AnchorPointVisibility", "")).strip() == "Y"
        return Note(text, box[:2], box, justify if justify in ("RIGHT", "CENTER") else "LEFT",
                    _anchor(text_item, area) if shown else None)
    if "AnchorPoint" in text_item:
        return Note(text, _anchor(text_item, area), None)
    raise ValueError("malformed")


def _anchor(text_item: Dataset, area: Area) -> Point:
    points = image_points(text_item.AnchorPoint, str(text_item.get("AnchorPointAnnotationUnits", "")), area)
    if len(points) != 1:
        raise ValueError("malformed")
    return points[0]
