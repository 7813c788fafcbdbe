"""Why a reads database was refused at open, in words a study coordinator can act on.

SQLite's own messages ("file is not a database", "unable to open database file") name neither the file nor a
remedy; the station shows this sentence instead, and says that the file was left as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cxr_reader_study.storage.schema import NewerSchema


class UnusableDatabase(sqlite3.DatabaseError):
    """The reads database cannot be opened or must not be written; a ``sqlite3.Error`` so existing handlers
    catch it, with a message a coordinator can act on."""


def refusal(path: Path, error: Exception, writing: bool = True) -> UnusableDatabase:
    """The sentence for why ``path`` was refused: what went wrong and what the coordinator can do about it.
    ``writing=False`` for the commands that only read it, which need neither a writable folder nor free space."""
    if isinstance(error, NewerSchema):
        return UnusableDatabase(f"the reads database {path} was written by a newer version of the reader study "
                                f"({error}); it was left untouched: use that version or a newer one")
    if not writing and isinstance(error, (sqlite3.OperationalError, OSError)):  # unreadable, locked too long
        return UnusableDatabase(f"cannot read the reads database {path} ({error}): check that it can be read "
                                "and that no other program holds it locked; it was left untouched")
    if isinstance(error, sqlite3.OperationalError):  # cannot open, read-only, locked for too long, disk full
        return UnusableDatabase(f"cannot open the reads database {path} ({error}): check that its folder exists "
                                "and is writable, that the disk is not full, and that no other program holds it")
    return UnusableDatabase(f"{path} is not a readable reads database ({error}); it was left untouched: check the "
                            "study's database setting, or restore the file from a backup")
