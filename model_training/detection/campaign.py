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
from pathlib import Path

LUNG_MODEL, BONE_MODEL = "lung_unet", "bone_suppression"


def label(config: str) -> str:
    """A config's name for folders and logs (``detector_512`` or ``path/to/mine.toml`` → ``mine``)."""
    return Path(config).stem


def fold_commands(configs: list[str], folds: int, device: str, minutes: float, run_root: Path, results: Path,
                  shared: Path, models_dir: Path, overrides: list[str]) -> list[tuple[str, list[str]]]:
    """(log name, argv) per fold run; every run is given the installed lung and bone models' paths."""
    model_paths = [f'detector.lung_model="{models_dir / (LUNG_MODEL + ".onnx")}"',
                   f'detector.bone_model="{models_dir / (BONE_MODEL + ".onnx")}"']
    commands = []
    for name in configs:
        for fold in range(folds):
            argv = [sys.executable, "-m", "model_training", "detector", "--config", name, "--fold", str(fold),
                    "--device", device, "--max-minutes", str(minutes), "--run-root", str(run_root / label(name)),
                    "--results-dir", str(results), "--shared", str(shared), "--set", f"data.folds={folds}"]
            for item in model_paths + overrides:
                argv += ["--set", item]
            commands.append((f"{label(name)}-fold{fold}", argv))
    return commands


def run_concurrently(commands: list[tuple[str, list[str]]], logs: Path) -> dict[str, int]:
    """Start every command at once (the GPU has room for all), CPU threads shared out; exit code per run."""
    logs.mkdir(parents=True, exist_ok=True)
    threads = str(max(1, (os.cpu_count() or 1) // len(commands)))
    environment = os.environ | {"OMP_NUM_THREADS": threads, "MKL_NUM_THREADS": threads, "PYTHONUNBUFFERED": "1"}
    running = []
    for name, argv in commands:
        log = open(logs / f"{name}.log", "w", encoding="utf-8")  # noqa: SIM115 - closed after the wait below
        running.append((name, subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=environment), log))
    codes = {}
    for name, process, log in running:
        codes[name] = process.wait()
        log.close()
    return codes


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
