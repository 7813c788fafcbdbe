"""``cxr-index verify`` and ``cxr-index forget-missing``: indexed files that are gone, listed or forgotten.

Both run one complete check first. An interrupted check lists and forgets nothing (``maintenance.verify`` raises
rather than hand back a partial list), since a partial list looks like a whole one and forgetting must never act
on a check that did not look at every file. Only index entries go; the files themselves are never touched.
"""

from __future__ import annotations

import argparse
import sys

from cxr_viewer.index.cli_terminal import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    ProgressLine,
    count,
    interruptible,
)
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.maintenance import MissingFile, VerifyCancelled, forget_missing, verify
from cxr_viewer.index.walk import shown_path


def add_missing_commands(commands: argparse._SubParsersAction) -> None:
    """The ``verify`` and ``forget-missing`` sub-commands; both need an existing index (they never create one)."""
    listing = commands.add_parser(
        "verify", help="list indexed files that were moved, deleted, became unreadable or were replaced by another image"
    )
    listing.set_defaults(run=run_verify, creates_index=False, writes_index=False)
    forgetting = commands.add_parser(
        "forget-missing", help="remove the entries of indexed files that are gone (files are not touched)"
    )
    forgetting.set_defaults(run=run_forget_missing, creates_index=False, writes_index=True)
    for command in (listing, forgetting):
        command.add_argument(
            "--thorough", action="store_true",
            help="re-read every DICOM file's SOP Instance UID, to find files replaced by another image of the same "
            "size and modification time, and compare the SHA-256 of files imported with --hash (slower: reads each "
            "header, and each hashed file whole; by default only files whose size or time changed are read)",
        )  # fmt: skip


def run_verify(index: StudyIndex, args: argparse.Namespace) -> int:
    """List the missing files; 3 when there are any, so a script can tell a clean index from one that needs care."""
    missing = _check(index, args.thorough)
    if missing is None:
        return EXIT_INTERRUPTED
    for entry in missing:
        print(f"{shown_path(entry.path)}: {entry.reason}")
    total = _instance_count(index)
    if not missing:
        print(f"{count(total, 'indexed file')}, all in place (index: {shown_path(index.db_path)})")
        return EXIT_OK
    print(
        f"{len(missing)} of {total} indexed files are missing or replaced (index: {shown_path(index.db_path)});"
        " re-import the new folder of those that moved; run `cxr-index forget-missing` (with the same options) to"
        " remove the entries, then import the folder of those that were replaced"
    )
    return EXIT_PROBLEMS


def run_forget_missing(index: StudyIndex, args: argparse.Namespace) -> int:
    """Remove the entries of the missing files: on a terminal the command itself is the user's consent."""
    missing = _check(index, args.thorough)
    if missing is None:
        return EXIT_INTERRUPTED
    removed = forget_missing(index, missing)
    for entry in missing:
        print(f"forgot {shown_path(entry.path)}: {entry.reason}")
    left = count(_instance_count(index), "indexed file")
    print(
        f"removed {count(removed, 'index entry', 'index entries')} of missing files, {left} left"
        f" (index: {shown_path(index.db_path)}); no file was deleted"
    )
    return EXIT_OK


def _check(index: StudyIndex, thorough: bool) -> list[MissingFile] | None:
    """Every missing file, with a progress line on a terminal; None (and a note) when Ctrl+C stopped the check."""
    progress = ProgressLine("checking") if sys.stderr.isatty() else None
    stopped: VerifyCancelled | None = None
    try:
        with interruptible() as interrupted:
            missing = verify(index, progress, interrupted, thorough=thorough)
    except VerifyCancelled as exc:
        stopped = exc
    finally:
        if progress is not None:
            progress.finish()
    if stopped is not None:
        print(f"interrupted after checking {stopped.checked} of {stopped.total} indexed files: nothing listed, nothing"
              " forgotten", file=sys.stderr)
        return None
    return missing


def _instance_count(index: StudyIndex) -> int:
    return int(index.connection.execute("SELECT COUNT(*) FROM instance").fetchone()[0])
