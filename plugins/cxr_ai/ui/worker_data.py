"""What crosses between the AI plugin's GUI thread and its workers (Qt-free): the model choice and task results.

The model choice is read from the settings on the GUI thread when a task is asked for, and each result is a
frozen value the GUI thread reads without changing. Apart from the worker side (``background``) because the
settings and the film's session use these types without running any model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from cxr_ai.engine.cache import DEFAULT_LIMIT_MB
from cxr_ai.engine.result import ImageResult
from cxr_ai.layers import result_layers
from cxr_ai.ui.negative import negative_layers
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api import Layer

if TYPE_CHECKING:  # types only: the engine module brings ONNX Runtime and SciPy, which the plugin's start-up need not
    from cxr_ai.engine.engine import Engine, OperatingPointChoice


@dataclass(frozen=True)
class ModelChoice:
    """Where the models are, which device to use and the result cache's cap, read from the settings on the GUI
    thread."""

    models_dir: Path
    device: str
    cache_limit_mb: float = DEFAULT_LIMIT_MB


@dataclass(frozen=True)
class Detection:
    """Every candidate of one image (operating point 'all', so switching the operating point needs no model run),
    its heat map, and the engine whose operating points and heat-map floor apply."""

    image: LoadedImage
    everything: ImageResult
    heatmap: np.ndarray
    engine: Engine

    def at(self, operating_point: OperatingPointChoice) -> tuple[ImageResult, list[Layer]]:
        """The findings at ``operating_point`` (``Engine.select``: no model run) and their layers."""
        result = self.engine.select(self.everything, operating_point)
        layers = result_layers(result, self.heatmap, self.engine.spec.post.candidate_floor)
        return result, layers if result.findings else negative_layers(layers)

    def threshold(self, operating_point: OperatingPointChoice) -> float | None:
        """The score a finding needs at ``operating_point`` (None for 'all', which keeps every candidate)."""
        point = self.engine.spec.operating_points.get(operating_point)
        return point.threshold if point is not None else None


@dataclass(frozen=True)
class Views:
    """The bone-suppressed image and lung-mask layers of one image; ``has_bone`` is False without that stage."""

    image: LoadedImage
    layers: list[Layer]
    has_bone: bool
