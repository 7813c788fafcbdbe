"""The files a DICOMDIR (the index of a CD, DVD or USB stick of studies) names, found on the disk.

Kept apart from ``discovery``'s folder search because a DICOMDIR is read by its own rules: its records name files by
path components under its folder, sometimes in other folders and often without extensions. CD-ROMs are written in
upper case (ISO 9660) but often mounted in lower case, so a reference is matched to the disk ignoring case where the
exact name is missing. What cannot be used goes to ``problems``, one line per file: the viewer says it once.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pydicom

LOG = logging.getLogger(__name__)
DICOMDIR_NAME = "DICOMDIR"


def is_dicomdir(path: Path) -> bool:
    return path.name.upper() == DICOMDIR_NAME


def _ignoring_case(root: Path, parts: tuple[str, ...]) -> Path | None:
    """``root / parts`` on disk, each part matched without regard to case when the exact name is not there."""
    current = root
    for part in parts:
        exact = current / part
        if exact.exists():
            current = exact
            continue
        try:
            matches = [child for child in current.iterdir() if child.name.lower() == part.lower()]
        except OSError:
            return None
        if len(matches) != 1:
            return None
        current = matches[0]
    return current if current.is_file() else None


def _file_ids(dicomdir: Path) -> list[tuple[str, ...]]:
    """Each record's Referenced File ID (path components under the DICOMDIR's folder), in record order. Read from
    the records themselves: pydicom's ``FileSet`` silently leaves out the ones whose file is missing. A file without
    the record list is not a DICOMDIR whatever its name, and is said so rather than taken for an empty one."""
    ds = pydicom.dcmread(dicomdir)
    if "DirectoryRecordSequence" not in ds:
        raise ValueError("no Directory Record Sequence")
    ids = []
    for record in ds.DirectoryRecordSequence:
        value = record.get("ReferencedFileID")
        if value:
            ids.append(tuple(str(part) for part in ([value] if isinstance(value, str) else value)))
    return ids


def read_dicomdir(dicomdir: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files a DICOMDIR references that exist on disk (case aside), and each path it cannot give with the
    reason: the DICOMDIR itself when it cannot be read, every referenced file that is not on disk. The viewer's
    opening (``dicomdir_files``) and the study index's import (``index.walk``) both read DICOMDIRs through it."""
    try:
        file_ids = _file_ids(dicomdir)
    except Exception as error:  # a broken index must not stop the import of the folder around it
        LOG.warning("%s: cannot read DICOMDIR (%s)", dicomdir, error)
        return [], [(dicomdir, f"cannot read this DICOMDIR ({type(error).__name__}: {error})")]
    found, missing = [], []
    for parts in file_ids:
        referenced = _ignoring_case(dicomdir.parent, parts)
        if referenced is not None:
            found.append(referenced)
        else:
            LOG.warning("%s: referenced file %s is missing", dicomdir, "/".join(parts))
            missing.append((dicomdir.parent.joinpath(*parts), f"listed in {dicomdir} but not on disk"))
    return found, missing


def dicomdir_files(dicomdir: Path, problems: list[str] | None = None) -> list[Path]:
    """Files a DICOMDIR references that exist on disk (case aside); what it cannot give goes to ``problems``."""
    found, missing = read_dicomdir(dicomdir)
    if problems is not None:
        problems.extend(f"{path}: {reason}" for path, reason in missing)
    return found
