"""``cxr-train second-stage-search``: the nested TPE search over the shipped two-stage detector's post-processing.

Two records: the nested out-of-fold figures (the search's honest result, with what each fold's study chose), and
the study on every fold, whose settings and operating points an export takes (its own figures are tuned on the
same films, so they are flattered and say so).
"""

from __future__ import annotations

from pathlib import Path

from model_training import jsrt
from model_training.detection.candidates import engine_postprocessing
from model_training.detection.evaluate import ablation_switches
from model_training.detection.froc_summary import summarise
from model_training.detection.oof import OofPredictions
from model_training.detection.report import froc_report
from model_training.detection.second_stage.export import fold_classifiers
from model_training.detection.second_stage.oof import load_classifier
from model_training.detection.second_stage.run import fold_of_case
from model_training.detection.second_stage.search import SPACE, STARTUP_TRIALS, TwoStageScorer, nested_search, \
    search, stage_one_post
from model_training.detection.second_stage.settings import SecondStageSettings
from model_training.detection.tuning import operating_point
from model_training.preprocess import preprocess
from model_training.records import write_record


def build_scorer(predictions: OofPredictions, shared: Path, classifiers_dir: Path,
                 settings: SecondStageSettings) -> TwoStageScorer:
    """The scorer over stage 1's out-of-fold films, refusing classifiers trained otherwise or on other films."""
    jsrt_dir = shared / "data" / "jsrt"
    fold_of = fold_of_case(predictions.config, jsrt_dir)
    folds = [fold_of[case_id] for case_id in predictions.data.case_ids]
    classifiers = {}
    for path in fold_classifiers(classifiers_dir):
        fold = int(path.parent.name[4:])
        training = sorted(case_id for case_id, other in fold_of.items() if other != fold)
        classifiers[fold], _ = load_classifier(path, settings, training)
    if set(classifiers) != set(folds):
        raise ValueError(f"{classifiers_dir}: classifiers for folds {sorted(classifiers)}, "
                         f"films in folds {sorted(set(folds))}")
    canvases = [preprocess(jsrt.load_image(jsrt_dir, case_id), settings.canvas)
                for case_id in predictions.data.case_ids]
    return TwoStageScorer(predictions, folds, canvases, classifiers, settings, predictions.config["post"])


def _record(scorer: TwoStageScorer, run_root: Path, label: str, search_record: dict, post: dict, marks: list,
            replicates: int) -> dict:
    predictions = scorer.predictions
    tta = predictions.config["tta"]
    return {"task": "detector", "kind": "oof", "label": label, "split": "train+val out-of-fold", "partial": False,
            "run_roots": [str(run_root)], "tta": tta, "post": post, "lung_model": predictions.lung_model,
            "switches": ablation_switches(predictions.config, tta, post, predictions.members_per_image)
            | {"second_stage": "combined", "hpo": search_record["kind"]},
            "search": search_record} | summarise(marks, replicates, 0)


def run_search(predictions: OofPredictions, run_root: Path, shared: Path, classifiers_dir: Path, trials: int,
               seed: int, results_dir: Path | None, replicates: int = 1000) -> list[dict]:
    settings = SecondStageSettings()
    scorer = build_scorer(predictions, shared, classifiers_dir, settings)
    described = {"space": SPACE, "sampler": f"TPE, seed {seed}, {STARTUP_TRIALS} random start-up trials",
                 "trials_per_study": trials, "classifiers": str(classifiers_dir),
                 "fixed": {"candidate_floor": scorer.base_post["candidate_floor"],
                           "candidates_rescored": settings.candidate_cap, "kept_per_image": settings.final_cap}}
    marks, chosen = nested_search(scorer, trials, seed)
    nested = _record(scorer, run_root, "two-stage post-processing, nested TPE search (each fold's settings chosen "
                     "on the other folds)", described | {"kind": "nested TPE", "folds": chosen},
                     {"chosen_per_fold": "see search.folds"}, marks, replicates)

    everything = list(range(len(scorer.folds)))
    params, cpm = search(scorer, everything, trials, seed)
    post = stage_one_post(scorer.base_post, params, settings.final_cap)
    tuned_marks = scorer.marks(params, everything)
    tuned = {"post": post, "postprocessing": engine_postprocessing(post),
             "classifier_weight": params["classifier_weight"], "oof_cpm": cpm,
             "operating_points": {"sens": operating_point(tuned_marks, 1.0), "spec": operating_point(tuned_marks, 0.2)},
             "targets_fp_per_image": {"sens": 1.0, "spec": 0.2}}
    on_all = _record(scorer, run_root, "two-stage post-processing, TPE search on every fold (tuned on the same "
                     "films: flattered)", described | {"kind": "TPE on all folds", "params": params}, post,
                     tuned_marks, replicates)
    on_all |= {"tuned": tuned, "second_stage": {"score": "combined", "classifier_weight": params["classifier_weight"],
                                                "settings": settings.as_record()}}
    results = []
    for result in (nested, on_all):
        path = write_record(result, results_dir)
        path.with_suffix(".md").write_text(froc_report(result), encoding="utf-8")
        results.append(result | {"record_file": str(path)})
    return results
