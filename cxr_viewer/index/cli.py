"""``cxr-index`` (also ``python -m cxr_viewer.index``): the study index from a terminal.

``import PATH...`` indexes files and folders, ``verify`` lists indexed files that are gone, ``forget-missing``
removes their entries (the files themselves are never touched). A console script of its own rather than
``cxr-viewer index ...``, because ``cxr-viewer index`` already means "open the file or folder named index".

Exit status: 0 done; 1 the index could not be opened or written (the message says why); 2 usage error;
3 done, but some files could not be imported (``import``) or some indexed files are missing (``verify``);
130 interrupted with Ctrl+C (an import keeps the files read until then; an interrupted ``verify`` or
``forget-missing`` lists and forgets nothing, since its check did not look at every file).
"""

from __future__ import annotations

import argparse
import signal
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cxr_viewer import __version__
from cxr_viewer.index.db import IndexVersionError, StudyIndex
from cxr_viewer.index.headers import MIN_PLAIN_IMAGE_SIDE
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.maintenance import MissingFile, VerifyCancelled, forget_missing, verify
from cxr_viewer.index.paths import default_index_path
from cxr_viewer.index.walk import shown_path

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PROBLEMS, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class CommandError(Exception):
    """The command could not do its work; the message is printed and the exit status is 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cxr-index",
        description="The workstation's study index: import folders, find indexed files that are gone, forget them.",
        epilog="Exit status: 0 done; 1 the index could not be opened or written; 2 usage error; 3 done, but some "
        "files could not be imported (import) or are missing (verify); 130 interrupted with Ctrl+C.",
    )
    parser.add_argument(
        "--index", type=Path, metavar="FILE",
        help=f"the index file (default: {shown_path(default_index_path())}; CXR_VIEWER_DATA_DIR moves it)",
    )  # fmt: skip
    parser.add_argument("--version", action="version", version=f"cxr-index {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add = sub.add_parser("import", help="index DICOM files and images under files, folders or DICOMDIRs")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add.add_argument("--hash", action="store_true", help="also store a SHA-256 of each file read (slower)")
    add.add_argument(
        "--min-image-size", type=int, default=MIN_PLAIN_IMAGE_SIDE, metavar="PX",
        help=f"PNG/JPEG files smaller than this on their shorter side are skipped as icons (default "
        f"{MIN_PLAIN_IMAGE_SIDE}; 0 imports them all)",
    )  # fmt: skip
    add.add_argument("-v", "--verbose", action="store_true", help="also list skipped files and duplicate copies")
    add.add_argument("-q", "--quiet", action="store_true", help="no progress line")

    sub.add_parser("verify", help="list indexed files that were moved, deleted or became unreadable")
    sub.add_parser("forget-missing", help="remove the entries of indexed files that are gone (files are not touched)")
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a reason or path must never crash the report on a narrow console
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    index_path = args.index if args.index is not None else default_index_path()
    commands: dict[str, Callable[[StudyIndex, argparse.Namespace], int]] = {
        "import": _import, "verify": _verify, "forget-missing": _forget_missing,
    }  # fmt: skip
    try:
        if args.command != "import" and not index_path.is_file():
            raise CommandError(f"no study index at {shown_path(index_path)} (nothing imported yet, or wrong --index)")
        with _opened(index_path) as index:
            return commands[args.command](index, args)
    except CommandError as exc:
        print(f"cxr-index: {exc}", file=sys.stderr)
        return EXIT_ERROR


@contextmanager
def _opened(path: Path) -> Iterator[StudyIndex]:
    """The index, with every way it can fail to open or to take a write turned into a plain message."""
    try:
        index = StudyIndex(path)
    except IndexVersionError as exc:
        raise CommandError(str(exc)) from None
    except (sqlite3.Error, OSError) as exc:
        raise CommandError(f"cannot open the study index {shown_path(path)}: {exc}") from None
    try:
        yield index
    except sqlite3.Error as exc:
        raise CommandError(f"the study index {shown_path(path)} could not be updated: {exc}") from None
    finally:
        index.close()


def _import(index: StudyIndex, args: argparse.Namespace) -> int:
    progress = None if args.quiet or not sys.stderr.isatty() else _ProgressLine()
    with _interruptible() as interrupted:
        report = import_paths(
            index, args.paths, progress=progress, cancelled=interrupted, hash_contents=args.hash,
            min_plain_side=max(args.min_image_size, 0),
        )  # fmt: skip
    if progress is not None:
        progress.finish()
    for path, reason in report.failed:
        print(f"not imported: {shown_path(path)}: {reason}", file=sys.stderr)
    if args.verbose:
        for path, reason in report.skipped:
            print(f"skipped: {shown_path(path)}: {reason}")
        for path, indexed in report.duplicates:
            print(f"duplicate: {shown_path(path)} is a copy of the indexed {shown_path(indexed)}")
    print(f"{report.summary()} (index: {shown_path(index.db_path)})")
    if report.cancelled:
        return EXIT_INTERRUPTED
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def _verify(index: StudyIndex, args: argparse.Namespace) -> int:
    missing = _check(index)
    if missing is None:
        return EXIT_INTERRUPTED
    for entry in missing:
        print(f"{shown_path(entry.path)}: {entry.reason}")
    total = _instance_count(index)
    if not missing:
        print(f"{_count(total, 'indexed file')}, all in place (index: {shown_path(index.db_path)})")
        return EXIT_OK
    print(
        f"{len(missing)} of {total} indexed files are missing (index: {shown_path(index.db_path)}); re-import their"
        " new folder if they moved, or run `cxr-index forget-missing` to remove their entries"
    )
    return EXIT_PROBLEMS


def _forget_missing(index: StudyIndex, args: argparse.Namespace) -> int:
    missing = _check(index)
    if missing is None:
        return EXIT_INTERRUPTED
    removed = forget_missing(index, missing)
    for entry in missing:
        print(f"forgot {shown_path(entry.path)}: {entry.reason}")
    left = _count(_instance_count(index), "indexed file")
    print(
        f"removed {_count(removed, 'index entry', 'index entries')} of missing files, {left} left"
        f" (index: {shown_path(index.db_path)}); no file was deleted"
    )
    return EXIT_OK


def _check(index: StudyIndex) -> list[MissingFile] | None:
    """Every missing file, with a progress line on a terminal; None (and a note) when Ctrl+C stopped the check."""
    progress = _ProgressLine("checking") if sys.stderr.isatty() else None
    stopped: VerifyCancelled | None = None
    try:
        with _interruptible() as interrupted:
            missing = verify(index, progress, interrupted)
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


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _instance_count(index: StudyIndex) -> int:
    return int(index.connection.execute("SELECT COUNT(*) FROM instance").fetchone()[0])


@contextmanager
def _interruptible() -> Iterator[Callable[[], bool]]:
    """Ctrl+C asks the import to stop after the current file (what was read is committed); a second one kills."""
    state = {"interrupted": False}

    def on_interrupt(signum: int, frame: object) -> None:
        state["interrupted"] = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    try:
        previous = signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread (e.g. called from a test runner thread): no handler, no cancel
        yield lambda: False
        return
    try:
        yield lambda: state["interrupted"]
    finally:
        signal.signal(signal.SIGINT, previous)


class _ProgressLine:
    """``<verb> done/total files`` on one stderr line, redrawn at most ten times a second."""

    def __init__(self, verb: str = "reading") -> None:
        self._verb = verb
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int, path: str | None = None) -> None:
        now = time.monotonic()
        if now - self._last >= 0.1 or done == total:
            self._last = now
            self._shown = True
            print(f"\r{self._verb} {done}/{total} files", end="", file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self._shown:
            print(file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
