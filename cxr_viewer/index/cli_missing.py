"""``cxr-index verify`` and ``cxr-index forget-missing``: indexed files that are gone, listed or forgotten.

Both run one complete check first. An interrupted check lists and forgets nothing (``maintenance.verify`` raises
rather than hand back a partial list), since a partial list looks like a whole one and forgetting must never act
on a check that did not look at every file. Only index entries go; the files themselves are never touched.

Each file found is one stdout line ``KIND<TAB>PATH<TAB>REASON`` (``forget-missing``: ``forgot<TAB>KIND<TAB>...``),
so a script can pick a kind (``awk -F'\t' '$1 == "replaced" {print $2}'``) without parsing the reason, which
holds colons as paths do; a summary line counts the files by kind, then one line of advice per kind found, since
each asks for something else (look for a missing file, re-import a replaced one, check the disk for an
unreadable one). Printed "PATH: REASON" only, a replaced file read as lost.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from cxr_viewer.index.cli_terminal import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    ProgressLine,
    count,
    interruptible,
)
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.maintenance import MISSING, MissingFile, VerifyCancelled, forget_missing, verify
from cxr_viewer.index.path_text import shown_path
from cxr_viewer.index.replaced import CHANGED, REPLACED, UNREADABLE

KINDS = (MISSING, REPLACED, CHANGED, UNREADABLE)  # the order the summary counts them in
ADVICE = {
    MISSING: "missing files: import the new folder of those that moved (their entries are updated); connect the "
    "drive or share of those on one; `cxr-index forget-missing` (with the same options) removes the entries of "
    "those deleted",
    REPLACED: "replaced files hold another image now: run `cxr-index forget-missing` (with the same options), then "
    "import their folders again",
    CHANGED: "changed files differ from what was imported with --hash: they may be damaged, or were rewritten "
    "(then forget their entries and import their folders again)",
    UNREADABLE: "unreadable files are there but cannot be read: check their permissions and the disk or share "
    "they are on",
}


def add_missing_commands(commands: argparse._SubParsersAction) -> None:
    """The ``verify`` and ``forget-missing`` sub-commands; both need an existing index (they never create one)."""
    listing = commands.add_parser(
        "verify", help="list indexed files that were moved, deleted, became unreadable or were replaced by another image",
        description="List the indexed files that are no longer as imported, one per line as KIND<TAB>PATH<TAB>REASON "
        "(KIND: missing, replaced, changed or unreadable), then a line counting them by kind and what to do about "
        "each kind. Exit status 0 when every file is in place, 3 when some are listed.",
    )
    listing.set_defaults(run=run_verify, creates_index=False, writes_index=False)
    forgetting = commands.add_parser(
        "forget-missing", help="remove the entries of the files verify lists (the files themselves are not touched)",
        description="Check as `verify` does, then remove the entries of every file it lists (missing, replaced, "
        "changed or unreadable), one line each as forgot<TAB>KIND<TAB>PATH<TAB>REASON. The files themselves are "
        "never touched; import a folder again to index what it holds now.",
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
        print(_line(entry))
    total = _instance_count(index)
    if not missing:
        print(f"{count(total, 'indexed file')}, all in place (index: {shown_path(index.db_path)})")
        return EXIT_OK
    print(f"{len(missing)} of {count(total, 'indexed file')} need attention: {by_kind(missing)}"
          f" (index: {shown_path(index.db_path)})")
    for kind in _kinds(missing):
        print(ADVICE.get(kind, f"{kind} files: see the reasons above"))
    return EXIT_PROBLEMS


def run_forget_missing(index: StudyIndex, args: argparse.Namespace) -> int:
    """Remove the entries of the missing files: on a terminal the command itself is the user's consent."""
    missing = _check(index, args.thorough)
    if missing is None:
        return EXIT_INTERRUPTED
    removed = forget_missing(index, missing)
    for entry in missing:
        print(f"forgot\t{_line(entry)}")
    left = count(_instance_count(index), "indexed file")
    found = f" (found {by_kind(missing)})" if missing else ""
    print(
        f"removed {count(removed, 'index entry', 'index entries')}{found}, {left} left"
        f" (index: {shown_path(index.db_path)}); no file was deleted"
    )
    return EXIT_OK


def by_kind(missing: list[MissingFile]) -> str:
    """The files found counted by kind, in :data:`KINDS` order: "2 missing, 1 replaced"."""
    counts = Counter(entry.kind for entry in missing)
    return ", ".join(f"{counts[kind]} {kind}" for kind in _kinds(missing))


def _kinds(missing: list[MissingFile]) -> list[str]:
    found = {entry.kind for entry in missing}
    return sorted(found, key=lambda kind: KINDS.index(kind) if kind in KINDS else len(KINDS))


def _line(entry: MissingFile) -> str:
    """``KIND<TAB>PATH<TAB>REASON``: a tab or line break in the path is escaped, so the columns always hold."""
    path = shown_path(entry.path).replace("\t", "\\t").replace("\n", "\\n")
    return f"{entry.kind}\t{path}\t{entry.reason}"


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
