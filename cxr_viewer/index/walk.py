"""Turning what the user dropped (files, folders, DICOMDIRs) into the list of files to import.

Folders are walked recursively in sorted order (so progress and reports are reproducible), through symbolic links
to folders, each real folder once (``core.folder_walk``: a link back to a parent does not loop); hidden files
and folders are skipped, and so is a DICOMDIR met inside a folder, because the walk reaches the files it lists
anyway. A DICOMDIR named directly imports exactly the files it references, read by the viewer's own reader
(``core.dicomdir``: names matched ignoring case, part by part, as CD-ROMs are often mounted in another case).

Two kinds of files are left out with a reason instead of being read:

* a path that is not valid UTF-8 (a Latin-1 name from an old CD; see ``path_text``): such a file is reported as
  failed (a folder once, for everything under it) and the rest imports;
* a plain image (PNG, JPEG, ...) under a folder that holds a DICOMDIR: that folder is DICOM media (a patient CD),
  whose images are the DICOM files; its plain images are the bundled viewer's icons, logos and help pictures
  (reported as skipped, not failed). Small PNG/JPEG icons elsewhere are caught by size (``headers``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from cxr_viewer.core.dicomdir import DICOMDIR_NAME, is_dicomdir, read_dicomdir
from cxr_viewer.core.folder_walk import walk_following_links
from cxr_viewer.index.path_text import is_utf8, not_utf8_reason
from cxr_viewer.index.records import is_plain_image

Failure = tuple[Path, str]


def discover_files(
    paths: Iterable[Path | str],
    cancelled: Callable[[], bool] | None = None,
    listed: Callable[[int, Path], None] | None = None,
) -> tuple[list[Path], list[Failure], list[Failure]]:
    """Absolute paths of the candidate files (no duplicates, in order), the inputs that could not be read, and
    the files left out on purpose (plain images on DICOM media), each with its reason.

    ``listed(found, folder)`` is called after each folder is listed with the number of files found so far: walking
    a share of tens of thousands of files takes minutes, and the user must see that something is happening.
    """
    found: dict[Path, None] = {}
    failures: list[Failure] = []
    skipped: list[Failure] = []
    for raw in paths:
        path = Path(os.path.abspath(os.fspath(raw)))
        if not is_utf8(path):
            failures.append((path, not_utf8_reason(path)))
        elif path.is_dir():
            on_folder = None if listed is None else lambda folder: listed(len(found), folder)
            for file in _walk_folder(path, failures, skipped, cancelled, on_folder):
                found[file] = None
        elif path.is_file() and is_dicomdir(path):
            files, unusable = read_dicomdir(path)  # the viewer's own reader: both open a CD's files alike
            found.update(dict.fromkeys(files))
            failures.extend(unusable)
        elif path.is_file():
            found[path] = None
        else:
            failures.append((path, "no such file or folder"))
        if cancelled is not None and cancelled():
            break
    return list(found), failures, skipped


def _walk_folder(
    root: Path,
    failures: list[Failure],
    skipped: list[Failure],
    cancelled: Callable[[], bool] | None,
    on_folder: Callable[[Path], None] | None,
) -> Iterable[Path]:
    def report_error(error: OSError) -> None:
        failures.append((Path(error.filename or root), f"cannot list folder: {error.strerror or error}"))

    media_roots: list[str] = []  # folders holding a DICOMDIR: DICOM media, whose plain images are not studies
    for folder, subfolders, files in walk_following_links(root, onerror=report_error):
        if cancelled is not None and cancelled():
            return
        if on_folder is not None:
            on_folder(Path(folder))
        kept = []
        for name in sorted(subfolders):
            if name.startswith("."):
                continue
            if is_utf8(name):
                kept.append(name)
            else:
                failures.append((Path(folder) / name, not_utf8_reason(Path(folder) / name, folder=True)))
        subfolders[:] = kept
        if any(name.upper() == DICOMDIR_NAME for name in files):
            media_roots.append(folder)
        media = next((top for top in media_roots if folder == top or folder.startswith(top + os.sep)), None)
        for name in sorted(files):
            if name.startswith(".") or name.upper() == DICOMDIR_NAME:
                continue
            path = Path(folder) / name
            if not is_utf8(name):
                failures.append((path, not_utf8_reason(path)))
            elif media is not None and is_plain_image(path):
                skipped.append((path, f"a plain image on DICOM media (the DICOMDIR in {media} lists its images):"
                                      " part of the media's viewer software, not a radiograph"))  # fmt: skip
            else:
                yield path
