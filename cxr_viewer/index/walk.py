"""Turning what the user dropped (files, folders, DICOMDIRs) into the list of files to import.

Folders are walked recursively in sorted order (so progress and reports are reproducible); hidden files and
folders are skipped, and so is a DICOMDIR met inside a folder, because the walk reaches the files it lists
anyway. A DICOMDIR named directly imports exactly the files it references.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pydicom

Failure = tuple[Path, str]


def discover_files(
    paths: Iterable[Path | str], cancelled: Callable[[], bool] | None = None
) -> tuple[list[Path], list[Failure]]:
    """Absolute paths of the candidate files (no duplicates, in order) and the inputs that could not be read."""
    found: dict[Path, None] = {}
    failures: list[Failure] = []
    for raw in paths:
        path = Path(os.path.abspath(os.fspath(raw)))
        if path.is_dir():
            found.update(dict.fromkeys(_walk_folder(path, failures, cancelled)))
        elif path.is_file() and is_dicomdir(path):
            found.update(dict.fromkeys(_files_of_dicomdir(path, failures)))
        elif path.is_file():
            found[path] = None
        else:
            failures.append((path, "no such file or folder"))
        if cancelled is not None and cancelled():
            break
    return list(found), failures


def is_dicomdir(path: Path) -> bool:
    return path.name.upper() == "DICOMDIR"


def _walk_folder(root: Path, failures: list[Failure], cancelled: Callable[[], bool] | None) -> Iterable[Path]:
    def report_error(error: OSError) -> None:
        failures.append((Path(error.filename or root), f"cannot list folder: {error.strerror or error}"))

    for folder, subfolders, files in os.walk(root, onerror=report_error):
        if cancelled is not None and cancelled():
            return
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.upper() != "DICOMDIR":
                yield Path(folder) / name


def _files_of_dicomdir(dicomdir: Path, failures: list[Failure]) -> list[Path]:
    """The files a DICOMDIR references (Referenced File ID is relative to the DICOMDIR's folder)."""
    try:
        ds = pydicom.dcmread(dicomdir)
        records = ds.DirectoryRecordSequence
    except Exception as exc:  # any damage means the same thing: the directory cannot be used
        failures.append((dicomdir, f"unreadable DICOMDIR: {type(exc).__name__}: {exc}"))
        return []
    files: list[Path] = []
    for record in records:
        file_id = record.get("ReferencedFileID")
        if not file_id:
            continue
        parts = [file_id] if isinstance(file_id, str) else list(file_id)
        target = _existing_case_variant(dicomdir.parent, parts)
        if target is None:
            failures.append((dicomdir.parent.joinpath(*parts), f"listed in {dicomdir} but not found"))
        else:
            files.append(target)
    return files


def _existing_case_variant(folder: Path, parts: list[str]) -> Path | None:
    """DICOMDIR file IDs are upper case, but media copied to a case-sensitive disk may be lower case."""
    for candidate in (folder.joinpath(*parts), folder.joinpath(*(part.lower() for part in parts))):
        if candidate.is_file():
            return candidate
    return None
