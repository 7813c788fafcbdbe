"""``cxr-train`` sub-commands that turn detector runs into results: ``evaluate detector`` (OOF or the test split),
``compare-detectors``, ``export-ensemble``, ``ablation-table``, ``model-card``, ``score-detections`` and
``failure-figure``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def evaluate_detector(args: argparse.Namespace) -> int:
    """``cxr-train evaluate detector RUN_ROOT`` (OOF) or ``MODELS_DIR --evaluate-on-test`` (final, once)."""
    from model_training.detection.evaluate import evaluate_oof, evaluate_test
    from model_training.detection.report import froc_report
    from model_training.jsrt import shared_root
    from model_training.records import write_record

    shared = shared_root(args.shared)
    if args.fold is not None:  # accepted by the parser for lung, and silently ignored here before
        raise ValueError("--fold is for the lung evaluation: a detector is scored on every fold of its run root "
                         "(--partial scores the folds present)")
    if args.evaluate_on_test and (args.tune or args.also):
        raise ValueError("--tune and --also are out-of-fold options: thresholds are never chosen on the test split")
    if args.evaluate_on_test:
        result = evaluate_test(Path(args.model), shared, True, args.replicates)
    else:
        post = {"lung_fp_reduction": False} if args.no_lung_fp_reduction else {}
        result = evaluate_oof([Path(args.model)] + [Path(p) for p in args.also or []], shared,
                              args.label or Path(args.model).name, args.tta.split(",") if args.tta else None,
                              post, args.tune, args.replicates, device=args.device, partial=args.partial,
                              lung_model=args.lung_model)
    path = write_record(result, Path(args.results_dir) if args.results_dir else None)
    report = froc_report(result)
    Path(args.report or path.with_suffix(".md")).write_text(report, encoding="utf-8")
    print(report + f"\nrecord: {path}")
    return 0


def add_evaluate_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("detector (MODEL = fold run root, or the models folder with --evaluate-on-test)")
    group.add_argument("--also", action="append", help="another run root on the same folds: averaged (ensemble OOF)")
    group.add_argument("--tune", action="store_true", help="choose post-processing and operating points on OOF")
    group.add_argument("--tta", help="comma list of identity,hflip (default: the training config's)")
    group.add_argument("--no-lung-fp-reduction", action="store_true")
    group.add_argument("--lung-model", help="lung ONNX file for the lung-field FP reduction (default: the folds' "
                       "training setting; \"\" = the reference masks)")
    group.add_argument("--replicates", type=int, default=1000, help="bootstrap replicates for the 95%% CIs")
    group.add_argument("--label", help="the ablation-table row name")
    group.add_argument("--partial", action="store_true", help="score the folds present only (smoke runs)")
    group.add_argument("--report", help="markdown report path (default: beside the record)")
    group.add_argument("--device", default="cpu", help="torch device for OOF prediction")


def _compare_detectors(args: argparse.Namespace) -> int:
    """Both run roots scored out of fold as `evaluate detector` scores them (untuned post-processing), then paired.

    B may be the same run root with one switch changed (``--tta-b``, ``--no-lung-fp-reduction-b``): that pairs
    the ablation rows of one ensemble. Maps are predicted once per (root, TTA).
    """
    from model_training.detection.candidates import image_marks
    from model_training.detection.oof import out_of_fold
    from model_training.detection.paired import paired_report, write_paired
    from model_training.jsrt import shared_root

    shared = shared_root(args.shared)
    tta_a = args.tta.split(",") if args.tta else None
    sides = [(Path(args.run_a), tta_a, {}),
             (Path(args.run_b or args.run_a), args.tta_b.split(",") if args.tta_b else tta_a,
              {"lung_fp_reduction": False} if args.no_lung_fp_reduction_b else {})]
    predicted, marks, settings = {}, [], []
    for root, tta, post_overrides in sides:
        key = (root.resolve(), tuple(tta or ()))
        if key not in predicted:
            predicted[key] = out_of_fold([root], shared, tta, args.device, args.partial, args.lung_model)
        predictions = predicted[key]
        post = predictions.config["post"] | post_overrides
        marks.append(image_marks(predictions.data, predictions.maps, predictions.lungs, post))
        settings.append({"run_root": str(root), "tta": tta or predictions.config["tta"], "post": post,
                         "lung_model": predictions.lung_model})
    if settings[0] == settings[1]:
        raise ValueError("A and B are the same detector at the same settings: give another run root or a B switch")
    header = {"label_a": args.label_a or Path(args.run_a).name,
              "label_b": args.label_b or Path(args.run_b or args.run_a).name, "partial": args.partial,
              "split": "train+val out-of-fold" + (" (PARTIAL: not every fold present)" if args.partial else ""),
              "settings_a": settings[0], "settings_b": settings[1]}
    result = write_paired(header, marks[0], marks[1], args.replicates,
                          Path(args.results_dir) if args.results_dir else None)
    print(paired_report(result) + f"\nrecord: {result['record_file']}")
    return 0


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
    compare = commands.add_parser("compare-detectors", help="two fold run roots on the same films: every FROC "
                                  "figure's difference A − B with a paired image bootstrap")
    compare.add_argument("run_a")
    compare.add_argument("run_b", nargs="?", help="default RUN_A, with a B switch below")
    compare.add_argument("--label-a")
    compare.add_argument("--label-b")
    compare.add_argument("--shared", help="the team's shared folder (default $CXR_SHARED or ../shared)")
    compare.add_argument("--tta", help="comma list of identity,hflip (default: each run's training config's)")
    compare.add_argument("--tta-b", help="B's TTA when it differs from A's (default --tta)")
    compare.add_argument("--no-lung-fp-reduction-b", action="store_true", help="B without lung-field FP reduction")
    compare.add_argument("--lung-model", help="lung ONNX file for the lung-field FP reduction (default: the folds' "
                         "training setting; \"\" = the reference masks)")
    compare.add_argument("--replicates", type=int, default=1000, help="paired bootstrap replicates")
    compare.add_argument("--partial", action="store_true", help="score the folds present only")
    compare.add_argument("--device", default="cpu", help="torch device for OOF prediction")
    compare.add_argument("--results-dir")
    compare.set_defaults(handler=_compare_detectors)
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
