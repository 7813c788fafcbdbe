"""The single entry point for opening an image file, whatever its format.

DICOM is recognised by its 'DICM' prefix (or, for old files without a preamble, by parsing), other formats by
their extension. Every failure becomes an ``ImageLoadError`` naming the file and the reason; nothing else
escapes, so a folder import can report bad files and carry on.
"""

from __future__ import annotations

import errno
import stat
from os import PathLike
from pathlib import Path

from cxr_viewer.core.dicom_reader import read_dicom
from cxr_viewer.core.errors import BROKEN_LINK, NOT_A_REGULAR_FILE, ImageLoadError
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.raster_reader import RASTER_SUFFIXES, raster_suffix, read_raster
from cxr_viewer.core.size_limits import MAX_PIXELS

DEFAULT_MAX_PIXELS = MAX_PIXELS  # 10,000 × 10,000 (size_limits)
_PREAMBLE = 128


def has_dicm_prefix(path: Path) -> bool:
    """True when bytes 128–131 read 'DICM', the mark of a DICOM Part 10 file."""
    with path.open("rb") as stream:
        head = stream.read(_PREAMBLE + 4)
    return head[_PREAMBLE:] == b"DICM"


def _check_file(path: Path) -> None:
    """Refuse what is no readable file, from one stat: opening a named pipe would wait for a writer forever, and
    a device such as /dev/zero never ends."""
    try:
        status = path.stat()
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ELOOP):
            raise ImageLoadError(path, BROKEN_LINK if path.is_symlink() else "file not found") from None
        raise
    if stat.S_ISDIR(status.st_mode):
        raise ImageLoadError(path, "is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise ImageLoadError(path, NOT_A_REGULAR_FILE)
    if status.st_size == 0:
        raise ImageLoadError(path, "file is empty (0 bytes)")


def load_image(path: str | PathLike[str], max_pixels: int = DEFAULT_MAX_PIXELS) -> LoadedImage:
    """Decode ``path`` (its first frame) for display; images over ``max_pixels`` are refused from the header."""
    path = Path(path)
    try:
        _check_file(path)
        if has_dicm_prefix(path):
            return read_dicom(path, max_pixels)
        if raster_suffix(path) in RASTER_SUFFIXES:
            return read_raster(path, max_pixels)
        return read_dicom(path, max_pixels, force=True)
    except ImageLoadError:
        raise
    except MemoryError:
        raise ImageLoadError(path, "not enough memory to decode this image") from None
    except OSError as error:
        raise ImageLoadError(path, f"cannot read the file ({error.strerror or error})") from None
    except Exception as error:  # a last net: a decoder bug must still name the file rather than crash the caller
        raise ImageLoadError(path, f"unexpected {type(error).__name__}: {error}") from error

