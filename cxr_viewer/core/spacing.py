"""Pixel size in mm, decided once from the DICOM header, so every measurement states its calibration.

PS3.3 10.7.1.1 and C.8.11.7 decide what the millimetres mean on a projection radiograph. Imager Pixel Spacing is
measured at the detector, so anatomy in front of it comes out magnified. Pixel Spacing is "in the patient" only when
it was corrected or calibrated: the standard says it equals Imager Pixel Spacing when it was not, differs from it when
it was, and may say how (Pixel Spacing Calibration Type and Description); alone, with neither, nobody can tell. Hence
the order: a calibrated Pixel Spacing; else Imager Pixel Spacing (or a Pixel Spacing equal to it) divided by the
Estimated Radiographic Magnification Factor; else Imager Pixel Spacing at the detector; else a digitised film's
Nominal Scanned Pixel Spacing (the film plane, as magnified as a detector's); Pixel Spacing alone is taken
as it is but, on a radiograph, labelled of unknown calibration. A zero, negative, missing or unreadable value (RG1
carries "0\\0"), or one over ``spacing_tags.MAX_PIXEL_MM``, means "uncalibrated" (``spacing_tags`` reads them).
``calibration_note`` gives each case's words for a measurement's label.
"""

from __future__ import annotations

import math
from typing import Any

from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from cxr_viewer.core.spacing_tags import calibration_text, magnification, spacing_pair

UNCALIBRATED = PixelSpacing(None, None, SpacingSource.NONE)
PROJECTION_MODALITIES = frozenset({"CR", "DX", "MG", "RF", "XA", "IO", "PX", "RG"})
_SAME = 1e-3  # relative: values written with other rounding ("0.150" and "0.15") are still the same spacing


def pixel_spacing(ds: Any) -> PixelSpacing:
    """The spacing the header's measurements rest on (see the module docstring); ``UNCALIBRATED`` when none."""
    direct = spacing_pair(ds, "PixelSpacing")
    imager = spacing_pair(ds, "ImagerPixelSpacing")
    if direct is not None:
        calibration = calibration_text(ds)
        differs = imager is not None and not all(math.isclose(a, b, rel_tol=_SAME) for a, b in zip(direct, imager))
        if calibration or differs:
            return PixelSpacing(direct[0], direct[1], SpacingSource.CALIBRATED, calibration)
        if imager is None:
            modality = str(ds.get("Modality", "") or "").strip().upper()
            unverified = modality in PROJECTION_MODALITIES
            return PixelSpacing(direct[0], direct[1],
                                SpacingSource.PIXEL_SPACING_UNVERIFIED if unverified else SpacingSource.PIXEL_SPACING)
    if imager is None:  # from here on Pixel Spacing is absent, unusable, or the detector plane's (equal to Imager)
        scanned = spacing_pair(ds, "NominalScannedPixelSpacing")
        if scanned is not None:  # a digitised film (PS3.3 C.8.6.1): the film's own plane
            return PixelSpacing(scanned[0], scanned[1], SpacingSource.SCANNED_FILM)
        ratio = spacing_pair(ds, "PixelAspectRatio")  # vertical\horizontal size (PS3.3 C.7.6.3.1.7)
        if ratio is None:
            return UNCALIBRATED
        return PixelSpacing(None, None, SpacingSource.NONE, aspect=ratio[1] / ratio[0])
    factor = magnification(ds)
    if factor is not None:
        return PixelSpacing(imager[0] / factor, imager[1] / factor, SpacingSource.IMAGER_CORRECTED,
                            magnification=factor)
    return PixelSpacing(imager[0], imager[1], SpacingSource.IMAGER_AT_DETECTOR)


def calibration_note(spacing: PixelSpacing) -> str:
    """What a length's millimetres rest on, in the reader's words ('' where plain mm say it all)."""
    source = spacing.source
    if not spacing.calibrated:
        return "uncalibrated" if _square(spacing.aspect) else "uncalibrated, non-square pixels: px = short side"
    if source is SpacingSource.PIXEL_SPACING_UNVERIFIED:
        return "Pixel Spacing, calibration unknown"
    if source is SpacingSource.CALIBRATED:
        return f"calibrated: {spacing.detail}" if spacing.detail else "calibrated"
    if source is SpacingSource.IMAGER_CORRECTED:
        return f"corrected for est. magnification {spacing.magnification:g}"
    if source is SpacingSource.IMAGER_AT_DETECTOR:
        return "at detector, magnified"
    if source is SpacingSource.SCANNED_FILM:
        return "on the digitised film, magnified"
    if source is SpacingSource.USER:
        return "user calibration"
    return ""


def _square(aspect: float) -> bool:
    return math.isclose(aspect, 1.0, rel_tol=_SAME)


def step_sizes(spacing: PixelSpacing) -> tuple[float, float, str]:
    """How long one row step and one column step are, and in what unit: mm when calibrated, else px.

    An uncalibrated "pixel" is ambiguous when pixels are not square (Pixel Aspect Ratio): counting rows and columns
    alike made two lines of one length on screen read 100 px and 50 px. A px is then the pixel's shorter side, so
    lengths keep the proportions the screen shows and no count falls below the pixels crossed.
    """
    if spacing.calibrated:
        return spacing.row_mm, spacing.col_mm, "mm"
    short = min(spacing.aspect, 1.0)
    return 1.0 / short, spacing.aspect / short, "px"


def distance(p0: tuple[float, float], p1: tuple[float, float], spacing: PixelSpacing) -> tuple[float, str]:
    """Length of the segment p0→p1, points given as (x, y) = (column, row) in pixels, as the GUI holds them:
    mm when calibrated (columns scale by ``col_mm``, rows by ``row_mm``), else px (``step_sizes``)."""
    row_step, col_step, unit = step_sizes(spacing)
    return math.hypot((p1[1] - p0[1]) * row_step, (p1[0] - p0[0]) * col_step), unit


def display_aspect(spacing: PixelSpacing, ds: Any = None) -> float:
    """How wide a pixel is drawn relative to its height, so the anatomy keeps its proportions on screen.

    The spacing's own ratio when calibrated, else its Pixel Aspect Ratio; for a spacing made without the header,
    the Pixel Aspect Ratio of ``ds`` (PS3.3 C.7.6.3.1.7: vertical\\horizontal size); else square.
    """
    if spacing.calibrated:
        return spacing.col_mm / spacing.row_mm
    if not _square(spacing.aspect):
        return spacing.aspect
    ratio = spacing_pair(ds, "PixelAspectRatio")
    return ratio[1] / ratio[0] if ratio is not None else 1.0
