"""``cxr-train`` sub-commands that turn scored detector runs into what is shipped and published: ``export-ensemble``
(ONNX members and the manifest pipeline), ``ablation-table``, ``model-card``, and for the installed engine's
``cxr-ai`` report ``score-detections`` (its FROC record) and ``failure-figure``. Scoring the fold runs themselves is
``evaluate_commands``; heavy imports happen in the handlers.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def _export_ensemble(args: argparse.Namespace) -> int:
    from model_training.detection.export import export_ensemble
    from model_training.detection.oof import fold_checkpoints
    from model_training.export import DEFAULT_MODELS_DIR

    checkpoints = [Path(p) for p in args.checkpoint] if args.checkpoint else fold_checkpoints(Path(args.run_root))
    pipeline = export_ensemble(checkpoints, Path(args.models_dir or DEFAULT_MODELS_DIR), Path(args.oof_record),
                               args.version, args.lung_model, args.bone_model, args.prefix,
                               tta=args.tta.split(",") if args.tta else None, trained_on=args.trained_on,
                               classifiers=Path(args.classifiers) if args.classifiers else None,
                               float16_weights=args.float16_weights)
    print(json.dumps(pipeline, indent=2))
    return 0


def _ablation_table(args: argparse.Namespace) -> int:
    from model_training.detection.report import ablation_table

    table = ablation_table([Path(p) for p in args.results])
    if args.out:
        Path(args.out).write_text(table, encoding="utf-8")
    print(table)
    return 0


def _model_card(args: argparse.Namespace) -> int:
    from model_training.detection.model_card import write_model_card

    models_dir = Path(args.models) if args.models else None
    print(write_model_card([Path(p) for p in args.results], Path(args.out), models_dir))
    return 0


def _score_detections(args: argparse.Namespace) -> int:
    from model_training.detection.report import froc_report
    from model_training.detection.score_detections import score_report
    from model_training.jsrt import shared_root
    from model_training.records import write_record

    result = score_report(Path(args.report), shared_root(args.shared), args.evaluate_on_test, args.replicates)
    path = write_record(result, Path(args.results_dir) if args.results_dir else None)
    print(froc_report(result) + f"\nrecord: {path}")
    return 0


def _failure_figure(args: argparse.Namespace) -> int:
    from model_training.detection.failure_figure import failure_figure
    from model_training.jsrt import shared_root

    print(failure_figure(Path(args.report), shared_root(args.shared), Path(args.out), args.evaluate_on_test))
    return 0


def register(commands) -> None:
    """Add the output sub-commands to ``cxr-train``'s sub-parser collection."""
    export = commands.add_parser("export-ensemble", help="fold checkpoints → ONNX members + manifest pipeline")
    export.add_argument("run_root", nargs="?", help="its fold*/checkpoint.pt become the members")
    export.add_argument("--checkpoint", action="append", help="explicit member checkpoints instead of RUN_ROOT")
    export.add_argument("--oof-record", required=True, help="the `evaluate detector --tune` record JSON")
    export.add_argument("--lung-model", required=True, help="manifest name of the installed lung model")
    export.add_argument("--bone-model", help="manifest name of the installed bone model (optional stage)")
    export.add_argument("--models-dir", help="default resources/models")
    export.add_argument("--version", default="0.1.0")
    export.add_argument("--prefix", default="nodule-det")
    export.add_argument("--tta", help="comma list (default: the OOF record's)")
    export.add_argument("--classifiers", help="a `cxr-train second-stage` folder: adds the candidate classifier "
                        "stage (the record must be that run's combined-score record)")
    export.add_argument("--float16-weights", action="store_true", help="store the weights as float16 (half the "
                        "file size; computed in float32): more members fit the models budget")
    export.add_argument("--trained-on", help="training hardware for checkpoints that do not record it (e.g. cpu)")
    export.set_defaults(handler=_export_ensemble)
    table = commands.add_parser("ablation-table", help="markdown ablation table over detector result JSONs")
    table.add_argument("results", nargs="+")
    table.add_argument("--out")
    table.set_defaults(handler=_ablation_table)
    card = commands.add_parser("model-card", help="write a model card from detector result JSONs")
    card.add_argument("results", nargs="+", help="out-of-fold records, at most one test evaluation (the engine's "
                      "test record or the cli-report of the test split), and paired comparison records")
    card.add_argument("--out", default="docs/MODEL_CARD.md")
    card.add_argument("--models", help="describe the ensemble installed in this models folder (its manifest)")
    card.set_defaults(handler=_model_card)
    score = commands.add_parser("score-detections", help="FROC of a `cxr-ai detect --operating-point all` report")
    score.add_argument("report", help="the cxr-ai results JSON (images named <JSRT case id>.jpg)")
    score.add_argument("--shared", help="the team's shared folder (default $CXR_SHARED or ../shared)")
    score.add_argument("--evaluate-on-test", action="store_true", help="the report holds the JSRT test split")
    score.add_argument("--replicates", type=int, default=1000, help="bootstrap replicates for the 95%% CIs")
    score.add_argument("--results-dir")
    score.set_defaults(handler=_score_detections)
    figure = commands.add_parser("failure-figure", help="worst misses and false positives of a cxr-ai report (PNG)")
    figure.add_argument("report", help="the cxr-ai results JSON (--operating-point all, images <case id>.jpg)")
    figure.add_argument("--out", default="docs/img/detector_failures.png")
    figure.add_argument("--shared", help="the team's shared folder (default $CXR_SHARED or ../shared)")
    figure.add_argument("--evaluate-on-test", action="store_true", help="the report holds the JSRT test split")
    figure.set_defaults(handler=_failure_figure)
