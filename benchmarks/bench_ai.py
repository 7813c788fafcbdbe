"""Benchmark the AI engine: per-stage and total ms per image for a 2000×2000 radiograph, and images/s in batch.

Uses the installed model set (``resources/models`` or ``--models``) when it is complete (a detector
pipeline in its manifest). Until a detector ships it times the shipped lung and bone models with stand-in
detector members of the campaign's shape (the real network, random weights) and says so in the JSON
(``"models": "stand-in"``). The last line of output is the JSON.

    python benchmarks/bench_ai.py [--models DIR] [--device auto|cpu|cuda] [--repeats 3] [--batch 4]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from cxr_ai.engine import Engine
from cxr_ai.engine.image_input import EngineInput
from cxr_ai.engine.model_set import default_models_dir, missing_for_detection
from cxr_viewer.core.calibration import PixelSpacing, SpacingSource

STAND_IN = {"config": "detector_512", "members": 5, "tta": ["identity", "hflip"], "bone_stage": True}


def build_standin_models(directory: Path, shipped: Path) -> Path:
    """The shipped lung and bone models plus detector members of the campaign's shape (``detector_512``: width 8,
    512 px) with random weights, and a pipeline that runs every stage: timing only, never results."""
    import torch
    from model_training.detection.network import DeployableDetector, build_detector
    from model_training.detection.settings import load_detector_config
    from model_training.manifest import MANIFEST_NAME, sha256_file, write_entry
    from model_training.preprocess import PREPROCESSING_VERSION

    shutil.copy(shipped / MANIFEST_NAME, directory / MANIFEST_NAME)
    for name in ("lung_unet", "bone_suppression"):
        shutil.copy(shipped / f"{name}.onnx", directory / f"{name}.onnx")
    config = load_detector_config(STAND_IN["config"])
    size = config["data"]["size"]
    members = [f"stand-in-m{index}" for index in range(STAND_IN["members"])]
    for index, name in enumerate(members):
        torch.manual_seed(index)
        path = directory / f"{name}.onnx"
        with warnings.catch_warnings():  # the TorchScript exporter is deprecated but needs no onnxscript
            warnings.simplefilter("ignore", DeprecationWarning)
            torch.onnx.export(DeployableDetector(build_detector(config)).eval(), torch.zeros(1, 1, size, size), path,
                              input_names=["image"], output_names=["output"],
                              dynamic_axes={"image": {0: "batch"}, "output": {0: "batch"}}, opset_version=17,
                              dynamo=False)
        write_entry(directory, {
            "name": name, "task": "nodule_detection", "version": "stand-in", "file": path.name,
            "sha256": sha256_file(path), "input": {"size": size, "channels": 1,
                                                   "preprocessing_version": PREPROCESSING_VERSION},
            "output": {"activation": "none"}, "training_data": "none (random weights, for timing only)",
            "metrics": {}, "licence": "MIT"})
    manifest = directory / MANIFEST_NAME
    document = json.loads(manifest.read_text())
    document["pipeline"] = {
        "version": "stand-in",
        "bone_suppression": {"model": "bone_suppression"} if STAND_IN["bone_stage"] else None,
        "lung_segmentation": {"model": "lung_unet", "threshold": 0.5},
        "detector": {"members": members, "inputs": ["image"], "tta": STAND_IN["tta"]},
        "operating_points": {"sens": {"threshold": 0.3}, "spec": {"threshold": 0.7}},
    }
    manifest.write_text(json.dumps(document, indent=2))
    return directory


def radiograph(seed: int, size: int = 2000) -> EngineInput:
    """A 12-bit 2000×2000 chest-like image (two lung fields, a nodule, noise) at 0.175 mm."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size] / size
    lungs = np.exp(-(((xx - 0.3) / 0.15) ** 2 + ((yy - 0.5) / 0.3) ** 2) ** 2)
    lungs += np.exp(-(((xx - 0.7) / 0.15) ** 2 + ((yy - 0.5) / 0.3) ** 2) ** 2)
    pixels = 3000 - 1800 * lungs + 400 * (((xx - 0.35) ** 2 + (yy - 0.45) ** 2) < 0.01**2)
    pixels = np.clip(pixels + rng.normal(0, 40, pixels.shape), 0, 4095).astype(np.float32)
    spacing = PixelSpacing(0.175, 0.175, SpacingSource.PIXEL_SPACING)
    return EngineInput(pixels, False, spacing, f"bench:{seed}", None, f"synthetic-{seed}")


def measure(engine: Engine, repeats: int, batch: int) -> dict[str, object]:
    engine.analyse([radiograph(0)])  # warm-up: first runs allocate and tune kernels
    results = [engine.analyse([radiograph(1)])[0].result for _ in range(repeats)]
    runs = [result.timings_ms for result in results]
    stages = {name: round(statistics.median(run[name] for run in runs), 1) for name in runs[0]}
    items = [radiograph(seed) for seed in range(2, 2 + batch)]
    start = time.perf_counter()
    engine.analyse(items)
    # the candidate classifier's time grows with the candidates it re-scores (at most its cap), so say how many
    return {"ms_per_image": stages["total"], "stage_ms": stages, "candidates": len(results[0].findings),
            "images_per_s": round(batch / (time.perf_counter() - start), 3)}


def classifier_at_cap(engine: Engine, repeats: int) -> float | None:
    """Median ms of the candidate classifier re-scoring as many candidates as it takes (its worst case; the
    synthetic film gives stage 1 only a few), spread over the lung fields; None without that stage."""
    if engine.rescorer is None:
        return None
    from cxr_ai.engine.postprocess import Candidate
    from model_training.preprocess import Letterbox, normalise_intensity

    item, size = radiograph(1), engine.model_set.input_size
    box, normalised = Letterbox.fit(item.pixels.shape, size), normalise_intensity(item.pixels)
    spread = np.random.default_rng(0).uniform(0.25, 0.75, (engine.spec.classifier.candidates, 2)) * size
    candidates = [Candidate(float(x), float(y), 10, 10.0, 0.5, np.zeros((0, 2))) for x, y in spread]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        engine.rescorer.rescore(normalised, box, candidates)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=None)
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch", type=int, default=4)
    arguments = parser.parse_args(argv)
    models_dir = arguments.models or default_models_dir()
    with tempfile.TemporaryDirectory() as scratch:
        missing = missing_for_detection(models_dir)
        kind = "stand-in" if missing else "manifest"
        if missing:
            models_dir = build_standin_models(Path(scratch), models_dir)
        report: dict[str, object] = {"models": kind, "image": "2000x2000"}
        if missing:
            report |= {"stand_in": STAND_IN, "why_stand_in": missing}
        cpu = Engine(models_dir, device="cpu")
        for key, value in measure(cpu, arguments.repeats, arguments.batch).items():
            report[f"cpu_{key}"] = value
        at_cap = classifier_at_cap(cpu, arguments.repeats)
        if at_cap is not None:
            stages = report["cpu_stage_ms"]
            report["cpu_classifier_ms_at_cap"] = at_cap
            report["cpu_ms_per_image_at_cap"] = round(stages["total"] - stages["candidate_classifier"] + at_cap, 1)
        threads = cpu.stages.lung.session.get_session_options().intra_op_num_threads
        report |= {"provider": cpu.provider, "intra_op_threads": threads}
        if arguments.device != "cpu":
            engine = Engine(models_dir, device=arguments.device)
            if engine.choice.device == "cuda":
                for key, value in measure(engine, arguments.repeats, max(arguments.batch, engine.batch_size)).items():
                    report[f"gpu_{key}"] = value
                report["provider"] = engine.provider
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
