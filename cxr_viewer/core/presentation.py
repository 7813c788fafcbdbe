"""What a DICOM file asks of the grey-scale display beyond its pixels: polarity and display shutters.

Qt-free so that the viewer, the thumbnails and the AI engine agree on them and tests need no window:

* ``starts_inverted``: Photometric Interpretation together with Presentation LUT Shape (2050,0020).
* ``shutter_mask``: the Display Shutter module (PS3.3 C.7.6.11), the part of the image the file hides.

The overlay planes the file may carry are read by ``core.overlay_planes``.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def starts_inverted(photometric: str, ds: Any = None) -> bool:
    """Whether the film is shown inverted before the user touches it (low values white).

    The common viewer practice: inverted for MONOCHROME1, or for MONOCHROME2 with Presentation LUT Shape INVERSE.
    MONOCHROME1 with INVERSE is the DX IOD's normal pairing (PS3.3 C.8.11.1.1.1: the shape states the
    polarity MONOCHROME1 already has), so it inverts once, not twice; IDENTITY or no shape leaves the
    photometric rule alone.
    """
    photometric = str(photometric or "").strip().upper()
    if photometric == "MONOCHROME1":
        return True
    if photometric != "MONOCHROME2" or ds is None:
        return False
    return str(ds.get("PresentationLUTShape", "") or "").strip().upper() == "INVERSE"


# --- Display Shutter ----------------------------------------------------------------------------------------

SHUTTER_SHAPES = ("RECTANGULAR", "CIRCULAR", "POLYGONAL")


def shutter_shapes(ds: Any) -> list[str]:
    """The supported shapes named in ShutterShape (0018,1600), upper case; BITMAP and unknown ones are skipped."""
    value = ds.get("ShutterShape") if ds is not None else None
    if value is None or value == "":
        return []
    values = [value] if isinstance(value, str) else list(value)
    return [shape for shape in (str(v).strip().upper() for v in values) if shape in SHUTTER_SHAPES]


def _centres(shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """1-based row and column numbers of every pixel, as the shutter attributes count them (broadcastable)."""
    rows, cols = shape
    return np.arange(1, rows + 1, dtype=np.float64)[:, None], np.arange(1, cols + 1, dtype=np.float64)[None, :]


def _inside_polygon(vertices: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Even-odd test of every pixel centre against a polygon of (row, column) vertices, both 1-based."""
    rows, cols = _centres(shape)
    inside = np.zeros(shape, dtype=bool)
    count = len(vertices)
    for k in range(count):
        (r0, c0), (r1, c1) = vertices[k], vertices[(k + 1) % count]
        if r0 == r1:
            continue  # a horizontal edge crosses no horizontal ray
        straddles = (r0 > rows) != (r1 > rows)  # (rows, 1)
        crossing_col = c0 + (rows - r0) * (c1 - c0) / (r1 - r0)  # (rows, 1)
        inside ^= straddles & (cols < crossing_col)
    return inside


def shutter_mask(ds: Any, shape: tuple[int, int]) -> np.ndarray | None:
    """True where the display shutter hides the image (rows × columns), or None when the file has no shutter.

    Several shapes in one ShutterShape combine: only what every shutter leaves open is shown. Per PS3.3
    C.7.6.11 the rectangle's edges are 1-based column (left/right) and row (upper/lower) numbers, inclusive; the
    circle's centre is (row, column) and its radius in pixels; polygon vertices are (row, column) pairs. A pixel
    is open when its centre is inside. A shape whose attributes are missing or unusable is ignored rather than
    hiding the whole film.
    """
    shapes = shutter_shapes(ds)
    if not shapes:
        return None
    rows, cols = _centres(shape)
    open_area = np.ones(shape, dtype=bool)
    used = False
    for name in shapes:
        try:
            if name == "RECTANGULAR":
                left, right = float(ds.ShutterLeftVerticalEdge), float(ds.ShutterRightVerticalEdge)
                upper, lower = float(ds.ShutterUpperHorizontalEdge), float(ds.ShutterLowerHorizontalEdge)
                open_area &= (cols >= left) & (cols <= right) & (rows >= upper) & (rows <= lower)
            elif name == "CIRCULAR":
                centre_row, centre_col = (float(v) for v in ds.CenterOfCircularShutter)
                radius = float(ds.RadiusOfCircularShutter)
                open_area &= (rows - centre_row) ** 2 + (cols - centre_col) ** 2 <= radius**2
            else:
                vertices = np.asarray([float(v) for v in ds.VerticesOfThePolygonalShutter], dtype=np.float64)
                if len(vertices) < 6 or len(vertices) % 2:
                    continue
                open_area &= _inside_polygon(vertices.reshape(-1, 2), shape)
        except (AttributeError, TypeError, ValueError):
            continue
        used = True
    return ~open_area if used else None


def shutter_grey(ds: Any) -> int:
    """The grey (0–255) shown where the shutter hides the film: ShutterPresentationValue (0018,1622), a P-value
    0–65535 (0 black), scaled linearly; black when absent."""
    value = ds.get("ShutterPresentationValue") if ds is not None else None
    try:
        p_value = float(value)
    except (TypeError, ValueError):
        return 0
    return int(round(min(max(p_value, 0.0), 65535.0) * 255 / 65535))
