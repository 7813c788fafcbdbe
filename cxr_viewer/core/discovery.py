"""Which files under the paths a user dropped are worth trying to open.

A file counts when it carries the DICOM 'DICM' prefix or a known image or DICOM extension; DICOMDIR indexes are
not images themselves but name files (sometimes in other folders, often without extensions) that are. Files that
merely look like images may still fail to load: the loader reports those one by one, so a ``.dcm`` that is
empty or garbage is named to the user rather than silently left out, and one written without the Part 10
preamble (older systems do) still opens. Folders are searched through symbolic links to folders, each real folder
once (``core.folder_walk``), so a linked study opens and a link back to a parent does not loop.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import pydicom
from pydicom.fileset import FileSet

from cxr_viewer.core.folder_walk import walk_following_links
from cxr_viewer.core.header import is_image_sop_class
from cxr_viewer.core.loader import has_dicm_prefix
from cxr_viewer.core.raster_reader import RASTER_SUFFIXES, raster_suffix

LOG = logging.getLogger(__name__)
DICOMDIR_NAME = "DICOMDIR"
DICOM_SUFFIXES = frozenset({".dcm", ".dicom", ".dic"})


def is_dicomdir(path: Path) -> bool:
    return path.name.upper() == DICOMDIR_NAME


def dicomdir_files(dicomdir: Path) -> list[Path]:
    """Files a DICOMDIR references that exist on disk; an unreadable DICOMDIR contributes nothing (logged)."""
    try:
        file_set = FileSet(pydicom.dcmread(dicomdir))
    except Exception as error:  # a broken index must not stop the import of the folder around it
        LOG.warning("%s: cannot read DICOMDIR (%s); its folder is still searched", dicomdir, error)
        return []
    found = []
    for instance in file_set:
        referenced = Path(instance.path)
        if referenced.is_file():
            found.append(referenced)
        else:
            LOG.warning("%s: referenced file %s is missing", dicomdir, referenced)
    return found


def _looks_like_image(path: Path) -> bool:
    if path.name.startswith("._") or is_dicomdir(path):
        return False
    if raster_suffix(path) in RASTER_SUFFIXES or path.suffix.lower() in DICOM_SUFFIXES:
        return True
    try:
        return has_dicm_prefix(path)
    except OSError:
        return False


def _walk(folder: Path) -> Iterable[Path]:
    """Every file under ``folder``, through linked folders too (each real folder once, so a loop ends)."""
    for root, _dirs, names in walk_following_links(folder, onerror=lambda error: LOG.warning("cannot list %s", error)):
        for name in names:
            yield Path(root) / name


def _images_under(given: Path) -> list[Path]:
    """The image files one given path stands for, resolved and sorted (a folder's listing has no useful order)."""
    files = _walk(given) if given.is_dir() else [given]
    images: set[Path] = set()
    for path in files:
        if is_dicomdir(path):
            images.update(p.resolve() for p in dicomdir_files(path))
        elif path.is_file() and _looks_like_image(path):
            images.add(path.resolve())
    return sorted(images)


def find_image_files(paths: Iterable[Path | str]) -> list[Path]:
    """Image files under ``paths`` (files, folders searched recursively, DICOMDIRs), each once.

    The paths keep the order the user gave them in, because it carries meaning (``cxr-viewer today.dcm
    prior.dcm`` shows today's film first; the demo shows the real radiograph before the phantom); the files
    found under one folder or DICOMDIR are sorted.
    """
    found: dict[Path, None] = {}
    for given in paths:
        found.update(dict.fromkeys(_images_under(Path(given))))
    return list(found)


def pictures_among(paths: Iterable[Path]) -> list[Path]:
    """The files worth showing among a retrieved study's: opened as images, its SR and SEG objects gave "cannot
    open" errors, or showed a SEG's probability map as if it were a film (they stay on disk)."""
    kept = []
    for path in paths:
        try:
            header = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["SOPClassUID"])
        except Exception:  # noqa: BLE001 - not DICOM (a PNG) or unreadable: the loader will say which
            kept.append(path)
            continue
        if is_image_sop_class(header):
            kept.append(path)
    return kept
