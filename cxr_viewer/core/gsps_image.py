"""Where the image a presentation state references is (Qt-free): a file beside it with that SOP Instance UID.

A presentation state travels with its study (a CD folder, a PACS retrieve, the folder this workstation saved it
into), so its image is looked for in its own folder first, by reading each file's header up to the UID only (the folder once for all its images).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pydicom
from pydicom.errors import InvalidDicomError


def sop_instance_uid(path: Path) -> str:
    """The file's SOP Instance UID, or "" when it is no readable DICOM file."""
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["SOPInstanceUID"])
    except (InvalidDicomError, OSError, ValueError, EOFError, TypeError, AttributeError):
        return ""
    return str(ds.get("SOPInstanceUID", "") or "").strip()


def beside(gsps_path: Path, uids: Collection[str]) -> dict[str, Path]:
    """The files in ``gsps_path``'s folder whose SOP Instance UIDs are among ``uids``, by UID; the folder is read
    once, however many images the presentation state names, and no further than the last one found."""
    wanted, found = set(uids), {}
    for path in sorted(gsps_path.parent.iterdir()):
        if wanted <= found.keys():
            break
        if path != gsps_path and path.is_file():
            uid = sop_instance_uid(path)
            if uid in wanted:
                found.setdefault(uid, path)
    return found
