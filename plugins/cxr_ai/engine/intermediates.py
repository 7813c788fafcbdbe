"""Lung mask and bone-suppressed image at the input's size, orientation and polarity (for ``cxr-ai lungs/bones``).

The two maps come from the pipeline's own stages (``engine.film_maps``) or from one model on its own
(``engine.standalone``); both go through the same conversions below, so they cannot drift apart.
"""

from __future__ import annotations

import numpy as np

from model_training.bone_residual import suppress_full_resolution
from model_training.preprocess import Letterbox

from cxr_ai.engine.film_maps import FilmMaps
from cxr_ai.engine.errors import PipelineSpecError
from cxr_ai.engine.image_input import EngineInput


def mask_at_input(probability: np.ndarray, box: Letterbox, threshold: float) -> np.ndarray:
    """uint8 0/255 mask, input rows × columns: the probability interpolated to the input, then thresholded, as
    ``cxr-train evaluate lung`` scores it (smooth edges instead of the canvas's staircase)."""
    return (box.unletterbox(np.asarray(probability, np.float32), order=1) >= threshold).astype(np.uint8) * np.uint8(255)


def bones_at_input(item: EngineInput, canvas: np.ndarray, output: np.ndarray, box: Letterbox) -> np.ndarray:
    """uint8 image, input rows × columns, the input's polarity (MONOCHROME1 re-inverted), full resolution
    (input minus the upsampled bone estimate: ``model_training.bone_residual``)."""
    image = np.clip(suppress_full_resolution(item.pixels, canvas, output, box, item.monochrome1), 0.0, 1.0)
    if item.monochrome1:
        image = 1.0 - image
    return np.rint(image * 255).astype(np.uint8)


def bone_suppressed_full(maps: FilmMaps, item: EngineInput) -> np.ndarray:
    """float32 at the input's size in the bones-bright preprocessing scale (for the viewer's grey layer)."""
    if maps.bone_suppressed is None:
        raise PipelineSpecError("this model set has no bone_suppression stage")
    return suppress_full_resolution(item.pixels, maps.canvas, maps.bone_suppressed, maps.letterbox, item.monochrome1)

