"""``cxr-train`` sub-commands that run a whole out-of-fold experiment in one call: ``campaign`` (several configs'
folds trained, scored and the best exported, within one GPU session), ``second-stage`` (the candidate classifier
trained nested in a stage-1 run root's folds) and ``second-stage-search`` (its post-processing searched). Each
prints one line or record per result; heavy imports happen in the handlers.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def _campaign(args: argparse.Namespace) -> int:
    from model_training.detection.campaign import run_campaign
    from model_training.jsrt import shared_root

    summary = run_campaign(args.configs, Path(args.out), shared_root(args.shared), args.device, args.minutes,
                           args.folds, args.set, Path(args.models_dir) if args.models_dir else None, args.version,
                           args.replicates, not args.no_export)
    print(json.dumps(summary, indent=2, default=str))
    return 0 if summary.get("chosen") else 1


def _print_results(results: list[dict]) -> None:
    """One line per scored variant: its FROC operating points, CPM and where its record went."""
    for result in results:
        metrics = result["metrics"]
        print(f"{result['label']}: sensitivity {metrics['0.25']:.3f} at 0.25 FP/image, {metrics['1']:.3f} at 1, "
              f"CPM {metrics['cpm']:.3f}; record {result['record_file']}")


def _second_stage(args: argparse.Namespace) -> int:
    from model_training.detection.second_stage.run import second_stage_oof, stage_one
    from model_training.detection.second_stage.settings import SecondStageSettings
    from model_training.jsrt import shared_root

    shared, root = shared_root(args.shared), Path(args.run_root)
    results, paired = second_stage_oof(stage_one(root, shared, args.lung_model), root, shared,
                                       SecondStageSettings(), Path(args.out),
                                       Path(args.results_dir) if args.results_dir else None, args.replicates,
                                       args.reuse)
    _print_results(results)
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
    _print_results(results)
    return 0


def register(commands) -> None:
    """Add ``campaign``, ``second-stage`` and ``second-stage-search`` to ``cxr-train``'s sub-parser collection."""
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
