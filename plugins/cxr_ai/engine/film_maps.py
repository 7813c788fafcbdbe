"""A film's bone-suppressed canvas and lung probability, from the pipeline's own preprocessing and stages.

``cxr-ai lungs/bones`` and the viewer's views need only these: running ``Pipeline.analyse`` for them cost the whole
detector ensemble and candidate classifier, whose output was thrown away.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from model_training.preprocess import Letterbox

from cxr_ai.engine.image_input import EngineInput
from cxr_ai.engine.pipeline import prepare
from cxr_ai.engine.stages import MapStages


@dataclass(frozen=True)
class FilmMaps:
    """Maps at the model canvas (None for a stage whose model was not loaded) and the letterbox back to the film."""

    canvas: np.ndarray
    letterbox: Letterbox
    bone_suppressed: np.ndarray | None
    lung_probability: np.ndarray | None


def film_maps(stages: MapStages, item: EngineInput, canvas_size: int) -> FilmMaps:
    """``canvas_size`` is the detector's (``ModelSet.input_size``), so the maps are what the detector is given."""
    _, canvas, box = prepare(item, canvas_size)
    bone, lung = stages.run_maps(canvas[None], {})
    return FilmMaps(canvas, box, None if bone is None else bone[0], None if lung is None else lung[0])
