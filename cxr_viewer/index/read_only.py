"""Reading a study index that cannot be written: on a read-only disk or share, or a file without write permission.

Opening an index normally writes to it (the WAL journal, the schema check's write lock), so such a file failed with
SQLite's "unable to open database file" or "attempt to write a readonly database", and neither the viewer nor
``cxr-index verify`` could even read it, although searching, opening studies and checking for missing files write
nothing. Here such an index is opened for reading only: ``mode=ro``, plus ``immutable=1`` when SQLite could not
otherwise read it, that is when its WAL index (the ``-shm`` file) is absent and cannot be created beside it (a
read-only disk, a folder without write permission). Immutable means SQLite takes no locks: right for read-only
media, and for a folder only its owner can write it shows the index as it was when opened (a study imported by the
owner meanwhile appears after Try again or a restart). Only the standard library: the index never loads more to open.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def cannot_write(path: Path) -> bool:
    """True when the index file exists but it, or the folder its WAL files go in, cannot be written (read-only
    mount, permissions). A missing file is not read-only: opening it creates it, or says why it cannot."""
    if not path.is_file():
        return False
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` for reading only (see the module doc for ``immutable``)."""
    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    shm_possible = Path(f"{path}-shm").exists() or os.access(path.parent, os.W_OK)
    return uri if shm_possible and not _on_read_only_mount(path) else uri + "&immutable=1"


def _on_read_only_mount(path: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)  # absent on Windows, where read-only media open with mode=ro alone
    if statvfs is None:
        return False
    try:
        return bool(statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False
