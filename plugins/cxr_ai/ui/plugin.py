"""``AiPlugin``: "Detect nodules" (D), overlay toggle (A), intermediate views, a findings dock, model status.

When an image opens (and models are installed) a task looks it up in the result cache, so findings seen before
reappear without pressing D; with ``auto_run``, or in the demo, a cache miss on a chest radiograph runs detection. A
task's result is shown only if its image is still the one on screen (the user may have moved on while it ran) and
nobody cancelled it. Opening another image cancels the previous image's look-up and views, whose results would
only be dropped: paging through a folder must not queue a detection per image passed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import cxr_ai
from cxr_ai.engine.errors import ModelsNotInstalledError
from cxr_ai.engine.model_set import missing_for_detection
from cxr_ai.engine.result import Finding, ImageResult
from cxr_ai.layers import CONTOURS_ID, GROUP, PIXEL_CENTRE, restack
from cxr_ai.ui.background import Detection, SharedEngine, Views
from cxr_ai.ui.chest import not_a_chest_film
from cxr_ai.ui.findings_dock import RESEARCH_NOTE, FindingsDock, summary
from cxr_ai.ui.settings import AiSettings
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api import Layer, PluginInfo, ProgressReporter, TaskHandle, ViewerHost

PLUGIN_ID = "cxr_ai"
TITLE = "AI nodule detection"
STATUS = "AI (research use only)"
AUTO_RUN_ACTION = f"{PLUGIN_ID}.auto_run"
CONTEXT_DIAMETERS = 6.0  # clicking a finding shows about six of its diameters: the nodule large, lung around it
MIN_CONTEXT_PX = 256.0  # ... but never less than this many image pixels (a tiny finding would fill the view)


class _CancellableRun:
    """One task's work and result callback: the result is passed on only if the task was not cancelled.

    The worker hands back None once it sees the cancellation, but a model run cannot be interrupted, and Cancel
    may be pressed after the worker's last look; the callback therefore asks the task's reporter once more.
    """

    def __init__(self, work: Callable[[ProgressReporter], Any], on_done: Callable[[Any], None]) -> None:
        self._work, self._on_done = work, on_done
        self._progress: ProgressReporter | None = None

    def work(self, progress: ProgressReporter) -> Any:
        self._progress = progress
        return self._work(progress)

    def deliver(self, result: Any) -> None:
        if self._progress is not None and not self._progress.cancelled:
            self._on_done(result)


class AiPlugin:
    info = PluginInfo(id=PLUGIN_ID, name=TITLE, version=cxr_ai.__version__,
                      description="Lung-nodule detection with bone suppression and lung masking (research use only)")

    def __init__(self) -> None:
        self._host: ViewerHost | None = None
        self._settings: AiSettings | None = None
        self._engine = SharedEngine()
        self._detection: Detection | None = None
        self._views: list[Layer] = []
        self._for_shown_image: list[TaskHandle] = []  # look-up and views: worthless once another image opens
        self.dock: FindingsDock | None = None

    def activate(self, host: ViewerHost) -> None:
        self._host, self._settings = host, AiSettings(host, PLUGIN_ID)
        host.add_action(f"{PLUGIN_ID}.detect", "Detect nodules", self.detect, shortcut="D", menu="AI")
        host.add_action(f"{PLUGIN_ID}.toggle", "Show/hide AI overlays", self.toggle_overlays, shortcut="A", menu="AI")
        host.add_action(f"{PLUGIN_ID}.views", "Show bone-suppressed image and lung mask", self.show_views, menu="AI")
        host.add_action(AUTO_RUN_ACTION, "Run detection on open", self.toggle_auto_run, menu="AI", checkable=True,
                        checked=self._settings.auto_run)
        self.dock = FindingsDock(self._focus, self.set_operating_point, self.set_auto_run)
        self.dock.set_choices(self._settings.operating_point, self._settings.auto_run)
        host.add_dock_widget("AI findings", self.dock)
        host.on_image_opened(self._image_opened)
        self._idle_status()

    def deactivate(self) -> None:
        self._cancel_for_shown_image()
        self._engine = SharedEngine()

    def set_operating_point(self, operating_point: str) -> None:
        """Re-select from the candidates in memory (no model run) and remember the choice."""
        self._settings.save("operating_point", operating_point)
        if self._detection is not None:
            self._paint_and_report()

    def set_auto_run(self, enabled: bool) -> None:
        self._settings.save("auto_run", enabled)
        self._host.set_action_checked(AUTO_RUN_ACTION, enabled)
        self._host.show_status(f"{STATUS}: detection on open is {'on' if enabled else 'off'}")

    def toggle_auto_run(self) -> None:
        self.dock.auto_run.setChecked(not self.dock.auto_run.isChecked())  # the check box saves it

    def _image_opened(self, image: LoadedImage) -> None:
        self._cancel_for_shown_image()
        self._detection, self._views = None, []
        for layer in self._ours():
            self._host.remove_layer(layer.id)
        self.dock.clear()
        owner = self._host.exclusive_owner()
        if owner not in (None, PLUGIN_ID):  # e.g. a reader study: no work, and no sign of whether results exist
            # for this image; nor an invitation to press D, which the host has switched off. Not "blinded": an
            # aided arm shows the study's own AI marks meanwhile
            self._host.show_status(f"{STATUS}: off while the {owner} plugin holds the view", permanent=True)
            return
        if self._idle_status():  # not the previous image's findings count
            look_up = partial(self._engine.look_up, run_on_miss=self._may_run_on_open(image))
            self._keep_for_shown_image(self._run_on_current(look_up, self._show, "AI: looking up results",
                                                            on_error=self._look_up_failed))

    def _may_run_on_open(self, image: LoadedImage) -> bool:
        """A cache miss runs detection when the user asked for it, or in the demo (which should show results), and
        only on a chest radiograph; the status bar says why another image was left alone (D still runs)."""
        if not (self._settings.auto_run or self._host.demo_mode()):
            return False
        reason = not_a_chest_film(image)
        if reason is not None:
            self._host.show_status(f"{STATUS}: detection on open skipped, not a chest radiograph ({reason}); D runs it")
        return reason is None

    def _cancel_for_shown_image(self) -> None:
        for handle in self._for_shown_image:
            handle.cancel()
        self._for_shown_image = []

    def _keep_for_shown_image(self, handle: TaskHandle | None) -> None:
        if handle is not None:
            self._for_shown_image = [kept for kept in self._for_shown_image if not kept.done] + [handle]

    def detect(self) -> None:
        """Runs to the end even when the user moves on: its result is cached and shown when the image reopens."""
        self._run_on_current(partial(self._engine.look_up, run_on_miss=True), self._show, "Detecting nodules")

    def show_views(self) -> None:
        self._keep_for_shown_image(
            self._run_on_current(self._engine.views, self._show_views, "Bone suppression and lung mask"))

    def _run_on_current(self, work: Callable[..., Any], on_done: Callable[[Any], None], title: str,
                        on_error: Callable[[BaseException], None] | None = None) -> TaskHandle | None:
        """``work(image, model choice, progress)`` on a worker, for the image shown now; None without an image."""
        image, choice = self._host.current_image(), self._settings.choice
        if image is None:
            self._host.show_status("AI: open an image first")
            return None
        run = _CancellableRun(lambda progress: work(image, choice, progress), on_done)
        return self._host.run_task(run.work, on_done=run.deliver, on_error=on_error or self._failed, title=title)

    def _show(self, detection: Detection | None) -> None:
        if detection is None or detection.image is not self._host.current_image():
            return  # nothing cached, cancelled, or the user opened another image meanwhile
        self._detection = detection
        self._paint_and_report()

    def _paint_and_report(self) -> None:
        """Paint the findings at the chosen operating point and put their count in the status bar."""
        result = self._paint()
        if result is not None:
            self._host.show_status(f"{STATUS}: {summary(result)}", permanent=True)

    def _show_views(self, views: Views | None) -> None:
        if views is None or views.image is not self._host.current_image():
            return
        self._views = views.layers
        self._paint()
        if not views.has_bone:
            self._host.show_status(f"{STATUS}: this model set has no bone-suppression stage; lung mask only")

    def _paint(self) -> ImageResult | None:
        """Show the views under the findings at the chosen operating point; returns that result, or None when
        there is none or the host refused our layers (another plugin holds the view for blinded reading)."""
        result, found = self._detection.at(self._settings.operating_point) if self._detection else (None, [])
        previous = self._ours()
        for layer in previous:
            self._host.remove_layer(layer.id)
        for layer in restack(previous, self._views + found):
            self._host.add_layer(layer)
        if result is None or CONTOURS_ID not in {layer.id for layer in self._host.layers()}:
            self.dock.clear()
            return None
        self.dock.show_result(result)
        return result

    def _idle_status(self) -> bool:
        """Say whether a complete model set is installed (and return it)."""
        missing = missing_for_detection(self._settings.manifest.parent)
        self._host.show_status(f"{STATUS}: {missing or 'press D to detect nodules'}", permanent=True)
        if missing:  # the status bar is shared with other messages; the dock keeps saying why nothing is found
            self.dock.clear(f"{RESEARCH_NOTE}\n{missing}")
        return missing is None

    def _look_up_failed(self, error: BaseException) -> None:
        """Opening an image must not raise a dialog per image: the status bar says why AI is unavailable."""
        self._host.show_status(f"{STATUS}: {error}", permanent=True)

    def _failed(self, error: BaseException) -> None:
        advice = "\n\nThe viewer works as usual without AI." if isinstance(error, ModelsNotInstalledError) else ""
        self._host.show_error(TITLE, f"AI analysis failed: {error}{advice}")

    def _ours(self) -> list[Layer]:
        return [layer for layer in self._host.layers() if layer.group == GROUP]

    def toggle_overlays(self) -> None:
        ours = self._ours()
        show = not any(layer.visible for layer in ours)
        for layer in ours:
            self._host.set_layer_visible(layer.id, show)

    def _focus(self, finding: Finding) -> None:
        """Centre on the finding and zoom in so it is seen large with the lung around it (never zooming out)."""
        field = max(CONTEXT_DIAMETERS * finding.diameter_px, MIN_CONTEXT_PX)
        self._host.zoom_to(finding.x + PIXEL_CENTRE, finding.y + PIXEL_CENTRE, field)
