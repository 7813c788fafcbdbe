"""``cxr-train`` sub-commands that train detector folds: ``detector``, ``hpo`` and ``keep-member`` (a finished fold's
copy to commit, which ``--resume`` still counts as finished). ``register`` also adds the other detector groups
(``campaign_commands``, ``evaluate_commands``, ``output_commands``) where ``cxr-train --help`` has always listed
them. Registered by ``model_training.cli``; heavy imports happen in handlers.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from model_training.detection import campaign_commands, evaluate_commands, output_commands


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
    """The named config with ``--set`` and then the shortcut options (``--epochs`` …) on top: a shortcut wins."""
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
    if not args.all_folds and not 0 <= args.fold < config["data"]["folds"]:  # a phantom fold would just be empty
        raise ValueError(f"--fold {args.fold}: must be in 0..{config['data']['folds'] - 1}")
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


def _common(parser: argparse.ArgumentParser) -> None:
    """The options ``detector`` and ``hpo`` share: both build their run config with :func:`_config`."""
    parser.add_argument("--config", default="detector", help="TOML file or a name in model_training/configs")
    parser.add_argument("--set", action="append", metavar="SECTION.KEY=VALUE",
                        help="config override, JSON value (true, 3, '\"time\"'); unknown keys are refused")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--shared", help="the team's shared folder (default $CXR_SHARED or ../shared)")
    from model_training.cli import SHORTCUTS

    for option, kind, text in SHORTCUTS:
        if option != "--fold":  # detector: its own --fold / --all-folds
            parser.add_argument(option, type=kind, help=text + " (wins over --set)")


def _keep_member(args: argparse.Namespace) -> int:
    from model_training.detection.keep import keep_member

    print(keep_member(Path(args.checkpoint), Path(args.destination)))
    return 0


def register(commands) -> None:
    """Add every detector sub-command to ``cxr-train``'s sub-parser collection, the groups interleaved so the
    help lists them in their long-standing order."""
    train = commands.add_parser("detector", help="train detector folds (or a pre-training objective)")
    _common(train)
    train.add_argument("--run-root", required=True, help="fold runs go to RUN_ROOT/fold<k>")
    train.add_argument("--fold", type=int, default=0, help="data.fold: the held-out fold trained around (0..folds-1)")
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
    campaign_commands.register(commands)
    keep = commands.add_parser("keep-member", help="a finished fold checkpoint → its weights-only copy (to commit)")
    keep.add_argument("checkpoint")
    keep.add_argument("destination", help="the file to write, e.g. KEPT_ROOT/fold<k>/checkpoint.pt")
    keep.set_defaults(handler=_keep_member)
    evaluate_commands.register(commands)
    output_commands.register(commands)
