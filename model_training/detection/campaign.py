"""``cxr-train campaign``: one GPU call's detector work — every fold of several configs trained at once, each
scored out of fold with tuned post-processing, and the best exported as the shipped ensemble.

Why one command: a session gets 15 minutes of device time and each call pays for transfers, so training,
scoring, choosing and exporting must happen in one call that returns two archives. The choice is the highest
out-of-fold CPM, a rule fixed before any run; the test split plays no part (``evaluate --evaluate-on-test`` runs
later, once, on the exported ensemble). The fold runs themselves are started by
:mod:`model_training.detection.campaign_runs`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from model_training.detection.campaign_runs import BONE_MODEL, LUNG_MODEL, fold_commands, label, run_concurrently


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
