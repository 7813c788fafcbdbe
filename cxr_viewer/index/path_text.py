"""Paths as text: whether the index can store one, and how to print one that it cannot.

A name that is not valid UTF-8 (a Latin-1 name from an old CD, which Linux hands over with lone surrogates) cannot
go into the index, which stores paths as SQLite text, which must be UTF-8 (and the thumbnail and GUI code bind them
as text). The walk and the importer leave such files out with :func:`not_utf8_reason`; every command that prints a
path prints it with :func:`shown_path`, which never raises on one.
"""

from __future__ import annotations

import os
from pathlib import Path


def is_utf8(path: Path | str) -> bool:
    """Whether SQLite can store the path as text (a name in another encoding arrives with lone surrogates)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(path: Path | str) -> str:
    """The path as printable text: bytes that are not UTF-8 appear as ``\\xe9`` escapes (never raises)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def not_utf8_reason(path: Path, *, folder: bool = False) -> str:
    what = "folder" if folder else "file"
    return (
        f"the {what} name '{shown_path(path.name)}' is not valid UTF-8 (e.g. Latin-1 from an old CD) and the index"
        f" stores paths as UTF-8 text: {'nothing under it was imported; ' if folder else ''}rename it (e.g. with"
        " `convmv -f latin1 -t utf8 --notest`) to import it. The viewer still opens it directly"
    )
