"""Small PNG previews of indexed images, stored in the index so the study browser shows them instantly.

Rendering uses the core decoder (imported lazily, so opening the index stays fast) with the file's own first
window, else its first VOI LUT, else an automatic window, the photometric default (MONOCHROME1 shown
inverted) and the file's display shutter, so a thumbnail looks like the image the viewer opens. The file's overlay
planes are left out (see :func:`_shuttered`).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.presentation import shutter_grey, shutter_mask
from cxr_viewer.index.db import StudyIndex

log = logging.getLogger(__name__)
THUMBNAIL_SIZE = 128


@dataclass
class ThumbnailReport:
    made: int = 0
    failed: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False  # stopped early; the thumbnails made until then are stored


def make_thumbnail_png(path: Path | str, size: int = THUMBNAIL_SIZE) -> bytes | None:
    """PNG bytes fitting in ``size``×``size`` (aspect kept), or None when the file cannot be shown (reason logged)."""
    png, reason = thumbnail_or_reason(Path(path), size)
    if png is None:
        log.warning("no thumbnail for %s: %s", path, reason)
    return png


def thumbnail_or_reason(path: Path, size: int = THUMBNAIL_SIZE) -> tuple[bytes | None, str | None]:
    """Either ``(png, None)`` or ``(None, reason)``, for callers that show the reason to the user."""
    from cxr_viewer.core.errors import ImageLoadError
    from cxr_viewer.core.loader import load_image

    try:
        image = load_image(path)
        pixels = _shuttered(image, _display_pixels(image))
    except ImageLoadError as exc:
        return None, exc.reason
    except (OSError, ValueError, MemoryError) as exc:
        return None, f"{type(exc).__name__}: {exc}"
    return _png_bytes(pixels, size), None


def ensure_thumbnails(
    index: StudyIndex, study_uid: str, size: int = THUMBNAIL_SIZE, cancelled: Callable[[], bool] | None = None
) -> ThumbnailReport:
    """Render and store the thumbnails this study lacks; slow for big images, so call it off the GUI thread.

    ``cancelled`` is polled before each file (the browser cancels when the user selects another study, so paging
    through the list does not queue a study's worth of decoding per row); the thumbnails made until then are
    stored, the others are made next time.
    """
    report = ThumbnailReport()
    lacking = index.connection.execute(
        """SELECT i.id, i.path, i.file_size, i.mtime FROM instance i JOIN series se ON se.id = i.series_ref
           JOIN study st ON st.id = se.study_ref WHERE st.study_uid = ? AND i.thumbnail IS NULL""",
        (study_uid,),
    ).fetchall()
    made: list[tuple[bytes, int, str, int, float]] = []
    for row in lacking:
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        png, reason = thumbnail_or_reason(Path(row["path"]), size)
        if png is None:
            report.failed.append((Path(row["path"]), reason or "unknown reason"))
        else:
            made.append((png, row["id"], row["path"], row["file_size"], row["mtime"]))
    if made:
        report.made = _store_unless_changed(index, made)
    return report


def _store_unless_changed(index: StudyIndex, made: list[tuple[bytes, int, str, int, float]]) -> int:
    """Store thumbnails whose row still describes the file that was rendered; returns how many were stored.

    Rendering runs outside any transaction, so an import may have re-read a rewritten or moved file meanwhile;
    its thumbnail would be stale for good. Such a row keeps NULL and is rendered again next time.
    """
    stored = 0
    with index.transaction() as conn:
        for values in made:
            stored += conn.execute(
                "UPDATE instance SET thumbnail = ? WHERE id = ? AND path = ? AND file_size = ? AND mtime = ?", values
            ).rowcount
    return stored


def _display_pixels(image: LoadedImage) -> np.ndarray:
    """The image as the viewer would first draw it (uint8, H×W or H×W×3)."""
    from cxr_viewer.core.render import render_uint8
    from cxr_viewer.core.windows import auto_window

    invert = bool(image.default_invert)
    if image.is_rgb:
        return render_uint8(image, 0.0, 1.0, invert)
    if image.windows:
        window = image.windows[0]
        return render_uint8(image, window.center, window.width, invert, function=window.function)
    if image.voi_luts:
        return render_uint8(image, 0.0, 1.0, invert, voi_lut=image.voi_luts[0])
    window = auto_window(image.modality, image.padding_mask)
    return render_uint8(image, window.center, window.width, invert, function=window.function)


def _shuttered(image: LoadedImage, pixels: np.ndarray) -> np.ndarray:
    """``pixels`` with what the display shutter hides filled with its grey (black by default), as the viewer opens
    the film: its "Display shutter" layer is visible on opening, and the raw film would show collimator blades.

    Overlay planes are not drawn: their one-pixel lines and letters (an L/R marker) shrink to a few faint dots at
    thumbnail size, which identify nothing and would only look like dirt; the viewer shows them at full size.
    """
    mask = shutter_mask(image.dataset, image.shape)
    if mask is None:
        return pixels
    shown = pixels.copy()
    shown[mask] = shutter_grey(image.dataset)  # every channel of an RGB film alike
    return shown


def _png_bytes(pixels: np.ndarray, size: int) -> bytes:
    from PIL import Image

    picture = Image.fromarray(np.ascontiguousarray(pixels))
    picture.thumbnail((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
