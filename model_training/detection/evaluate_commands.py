"""``cxr-train`` sub-commands that score detector fold runs out of fold: ``evaluate detector`` (OOF, or the test
split once at the end) and ``compare-detectors`` (two runs paired on the same films). ``model_training.cli`` owns
the ``evaluate`` parser and adds the detector options here; heavy imports happen in the handlers.
"""

from __future__ import annotations

import argparse
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
    """The detector's options of ``cxr-train evaluate``, in a group of their own: lung and bone share the parser."""
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


def register(commands) -> None:
    """Add ``compare-detectors`` to ``cxr-train``'s sub-parser collection."""
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
