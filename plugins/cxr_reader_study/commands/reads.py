"""``cxr-reader status``, ``export`` and ``report``: what the reads database holds, read-only (a copy taken at
open: the file and its folder are left exactly as they were, so an archived study can be reported on).

The results modules load lazily, in their command, so that ``--help`` and the other commands stay quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cxr_reader_study.commands.study_command import add_database_option, add_study_command, reads_database
from cxr_reader_study.design.model import Study


def status(study: Study, args: argparse.Namespace) -> int:
    from cxr_reader_study.results.closings import closing_lines
    from cxr_reader_study.results.progress import progress_lines
    from cxr_reader_study.storage.network_policy import location_warning

    store = reads_database(study, args)
    warning = location_warning(store.path)  # whatever the stations' override: the coordinator should know
    print("\n".join(([f"warning: {warning}"] if warning else []) + progress_lines(study, store)
                     + closing_lines(store)))
    return 0


def export(study: Study, args: argparse.Namespace) -> int:
    from cxr_reader_study.results.completeness import export_note
    from cxr_reader_study.results.dataset_builder import NoReadsInPhase
    from cxr_reader_study.results.export import ExportError, export_ratings
    from cxr_reader_study.results.overrides import override_note
    from cxr_reader_study.results.scoring import removed_case_note

    store = reads_database(study, args)
    try:
        count = export_ratings(study, store, Path(args.out), args.acceptance_radius, args.phase, args.format)
    except (ExportError, NoReadsInPhase) as error:
        print(f"cxr-reader export: {error}", file=sys.stderr)
        return 2
    from cxr_reader_study.results.film_spacing import scoring_films

    for note in (export_note(study, store), removed_case_note(study, store), override_note(study, store),
                 *scoring_films(study, store).notes):
        if note:
            print(f"note: {note}")
    if args.format == "reads":
        print(f"wrote {count} reads (first and final answers, with their times) to {args.out} (reads format)")
        return 0
    what = "marks" if study.task.value == "froc" else "ratings"
    print(f"wrote {count} {args.phase}-read {what} to {args.out} ({args.format} format)")
    return 0


def report(study: Study, args: argparse.Namespace) -> int:
    from cxr_reader_study.results.report import build_report

    from cxr_reader_study.formats.table import FormatError
    from cxr_reader_study.reading.ai_findings import FindingsError

    try:
        built = build_report(study, reads_database(study, args), Path(args.out),
                             args.acceptance_radius, args.ai_ratings)
    except (FormatError, FindingsError) as error:
        print(f"cxr-reader report: {error}", file=sys.stderr)
        return 2
    for note in built.notes:
        print(f"note: {note}")
    for line in built.summary:
        print(line)
    print(f"wrote {len(built.files)} files to {built.folder} (open report.html)")
    return 0


def _add_scoring_options(sub: argparse.ArgumentParser) -> None:
    """Export and report score FROC marks against the lesions the same way."""
    sub.add_argument("--out", required=True, help="output CSV (export) or folder (report)")
    sub.add_argument("--acceptance-radius", type=float, default=1.0,
                     help="a mark hits a lesion within this many lesion radii (FROC)")


def add_parsers(commands: argparse._SubParsersAction) -> None:
    add_database_option(add_study_command(commands, "status", status,
                                          "show each reader's progress, washout dates and overrides, and the study's closings",
                                          images_needed=False))
    sub = add_study_command(commands, "export", export,
                            "write the reads as long CSV, iMRMC input or JAFROC workbook", images_needed=False)
    add_database_option(sub)
    _add_scoring_options(sub)
    sub.add_argument("--phase", choices=("final", "first"), default="final",
                     help="final answers (default) or the unaided first answers of aided-second-read")
    sub.add_argument("--format", choices=("long", "imrmc", "jafroc", "reads"), default="long",
                     help="long CSV (default), iMRMC input file, RJafroc's JAFROC .xlsx, or a CSV of every read "
                          "(both phases) with its times")
    sub = add_study_command(commands, "report", report, "write Table 1, curves, timing and MRMC results",
                            images_needed=False)
    add_database_option(sub)
    _add_scoring_options(sub)
    sub.add_argument("--ai-ratings", type=Path, metavar="AI.csv",
                     help="per-case AI scores (case,rating) for the standalone-AI comparison "
                          "(default: the study's AI findings, max score per case)")
