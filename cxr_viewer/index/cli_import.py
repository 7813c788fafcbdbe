"""``cxr-index import PATH...``: index files, folders and DICOMDIRs from a terminal.

The import goes on past files it cannot read (each is printed on stderr with its reason, and the exit status says
some failed), and Ctrl+C stops it after the current file with what was read kept, so a long import of a CD or a
network share is never lost to one bad file or an impatient hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cxr_viewer.index.cli_terminal import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, ProgressLine, interruptible
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.image_headers import MIN_PLAIN_IMAGE_SIDE
from cxr_viewer.index.importer import ImportReport, ImportStopped, import_paths
from cxr_viewer.index.path_text import shown_path


def add_import_command(commands: argparse._SubParsersAction) -> None:
    """The ``import`` sub-command, its options and help; it may create the index."""
    add = commands.add_parser("import", help="index DICOM files and images under files, folders or DICOMDIRs")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                     help="a file, a folder (walked with its sub-folders) or a DICOMDIR")
    add.add_argument("--hash", action="store_true",
                     help="also store a SHA-256 of each file read, which `verify --thorough` compares (slower)")
    add.add_argument(
        "--min-image-size", type=int, default=MIN_PLAIN_IMAGE_SIDE, metavar="PX",
        help=f"PNG/JPEG files smaller than this on their shorter side are skipped as icons (default "
        f"{MIN_PLAIN_IMAGE_SIDE}; 0 imports them all)",
    )  # fmt: skip
    add.add_argument("-v", "--verbose", action="store_true", help="also list skipped files and duplicate copies")
    add.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    add.set_defaults(run=run_import, creates_index=True, writes_index=True)


def run_import(index: StudyIndex, args: argparse.Namespace) -> int:
    """Import ``args.paths``; 3 when some files could not be imported, 130 when Ctrl+C stopped it."""
    progress = None if args.quiet or not sys.stderr.isatty() else ProgressLine()
    try:
        with interruptible() as interrupted:
            report = import_paths(
                index, args.paths, progress=progress, cancelled=interrupted, hash_contents=args.hash,
                min_plain_side=max(args.min_image_size, 0), walking=None if progress is None else progress.walking,
            )  # fmt: skip
    except ImportStopped as stopped:  # the index could not be written: say what was done, then why it stopped
        _print_report(index, stopped.report, args.verbose, progress)
        raise
    _print_report(index, report, args.verbose, progress)
    if report.cancelled:
        return EXIT_INTERRUPTED
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def _print_report(index: StudyIndex, report: ImportReport, verbose: bool, progress: ProgressLine | None) -> None:
    """The failed files on stderr, ``-v``'s skipped files and duplicates, and the summary line."""
    if progress is not None:
        progress.finish()
    for path, reason in report.failed:
        print(f"not imported: {shown_path(path)}: {reason}", file=sys.stderr)
    if verbose:
        for path, reason in report.skipped:
            print(f"skipped: {shown_path(path)}: {reason}")
        for path, indexed in report.duplicates:
            print(f"duplicate: {shown_path(path)} is a copy of the indexed {shown_path(indexed)}")
    print(f"{report.summary()} (index: {shown_path(index.db_path)})")
