"""``cxr-reader demo``: write a small synthetic study to try the workflow on (no study file needed)."""

from __future__ import annotations

import argparse
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from cxr_reader_study.demo import write_demo_study

    study = write_demo_study(Path(args.folder), n_normal=args.cases, n_abnormal=args.cases, readers=args.readers,
                             task=args.task, arms=tuple(args.arms.split(",")))
    print(f"wrote a demo study to {study}; try: cxr-reader plan {study}")
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="write a small synthetic study to try the workflow")
    demo.add_argument("folder")
    demo.add_argument("--task", choices=("roc", "froc"), default="roc")
    demo.add_argument("--cases", type=int, default=12, help="normal and as many abnormal cases (default 12)")
    demo.add_argument("--readers", type=int, default=4, help="readers, alternately radiologist (default 4)")
    demo.add_argument("--arms", default="unaided,aided",
                      help="comma-separated arms (unaided, aided, aided-second-read); default unaided,aided")
