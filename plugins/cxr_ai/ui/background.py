"""The plugin's worker-thread side (Qt-free): one engine shared by every task; what they hand back is ``worker_data``.

Building the engine checks every model file's SHA-256 and creates the ONNX sessions, which takes seconds with
real models, so it happens on a worker, once, under a lock: the cache look-up that starts when an image opens and
a detection the user asks for at the same moment must not build two engines.

A cancelled task hands back None (nothing to show) instead of its result: it checks ``progress.cancelled`` before
each expensive step, so one cancelled while it waited in the queue ends at once, and once more after the model
ran, because a model run cannot be interrupted. A detection that finished is still cached: it cost the same.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from cxr_ai.engine.errors import DetectorNotInstalledError, PipelineSpecError
from cxr_ai.engine.image_input import EngineInput, engine_input, film_prefix
from cxr_ai.layers import view_layers
from cxr_ai.ui.worker_data import Detection, ModelChoice, Views
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api import ProgressReporter

if TYPE_CHECKING:  # the engine's modules are imported on the worker, when first needed: they bring ONNX Runtime
    from cxr_ai.engine.engine import Engine  # and SciPy (about half a second), which the viewer's start-up, before
    from cxr_ai.engine.standalone import StandaloneModel  # any film or AI command, paid for nothing


class SharedEngine:
    """The engine and the stand-alone lung and bone models, each built once for all tasks, under one lock."""

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._single: dict[tuple[ModelChoice, str], StandaloneModel | None] = {}
        self._lock = threading.Lock()

    def get(self, choice: ModelChoice, progress: ProgressReporter) -> Engine:
        with self._lock:
            if self._engine is None:
                from cxr_ai.engine.cache import ResultCache
                from cxr_ai.engine.engine import Engine

                progress.report(0.05, "Verifying and loading AI models")
                self._engine = Engine(choice.models_dir, device=choice.device,
                                      cache=ResultCache(limit_mb=choice.cache_limit_mb))
            return self._engine

    def _single_model(self, choice: ModelChoice, command: str) -> StandaloneModel | None:
        """The lung or bone model on its own, verified and loaded once; None when the folder has no such model."""
        with self._lock:
            if (choice, command) not in self._single:
                from cxr_ai.engine.standalone import StandaloneModel

                try:
                    self._single[choice, command] = StandaloneModel(choice.models_dir, command, choice.device)
                except PipelineSpecError:
                    self._single[choice, command] = None
            return self._single[choice, command]

    def look_up(self, image: LoadedImage, choice: ModelChoice, progress: ProgressReporter,
                run_on_miss: bool = False) -> Detection | None:
        """The cached result of ``image``; on a miss, a detection when ``run_on_miss``, else None (and None once
        cancelled)."""
        if progress.cancelled:
            return None
        engine = self.get(choice, progress)
        progress.report(0.2, "Looking up cached AI results")
        if not run_on_miss and not engine.may_have_cached(film_prefix(image)):
            return None  # nothing of this film cached: no pixel digest (tens of ms a frame step)
        item = engine_input(image)
        hit = engine.cached(item, "all")
        if hit is None and (not run_on_miss or progress.cancelled):
            return None
        if hit is None:
            progress.report(0.3, "Detecting nodules")
            hit = engine.detect_with_heatmap(item, "all")
        if progress.cancelled:
            return None
        progress.report(1.0, "Done")
        return Detection(image, hit[0], hit[1], engine)

    def views(self, image: LoadedImage, choice: ModelChoice, progress: ProgressReporter) -> Views | None:
        """The pipeline's bone and lung stages (not the detector) when one is installed; else the lung (and bone)
        model on its own, as the bone view is when the pipeline has no bone stage. None once cancelled: the views
        are not cached, so there is nothing to keep."""
        from cxr_ai.engine.film_maps import film_maps
        from cxr_ai.engine.intermediates import bone_suppressed_full

        item = engine_input(image)
        try:
            engine = self.get(choice, progress)
        except DetectorNotInstalledError:
            return self._standalone_views(image, item, choice, progress)
        if progress.cancelled:
            return None
        progress.report(0.2, "Bone suppression and lung segmentation")
        maps = film_maps(engine.stages, item, engine.model_set.input_size)
        if progress.cancelled:
            return None
        progress.report(0.9, "Tracing the lung outline")
        if maps.bone_suppressed is not None:
            bone = bone_suppressed_full(maps, item)
        else:  # a detector that does not use the bone channel: the bone model still gives the view on its own
            bones = self._single_model(choice, "bones")
            bone = bones.suppressed(item) if bones is not None else None
        layers = view_layers(bone, maps.lung_probability, maps.letterbox, engine.spec.lung_threshold)
        return Views(image, layers, bone is not None)

    def _standalone_views(self, image: LoadedImage, item: EngineInput, choice: ModelChoice,
                          progress: ProgressReporter) -> Views | None:
        from cxr_ai.engine.standalone import LUNG_THRESHOLD

        progress.report(0.2, "Lung segmentation (no detector installed)")
        lungs = self._single_model(choice, "lungs")
        if lungs is None:
            raise PipelineSpecError(f"{choice.models_dir}: no lung segmentation model installed")
        _, lung_probability, letterbox = lungs.run(item)
        if progress.cancelled:
            return None
        progress.report(0.6, "Bone suppression")
        bones = self._single_model(choice, "bones")
        bone = bones.suppressed(item) if bones is not None else None
        layers = view_layers(bone, lung_probability, letterbox, LUNG_THRESHOLD)
        return Views(image, layers, bone is not None)
