"""Whether the file at an indexed path still holds the image the index filed there.

A file overwritten by another one (a re-exported study, a folder synced over, a PACS export reusing names) is still
"in place" to a stat, but opening its study from the list would show a different image, perhaps another patient's.
A DICOM file's identity is its SOP Instance UID, so the check re-reads that from the header (no pixels). Reading
every header is far slower than a stat on a share of thousands of files, so by default only files whose size or
modification time differ from the index are read; ``thorough`` reads them all, which also finds a replacement
that kept the same size and time (a copy with ``cp -p`` or ``rsync -t`` of a same-sized image), and compares the
SHA-256 of the files imported with ``--hash``, which finds an image whose bytes changed under the same UID.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cxr_viewer.index.headers import read_dicom_instance_uid
from cxr_viewer.index.records import UnreadableFile, file_sha256


REPLACED, CHANGED, UNREADABLE = "replaced", "changed", "unreadable"  # kinds of problem, for counting them apart


def replacement_problem(path: Path, entry: Mapping[str, Any], *, thorough: bool) -> tuple[str, str] | None:
    """The kind (``REPLACED``, ``CHANGED``, ``UNREADABLE``) and reason why the file at ``path`` no longer holds the
    indexed ``entry`` (its ``instance`` row), or None when it does.

    Plain images (``source`` "image") are checked only by their stored hash: their UIDs come from their path, so a
    replaced one cannot be told from the original by its header. Errors reading the file count, with the reason.
    """
    try:
        stat = path.stat()
        if not thorough and (stat.st_size, stat.st_mtime) == (entry["file_size"], entry["mtime"]):
            return None
        if entry["source"] == "dicom":
            found = read_dicom_instance_uid(path)
            if found != entry["sop_instance_uid"]:
                return REPLACED, (f"file was replaced by another image (SOP Instance UID {found}, indexed as "
                        f"{entry['sop_instance_uid']}); forget its entry, then import its folder again, to index what it holds now")
        if thorough and entry["content_hash"] and file_sha256(path) != entry["content_hash"]:
            return CHANGED, ("file's content changed since it was imported (its SHA-256 differs from the one stored with "
                    "--hash): it may be damaged, or was rewritten (then forget its entry and import its folder again)")
    except UnreadableFile as exc:
        return UNREADABLE, f"file changed since it was indexed and can no longer be indexed: {exc}"
    except OSError as exc:
        return UNREADABLE, f"cannot read file: {exc.strerror or exc}"
    return None
