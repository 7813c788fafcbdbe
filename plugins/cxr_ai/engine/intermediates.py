"""Lung mask and bone-suppressed image at the input's size, orientation and polarity (for ``cxr-ai lungs/bones``)."""

from __future__ import annotations

import numpy as np

from model_training.bone_residual import suppress_full_resolution

from cxr_ai.engine.engine import Analysis
from cxr_ai.engine.image_input import EngineInput
from cxr_ai.engine.errors import PipelineSpecError


def lung_mask_image(analysis: Analysis, threshold: float) -> np.ndarray:
    """uint8 0/255 mask, input rows × columns."""
    mask = (analysis.lung_probability >= threshold).astype(np.uint8)
    return analysis.letterbox.unletterbox(mask, order=0) * np.uint8(255)


def bone_suppressed_full(analysis: Analysis, item: EngineInput) -> np.ndarray:
    """float32 at the input's size in the bones-bright preprocessing scale: the input minus the upsampled bone
    estimate, so fine detail the model's canvas lost stays (``model_training.bone_residual``)."""
    if analysis.bone_suppressed is None:
        raise PipelineSpecError("this model set has no bone_suppression stage")
    return suppress_full_resolution(item.pixels, analysis.canvas, analysis.bone_suppressed, analysis.letterbox,
                                    item.monochrome1)


def bone_suppressed_image(analysis: Analysis, item: EngineInput) -> np.ndarray:
    """uint8 image, input rows × columns, same polarity as the input (MONOCHROME1 re-inverted)."""
    image = np.clip(bone_suppressed_full(analysis, item), 0.0, 1.0)
    if item.monochrome1:
        image = 1.0 - image
    return np.rint(image * 255).astype(np.uint8)
