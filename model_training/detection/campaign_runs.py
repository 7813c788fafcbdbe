"""The fold runs of ``cxr-train campaign``: the command lines for each config's folds, all started at once.

Kept apart from scoring, choosing and exporting (:mod:`model_training.detection.campaign`): this part only turns
configs into subprocess chains (a pre-training stage first where a config asks for one) and runs them side by
side with the CPU threads shared out, one log per fold, so one failed run costs its own fold and not the call.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

LUNG_MODEL, BONE_MODEL = "lung_unet", "bone_suppression"


def label(config: str) -> str:
    """A config's name for folders and logs (``detector_512`` or ``path/to/mine.toml`` → ``mine``)."""
    return Path(config).stem


def _pretrain_stage(config: str) -> tuple[str, float]:
    """The config's ``pretrain.stage`` and its share of the budget; an unreadable config has none here, and its
    fold run then reports the config's error in its own log, where the campaign's summary points."""
    from model_training.detection.settings import load_detector_config

    try:
        pretrain = load_detector_config(config)["pretrain"]
    except ValueError:
        return "none", 0.0
    return pretrain["stage"], pretrain["stage_share"]


def fold_commands(configs: list[str], folds: int, device: str, minutes: float, run_root: Path, results: Path,
                  shared: Path, models_dir: Path, overrides: list[str]) -> list[tuple[str, list[list[str]]]]:
    """(log name, argvs run in turn) per fold; every run is given the installed lung and bone models' paths.

    A config with a ``pretrain.stage`` gets that pre-training run first (``RUNS/<config>-pretrain``, the fold's
    training films only) and its detection run starts from those weights; the two share the fold's ``minutes``,
    so a pre-trained config costs the call no more time than a plain one. The stage makes no synthetic nodule
    films: with every run on the machine making them at once they would eat most of its short budget, and a lung or
    reconstruction target has no use for a nodule."""
    settings = [f"data.folds={folds}", f'detector.lung_model="{models_dir / (LUNG_MODEL + ".onnx")}"',
                f'detector.bone_model="{models_dir / (BONE_MODEL + ".onnx")}"', *overrides]
    common = ["--device", device, "--results-dir", str(results), "--shared", str(shared)]
    common += [part for item in settings for part in ("--set", item)]
    commands = []
    for name in configs:
        stage, share = _pretrain_stage(name)
        detection_root, stage_root = run_root / label(name), run_root / f"{label(name)}-pretrain"
        for fold in range(folds):
            fold_run = [sys.executable, "-m", "model_training", "detector", "--config", name, "--fold", str(fold),
                        *common]
            if stage == "none":
                chain = [fold_run + ["--max-minutes", str(minutes), "--run-root", str(detection_root)]]
            else:
                chain = [fold_run + ["--max-minutes", str(minutes * share), "--run-root", str(stage_root),
                                     "--pretrain", stage, "--set", "insertion.enabled=false"],
                         fold_run + ["--max-minutes", str(minutes * (1 - share)), "--run-root", str(detection_root),
                                     "--init-root", str(stage_root)]]
            commands.append((f"{label(name)}-fold{fold}", chain))
    return commands


def _run_chain(argvs: list[list[str]], log_path: Path, environment: dict) -> int:
    """Run ``argvs`` in turn into one log; the first failure stops the chain and is its exit code."""
    with open(log_path, "w", encoding="utf-8") as log:
        for argv in argvs:
            code = subprocess.run(argv, stdout=log, stderr=subprocess.STDOUT, env=environment, check=False).returncode
            if code != 0:
                return code
    return 0


def run_concurrently(commands: list[tuple[str, list[list[str]]]], logs: Path) -> dict[str, int]:
    """Start every chain at once (the GPU has room for all), CPU threads shared out; exit code per chain."""
    logs.mkdir(parents=True, exist_ok=True)
    threads = str(max(1, (os.cpu_count() or 1) // len(commands)))
    environment = os.environ | {"OMP_NUM_THREADS": threads, "MKL_NUM_THREADS": threads, "PYTHONUNBUFFERED": "1"}
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        futures = {name: pool.submit(_run_chain, argvs, logs / f"{name}.log", environment)
                   for name, argvs in commands}
        return {name: future.result() for name, future in futures.items()}
