"""``cxr-reader``: validate, plan, export, analyze and report reader studies from the command line, and the
coordinator's washout override.

Exit codes: 0 success, 2 invalid study or input (every problem printed), 1 other failures.

The sub-commands live in ``cxr_reader_study.commands`` (``analyze`` in ``stats.analyze_cli``, which also runs
alone); this module only assembles them, in the order ``--help`` lists them, and loads the study they share.
"""

from __future__ import annotations

import argparse
import sys

from cxr_viewer.closed_pipe import quiet_when_reader_closes
from cxr_reader_study.commands import demo_study, reads, study_design, washout
from cxr_reader_study.design.study_file import StudyError, load_study
from cxr_reader_study.storage.store import MissingDatabase, UnusableDatabase


def build_parser() -> argparse.ArgumentParser:
    from cxr_reader_study.stats import analyze_cli

    parser = argparse.ArgumentParser(prog="cxr-reader", description="Reader studies (research use only).")
    commands = parser.add_subparsers(dest="command", required=True)
    study_design.add_parsers(commands)
    reads.add_parsers(commands)
    washout.add_parser(commands)
    analyze_cli.add_parser(commands)
    demo_study.add_parser(commands)
    return parser


@quiet_when_reader_closes
def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "analyze":
        from cxr_reader_study.stats import analyze_cli

        return analyze_cli.run(args)
    if args.command == "demo":
        return demo_study.run(args)
    try:
        study = load_study(args.study, images_needed=args.images_needed)
    except StudyError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        return args.handler(study, args)
    except (MissingDatabase, UnusableDatabase) as error:
        print(f"cxr-reader {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
