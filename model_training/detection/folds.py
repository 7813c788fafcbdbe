"""Training and held-out detection data for one fold (JSRT train+val k-fold, or phantom cases split likewise)."""

from __future__ import annotations

from pathlib import Path

from model_training import jsrt
from model_training.detection.data import (DetectionData, ct_library, jsrt_detection_data, phantom_detection_data,
                                           synthetic_positives)


def _phantom_fold(config: dict) -> tuple[DetectionData, DetectionData, dict]:
    data = config["data"]
    cases = phantom_detection_data(data["phantom_cases"], data["size"], data["split_seed"])
    held = [i for i in range(len(cases.case_ids)) if i % data["folds"] == data["fold"]]
    kept = [i for i in range(len(cases.case_ids)) if i % data["folds"] != data["fold"]]
    return cases.subset(kept), cases.subset(held), {"source": "phantom", "train_cases": len(kept),
                                                    "validation_cases": len(held), "fold": data["fold"]}


def fold_data(config: dict, shared: Path) -> tuple[DetectionData, DetectionData, dict]:
    """(training, held-out, description); synthetic positives are added to the training part only."""
    data = config["data"]
    if data["source"] == "phantom":
        return _phantom_fold(config)
    jsrt_dir = shared / "data" / "jsrt"
    development = jsrt.development_cases(jsrt_dir)
    training, held_out = jsrt.kfold(development, data["folds"], data["fold"], data["split_seed"])
    if data.get("train_on_all"):
        training = development
    if data.get("max_cases"):
        training, held_out = training[: data["max_cases"]], held_out[: data["max_cases"]]
    train_data = jsrt_detection_data(jsrt_dir, training, data["size"])
    description = {"source": "JSRT", "split": f"train+val, {data['folds']}-fold stratified, fold {data['fold']}",
                   "train_cases": len(training), "validation_cases": len(held_out),
                   "train_on_all": bool(data.get("train_on_all"))}
    if config["insertion"]["enabled"]:
        library = ct_library(shared) if config["insertion"]["ct_shapes"] else None
        train_data = train_data + synthetic_positives(jsrt_dir, training, data["size"], config["insertion"],
                                                      config["run"]["seed"] + 7919 * data["fold"], library)
        description["synthetic_positives"] = len(training) * config["insertion"]["copies"]
        description["nodule_shapes"] = "LIDC CT projections" if library else "sphere model"
    return train_data, jsrt_detection_data(jsrt_dir, held_out, data["size"]), description


def held_out_data(config: dict, shared: Path) -> DetectionData:
    """Only the held-out cases of ``config``'s fold (what out-of-fold prediction needs)."""
    data = config["data"]
    if data["source"] == "phantom":
        return _phantom_fold(config)[1]
    if data.get("train_on_all"):
        raise ValueError("a model trained on all of train+val has no held-out cases (data.train_on_all = true)")
    jsrt_dir = shared / "data" / "jsrt"
    held_out = jsrt.kfold(jsrt.development_cases(jsrt_dir), data["folds"], data["fold"], data["split_seed"])[1]
    return jsrt_detection_data(jsrt_dir, held_out[: data["max_cases"] or None], data["size"])
