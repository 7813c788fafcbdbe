"""Writes received DICOM instances into the local store without trusting anything inside them.

Folder and file names come from UIDs, which a sender controls. A UID that does not match the UID grammar
(digits and dots, no leading zeros, at most 64 characters) is replaced by a hash, so ``../../etc`` or an
absolute path in a tag can never steer where a file lands. Writes are atomic (temporary file in the same
folder, then ``os.replace``) so the index never sees half a file, and free space is checked first. Like DCMTK's
storescp we do not fsync each instance: a crash can lose the last file, never leave a truncated one.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from pydicom.dataset import Dataset

_UID_PATTERN = re.compile(r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$")
MIN_FREE_BYTES = 64 * 1024 * 1024


class StoreFullError(OSError):
    """Not enough room on the store's disk: the SCP answers 0xA700 (out of resources)."""

    def __init__(self, folder: Path, needed: int, free: int) -> None:
        super().__init__(errno.ENOSPC, f"{folder}: {free} bytes free, need {needed}")


def is_valid_uid(value: object) -> bool:
    text = str(value) if value is not None else ""
    return 0 < len(text) <= 64 and _UID_PATTERN.match(text) is not None


def safe_name(value: object) -> str:
    """The UID itself when it is a valid UID, otherwise a hash that names it stably."""
    text = str(value) if value is not None else ""
    if is_valid_uid(text):
        return text
    return "h" + hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def instance_path(root: Path, dataset: Dataset) -> Path:
    """``root/<study>/<series>/<sop>.dcm`` with every component sanitised."""
    study = safe_name(dataset.get("StudyInstanceUID"))
    series = safe_name(dataset.get("SeriesInstanceUID"))
    sop = safe_name(dataset.get("SOPInstanceUID"))
    return root / study / series / f"{sop}.dcm"


def ensure_free_space(folder: Path, needed: int, reserve: int = MIN_FREE_BYTES) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(folder).free
    if free < needed + reserve:
        raise StoreFullError(folder, needed + reserve, free)


def write_atomically(path: Path, payload: bytes, reserve: int = MIN_FREE_BYTES) -> Path:
    """Write ``payload`` to ``path`` so that readers see either nothing or the whole file."""
    ensure_free_space(path.parent, len(payload), reserve)
    fd, tmp = tempfile.mkstemp(prefix=".incoming-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
