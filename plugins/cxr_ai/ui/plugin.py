"""``AiPlugin``: "Detect nodules" (D), overlay toggle (A), a findings dock, and model status in the status bar.

The engine is built on first use inside ``host.run_task`` (hash checks and session creation stay off the GUI
thread); without models the plugin says so and the viewer carries on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cxr_ai
from cxr_ai.engine.cache import ResultCache
from cxr_ai.engine.engine import Engine
from cxr_ai.engine.errors import ModelsNotInstalledError
from cxr_ai.engine.image_input import engine_input
from cxr_ai.engine.model_set import default_models_dir
from cxr_ai.engine.result import Finding, ImageResult
from cxr_ai.layers import GROUP, result_layers
from cxr_ai.ui.findings_dock import FindingsDock
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api import PluginInfo, ProgressReporter, ViewerHost

PLUGIN_ID = "cxr_ai"
TITLE = "AI nodule detection"


class AiPlugin:
    info = PluginInfo(id=PLUGIN_ID, name=TITLE, version=cxr_ai.__version__,
                      description="Lung-nodule detection with bone suppression and lung masking (research use only)")

    def __init__(self) -> None:
        self._host: ViewerHost | None = None
        self._engine: Engine | None = None
        self.dock: FindingsDock | None = None

    def activate(self, host: ViewerHost) -> None:
        self._host = host
        host.add_action(f"{PLUGIN_ID}.detect", "Detect nodules", self.detect, shortcut="D", menu="AI")
        host.add_action(f"{PLUGIN_ID}.toggle", "Show/hide AI overlays", self.toggle_overlays, shortcut="A", menu="AI")
        self.dock = FindingsDock(on_select=self._focus)
        host.add_dock_widget("AI findings", self.dock)
        host.on_image_opened(self._image_opened)
        manifest = self._models_dir() / "manifest.json"
        state = "press D to detect nodules" if manifest.is_file() else f"no models installed ({manifest})"
        host.show_status(f"AI (research use only): {state}", permanent=True)

    def deactivate(self) -> None:
        self._engine = None

    def _settings(self) -> dict[str, Any]:
        return self._host.settings(PLUGIN_ID) if self._host else {}

    def _models_dir(self) -> Path:
        configured = self._settings().get("models_dir")
        return Path(configured) if configured else default_models_dir()

    def detect(self) -> None:
        image = self._host.current_image()
        if image is None:
            self._host.show_status("AI: open an image first")
            return
        self._host.run_task(lambda progress: self._work(image, progress), on_done=self._show, on_error=self._failed,
                            title="Detecting nodules")

    def _work(self, image: LoadedImage, progress: ProgressReporter) -> tuple[ImageResult, Any, float]:
        if self._engine is None:
            progress.report(0.05, "Verifying and loading AI models")
            device = self._settings().get("device", "auto")
            self._engine = Engine(self._models_dir(), device=device, cache=ResultCache())
        progress.report(0.2, "Detecting nodules")
        result, heatmap = self._engine.detect_with_heatmap(
            engine_input(image), self._settings().get("operating_point", "sens")
        )
        progress.report(1.0, "Done")
        return result, heatmap, self._engine.spec.post.candidate_floor

    def _show(self, outcome: tuple[ImageResult, Any, float]) -> None:
        result, heatmap, floor = outcome
        for layer in result_layers(result, heatmap, floor):
            self._host.add_layer(layer)
        self.dock.show_result(result)
        source = "cached" if result.cached else f"{result.timings_ms.get('total', 0):.0f} ms"
        self._host.show_status(
            f"AI (research use only): models {result.model_version} on {result.provider} — "
            f"{len(result.findings)} finding(s), {source}", permanent=True)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ModelsNotInstalledError):
            self._host.show_error(TITLE, f"{error}\n\nThe viewer works as usual without AI.")
        else:
            self._host.show_error(TITLE, f"Nodule detection failed: {error}")

    def toggle_overlays(self) -> None:
        ours = [layer for layer in self._host.layers() if layer.group == GROUP]
        show = not any(layer.visible for layer in ours)
        for layer in ours:
            self._host.set_layer_visible(layer.id, show)

    def _focus(self, finding: Finding) -> None:
        self._host.center_on(finding.x, finding.y)

    def _image_opened(self, image: LoadedImage) -> None:
        for layer in self._host.layers():
            if layer.group == GROUP:
                self._host.remove_layer(layer.id)
        self.dock.clear()
