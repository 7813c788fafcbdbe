"""The work behind ``cxr-ai lungs`` and ``cxr-ai bones``: one PNG per readable input."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import numpy as np
from PIL import Image

from cxr_ai.engine.film_result import input_warnings
from cxr_ai.engine.image_input import EngineInput
from cxr_ai.readable import Errors, input_error, readable_inputs


def write_maps(make_map: Callable[[EngineInput], np.ndarray], arguments: argparse.Namespace,
               warn: Callable[[str], None]) -> Errors:
    """``<name>_lungs.png`` / ``<name>_bones.png`` per input (``output_stems``), from ``make_map`` (a pipeline's or a
    single model's). What makes a map doubtful (a CT slice or a knee, frames left out) goes to ``warn``: these
    commands write no report, and a lung mask of a tibia used to be written without a word."""
    errors: Errors = []
    arguments.out.mkdir(parents=True, exist_ok=True)
    for current in readable_inputs(arguments, errors):
        try:
            Image.fromarray(make_map(current.item), "L").save(arguments.out / f"{current.name}_{arguments.command}.png")
        except Exception as error:  # noqa: BLE001 - reported per input, the batch goes on
            errors.append(input_error(current.path, error))
            continue
        for warning in input_warnings(current.item):
            warn(f"{current.path}: {warning}")
    return errors
