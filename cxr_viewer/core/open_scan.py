"""What the paths a user opened (files, folders, DICOMDIRs) stand for: the films in reading order, and what was left
out and why, so the viewer can list the one and say the other once.

The scan is the slow part of opening a big folder (a header read per file, on a network share a disk round trip
each), so it reports progress and stops when asked; the viewer runs it off the GUI thread. Qt-free.

Left out, each with a line for the user: paths that do not exist, folders that cannot be listed, DICOMDIR problems
(unreadable, referenced files missing), files that are no film (empty, not DICOM, garbage after the 'DICM' mark, a
report, a key object selection, a presentation state, a segmentation) and second copies of a file (a SOP Instance
UID already listed, in a file of the same size: the same film twice, under two names or in two folders, would be
read twice as two films). Two different files with one SOP Instance UID (two encodings, or a damaged copy) are
both listed, with a note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from cxr_viewer.core.discovery import find_image_files
from cxr_viewer.core.errors import BROKEN_LINK
from cxr_viewer.core.file_headers import FileHeader, read_header, reading_order

Progress = Callable[[int, int], None]  # (files read, files found)


class ScanCancelled(Exception):
    """The scan was stopped before the end: nothing it found so far is a list to show."""


class OpenScan(NamedTuple):
    films: list[FileHeader]  # in reading order, studies contiguous
    left_out: list[str]  # "path: reason", one per path, folder or file not listed
    notes: list[str]  # listed, but worth a word: the same image in two different files


def _unique(headers: list[FileHeader], seen: dict[str, FileHeader], scan: "OpenScan") -> list[FileHeader]:
    """``headers`` without second copies of an image: same SOP Instance UID and same size is the same file twice
    (left out); a different size is another encoding, or a damaged copy, so both stay (the one may not open) and a
    note says so."""
    kept = []
    for header in headers:
        first = seen.get(header.sop_uid) if header.sop_uid else None
        if first is None:
            seen[header.sop_uid] = header
        elif _size(first.path) == _size(header.path):
            scan.left_out.append(f"{header.path}: a copy of {first.path} (same SOP Instance UID and size), "
                                 "which is listed")
            continue
        else:
            scan.notes.append(f"{header.path} and {first.path} hold the same image (SOP Instance UID "
                              f"{header.sop_uid}) in files that differ: both are listed")
        kept.append(header)
    return kept


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def scan_paths(paths: Iterable[Path | str], progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None) -> OpenScan:
    """The films under ``paths`` and what was left out. The paths keep the order they were given in (today's film
    given before the prior stays first); the films found under one path are in reading order
    (``file_headers.reading_order``). Raises ``ScanCancelled`` when ``cancelled()`` turns true."""
    stop = cancelled or (lambda: False)
    scan = OpenScan([], [], [])
    left_out = scan.left_out
    chunks: list[list[Path]] = []
    listed: set[Path] = set()
    for given in map(Path, paths):
        if not given.exists():
            left_out.append(f"{given}: {BROKEN_LINK if given.is_symlink() else 'no such file or folder'}")
            continue
        if stop():
            raise ScanCancelled
        chunk = [path for path in find_image_files([given], left_out) if path not in listed]
        listed.update(chunk)
        chunks.append(chunk)
    total, done = sum(map(len, chunks)), 0
    seen: dict[str, FileHeader] = {}
    for chunk in chunks:
        headers = []
        for path in chunk:
            if stop():
                raise ScanCancelled
            header = read_header(path)
            if header.problem:
                left_out.append(f"{path}: {header.problem}")
            else:
                headers.append(header)
            done += 1
            if progress is not None:
                progress(done, total)
        scan.films.extend(_unique(reading_order(headers), seen, scan))
    return scan
