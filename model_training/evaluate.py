"""Evaluate an exported ONNX model the way the viewer will run it: shared preprocess → ONNX Runtime → unletterbox.

Lung: Dice, IoU and HD95 (mm) per case at the original 1024 grid. Bone: PSNR/SSIM on held-out phantom pairs and on
the real pairs in ``bone_pairs`` after a linear intensity fit inside a lung-field region, and nodule CNR before/after.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime
from scipy import ndimage

from model_training import jsrt, manifest, metrics, real_pairs
from model_training.datasets import normalise_pair
from model_training.phantom import generate_case
from model_training.phantom.insertion import insert_masses
from model_training.bone_residual import suppress_full_resolution
from model_training.preprocess import preprocess


LUNG_MODEL_NAME = "lung_unet"
DEFAULT_MODELS_DIR = jsrt.REPO_ROOT / "resources" / "models"  # as export's; export imports torch


def _session(model_path: Path) -> tuple[onnxruntime.InferenceSession, int]:
    session = onnxruntime.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    return session, int(session.get_inputs()[0].shape[-1])


def _run(session, image: np.ndarray) -> np.ndarray:
    return session.run(None, {"image": image[None, None].astype(np.float32)})[0][0, 0]


def evaluate_lung(model_path: Path, shared: Path, evaluate_on_test: bool, fold: int = 0, folds: int = 5,
                  seed: int = 0, masses: dict | None = None) -> dict:
    """Dice, IoU and HD95 against the reference masks; with ``masses`` (the config section; its seed + 1000 so
    no training film's masses recur) every film first gets dense masses in its lung field, which the mask must
    keep as lung."""
    jsrt_dir = shared / "data" / "jsrt"
    rng = np.random.default_rng(masses["seed"] + 1000) if masses else None
    cases = (jsrt.test_cases(jsrt_dir, evaluate_on_test) if evaluate_on_test
             else jsrt.kfold(jsrt.development_cases(jsrt_dir), folds, fold, seed)[1])
    session, size = _session(model_path)
    per_case = {}
    for case in cases:
        film, truth = jsrt.load_image(jsrt_dir, case.case_id), jsrt.load_lung_mask(jsrt_dir, case.case_id)
        if rng is not None:
            film = insert_masses(film, truth, masses, jsrt.JSRT_PIXEL_MM, rng)
        image, box = preprocess(film, size)
        mask = box.unletterbox(_run(session, image), order=1) > 0.5
        per_case[case.case_id] = {"dice": metrics.dice(mask, truth), "iou": metrics.iou(mask, truth),
                                  "hd95_mm": metrics.hausdorff95(mask, truth, jsrt.JSRT_PIXEL_MM)}
    mean = {key: float(np.mean([scores[key] for scores in per_case.values()])) for key in ("dice", "iou", "hd95_mm")}
    split = ("test" if evaluate_on_test else f"train+val fold {fold} of {folds}") + (
        " with inserted masses" if masses else "")
    return {"task": "lung", "kind": "evaluate", "split": split, "model": str(model_path), "metrics": mean,
            "per_case": per_case}


def lung_region_for(image: np.ndarray, lung_session) -> tuple[np.ndarray, str]:
    """The lung field of a real pair from the lung model (eroded so edges do not dominate), else the fallback."""
    if lung_session is not None:
        session, size = lung_session
        model_input, box = preprocess(image, size)
        mask = box.unletterbox(_run(session, model_input), order=1) > 0.5
        mask = ndimage.binary_erosion(mask, iterations=max(1, image.shape[0] // 100))
        if mask.sum() > 0.05 * mask.size:  # a model that finds (almost) no lung must not decide the score region
            return mask, "lung model"
    return real_pairs.fallback_lung_region(image.shape), "fallback boxes"


def _default_lung_session():
    """The exported lung model, when one is installed and verifies; None otherwise (fallback region)."""
    try:
        path, _ = manifest.verified_model_path(DEFAULT_MODELS_DIR, LUNG_MODEL_NAME)
    except manifest.ManifestError:
        return None
    return _session(path)


def suppress(session_and_size, image: np.ndarray) -> np.ndarray:
    """Bone-suppressed version of a real radiograph at its own size, as the viewer would compute it."""
    session, size = session_and_size
    model_input, box = preprocess(image, size)
    return suppress_full_resolution(image, model_input, _run(session, model_input), box)


def _score_real_pair(pair: real_pairs.RealPair, output: np.ndarray, region: np.ndarray) -> dict:
    """PSNR/SSIM of the output against the reference after a linear intensity fit inside the lung region (the
    model's output scale is arbitrary); the same for the unsuppressed input as the baseline."""
    span = float(np.ptp(pair.target[region]))
    fitted = metrics.fit_linear(output, pair.target, region)
    baseline = metrics.fit_linear(pair.image, pair.target, region)
    return {"psnr_db": metrics.psnr(fitted[region], pair.target[region], span),
            "ssim": metrics.ssim(fitted, pair.target, span, mask=region),
            "input_psnr_db": metrics.psnr(baseline[region], pair.target[region], span),
            "input_ssim": metrics.ssim(baseline, pair.target, span, mask=region),
            "shift_px": list(pair.shift)}


def _phantom_scores(session, size: int, cases: int, seed: int) -> dict:
    """Held-out phantom pairs (a seed range training never uses): fidelity, and nodule CNR before/after."""
    fidelity, cnr = [], []
    for index in range(cases):
        case = generate_case(np.random.SeedSequence([seed, index]), size=max(64, size // 8 * 8), nodule_count=1)
        source, target = normalise_pair(case.image, case.soft_tissue, size)
        output = _run(session, source)
        fidelity.append((metrics.psnr(output, target, 1.0), metrics.ssim(output, target, 1.0),
                         metrics.psnr(source, target, 1.0)))
        nodule = case.nodules[0]
        _, box = preprocess(case.image, size)
        centre = box.to_model(nodule.x, nodule.y)
        radius = nodule.diameter_mm / 2 / case.pixel_mm * box.scale
        cnr.append((metrics.contrast_to_noise(source, centre, radius), metrics.contrast_to_noise(output, centre, radius)))
    column = lambda rows, index: float(np.mean([row[index] for row in rows]))  # noqa: E731
    return {"phantom_psnr_db": column(fidelity, 0), "phantom_ssim": column(fidelity, 1),
            "phantom_input_psnr_db": column(fidelity, 2), "phantom_nodule_cnr_before": column(cnr, 0),
            "phantom_nodule_cnr_after": column(cnr, 1)}


def evaluate_bone(model_path: Path, shared: Path | None, phantom_cases: int = 10, seed: int = 999_000,
                  lung_model: Path | str | None = "installed") -> dict:
    """Phantom metrics always; real-pair metrics when ``shared`` is given. The real pairs have no lung masks: the
    lung model (a path, or "installed" for the shipped one when present) draws them; None, or a model that finds
    no lung, falls back to ``fallback_lung_region``."""
    session = _session(model_path)
    result = {"task": "bone", "kind": "evaluate", "model": str(model_path),
              "metrics": _phantom_scores(*session, phantom_cases, seed), "real_pairs": {}}
    if shared is None:
        return result
    if lung_model == "installed":
        lung_session = _default_lung_session()
    else:
        lung_session = _session(Path(lung_model)) if lung_model is not None else None
    for pair in real_pairs.load_real_pairs(shared):
        region, region_source = lung_region_for(pair.image, lung_session)
        scores = _score_real_pair(pair, suppress(session, pair.image), region)
        result["real_pairs"][pair.name] = scores | {"region": region_source}
    pairs = result["real_pairs"].values()
    for key in ("psnr_db", "ssim", "input_psnr_db", "input_ssim"):
        result["metrics"][f"real_{key}"] = float(np.mean([scores[key] for scores in pairs]))
    return result
