"""Evaluate an exported ONNX model the way the viewer will run it: shared preprocess → ONNX Runtime → unletterbox.

Lung: Dice, IoU and HD95 (mm) per case at the original 1024 grid. Bone: PSNR/SSIM on held-out phantom pairs and on
the real pairs in ``bone_pairs`` after a linear intensity fit inside a lung-field region, and nodule CNR before/after.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime
from PIL import Image

from model_training import jsrt, metrics
from model_training.datasets import normalise_pair
from model_training.phantom import generate_case
from model_training.preprocess import preprocess


def _session(model_path: Path) -> tuple[onnxruntime.InferenceSession, int]:
    session = onnxruntime.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    return session, int(session.get_inputs()[0].shape[-1])


def _run(session, image: np.ndarray) -> np.ndarray:
    return session.run(None, {"image": image[None, None].astype(np.float32)})[0][0, 0]


def evaluate_lung(model_path: Path, shared: Path, evaluate_on_test: bool, fold: int = 0, folds: int = 5,
                  seed: int = 0) -> dict:
    jsrt_dir = shared / "data" / "jsrt"
    cases = (jsrt.test_cases(jsrt_dir, evaluate_on_test) if evaluate_on_test
             else jsrt.kfold(jsrt.development_cases(jsrt_dir), folds, fold, seed)[1])
    session, size = _session(model_path)
    per_case = {}
    for case in cases:
        image, box = preprocess(jsrt.load_image(jsrt_dir, case.case_id), size)
        mask = box.unletterbox(_run(session, image), order=1) > 0.5
        truth = jsrt.load_lung_mask(jsrt_dir, case.case_id)
        per_case[case.case_id] = {"dice": metrics.dice(mask, truth), "iou": metrics.iou(mask, truth),
                                  "hd95_mm": metrics.hausdorff95(mask, truth, jsrt.JSRT_PIXEL_MM)}
    mean = {key: float(np.mean([scores[key] for scores in per_case.values()])) for key in ("dice", "iou", "hd95_mm")}
    split = "test" if evaluate_on_test else f"train+val fold {fold} of {folds}"
    return {"task": "lung", "kind": "evaluate", "split": split, "model": str(model_path), "metrics": mean,
            "per_case": per_case}


def _grey(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("L"), dtype=np.float32)


def _central_lung_region(shape: tuple[int, int]) -> np.ndarray:
    """Where both lungs lie on any PA film (no masks come with the pairs): two upper-middle boxes."""
    rows, cols = np.indices(shape)
    band = (rows > 0.2 * shape[0]) & (rows < 0.7 * shape[0])
    return band & (((cols > 0.15 * shape[1]) & (cols < 0.4 * shape[1])) | ((cols > 0.6 * shape[1]) & (cols < 0.85 * shape[1])))


def _real_pairs(shared: Path) -> list[tuple[str, np.ndarray, np.ndarray]]:
    folder = shared / "data" / "bone_pairs"
    pairs = []
    bse = folder / "bse_jsrt"
    if (bse / "JPCLN139_1_input.png").exists():  # stored with bones dark: invert to the usual polarity
        pairs.append(("bse_jsrt/JPCLN139", 255 - _grey(bse / "JPCLN139_1_input.png"),
                      255 - _grey(bse / "JPCLN139_1_suppressed.png")))
    for source in sorted((folder / "des" / "authentic").glob("*.jpg")):
        target = _grey(folder / "des" / "des" / source.name)
        image = _grey(source)
        rows, cols = min(image.shape[0], target.shape[0]), min(image.shape[1], target.shape[1])
        pairs.append((f"des/{source.stem}", image[:rows, :cols], target[:rows, :cols]))  # crop the few-pixel mismatch
    return pairs


def evaluate_bone(model_path: Path, shared: Path | None, phantom_cases: int = 10, seed: int = 999_000) -> dict:
    session, size = _session(model_path)
    phantom, cnr = [], []
    for index in range(phantom_cases):
        case = generate_case(np.random.SeedSequence([seed, index]), size=max(64, size // 8 * 8), nodule_count=1)
        source, target = normalise_pair(case.image, case.soft_tissue, size)
        output = _run(session, source)
        phantom.append((metrics.psnr(output, target, 1.0), metrics.ssim(output, target, 1.0)))
        nodule = case.nodules[0]
        _, box = preprocess(case.image, size)
        centre = box.to_model(nodule.x, nodule.y)
        radius = nodule.diameter_mm / 2 / case.pixel_mm * box.scale
        cnr.append((metrics.contrast_to_noise(source, centre, radius), metrics.contrast_to_noise(output, centre, radius)))
    result = {"task": "bone", "kind": "evaluate", "model": str(model_path), "metrics": {
        "phantom_psnr_db": float(np.mean([p for p, _ in phantom])), "phantom_ssim": float(np.mean([s for _, s in phantom])),
        "phantom_nodule_cnr_before": float(np.mean([b for b, _ in cnr])),
        "phantom_nodule_cnr_after": float(np.mean([a for _, a in cnr]))}, "real_pairs": {}}
    for name, image, target in _real_pairs(shared) if shared else []:
        source, box = preprocess(image, size)
        output = box.unletterbox(_run(session, source), order=1)
        region = _central_lung_region(output.shape)
        fitted = metrics.fit_linear(output, target, region)
        span = float(np.ptp(target[region]))
        result["real_pairs"][name] = {"psnr_db": metrics.psnr(fitted[region], target[region], span),
                                      "ssim": metrics.ssim(fitted, target, span),
                                      "input_psnr_db": metrics.psnr(metrics.fit_linear(image, target, region)[region],
                                                                    target[region], span)}
    return result
