"""Which files under the paths a user dropped are worth trying to open.

A file counts when it carries the DICOM 'DICM' prefix or a known image or DICOM extension; DICOMDIR indexes are
not images themselves but name files (sometimes in other folders, often without extensions) that are. Files that
merely look like images may still fail to load: the loader reports those one by one, so a ``.dcm`` that is
empty or garbage is named to the user rather than silently left out, and one written without the Part 10
preamble (older systems do) still opens. Folders are searched through symbolic links to folders, each real folder
once (``core.folder_walk``), so a linked study opens and a link back to a parent does not loop. Hidden files and
folders (names starting with '.') are left out of a folder's search, as the file manager hides them: a USB stick's
``.Trash-1000`` holds studies the user deleted, and ``.DS_Store``/``._*`` are no images; a hidden file given by
name still opens.

What a search could not use is described in ``problems`` (one line per file: path and reason) when the caller
passes a list, so the viewer can say it once: a DICOMDIR that cannot be read, files a DICOMDIR lists but the disk
lacks (``dicomdir`` reads those).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import pydicom

from cxr_viewer.core.dicomdir import dicomdir_files, is_dicomdir
from cxr_viewer.core.errors import NOT_A_REGULAR_FILE
from cxr_viewer.core.folder_walk import walk_following_links
from cxr_viewer.core.header import is_image_sop_class
from cxr_viewer.core.loader import has_dicm_prefix
from cxr_viewer.core.raster_reader import RASTER_SUFFIXES, raster_suffix

LOG = logging.getLogger(__name__)
DICOM_SUFFIXES = frozenset({".dcm", ".dicom", ".dic"})


def _looks_like_image(path: Path) -> bool:
    if is_dicomdir(path):
        return False
    if raster_suffix(path) in RASTER_SUFFIXES or path.suffix.lower() in DICOM_SUFFIXES:
        return True
    try:
        return has_dicm_prefix(path)
    except OSError:
        return False


def _walk(folder: Path, problems: list[str]) -> Iterable[Path]:
    """Every file under ``folder`` but hidden ones, through linked folders too (each real folder once)."""
    def unlistable(error: OSError) -> None:
        LOG.warning("cannot list %s", error)
        problems.append(f"{error.filename}: cannot list this folder ({error.strerror or error})")

    for root, dirs, names in walk_following_links(folder, onerror=unlistable):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in names:
            if not name.startswith("."):
                yield Path(root) / name


def _images_under(given: Path, problems: list[str]) -> list[Path]:
    """The image files one given path stands for, resolved and sorted (a folder's listing has no useful order)."""
    if not given.is_dir() and given.exists() and not given.is_file():
        problems.append(f"{given}: {NOT_A_REGULAR_FILE}")  # reading a pipe would wait for a writer forever
        return []
    files = _walk(given, problems) if given.is_dir() else [given]
    images: set[Path] = set()
    for path in files:
        if is_dicomdir(path):
            images.update(p.resolve() for p in dicomdir_files(path, problems))
        elif path.is_file() and _looks_like_image(path):
            images.add(path.resolve())
    return sorted(images)


def find_image_files(paths: Iterable[Path | str], problems: list[str] | None = None) -> list[Path]:
    """Image files under ``paths`` (files, folders searched recursively, DICOMDIRs), each once; ``problems``, when
    given, receives a line for each thing that could not be searched (module docstring).

    The paths keep the order the user gave them in, because it carries meaning (``cxr-viewer today.dcm
    prior.dcm`` shows today's film first; the demo shows the real radiograph before the phantom); the files
    found under one folder or DICOMDIR are sorted.
    """
    problems = [] if problems is None else problems
    found: dict[Path, None] = {}
    for given in paths:
        found.update(dict.fromkeys(_images_under(Path(given), problems)))
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
