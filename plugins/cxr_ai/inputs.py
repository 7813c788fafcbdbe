"""Expand the CLI's PATH arguments (files and folders) into image files, and load each through the viewer's loader."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from cxr_viewer.core.image import LoadedImage

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".dcm", ".dicom"}


def looks_like_image(path: Path) -> bool:
    """An image by its suffix, or a DICOM file by the preamble's 'DICM' marker: DICOM files in folders often have
    no suffix."""
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return True
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
                if candidate.is_file() and looks_like_image(candidate):
                    yield candidate
        else:
            yield path


NO_IMAGES = "no DICOM, PNG or JPEG file in this folder"


def image_paths(arguments: list[str]) -> tuple[list[Path], list[str]]:
    """The image files of every PATH, and the folders among them with none. Such a folder read as success (exit 0,
    no image, no error), so a mistyped folder or one of TIFFs went unnoticed in a batch script; it is now an error
    by name."""
    paths: list[Path] = []
    empty: list[str] = []
    for argument in arguments:
        found = list(expand_paths([argument]))
        if not found:
            empty.append(argument)
        paths += found
    return paths, empty


def output_stems(paths: list[Path]) -> list[str]:
    """A name per input for its output files, unique within the run so that no output overwrites another.

    The file's stem, as always, unless another input shares it (SE1/IM0001 and SE2/IM0001 of a DICOM export): then
    its path below the inputs' common folder, without suffix, joined with '_' (SE1_IM0001). A number is added in
    the rare case that this too is taken (a.png and a.dcm side by side). One file given twice keeps one name.
    """
    absolute = [path.absolute() for path in paths]
    distinct = list(dict.fromkeys(absolute))
    clashing = {stem for stem, count in Counter(path.stem for path in distinct).items() if count > 1}
    common = Path(os.path.commonpath([path.parent for path in distinct])) if clashing else Path()
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for path in distinct:
        name = "_".join(path.relative_to(common).with_suffix("").parts) if path.stem in clashing else path.stem
        names[path] = _unused(name, taken)
        taken.add(names[path])
    return [names[path] for path in absolute]


def _unused(name: str, taken: set[str]) -> str:
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name}_{number}"
    return candidate


class NotARadiographError(ValueError):
    """A DICOM object whose pixels are not a picture of the patient (a segmentation)."""


def load(path: Path) -> LoadedImage:
    """The viewer's own loader, so the CLI sees exactly the pixels and spacing the viewer shows.

    A segmentation is refused: its pixels are labels or probabilities. A folder of a study often holds SEG objects
    beside the films (another tool's results, or ``--dicom-out`` written into it), and their "findings", listed in
    results.json with those of the films, corrupted every count made from it.
    """
    from cxr_viewer.core.loader import load_image

    image = load_image(path)
    modality = str(image.dataset.get("Modality", "")).strip().upper() if image.dataset is not None else ""
    if modality == "SEG":
        raise NotARadiographError(f"{path.name}: a segmentation (Modality SEG), not a radiograph")
    return image
