"""The bone-suppression figures of the documentation: the exported model on real pairs and on JSRT films.

Kept apart from the data-only figures (:mod:`model_training.figures`, which calls these with ``--models-dir``):
these need an exported bone model, checked against its manifest hash, and run it through ONNX Runtime.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from model_training import jsrt, manifest  # noqa: E402
from model_training.figure_panels import crop, grey_panel, save  # noqa: E402
from model_training.figures import JSRT_NODULES  # noqa: E402

BONE_MODEL_NAME = "bone_suppression"


def bone_before_after(models_dir: Path, shared: Path, out: Path, pairs: int = 3) -> Path:
    """Input, model output and dual-energy (or BSE) reference for the first real pairs, through ONNX Runtime."""
    from model_training import evaluate, real_pairs

    model_path, _ = manifest.verified_model_path(models_dir, BONE_MODEL_NAME)
    session = evaluate._session(model_path)
    chosen = real_pairs.load_real_pairs(shared)[:pairs]
    figure, axes = plt.subplots(len(chosen), 3, figsize=(7.5, 2.6 * len(chosen)), squeeze=False)
    for row, pair in zip(axes, chosen):
        region = real_pairs.fallback_lung_region(pair.image.shape)
        output = evaluate.metrics.fit_linear(evaluate.suppress(session, pair.image), pair.target, region)
        for axis, image, title in zip(row, (pair.image, output, pair.target), ("input", "model", "reference")):
            low, high = np.percentile(pair.target, [0.5, 99.5])
            grey_panel(axis, np.clip((image - low) / max(high - low, 1e-6), 0, 1), f"{pair.name}: {title}")
    figure.tight_layout()
    return save(figure, out / "bone_before_after.png")


def bone_on_jsrt(models_dir: Path, shared: Path, out: Path, cases: tuple[str, ...] = JSRT_NODULES[:3]) -> Path:
    """Real JSRT films (train split, with nodules) before and after suppression, the removed layer, and the nodule
    before/after: what the reader sees, and whether the nodule survives."""
    from model_training import evaluate

    jsrt_dir = shared / "data" / "jsrt"
    by_id = {case.case_id: case for case in jsrt.read_cases(jsrt_dir)}
    model_path, _ = manifest.verified_model_path(models_dir, BONE_MODEL_NAME)
    session = evaluate._session(model_path)
    figure, axes = plt.subplots(len(cases), 5, figsize=(12.5, 2.7 * len(cases)), squeeze=False)
    for row, case_id in zip(axes, cases):
        case, film = by_id[case_id], jsrt.load_image(jsrt_dir, case_id).astype(np.float32)
        low, high = np.percentile(film, [0.5, 99.5])
        scaled = np.clip((film - low) / max(high - low, 1e-6), 0, 1)
        suppressed = evaluate.suppress(session, film)
        removed = scaled - suppressed
        spread = max(float(np.percentile(np.abs(removed), 99.5)), 1e-6)
        panels = (
            (scaled, f"{case_id}: input"), (np.clip(suppressed, 0, 1), "bone-suppressed"),
            (np.clip(0.5 + removed / (2 * spread), 0, 1), "removed (input − output)"),
            (crop(scaled, case.nodule_xy, jsrt.JSRT_PIXEL_MM), f"nodule {case.nodule_mm:.0f} mm, before"),
            (crop(suppressed, case.nodule_xy, jsrt.JSRT_PIXEL_MM), "after"),
        )
        for axis, (image, title) in zip(row, panels):
            grey_panel(axis, image, title)
    figure.tight_layout()
    return save(figure, out / "bone_on_jsrt.png")
