"""``cxr-train evaluate detector``: FROC on out-of-fold maps (every ablation), or on the test split once.

Out-of-fold: fold checkpoints → maps → the engine's post-processing → FROC summary, optionally with the
post-processing and operating points tuned on those same OOF maps. Test: the exported ensemble run through the
AI engine itself (what users get), only with ``evaluate_on_test`` (else ``TestSplitRefused``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

from model_training import jsrt
from model_training.detection.candidates import image_marks
from model_training.detection.froc import ImageMarks, Lesion, Mark
from model_training.detection.froc_summary import summarise

def ablation_switches(config: dict, tta: list[str], post: dict, members: int) -> dict:
    """The settings an ablation row is about, recorded with every result."""
    return {"members_per_image": members, "tta": tta, "inputs": config["detector"]["inputs"],
            "lung_fp_reduction": bool(post.get("lung_fp_reduction", True)),
            "insertion": config["insertion"]["enabled"], "mixup": config["mixup"]["enabled"],
            "randaugment": config["randaugment"]["enabled"],
            "pretrained_from": config["pretrain"]["checkpoint"] or None,
            "positive_fraction": config["sampling"]["positive_fraction"], "loss": config["loss"]["kind"]}


def evaluate_oof(run_roots: list[Path], shared: Path, label: str, tta: list[str] | None = None,
                 post_overrides: dict | None = None, tune: bool = False, replicates: int = 1000, seed: int = 0,
                 device: str = "cpu", partial: bool = False, lung_model: str | None = None) -> dict:
    from model_training.detection.oof import out_of_fold
    from model_training.detection.tuning import tune as tune_on_oof

    predictions = out_of_fold(run_roots, shared, tta, device, partial, lung_model)
    post = predictions.config["post"] | (post_overrides or {})
    used_tta = tta or predictions.config["tta"]
    split = "train+val out-of-fold" + (" (PARTIAL: not every fold present)" if partial else "")
    result = {"task": "detector", "kind": "oof", "label": label, "split": split, "partial": partial,
              "run_roots": [str(root) for root in run_roots], "tta": used_tta, "post": post,
              "lung_model": predictions.lung_model,
              "switches": ablation_switches(predictions.config, used_tta, post, predictions.members_per_image)}
    if tune:
        result["tuned"] = tune_on_oof(predictions, post)
        post = result["tuned"]["post"]
        result["post"] = post
    images = image_marks(predictions.data, predictions.maps, predictions.lungs, post)
    return result | summarise(images, replicates, seed)


def engine_marks(models_dir: Path, cases: Iterable[tuple[str, np.ndarray, tuple[Lesion, ...]]],
                 pixel_mm: float) -> tuple[list[ImageMarks], dict]:
    """Run the installed pipeline through ``cxr_ai.engine`` on (case id, pixels, lesions); marks capped like the
    engine's operating points."""
    from cxr_ai.engine import Engine
    from cxr_ai.engine.image_input import EngineInput
    from cxr_viewer.core.calibration import PixelSpacing, SpacingSource

    engine = Engine(models_dir, device="cpu", cache=None)
    spacing = PixelSpacing(pixel_mm, pixel_mm, SpacingSource.USER)
    images = []
    for case_id, pixels, lesions in cases:
        item = EngineInput(pixels, False, spacing, f"eval:{case_id}", None, case_id)
        findings = engine.analyse([item])[0].result.findings[: engine.spec.post.max_findings]
        images.append(ImageMarks(case_id, lesions, tuple(Mark(f.x, f.y, f.score) for f in findings)))
    return images, {"model_version": engine.model_set.version, "provider": engine.provider}


def evaluate_test(models_dir: Path, shared: Path, evaluate_on_test: bool, replicates: int = 1000,
                  seed: int = 0) -> dict:
    """The final ensemble on the JSRT test split, through the engine; refused without ``evaluate_on_test``."""
    jsrt_dir = shared / "data" / "jsrt"
    from model_training.detection.data import jsrt_lesions

    cases = jsrt.test_cases(jsrt_dir, evaluate_on_test)
    loaded = ((case.case_id, jsrt.load_image(jsrt_dir, case.case_id), jsrt_lesions(case)) for case in cases)
    images, engine = engine_marks(models_dir, loaded, jsrt.JSRT_PIXEL_MM)
    return {"task": "detector", "kind": "test", "label": "final ensemble (test split)", "split": "test",
            "models_dir": str(models_dir), **engine} | summarise(images, replicates, seed)
