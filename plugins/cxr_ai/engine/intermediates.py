"""Lung mask and bone-suppressed image at the input's size, orientation and polarity (for ``cxr-ai lungs/bones``)."""

from __future__ import annotations

import numpy as np

from cxr_ai.engine.engine import Analysis
from cxr_ai.engine.errors import PipelineSpecError


def lung_mask_image(analysis: Analysis, threshold: float) -> np.ndarray:
    """uint8 0/255 mask, input rows × columns."""
    mask = (analysis.lung_probability >= threshold).astype(np.uint8)
    return analysis.letterbox.unletterbox(mask, order=0) * np.uint8(255)


def bone_suppressed_image(analysis: Analysis, monochrome1: bool) -> np.ndarray:
    """uint8 image, input rows × columns; the [0, 1] preprocessing scale maps to 0–255, MONOCHROME1 re-inverted."""
    if analysis.bone_suppressed is None:
        raise PipelineSpecError("this model set has no bone_suppression stage")
    image = np.clip(analysis.letterbox.unletterbox(analysis.bone_suppressed, order=1), 0.0, 1.0)
    if monochrome1:
        image = 1.0 - image
    return np.rint(image * 255).astype(np.uint8)
