"""``cxr-train campaign``: one GPU call's detector work — every fold of several configs trained at once, each
scored out of fold with tuned post-processing, and the best exported as the shipped ensemble.

Why one command: a session gets 15 minutes of device time and each call pays for transfers, so training,
scoring, choosing and exporting must happen in one call that returns two archives. The choice is the highest
out-of-fold CPM, a rule fixed before any run; the test split plays no part (``evaluate --evaluate-on-test`` runs
later, once, on the exported ensemble).
"""

from __future__ import annotations

import json
import os
import shutil
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


def best_config(scores: dict[str, dict]) -> str:
    """The config with the highest out-of-fold CPM; a tie goes to the one listed first."""
    return max(scores, key=lambda name: (scores[name]["metrics"]["cpm"], -list(scores).index(name)))


def _evaluation_ablations(root: Path, shared: Path, name: str, device: str, replicates: int, results: Path,
                          post: dict) -> dict[str, str]:
    """The chosen config's evaluation-time ablation rows (no flip TTA; no lung-field FP reduction) at its tuned
    post-processing ``post``: they need the fold checkpoints, which stay on the GPU machine, so they are scored in
    the same call."""
    from model_training.detection.evaluate import evaluate_oof
    from model_training.records import write_record

    rows = {f"{name}-noTTA": {"tta": ["identity"], "post_overrides": post},
            f"{name}-noLungFP": {"post_overrides": post | {"lung_fp_reduction": False}}}
    return {row: str(write_record(evaluate_oof([root], shared, row, device=device, replicates=replicates, **options),
                                  results)) for row, options in rows.items()}


def run_campaign(configs: list[str], out: Path, shared: Path, device: str, minutes: float, folds: int = 5,
                 overrides: list[str] | None = None, models_dir: Path | None = None, version: str = "0.1.0",
                 replicates: int = 1000, export: bool = True) -> dict:
    """Train, score, choose, export; the summary (also ``OUT/campaign.json``) says what happened to each config,
    so one failed config costs its own result and not the call's."""
    from model_training.detection.evaluate import evaluate_oof
    from model_training.detection.export import export_ensemble
    from model_training.detection.oof import fold_checkpoints
    from model_training.export import DEFAULT_MODELS_DIR
    from model_training.records import write_record

    out, models_dir = Path(out), Path(models_dir or DEFAULT_MODELS_DIR)
    run_root, results = out / "runs", out / "results"
    codes = run_concurrently(fold_commands(configs, folds, device, minutes, run_root, results, shared, models_dir,
                                           overrides or []), out / "logs")
    summary: dict = {"exit_codes": codes, "oof": {}, "records": {}}
    scores = {}
    for name in configs:
        if any(code != 0 for run, code in codes.items() if run.startswith(f"{label(name)}-fold")):
            summary["oof"][name] = "a fold run failed: see logs/"
            continue
        try:
            result = evaluate_oof([run_root / label(name)], shared, label(name), tune=True, device=device,
                                  replicates=replicates)
        except Exception as error:  # noqa: BLE001 - recorded; the other configs are still scored and exported
            summary["oof"][name] = f"scoring failed: {type(error).__name__}: {error}"
            continue
        summary["records"][name] = str(write_record(result, results))
        scores[name] = result
        summary["oof"][name] = result["metrics"]
    if scores:
        chosen = summary["chosen"] = best_config(scores)
        summary["ablations"] = _evaluation_ablations(run_root / label(chosen), shared, label(chosen), device,
                                                     replicates, results, scores[chosen]["post"])
        if export:
            shipped = out / "models"
            shutil.copytree(models_dir, shipped, dirs_exist_ok=True)
            bone = BONE_MODEL if "bone_suppressed" in scores[chosen]["switches"]["inputs"] else None
            summary["pipeline"] = export_ensemble(fold_checkpoints(run_root / label(chosen)), shipped,
                                                  Path(summary["records"][chosen]), version, LUNG_MODEL, bone)
    (out / "campaign.json").write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
    return summary
