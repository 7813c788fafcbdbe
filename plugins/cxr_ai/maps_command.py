"""The work behind ``cxr-ai lungs`` and ``cxr-ai bones``: one PNG per readable input, each whole or not at all."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial

import numpy as np
from PIL import Image

from cxr_ai.engine.image_input import EngineInput
from cxr_ai.engine.mapping import MULTIFRAME_WARNING
from cxr_ai.readable import Errors, input_error, readable_inputs
from cxr_ai.whole_file import write_whole

# what each map means on a film that is no frontal chest radiograph; the detector's wording ("its findings here mean
# little") read oddly under a lung mask or a bone-suppressed image, which have no findings
NOT_CHEST_MAP_WARNING = {
    "lungs": "not a frontal chest radiograph ({reason}): the lung model was trained on PA chest films only, so this "
             "mask need not outline any lung",
    "bones": "not a frontal chest radiograph ({reason}): the bone-suppression model was trained on PA chest films "
             "only, so this image may have lost or distorted structures that are not ribs",
}


def write_maps(make_map: Callable[[EngineInput], np.ndarray], arguments: argparse.Namespace,
               warn: Callable[[str], None]) -> Errors:
    """``<name>_lungs.png`` / ``<name>_bones.png`` per input (``output_stems``), from ``make_map`` (a pipeline's or a
    single model's). What makes a map doubtful (a CT slice or a knee, frames left out) goes to ``warn``: these
    commands write no report, and a lung mask of a tibia used to be written without a word."""
    errors: Errors = []
    arguments.out.mkdir(parents=True, exist_ok=True)
    for current in readable_inputs(arguments, errors):
        try:
            image = Image.fromarray(make_map(current.item), "L")
            write_whole(arguments.out / f"{current.name}_{arguments.command}.png", partial(image.save, format="PNG"))
        except Exception as error:  # noqa: BLE001 - reported per input, the batch goes on
            errors.append(input_error(current.path, error))
            continue
        for warning in map_warnings(current.item, arguments.command):
            warn(f"{current.path}: {warning}")
    return errors


def map_warnings(item: EngineInput, command: str) -> list[str]:
    """What makes ``command``'s map of ``item`` doubtful, in the map's terms: frames left out, or a header that says
    the film is no frontal chest radiograph."""
    frames = item.frame_count > 1
    warnings = [MULTIFRAME_WARNING.format(frame=item.frame_index + 1, frames=item.frame_count)] if frames else []
    if item.not_chest:
        warnings.append(NOT_CHEST_MAP_WARNING[command].format(reason=item.not_chest))
    return warnings

