"""Expand the CLI's PATH arguments (files and folders) into image files, and load each through the viewer's loader."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cxr_viewer.core.image import LoadedImage

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".dcm", ".dicom"}


def _is_dicom(path: Path) -> bool:
    """DICOM files in folders often have no suffix; the preamble's 'DICM' marker identifies them."""
    try:
        with open(path, "rb") as stream:
            stream.seek(128)
            return stream.read(4) == b"DICM"
    except OSError:
        return False


def expand_paths(arguments: list[str]) -> Iterator[Path]:
    """Files as given (the loader judges them); folders searched recursively for images, in sorted order."""
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if candidate.is_file() and (candidate.suffix.lower() in IMAGE_SUFFIXES or _is_dicom(candidate)):
                    yield candidate
        else:
            yield path


def load(path: Path) -> LoadedImage:
    """The viewer's own loader, so the CLI sees exactly the pixels and spacing the viewer shows."""
    from cxr_viewer.core.loader import load_image

    return load_image(path)
