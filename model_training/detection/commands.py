"""``cxr-train`` sub-commands that train the detector (``detector``, ``hpo``); the commands that evaluate, export
and report live in ``output_commands``. Registered by ``model_training.cli``; heavy imports happen in handlers.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from model_training.detection import output_commands


def parse_overrides(items: list[str] | None) -> dict:
    """``section.key=value`` pairs (value as JSON, else a string) → a nested override dict."""
    overrides: dict = {}
    for item in items or []:
        key, separator, text = item.partition("=")
        section, dot, name = key.partition(".")
        if not separator or not dot:
            raise ValueError(f"--set {item!r}: expected section.key=value")
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            value = text
        overrides.setdefault(section, {})[name] = value
    return overrides


def _config(args: argparse.Namespace) -> dict:
    from model_training.detection.settings import load_detector_config

    overrides = parse_overrides(args.set)
    for key, section in (("epochs", "run"), ("seed", "run"), ("max_minutes", "run"), ("size", "data"),
                         ("max_cases", "data")):
        if getattr(args, key, None) is not None:
            overrides.setdefault(section, {})[key] = getattr(args, key)
    if getattr(args, "pretrain", None):
        overrides.setdefault("pretrain", {})["mode"] = args.pretrain
    return load_detector_config(args.config, overrides)


def _finished(state: dict, config: dict) -> bool:
    """Reached the configured epochs (raising run.epochs continues a run), or a timed run that spent its budget:
    its epochs are only a cap and it cannot resume."""
    timed_out = state["config"]["run"].get("schedule") == "time" and state.get("finished", False)
    return timed_out or state["epoch"] + 1 >= config["run"]["epochs"]


def _train(args: argparse.Namespace) -> int:
    import torch

    from model_training.config import merge
    from model_training.detection.train import train_detector
    from model_training.jsrt import shared_root

    config, started = _config(args), time.monotonic()
    folds = range(config["data"]["folds"]) if args.all_folds else [args.fold]
    summary = {}
    for fold in folds:
        run_dir = Path(args.run_root) / f"fold{fold}"
        checkpoint = run_dir / "checkpoint.pt"
        if args.resume and checkpoint.exists() and _finished(torch.load(checkpoint, weights_only=False), config):
            summary[f"fold{fold}"] = "already finished"
            continue
        left = config["run"]["max_minutes"] - (time.monotonic() - started) / 60
        if left <= 0:
            summary[f"fold{fold}"] = "not started (time budget spent; run again with --resume)"
            continue
        fold_config = merge(config, {"data": {"fold": fold}, "run": {"max_minutes": left}})
        if args.init_root:
            fold_config["pretrain"]["checkpoint"] = str(Path(args.init_root) / f"fold{fold}" / "checkpoint.pt")
        record = train_detector(fold_config, run_dir, args.device, args.resume, shared_root(args.shared),
                                Path(args.results_dir) if args.results_dir else None)
        summary[f"fold{fold}"] = {key: record[key] for key in ("epochs_done", "finished", "seconds", "metrics")} | {
            "record": record["record_file"]}
    print(json.dumps(summary, indent=2))
    return 0


def _hpo(args: argparse.Namespace) -> int:
    from model_training.hpo import run_search
    from model_training.jsrt import shared_root

    print(json.dumps(run_search(_config(args), Path(args.out), args.trials, shared_root(args.shared), args.device,
                                args.seed or 0), indent=2))
    return 0


def _campaign(args: argparse.Namespace) -> int:
    from model_training.detection.campaign import run_campaign
    from model_training.jsrt import shared_root

    summary = run_campaign(args.configs, Path(args.out), shared_root(args.shared), args.device, args.minutes,
                           args.folds, args.set, Path(args.models_dir) if args.models_dir else None, args.version,
                           args.replicates, not args.no_export)
    print(json.dumps(summary, indent=2, default=str))
    return 0 if summary.get("chosen") else 1


def _second_stage(args: argparse.Namespace) -> int:
    from model_training.detection.second_stage.run import second_stage_oof, stage_one
    from model_training.detection.second_stage.settings import SecondStageSettings
    from model_training.jsrt import shared_root

    shared, root = shared_root(args.shared), Path(args.run_root)
    results, paired = second_stage_oof(stage_one(root, shared, args.lung_model), root, shared,
                                       SecondStageSettings(), Path(args.out),
                                       Path(args.results_dir) if args.results_dir else None, args.replicates,
                                       args.reuse)
    for result in results:
        metrics = result["metrics"]
        print(f"{result['label']}: sensitivity {metrics['0.25']:.3f} at 0.25 FP/image, {metrics['1']:.3f} at 1, "
              f"CPM {metrics['cpm']:.3f}; record {result['record_file']}")
    low, high = paired["ci95"]["cpm"]
    print(f"paired, combined against stage 1: CPM {paired['difference']['cpm']:+.3f} [{low:+.3f}, {high:+.3f}]; "
          f"record {paired['record_file']}")
    return 0


def _second_stage_search(args: argparse.Namespace) -> int:
    from model_training.detection.second_stage.run import stage_one
    from model_training.detection.second_stage.search_run import run_search
    from model_training.jsrt import shared_root

    shared, root = shared_root(args.shared), Path(args.run_root)
    results = run_search(stage_one(root, shared, args.lung_model), root, shared, Path(args.classifiers), args.trials,
                         args.seed, Path(args.results_dir) if args.results_dir else None, args.replicates)
    for result in results:
        metrics = result["metrics"]
        print(f"{result['label']}: sensitivity {metrics['0.25']:.3f} at 0.25 FP/image, {metrics['1']:.3f} at 1, "
              f"CPM {metrics['cpm']:.3f}; record {result['record_file']}")
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default="detector", help="TOML file or a name in model_training/configs")
    parser.add_argument("--set", action="append", metavar="SECTION.KEY=VALUE", help="config override (JSON value)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--shared", help="the team's shared folder (default $CXR_SHARED or ../shared)")
    for option, kind in (("--epochs", int), ("--seed", int), ("--max-minutes", float), ("--size", int),
                         ("--max-cases", int)):
        parser.add_argument(option, type=kind)


def _keep_member(args: argparse.Namespace) -> int:
    from model_training.detection.keep import keep_member

    print(keep_member(Path(args.checkpoint), Path(args.destination)))
    return 0


def register(commands) -> None:
    """Add the detector sub-commands to ``cxr-train``'s sub-parser collection."""
    train = commands.add_parser("detector", help="train detector folds (or a pre-training objective)")
    _common(train)
    train.add_argument("--run-root", required=True, help="fold runs go to RUN_ROOT/fold<k>")
    train.add_argument("--fold", type=int, default=0)
    train.add_argument("--all-folds", action="store_true", help="train every fold in turn (resumable)")
    train.add_argument("--resume", action="store_true")
    train.add_argument("--pretrain", choices=("lung", "denoise", "masked", "phantom"), help="pre-training run")
    train.add_argument("--init-root", help="start each fold from INIT_ROOT/fold<k>/checkpoint.pt (pre-trained)")
    train.add_argument("--results-dir")
    train.set_defaults(handler=_train)
    hpo = commands.add_parser("hpo", help="Optuna TPE search over the detector folds (resumable)")
    _common(hpo)
    hpo.add_argument("--out", required=True)
    hpo.add_argument("--trials", type=int, default=10)
    hpo.set_defaults(handler=_hpo)
    campaign = commands.add_parser("campaign", help="train several configs' folds at once, score them out of "
                                   "fold, export the best (one GPU call)")
    campaign.add_argument("--configs", nargs="+", required=True, help="config names or TOML files")
    campaign.add_argument("--out", required=True, help="runs/, results/, logs/, models/ and campaign.json go here")
    campaign.add_argument("--set", action="append", metavar="SECTION.KEY=VALUE", help="override for every run")
    campaign.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    campaign.add_argument("--shared", help="the team's shared folder (default $CXR_SHARED or ../shared)")
    campaign.add_argument("--minutes", type=float, default=6.0, help="training time budget of each fold run")
    campaign.add_argument("--folds", type=int, default=5)
    campaign.add_argument("--models-dir", help="installed lung/bone models (default resources/models)")
    campaign.add_argument("--version", default="0.1.0", help="version of the exported ensemble")
    campaign.add_argument("--replicates", type=int, default=1000, help="bootstrap replicates for the 95%% CIs")
    campaign.add_argument("--no-export", action="store_true", help="score only")
    campaign.set_defaults(handler=_campaign)
    second = commands.add_parser("second-stage", help="train the candidate classifier nested in a stage-1 run "
                                 "root's folds and score it out of fold")
    second.add_argument("run_root", help="stage 1's fold members (fold<k>/checkpoint.pt)")
    second.add_argument("--out", required=True, help="the fold classifiers go to OUT/fold<k>/classifier.pt")
    second.add_argument("--lung-model", help="lung ONNX file for stage 1's lung-field FP reduction")
    second.add_argument("--shared", help="the team's shared folder (default $CXR_SHARED or ../shared)")
    second.add_argument("--results-dir", help="where the three records go (default model_training/results)")
    second.add_argument("--replicates", type=int, default=1000, help="bootstrap replicates for the 95%% CIs")
    second.add_argument("--reuse", action="store_true", help="score with the classifiers already in OUT (an "
                        "earlier run's, same settings and films) instead of training them")
    second.set_defaults(handler=_second_stage)
    searched = commands.add_parser("second-stage-search", help="nested Optuna TPE search over the two-stage "
                                   "detector's post-processing and classifier weight, out of fold")
    searched.add_argument("run_root", help="stage 1's fold members (fold<k>/checkpoint.pt)")
    searched.add_argument("--classifiers", required=True,
                          help="a `cxr-train second-stage` folder (fold<k>/classifier.pt)")
    searched.add_argument("--lung-model", help="lung ONNX file for stage 1's lung-field FP reduction")
    searched.add_argument("--shared", help="the team's shared folder (default $CXR_SHARED or ../shared)")
    searched.add_argument("--trials", type=int, default=40, help="TPE trials per study (six studies)")
    searched.add_argument("--seed", type=int, default=0)
    searched.add_argument("--results-dir", help="where the two records go (default model_training/results)")
    searched.add_argument("--replicates", type=int, default=1000, help="bootstrap replicates for the 95%% CIs")
    searched.set_defaults(handler=_second_stage_search)
    keep = commands.add_parser("keep-member", help="a finished fold checkpoint → its weights-only copy (to commit)")
    keep.add_argument("checkpoint")
    keep.add_argument("destination", help="the file to write, e.g. KEPT_ROOT/fold<k>/checkpoint.pt")
    keep.set_defaults(handler=_keep_member)
    output_commands.register(commands)
