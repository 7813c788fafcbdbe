"""What a DICOM file asks of the grey-scale display beyond its pixels: polarity, display shutters, overlay planes.

Qt-free so that the viewer, the thumbnails and the AI engine agree on them and tests need no window:

* ``starts_inverted``: Photometric Interpretation together with Presentation LUT Shape (2050,0020).
* ``shutter_mask``: the Display Shutter module (PS3.3 C.7.6.11), the part of the image the file hides.
* ``overlay_planes``: the Overlay Plane module's bitmaps (60xx,3000), such as L/R markers some CR vendors
  store beside the pixels instead of burning them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from pydicom.dataelem import DataElement

from cxr_viewer.core.byte_order import is_big_endian, native_words


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


# --- Overlay planes -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OverlayPlane:
    """One overlay plane's bitmap (first frame) and where it lies: ``row``/``col`` is the 0-based image pixel of
    the bitmap's top-left bit (OverlayOrigin minus one)."""

    group: int
    bitmap: np.ndarray  # bool, rows × columns of the overlay
    row: int
    col: int
    kind: str  # OverlayType: "G" graphics, "R" region of interest
    description: str


def _overlay_bitmap(ds: Any, group: int) -> np.ndarray:
    """The plane's bits, first frame. pydicom unpacks Overlay Data byte by byte in file order, right for OB and
    for little-endian OW; a big-endian file's OW words are stored high byte first (PS3.5 8.1.1, Annex D), so they
    are swapped back on a copy of the group first, else pixels 0–7 and 8–15 of every word trade places."""
    source = ds
    data = ds[group << 16 | 0x3000]
    if data.VR == "OW" and is_big_endian(ds) and isinstance(data.value, (bytes, bytearray)):
        source = ds.group_dataset(group)
        source[data.tag] = DataElement(data.tag, "OW", native_words(data.value))
    bitmap = np.asarray(source.overlay_array(group))
    return bitmap[0] if bitmap.ndim == 3 else bitmap


def overlay_planes(ds: Any) -> list[OverlayPlane]:
    """Every overlay plane with OverlayData (groups 6000–601E) that has a set bit; unreadable planes are skipped.

    Overlays embedded in the high bits of the pixel data (retired) are not read: the pixel data has been dropped
    by the time the viewer shows the image.
    """
    if ds is None:
        return []
    planes = []
    for group in range(0x6000, 0x6020, 2):
        if (group << 16 | 0x3000) not in ds:
            continue
        try:
            bitmap = _overlay_bitmap(ds, group)
            origin = ds.get((group << 16) | 0x0050)
            row, col = (int(v) for v in origin.value) if origin is not None else (1, 1)
        except Exception:  # pydicom raises several types on malformed overlays; one bad plane must not stop the film
            continue
        if bitmap.ndim != 2 or not bitmap.any():
            continue
        kind_element = ds.get((group << 16) | 0x0040)
        text = [ds.get((group << 16) | element) for element in (0x1500, 0x0022)]  # OverlayLabel, OverlayDescription
        description = next((str(e.value).strip() for e in text if e is not None and str(e.value).strip()), "")
        planes.append(OverlayPlane(group, bitmap.astype(bool), row - 1, col - 1,
                                   str(kind_element.value).strip().upper() if kind_element is not None else "G",
                                   description))
    return planes
