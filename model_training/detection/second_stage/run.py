"""``cxr-train second-stage``: stage 1's out-of-fold candidates on JSRT train+val → nested classifiers → FROC rows.

Three records, all out of fold: the pre-registered combined score (√(stage 1 × classifier), capped like the
engine), the classifier's probability alone, and stage 1 with the classifier's larger candidate cap but no
classifier, so that the classifier's own effect is separated from the cap's. A fourth pairs the combined score
with that stage-1 row on the same films, for the interval of the classifier's gain itself.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from model_training import jsrt
from model_training.detection.candidates import engine_postprocessing, image_marks
from model_training.detection.data import ct_library
from model_training.detection.evaluate import ablation_switches
from model_training.detection.froc_summary import summarise
from model_training.detection.oof import OofPredictions, out_of_fold
from model_training.detection.paired import write_paired
from model_training.detection.report import froc_report
from model_training.detection.second_stage.oof import rescored_marks, score_out_of_fold
from model_training.detection.second_stage.samples import image_patches
from model_training.detection.second_stage.settings import SecondStageSettings
from model_training.detection.tuning import operating_point
from model_training.records import write_record

ROWS = (("combined", "stage 1 + candidate classifier, √(stage 1 × classifier)"),
        ("classifier", "stage 1 candidates, classifier probability alone"),
        ("stage1", "stage 1 alone at the classifier's candidate cap"))


def fold_of_case(config: dict, jsrt_dir: Path) -> dict[str, int]:
    """Stage 1's own fold of every train+val film (the same stratified split its members trained on)."""
    data, development = config["data"], jsrt.development_cases(jsrt_dir)
    return {case.case_id: fold for fold in range(data["folds"])
            for case in jsrt.kfold(development, data["folds"], fold, data["split_seed"])[1]}


def stage_one(run_root: Path, shared: Path, lung_model: str | None) -> OofPredictions:
    return out_of_fold([run_root], shared, None, "cpu", False, lung_model)


def _operating_points(post: dict, marks: list, settings: SecondStageSettings) -> dict:
    """The export's ``tuned`` section for the combined score: stage 1's post-processing as it is (nothing is tuned
    but the two thresholds), and the operating points chosen on these out-of-fold marks as ``tuning`` chooses."""
    kept = post | {"max_findings": settings.final_cap}
    return {"post": kept, "postprocessing": engine_postprocessing(kept),
            "operating_points": {"sens": operating_point(marks, 1.0), "spec": operating_point(marks, 0.2)},
            "targets_fp_per_image": {"sens": 1.0, "spec": 0.2}}


def second_stage_oof(predictions: OofPredictions, run_root: Path, shared: Path, settings: SecondStageSettings,
                     checkpoint_dir: Path | None, results_dir: Path | None, replicates: int = 1000,
                     reuse: bool = False) -> tuple[list[dict], dict]:
    """The three rows' records and the paired comparison of the combined score with stage 1 at the same cap."""
    jsrt_dir = shared / "data" / "jsrt"
    post = predictions.config["post"] | {"max_findings": settings.candidate_cap}
    marks = image_marks(predictions.data, predictions.maps, predictions.lungs, post)
    folds, library = fold_of_case(predictions.config, jsrt_dir), ct_library(shared)
    rng = np.random.default_rng(settings.seed)
    images = [image_patches(m.case_id, folds[m.case_id], jsrt.load_image(jsrt_dir, m.case_id),
                            jsrt.load_lung_mask(jsrt_dir, m.case_id), jsrt.JSRT_PIXEL_MM, m.marks, m.lesions,
                            settings, rng, library) for m in marks]
    probabilities, classifiers = score_out_of_fold(images, settings, checkpoint_dir, reuse)
    described = {"settings": settings.as_record(), "candidate_post": post,
                 "nodule_shapes": "LIDC CT projections" if library else "sphere model",
                 "classifiers": [dataclasses.asdict(classifier) for classifier in classifiers]}
    results, scored_by_rule = [], {}
    for rule, label in ROWS:
        cap = settings.candidate_cap if rule == "stage1" else settings.final_cap
        result = {"task": "detector", "kind": "oof", "label": label, "split": "train+val out-of-fold",
                  "partial": False, "run_roots": [str(run_root)], "tta": predictions.config["tta"],
                  "post": post | {"max_findings": cap}, "lung_model": predictions.lung_model,
                  "switches": ablation_switches(predictions.config, predictions.config["tta"], post,
                                                predictions.members_per_image) | {"second_stage": rule},
                  "second_stage": described | {"score": rule}}
        scored = scored_by_rule[rule] = rescored_marks(images, probabilities, rule, cap)
        if rule == "combined":
            result["tuned"] = _operating_points(post, scored, settings)
        result |= summarise(scored, replicates, 0)
        path = write_record(result, results_dir)
        path.with_suffix(".md").write_text(froc_report(result), encoding="utf-8")
        results.append(result | {"record_file": str(path)})
    combined, stage1 = results[0], results[2]
    header = {"label_a": combined["label"], "label_b": stage1["label"], "partial": False,
              "split": "train+val out-of-fold", "settings_a": {"record": combined["record_file"]},
              "settings_b": {"record": stage1["record_file"]}}
    return results, write_paired(header, scored_by_rule["combined"], scored_by_rule["stage1"], replicates,
                                 results_dir)
