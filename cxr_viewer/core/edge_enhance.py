"""Edge enhancement for display: an unsharp mask on the film's modality values (Qt-free).

Readers turn it on to follow nodule margins, fissures, lines and tubes. ``value + amount × (value − blur)`` with a
Gaussian blur lifts detail finer than the blur and leaves flat areas as they are; the result is clipped to the
film's own value range, so a window chosen on the original still covers the sharpened picture. It is for the
screen only: the viewer shows it through the display pipeline and everything that reads values (readout, ROI,
plugins, exports) keeps the original film.

The strengths. No published table of a vendor's edge-enhancement kernels was found (Tahoces et al., IEEE TMI
10(3) 1991, combine an original chest film with smoothed copies but give no mm figures), so these are chosen:
a blur of σ 1.5 mm lifts what is a few millimetres across (a vessel's or a nodule's edge, a tube or a line wall)
and leaves the pixel noise of a 0.1–0.2 mm detector mostly as it was; the amounts 0.5, 1 and 2 are the usual
gentle, moderate and strong unsharp-mask weights. Without a pixel spacing the blur is given in pixels, the same
σ at a 0.15 mm pitch (10 px).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from cxr_viewer.core.image import LoadedImage

SIGMA_MM = 1.5
SIGMA_PX = 10.0  # SIGMA_MM at a typical 0.15 mm chest detector pitch, for a film without a spacing
TRUNCATE = 3.0  # the kernel's reach: 0.3 % of a Gaussian lies beyond 3σ; SciPy's default 4σ costs a third more


@dataclass(frozen=True)
class Strength:
    level: int  # 0 off; the corner says "Edge +<level>"
    amount: float


STRENGTHS = (Strength(0, 0.0), Strength(1, 0.5), Strength(2, 1.0), Strength(3, 2.0))
OFF = STRENGTHS[0]


def next_strength(strength: Strength) -> Strength:
    """The cycling key's order: off, low, medium, high, off."""
    return STRENGTHS[(strength.level + 1) % len(STRENGTHS)]


def blur_sigma(image: LoadedImage) -> tuple[float, float]:
    """(row, column) σ in pixels: ``SIGMA_MM`` through the film's spacing, else ``SIGMA_PX``."""
    spacing = image.spacing
    if spacing is not None and spacing.calibrated:
        return SIGMA_MM / spacing.row_mm, SIGMA_MM / spacing.col_mm
    return SIGMA_PX, SIGMA_PX


def unsharp_mask(values: np.ndarray, sigma: tuple[float, float], amount: float,
                 padding: np.ndarray | None = None) -> np.ndarray:
    """``values + amount × (values − blur)`` as float32, clipped to the range of the non-padding values.

    Padding pixels (a collimator border coded as Pixel Padding Value) are left out of the blur, which is normalised
    by the weight of the real pixels around each one, so the border does not ring into the film; they keep their
    own values. SciPy is imported here, not at start-up (``tests/gui/test_startup_imports.py``)."""
    from scipy import ndimage

    values = np.asarray(values, dtype=np.float32)
    real = values if padding is None else values[~padding]
    if real.size == 0 or amount == 0:
        return values.copy()
    low, high = float(real.min()), float(real.max())
    if padding is None:
        blurred = ndimage.gaussian_filter(values, sigma, mode="nearest", truncate=TRUNCATE)
    else:
        weight = (~padding).astype(np.float32)
        total = ndimage.gaussian_filter(np.where(padding, 0, values), sigma, mode="nearest", truncate=TRUNCATE)
        blurred = total / np.maximum(ndimage.gaussian_filter(weight, sigma, mode="nearest", truncate=TRUNCATE), 1e-6)
    sharp = values + np.float32(amount) * (values - blurred)
    np.clip(sharp, low, high, out=sharp)
    if padding is not None:
        sharp[padding] = values[padding]
    return sharp


def sharpened_film(image: LoadedImage, strength: Strength) -> LoadedImage:
    """A copy of ``image`` for the display pipeline only, sharpened by ``strength``; the film itself when off or
    colour.

    With Rescale Slope/Intercept (linear) the stored integers are sharpened and rounded back to stored integers:
    the same picture as sharpening the modality values, to one stored unit, and the W/L drag keeps its table fast
    path (``core.indexed``). A Modality LUT table or float values are sharpened as modality values, rounded when
    they were whole numbers, which keeps the table path too."""
    if strength.amount == 0 or image.is_rgb:
        return image
    sigma, mapping = blur_sigma(image), image.modality_map
    if mapping is not None and mapping.table is None and image.stored.dtype.kind in "iu":
        sharp = np.rint(unsharp_mask(image.stored, sigma, strength.amount, image.padding_mask))
        return replace(image, stored=sharp.astype(image.stored.dtype), modality=None)
    values = image.modality
    sharp = unsharp_mask(values, sigma, strength.amount, image.padding_mask)
    if np.array_equal(values, np.rint(values)):
        sharp = np.rint(sharp)
    return replace(image, modality=sharp, modality_map=None)
