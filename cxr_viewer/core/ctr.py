"""The cardiothoracic ratio (CTR) from two drawn widths, and the words of its label (Qt-free).

The CTR is the maximal transverse cardiac diameter over the maximal internal thoracic diameter (inner rib margins,
usually at the level of the right hemidiaphragm dome). Both are *transverse* diameters, so each width is the
horizontal extent of what the reader drew, in the image frame: ``|x1 - x0|`` columns, whatever the rows of its two
ends (the heart's right and left borders are often at different levels). The extent is taken on the stored image,
not on the screen, so turning or mirroring the display changes nothing; a film stored sideways must be measured
with the marks drawn vertically on screen. The ratio needs no spacing (both widths share the column spacing); each
width is given in mm when the film is calibrated and in px otherwise, with only the column spacing used, so
non-square pixels are right. Uncalibrated non-square pixels are counted in the pixel's short side, as the distance
tool counts them, and the label says so in the distance tool's words: "140 px" alone would read as 140 columns.

More than 0.50 on a PA film suggests cardiomegaly; an AP film magnifies the heart (it is further from the
detector), so the label says so when the film is AP, and says the view is unknown when the header does not give it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxr_viewer.core.calibration import PixelSpacing
from cxr_viewer.core.spacing import UNCALIBRATED, calibration_note, step_sizes

Width = tuple[float, float, float, float]  # x0, y0, x1, y1 in image pixels, (x, y) = (column, row)


@dataclass(frozen=True)
class Ctr:
    heart: float  # in ``unit``
    chest: float
    unit: str  # "mm" or "px"
    ratio: float | None  # None when the chest width is zero (no ratio to give)


def horizontal_width(width: Width, spacing: PixelSpacing) -> tuple[float, str]:
    """The width's horizontal extent in the image frame: mm (columns × column spacing) when calibrated, else px."""
    return _in_unit(_columns(width), spacing)


def cardiothoracic_ratio(heart: Width, chest: Width, spacing: PixelSpacing) -> Ctr:
    heart_columns, chest_columns = _columns(heart), _columns(chest)
    (heart_value, unit), (chest_value, _) = _in_unit(heart_columns, spacing), _in_unit(chest_columns, spacing)
    ratio = heart_columns / chest_columns if chest_columns > 0 else None  # px over px: no spacing in the ratio
    return Ctr(heart_value, chest_value, unit, ratio)


def _columns(width: Width) -> float:
    return abs(width[2] - width[0])


def _in_unit(columns: float, spacing: PixelSpacing) -> tuple[float, str]:
    _, col_step, unit = step_sizes(spacing)  # px of non-square pixels: the distance tool's unit
    return columns * col_step, unit


def pixel_note(spacing: PixelSpacing) -> str:
    """What a px width rests on beyond plain columns (non-square pixels: the short side), '' when nothing.

    Only the px case: the ratio itself needs no spacing, and a plain uncalibrated film's "px" says it all."""
    if spacing.calibrated:
        return ""
    note = calibration_note(spacing)
    return "" if note == calibration_note(UNCALIBRATED) else note


def view_caveat(view_position: str | None) -> str:
    """'' for a PA film; otherwise why the PA cut-off of 0.50 does not apply as it stands."""
    view = str(view_position or "").strip().upper()
    if view == "PA":
        return ""
    if view == "AP":
        return "AP film: heart magnified, 0.50 is a PA cut-off"
    if not view:
        return "view not stated: 0.50 is a PA cut-off"
    return f"{view} view: the CTR is read on a PA film"


def heart_only_text(heart: Width, spacing: PixelSpacing) -> str:
    """The label while the chest width is still to be drawn: it says what to do next."""
    value, unit = horizontal_width(heart, spacing)
    lines = [f"CTR heart {value:.0f} {unit}", pixel_note(spacing), "now drag the chest width (inner rib margins)"]
    return "\n".join(line for line in lines if line)


def ctr_text(heart: Width, chest: Width, spacing: PixelSpacing, view_position: str | None) -> str:
    """``CTR 0.48 (heart 142 mm / chest 296 mm)``, then on lines of their own what a px is on non-square pixels and
    the caveat of a film that is not PA."""
    ctr = cardiothoracic_ratio(heart, chest, spacing)
    ratio = f"{ctr.ratio:.2f}" if ctr.ratio is not None else "–"
    text = f"CTR {ratio} (heart {ctr.heart:.0f} {ctr.unit} / chest {ctr.chest:.0f} {ctr.unit})"
    return "\n".join(line for line in (text, pixel_note(spacing), view_caveat(view_position)) if line)
