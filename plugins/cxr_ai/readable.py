"""The CLI's inputs, each loaded once with its output name; an unreadable one becomes an entry of the errors.

Every sub-command reports a file it cannot read by name and goes on with the others, and names each input on
stderr as it starts it (``[3/120] PATH``): a batch of hours said nothing until its end, so a user could not tell
a slow run from a hung one, nor which file it was on.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cxr_ai.engine.image_input import EngineInput, engine_input
from cxr_ai.inputs import NO_IMAGES, image_paths, load, output_stems
from cxr_viewer.core.image import LoadedImage

Errors = list[dict[str, str]]


@dataclass(frozen=True)
class Input:
    """A readable input with what its stages and outputs need."""

    path: Path
    name: str  # for its output files, unique within the run (``output_stems``)
    image: LoadedImage
    item: EngineInput


def input_error(path: Path, error: Exception, what: str = "") -> dict[str, str]:
    return {"path": str(path), "error": f"{what + ': ' if what else ''}{type(error).__name__}: {error}"}


def readable_inputs(arguments: argparse.Namespace, errors: Errors) -> Iterator[Input]:
    paths, empty = image_paths(arguments.paths)
    errors += [{"path": folder, "error": NO_IMAGES} for folder in empty]
    for number, (path, name) in enumerate(zip(paths, output_stems(paths)), start=1):
        print(f"cxr-ai: [{number}/{len(paths)}] {path}", file=sys.stderr)
        try:
            image = load(path)
            yield Input(path, name, image, engine_input(image, arguments.pixel_spacing))
        except Exception as error:  # noqa: BLE001 - any unreadable input is reported by name and skipped
            errors.append(input_error(path, error))
