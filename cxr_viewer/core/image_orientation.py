"""Edge letters from Image Orientation (Patient) (0020,0037), for films that give no Patient Orientation.

Some headers state the image plane only as direction cosines (DX with a patient frame, CT and MR scouts,
tomosynthesis). PS3.3 C.7.6.2.1.1: the first three values are the direction of the first row (towards increasing
column), the last three that of the first column, in the patient frame where +x is the patient's left, +y
posterior and +z towards the head. Each cosine becomes up to three letters, the largest component first, leaving
out components of 0.0001 or less (David Clunie's rule, as dicom3tools, OsiriX and OHIF use it), so an oblique plane
reads "LP" or "RAF" as in other viewers. Patient Orientation, where present, still decides: it is what the
modality stated for display.
"""

from __future__ import annotations

import math
from typing import Any

from cxr_viewer.core.orientation import patient_orientation

_LETTERS = (("R", "L"), ("A", "P"), ("F", "H"))  # (negative, positive) along x, y, z
_NEGLIGIBLE = 1e-4
_ORTHOGONAL = 1e-2  # |row · column| above this: not a plane's two axes, so no letters rather than wrong ones


def cosine_letters(vector: tuple[float, float, float]) -> str:
    """"L", "LP", "RAF" …: the patient directions a unit vector points to, largest component first."""
    order = sorted(range(3), key=lambda axis: -abs(vector[axis]))
    return "".join(_LETTERS[axis][vector[axis] > 0] for axis in order if abs(vector[axis]) > _NEGLIGIBLE)


def orientation_from_cosines(value: Any) -> tuple[str, str] | None:
    """The (row, column) directions of Image Orientation (Patient), or None when it is not six finite numbers
    making two orthogonal unit vectors (a zero or skewed pair would give letters the film does not bear out)."""
    try:
        numbers = [float(v) for v in (value or [])]
    except (TypeError, ValueError):
        return None
    if len(numbers) != 6 or not all(math.isfinite(v) for v in numbers):
        return None
    row, column = numbers[:3], numbers[3:]
    lengths = [math.sqrt(sum(c * c for c in v)) for v in (row, column)]
    if any(abs(length - 1.0) > _ORTHOGONAL for length in lengths):
        return None
    if abs(sum(a * b for a, b in zip(row, column))) > _ORTHOGONAL:
        return None
    return cosine_letters(tuple(row)), cosine_letters(tuple(column))


def film_orientation(ds: Any) -> tuple[str, str] | None:
    """The film's (row, column) directions: Patient Orientation, else Image Orientation (Patient); none for a
    QUADRUPED Anatomical Orientation Type, whose letters mean other things (L is lateral there)."""
    if ds is None:
        return None
    kind = ds.get("AnatomicalOrientationType")
    stated = patient_orientation(ds.get("PatientOrientation"), kind)
    if stated is not None or str(kind or "").strip().upper() == "QUADRUPED":
        return stated
    return orientation_from_cosines(ds.get("ImageOrientationPatient"))
