"""``cxr-reader``: validate, plan, export, analyze and report reader studies from the command line, and the
coordinator's washout override.

Exit codes: 0 success, 2 invalid study or input (every problem printed), 1 other failures.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime, timezone
from pathlib import Path

from cxr_reader_study.design.plan import reader_plan
from cxr_reader_study.design.study_file import StudyError, load_study
from cxr_reader_study.design.model import Study
from cxr_reader_study.storage.store import MissingDatabase, ReadStore


def _validate(study: Study, args: argparse.Namespace) -> int:
    training = len(study.training_cases)
    abnormal = sum(c.truth.value == "abnormal" for c in study.scored_cases)
    print(f"{study.path}: OK — {len(study.scored_cases)} scored cases ({abnormal} abnormal, "
          f"{len(study.scored_cases) - abnormal} normal), {training} training, {len(study.readers)} readers, "
          f"arms {', '.join(a.value for a in study.arms)}, task {study.task.value}, scale {study.scale.kind}")
    return 0


def _plan(study: Study, args: argparse.Namespace) -> int:
    for reader in study.readers:
        print(f"{reader.reader_id} ({reader.group})")
        for session in reader_plan(study, reader.reader_id):
            wait = f", after {study.washout_days:g}-day washout" if session.session_index else ""
            print(f"  session {session.session_index + 1}: {session.arm.value}{wait} (seed {session.seed})")
            print(f"    cases: {' '.join(session.case_order)}")
    return 0


def _store(study: Study, args: argparse.Namespace) -> ReadStore:
    """The reads database, never created here: a misspelt --database became a new, empty database before, and
    the report showed every AUC as 0.5 with exit status 0."""
    return ReadStore(args.database or study.database, create=False)


def _status(study: Study, args: argparse.Namespace) -> int:
    from cxr_reader_study.results.progress import progress_lines

    print("\n".join(progress_lines(study, _store(study, args))))
    return 0


def _override_washout(study: Study, args: argparse.Namespace) -> int:
    """The coordinator lets a reader start their next arm before the washout ends; who, when and why are
    committed to the study database, and the reader's next log-in opens the arm."""
    from cxr_reader_study.scheduling import OverrideRefused, grant_override, when

    try:
        record, wait = grant_override(study, _store(study, args), args.reader, args.reason, args.by,
                                      datetime.now(timezone.utc))
    except OverrideRefused as refused:
        print(f"cxr-reader override-washout: {refused}", file=sys.stderr)
        return 2
    print(f"washout overridden: reader {record.reader_id} may start arm '{record.arm}' at the next log-in "
          f"(the washout would have ended on {when(wait.ready_at)}); recorded by {record.granted_by} on "
          f"{when(record.granted_at)}: {record.reason}")
    return 0


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor the password database
        return "unknown"


def _export(study: Study, args: argparse.Namespace) -> int:
    from cxr_reader_study.results.dataset_builder import NoReadsInPhase
    from cxr_reader_study.results.export import ExportError, export_ratings
    from cxr_reader_study.results.overrides import override_note
    from cxr_reader_study.results.scoring import removed_case_note

    store = _store(study, args)
    try:
        count = export_ratings(study, store, Path(args.out), args.acceptance_radius, args.phase, args.format)
    except (ExportError, NoReadsInPhase) as error:
        print(f"cxr-reader export: {error}", file=sys.stderr)
        return 2
    for note in (removed_case_note(study, store), override_note(study, store)):
        if note:
            print(f"note: {note}")
    what = "marks" if study.task.value == "froc" else "ratings"
    print(f"wrote {count} {args.phase}-read {what} to {args.out} ({args.format} format)")
    return 0


def _report(study: Study, args: argparse.Namespace) -> int:
    from cxr_reader_study.results.report import build_report

    from cxr_reader_study.formats.table import FormatError
    from cxr_reader_study.reading.ai_findings import FindingsError

    try:
        report = build_report(study, _store(study, args), Path(args.out),
                              args.acceptance_radius, args.ai_ratings)
    except (FormatError, FindingsError) as error:
        print(f"cxr-reader report: {error}", file=sys.stderr)
        return 2
    for note in report.notes:
        print(f"note: {note}")
    print(f"wrote {len(report.files)} files to {report.folder} (open report.html)")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from cxr_reader_study.demo import write_demo_study

    study = write_demo_study(Path(args.folder), n_normal=args.cases, n_abnormal=args.cases, readers=args.readers,
                             task=args.task, arms=tuple(args.arms.split(",")))
    print(f"wrote a demo study to {study}; try: cxr-reader plan {study}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from cxr_reader_study.stats import analyze_cli

    parser = argparse.ArgumentParser(prog="cxr-reader", description="Reader studies (research use only).")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler, text in (("validate", _validate, "check a study file and its case list"),
                                ("plan", _plan, "show each reader's arm order and case order"),
                                ("status", _status, "show each reader's progress, washout dates and overrides"),
                                ("export", _export, "write the reads as long CSV, iMRMC input or JAFROC workbook"),
                                ("report", _report, "write Table 1, curves, timing and MRMC results"),
                                ("override-washout", _override_washout,
                                 "coordinator: let a reader start their next arm before the washout ends "
                                 "(recorded with who, when and why)")):
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("study", help="study file (TOML)")
        sub.set_defaults(handler=handler)
        if name in ("status", "export", "report", "override-washout"):
            sub.add_argument("--database", help="reads database (default: the study's)")
        if name == "override-washout":
            sub.add_argument("reader", help="reader id")
            sub.add_argument("--reason", required=True, help="why the washout is cut short (recorded)")
            sub.add_argument("--by", default=_login_name(),
                             help="who grants it (recorded; default: your login name)")
        if name in ("export", "report"):
            sub.add_argument("--out", required=True, help="output CSV (export) or folder (report)")
            sub.add_argument("--acceptance-radius", type=float, default=1.0,
                             help="a mark hits a lesion within this many lesion radii (FROC)")
        if name == "export":
            sub.add_argument("--phase", choices=("final", "first"), default="final",
                             help="final answers (default) or the unaided first answers of aided-second-read")
            sub.add_argument("--format", choices=("long", "imrmc", "jafroc"), default="long",
                             help="long CSV (default), iMRMC input file, or RJafroc's JAFROC .xlsx")
        if name == "report":
            sub.add_argument("--ai-ratings", type=Path, metavar="AI.csv",
                             help="per-case AI scores (case,rating) for the standalone-AI comparison "
                                  "(default: the study's AI findings, max score per case)")
    analyze_cli.add_parser(commands)
    demo = commands.add_parser("demo", help="write a small synthetic study to try the workflow")
    demo.add_argument("folder")
    demo.add_argument("--task", choices=("roc", "froc"), default="roc")
    demo.add_argument("--cases", type=int, default=12, help="normal and as many abnormal cases (default 12)")
    demo.add_argument("--readers", type=int, default=4, help="readers, alternately radiologist (default 4)")
    demo.add_argument("--arms", default="unaided,aided",
                      help="comma-separated arms (unaided, aided, aided-second-read); default unaided,aided")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "analyze":
        from cxr_reader_study.stats import analyze_cli

        return analyze_cli.run(args)
    if args.command == "demo":
        return _demo(args)
    try:
        study = load_study(args.study)
    except StudyError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        return args.handler(study, args)
    except MissingDatabase as error:
        print(f"cxr-reader {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
