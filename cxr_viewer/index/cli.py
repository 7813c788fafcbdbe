"""``cxr-index`` (also ``python -m cxr_viewer.index``): the study index from a terminal.

``import PATH...`` indexes files and folders (``cli_import``), ``verify`` lists indexed files that are gone or were
replaced by another image, ``forget-missing`` removes their entries (``cli_missing``; the files themselves are never
touched); ``unread``, ``mark-read`` and ``mark-unread`` list and set which studies were read (``cli_read``). This
module builds the command line, opens the index and turns every way that can fail into one message and exit status
1; the terminal's side (Ctrl+C, the progress line) is ``cli_terminal``. A console script of its own rather than
``cxr-viewer index ...``, because ``cxr-viewer index`` already means "open the file or folder named index".

Exit status: 0 done; 1 the index could not be opened or written (the message says why); 2 usage error;
3 done, but some files could not be imported (``import``), some indexed files are missing or replaced
(``verify``) or some study UIDs are not in the index (``mark-read``, ``mark-unread``); 130 interrupted with Ctrl+C
(an import keeps the files read until then; an interrupted ``verify`` or ``forget-missing`` lists and forgets
nothing, since its check did not look at every file).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cxr_viewer import __version__
from cxr_viewer.closed_pipe import quiet_when_reader_closes
from cxr_viewer.index.cli_import import add_import_command
from cxr_viewer.index.cli_missing import add_missing_commands
from cxr_viewer.index.cli_read import add_read_commands
from cxr_viewer.index.cli_terminal import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from cxr_viewer.index.db import BUSY_TIMEOUT_MS, IndexReadOnlyError, IndexVersionError, StudyIndex, open_index
from cxr_viewer.index.path_text import shown_path
from cxr_viewer.index.paths import default_index_path

__all__ = ["EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "CommandError",
           "build_parser", "main"]


class CommandError(Exception):
    """The command could not do its work; the message is printed and the exit status is 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cxr-index",
        description="The workstation's study index: import folders, find indexed files that are gone or replaced, "
        "forget them; list unread studies, mark studies read or unread.",
        epilog="Exit status: 0 done; 1 the index could not be opened or written; 2 usage error; 3 done, but some "
        "files could not be imported (import) or some indexed files are listed as missing, replaced, changed or "
        "unreadable (verify) or some study UIDs are not in the index (mark-read, mark-unread); 130 interrupted with "
        "Ctrl+C.",
    )
    parser.add_argument(
        "--index", type=Path, metavar="FILE",
        help=f"the index file (default: {shown_path(default_index_path())}; CXR_VIEWER_DATA_DIR moves it)",
    )  # fmt: skip
    parser.add_argument("--version", action="version", version=f"cxr-index {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_import_command(commands)
    add_missing_commands(commands)
    add_read_commands(commands)
    return parser


@quiet_when_reader_closes
def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a reason or path must never crash the report on a narrow console
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    index_path = args.index if args.index is not None else default_index_path()
    try:
        if index_path.is_dir():  # else "no study index at /data" or SQLite's "unable to open database file"
            raise CommandError(f"the study index {shown_path(index_path)} is a folder: give --index the index file "
                               f"itself (e.g. {shown_path(index_path / default_index_path().name)})")
        if not args.creates_index and not index_path.is_file():
            raise CommandError(f"no study index at {shown_path(index_path)} (nothing imported yet, or wrong --index)")
        with _opened(index_path, args.writes_index) as index:
            return args.run(index, args)
    except CommandError as exc:
        print(f"cxr-index: {exc}", file=sys.stderr)
        return EXIT_ERROR


@contextmanager
def _opened(path: Path, writes: bool) -> Iterator[StudyIndex]:
    """The index, with every way it can fail to open or to take a write turned into a plain message.

    One that cannot be written (a read-only disk or share, permissions) is still opened for ``verify``, which only
    reads; a command that ``writes`` says so in one line rather than with SQLite's "unable to open database file".
    """
    try:
        index = open_index(path)
    except (IndexVersionError, IndexReadOnlyError) as exc:
        raise CommandError(str(exc)) from None
    except (sqlite3.Error, OSError) as exc:
        raise CommandError(f"cannot open the study index {shown_path(path)}: {exc}{_hint(exc)}") from None
    if writes and index.read_only:
        index.close()
        raise CommandError(f"the study index {shown_path(path)} cannot be written (its file or folder is read-only, "
                           "or on a read-only disk or share), so nothing was changed; `cxr-index verify` can still "
                           "read it")
    try:
        yield index
    except sqlite3.Error as exc:
        raise CommandError(f"the study index {shown_path(path)} could not be {'updated' if writes else 'read'}: "
                           f"{exc}{_hint(exc)}") from None
    finally:
        index.close()


def _hint(exc: BaseException) -> str:
    """What to do about an index another program holds (SQLite's bare "database is locked", said after a silent
    wait) or a damaged one (SQLite's "file is not a database", "disk image is malformed")."""
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return (f" (another program, such as the viewer importing or another cxr-index, kept it busy for more than "
                f"{BUSY_TIMEOUT_MS // 1000} s: try again once it has finished)")
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.OperationalError):
        return ""  # full, read-only, no such folder: the file itself is fine
    return (" (the index is damaged: move it aside and import the folders again; it only points at the files, so no"
            " image is lost)")


if __name__ == "__main__":
    raise SystemExit(main())
