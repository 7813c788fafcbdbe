"""The bone-suppressed image at the input's own resolution: the input minus the model's bone estimate.

The bone model sees a small canvas (256 px). Upsampling its soft-tissue output would blur every vessel and nodule
edge to that resolution; the bone estimate (canvas − output) is smooth, wide structure that upsamples well, so
subtracting it from the full-resolution input keeps the detail the model never saw. Training, evaluation on the
real pairs, the viewer's view and ``cxr-ai bones`` all go through this one function.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from model_training.preprocess import Letterbox, normalise_intensity, resample_canvas


def suppress_on_canvas(run_model: Callable[[np.ndarray], np.ndarray], canvases: np.ndarray,
                       model_size: int) -> np.ndarray:
    """Bone-suppressed canvases ``(N, S, S)`` from a model trained at ``model_size`` (``run_model`` maps
    ``(N, m, m)`` → ``(N, m, m)``): the same residual rule on the detector's canvas, exact when the sizes match."""
    small = resample_canvas(canvases, model_size)
    return (canvases - resample_canvas(small - run_model(small), canvases.shape[-1])).astype(np.float32)


def suppress_full_resolution(pixels: np.ndarray, canvas: np.ndarray, output: np.ndarray, box: Letterbox,
                             monochrome1: bool = False) -> np.ndarray:
    """float32 image at ``pixels``' shape in the preprocessing's bones-bright [0, 1] scale (not clipped).

    ``canvas`` is what the model was fed (``preprocess(pixels, size, monochrome1)``), ``output`` what it returned.
    """
    bone_estimate = box.unletterbox(np.asarray(canvas, np.float32) - np.asarray(output, np.float32), order=1)
    return (normalise_intensity(pixels, monochrome1=monochrome1) - bone_estimate).astype(np.float32)
