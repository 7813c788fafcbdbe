"""Where the image a presentation state references is (Qt-free): a file beside it with that SOP Instance UID.

A presentation state travels with its study (a CD folder, a PACS retrieve, the folder this workstation saved it
into), so its image is looked for in its own folder first, by reading each file's header up to the UID only.
"""

from __future__ import annotations

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


def beside(gsps_path: Path, uid: str) -> Path | None:
    """The file in ``gsps_path``'s folder whose SOP Instance UID is ``uid``, if any."""
    for path in sorted(gsps_path.parent.iterdir()):
        if path != gsps_path and path.is_file() and sop_instance_uid(path) == uid:
            return path
    return None
