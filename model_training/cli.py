"""``cxr-train``: train, evaluate and export the shipped models (lung segmentation, bone suppression, nodule
detector ensemble). Every run writes a JSON record (config, seed, git commit, device, history, metrics) to
model_training/results/ or --results-dir, also when stopped by its time budget, Ctrl+C or SIGTERM."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from cxr_viewer.closed_pipe import quiet_when_reader_closes, stdout_reader_gone


def _train(args: argparse.Namespace, task: str) -> int:
    from model_training.config import load_config
    from model_training.jsrt import shared_root
    from model_training.trainer import train

    from model_training.detection.commands import parse_overrides
    from model_training.config import merge

    overrides: dict = parse_overrides(args.set)
    if overrides.get("run", {}).get("task", task) != task:
        raise ValueError(f"--set run.task={overrides['run']['task']!r}: this is 'cxr-train {task}'")
    overrides = merge(overrides, {"run": {"task": task}})
    for key, section in (("epochs", "run"), ("seed", "run"), ("max_minutes", "run"), ("size", "data"),
                         ("fold", "data"), ("max_cases", "data")):
        if getattr(args, key) is not None:
            overrides.setdefault(section, {})[key] = getattr(args, key)
    config = load_config(args.config, overrides)
    run_dir = Path(args.run_dir or tempfile.mkdtemp(prefix=f"cxr-train-{task}-"))
    record = train(config, run_dir, args.device, args.resume, shared_root(args.shared),
                   Path(args.results_dir) if args.results_dir else None)
    print(json.dumps({key: record[key] for key in ("task", "epochs_done", "finished", "seconds", "metrics",
                                                   "checkpoint") } | {"record": record.get("record_file")}, indent=2))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from model_training import evaluate, jsrt
    from model_training.config import load_config
    from model_training.manifest_evaluations import record_evaluation
    from model_training.records import write_record

    if args.task == "detector":
        from model_training.detection.evaluate_commands import evaluate_detector

        return evaluate_detector(args)
    shared = jsrt.shared_root(args.shared)
    if args.task == "lung":
        masses = load_config("lung_masses")["masses"] if args.with_masses else None
        fold = 0 if args.fold is None else args.fold
        result = evaluate.evaluate_lung(Path(args.model), shared, args.evaluate_on_test, fold, masses=masses)
    else:
        result = evaluate.evaluate_bone(Path(args.model), shared if (shared / "data").is_dir() else None)
    path = write_record(result, Path(args.results_dir) if args.results_dir else None)
    split = result.get("split", "held-out phantom pairs and the real pairs")
    noted = record_evaluation(Path(args.model), split, result["metrics"], path)
    print(json.dumps({"metrics": result["metrics"], "record": str(path), "manifest_updated": noted} | (
        {"real_pairs": result["real_pairs"]} if "real_pairs" in result else {}), indent=2))
    return 0


def _export(args: argparse.Namespace) -> int:
    from model_training.export import DEFAULT_MODELS_DIR, export_checkpoint

    entry = export_checkpoint(Path(args.checkpoint), Path(args.models_dir or DEFAULT_MODELS_DIR), args.name,
                              args.version, Path(args.record) if args.record else None)
    print(json.dumps({key: entry[key] for key in ("name", "file", "sha256", "onnx_torch_max_abs_diff")}, indent=2))
    return 0


SHORTCUTS = (("--epochs", int, "run.epochs (a resume may raise it)"), ("--seed", int, "run.seed"),
             ("--max-minutes", float,
              "run.max_minutes: stop at the end of the epoch that passes it (record and checkpoint kept)"),
             ("--size", int, "data.size: the square canvas in pixels"),
             ("--fold", int, "data.fold: the held-out fold of train+val (0..folds-1)"),
             ("--max-cases", int, "data.max_cases: first N training and held-out cases (0 = all; smoke runs)"))
EPILOG = """configs: model_training/configs/*.toml (a name or a path; detector configs may 'extends' another);
--set SECTION.KEY=VALUE overrides one setting (JSON value: true, 3, 1e-3, '"text"'); unknown keys, wrong types
and out-of-range values are refused. The JSRT test split is refused unless --evaluate-on-test.
reproduce: docs/training.md (lung, bone), docs/detector.md "Commands" (detector); the installed detector's
whole test evaluation in one command: scripts/evaluate-detector [OUT_DIR]."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cxr-train", description=__doc__, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for task in ("lung", "bone"):
        sub = commands.add_parser(task, help=f"train the {task} model")
        sub.add_argument("--config", help="TOML file or a name in model_training/configs", default=task)
        sub.add_argument("--set", action="append", metavar="SECTION.KEY=VALUE",
                         help="config override, JSON value (true, 3, 1e-3); unknown keys are refused")
        sub.add_argument("--run-dir", help="checkpoint folder (default: a new temporary folder)")
        sub.add_argument("--resume", action="store_true", help="continue from RUN_DIR/checkpoint.pt")
        sub.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
        sub.add_argument("--shared", help="the team's shared folder (default $CXR_SHARED or ../shared)")
        sub.add_argument("--results-dir", help="where the run record goes (default model_training/results)")
        for option, kind, text in SHORTCUTS:
            sub.add_argument(option, type=kind, help=text)
        sub.set_defaults(handler=lambda args, task=task: _train(args, task))
    evaluate = commands.add_parser("evaluate", help="score an exported ONNX model")
    evaluate.add_argument("task", choices=("lung", "bone", "detector"))
    evaluate.add_argument("model", help="lung/bone: the .onnx file; detector: see below")
    evaluate.add_argument("--shared")
    evaluate.add_argument("--fold", type=int, help="lung: the fold whose held-out films are scored (default 0)")
    evaluate.add_argument("--evaluate-on-test", action="store_true", help="final numbers on the JSRT test split")
    evaluate.add_argument("--results-dir")
    evaluate.add_argument("--with-masses", action="store_true",
                          help="lung: insert dense masses (the lung_masses config's settings) into every film first")
    evaluate.set_defaults(handler=_evaluate)
    from model_training.detection import commands as detector_commands, evaluate_commands

    evaluate_commands.add_evaluate_options(evaluate)
    detector_commands.register(commands)
    export = commands.add_parser("export", help="checkpoint → ONNX + manifest entry")
    export.add_argument("checkpoint")
    export.add_argument("--name", required=True, help="manifest name (the shipped ones: lung_unet, bone_suppression)")
    export.add_argument("--version", default="0.1.0")
    export.add_argument("--models-dir", help="default resources/models")
    export.add_argument("--record", help="the run record JSON whose metrics the manifest cites")
    export.set_defaults(handler=_export)
    return parser


@quiet_when_reader_closes
def main(argv: list[str] | None = None) -> int:
    from model_training.interrupts import RunInterrupted

    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except RunInterrupted as stop:  # Ctrl+C or SIGTERM during training: the record of the epochs done is written
        print(f"cxr-train: {stop}", file=sys.stderr)
        return 130
    except (OSError, ValueError, PermissionError, RuntimeError) as error:
        if isinstance(error, BrokenPipeError) and stdout_reader_gone():
            raise  # `| head` stopped reading: no failure of the run, so no message; the entry ends quietly
        print(f"cxr-train: {error}", file=sys.stderr)
        return 2
