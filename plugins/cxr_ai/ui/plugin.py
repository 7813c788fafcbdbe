"""``AiPlugin``: "Detect nodules" (D), AI marks on/off (A), intermediate views, a findings dock, model status.

When an image opens (and models are installed) a task looks it up in the result cache, so findings seen before
reappear without pressing D; with ``auto_run``, or in the demo, a cache miss on a chest radiograph runs detection. A
task's result is shown only if its image is still the one on screen (the user may have moved on while it ran) and
nobody cancelled it. Opening another image cancels the previous image's look-up and views, whose results would
only be dropped: paging through a folder must not queue a detection per image passed. Closing the image (a reader
study between cases) and another plugin taking the view drop the film's findings the same way; when that plugin
gives the view back, the status says so at once.

A (``toggle_overlays``) hides the AI marks for the rest of the session, not for one film: a reader who hides them to
read unaided first must not meet them again on the next film, and the status bar and dock say they are hidden, so
nobody forgets it and takes an unmarked film for a negative result. While hidden, the findings count and list are
withheld too (a count tells what the marks would), and the status reads the same whether or not results exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import cxr_ai
from cxr_ai.engine.errors import ModelsNotInstalledError
from cxr_ai.engine.model_set import missing_for_detection
from cxr_ai.engine.result import Finding, ImageResult
from cxr_ai.layers import CONTOURS_ID, PIXEL_CENTRE, restack
from cxr_ai.ui.background import Detection, SharedEngine, Views
from cxr_ai.ui.cancellable import CancellableRun
from cxr_ai.ui.chest import not_a_chest_film
from cxr_ai.ui.findings_dock import FindingsDock, idle_summary, summary
from cxr_ai.ui.settings import AiSettings
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api import Layer, PluginInfo, TaskHandle, ViewerHost

PLUGIN_ID = "cxr_ai"
TITLE = "AI nodule detection"
STATUS = "AI (research use only)"
AUTO_RUN_ACTION = f"{PLUGIN_ID}.auto_run"
MARKS_ACTION = f"{PLUGIN_ID}.toggle"
CONTEXT_DIAMETERS = 6.0  # clicking a finding shows about six of its diameters: the nodule large, lung around it
MIN_CONTEXT_PX = 256.0  # ... but never less than this many image pixels (a tiny finding would fill the view)


class AiPlugin:
    info = PluginInfo(id=PLUGIN_ID, name=TITLE, version=cxr_ai.__version__,
                      description="Lung-nodule detection with bone suppression and lung masking (research use only)")

    def __init__(self) -> None:
        self._host: ViewerHost | None = None
        self._settings: AiSettings | None = None
        self._engine = SharedEngine()
        self._detection: Detection | None = None
        self._shown: ImageResult | None = None  # the findings painted now, for the status when A shows them
        self._views: list[Layer] = []
        self._for_shown_image: list[TaskHandle] = []  # look-up and views: worthless once another image opens
        self._marks_hidden = False  # A, for the whole session (module docstring)
        self.dock: FindingsDock | None = None

    def activate(self, host: ViewerHost) -> None:
        self._host, self._settings = host, AiSettings(host, PLUGIN_ID)
        host.add_action(f"{PLUGIN_ID}.detect", "Detect nodules", self.detect, shortcut="D", menu="AI")
        host.add_action(MARKS_ACTION, "Show AI marks", self.toggle_overlays, shortcut="A", menu="AI", checkable=True,
                        checked=True)
        host.add_action(f"{PLUGIN_ID}.views", "Show bone-suppressed image and lung mask", self.show_views, menu="AI")
        host.add_action(AUTO_RUN_ACTION, "Run detection on open", self.toggle_auto_run, menu="AI", checkable=True,
                        checked=self._settings.auto_run)
        self.dock = FindingsDock(self._focus, self.set_operating_point, self.set_auto_run)
        self.dock.set_choices(self._settings.operating_point, self._settings.auto_run)
        host.add_dock_widget("AI findings", self.dock)
        host.on_image_opened(self._image_opened)
        host.on_image_closed(self._image_closed)
        host.on_exclusive_changed(self._exclusive_changed)
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
        self._forget_film()
        if self._held_by_another():
            return
        if self._idle_status():  # not the previous image's findings count
            look_up = partial(self._engine.look_up, run_on_miss=self._may_run_on_open(image))
            self._keep_for_shown_image(self._run_on_current(look_up, self._show, "AI: looking up results",
                                                            on_error=self._look_up_failed))

    def _image_closed(self) -> None:
        """The view is empty: the last film's findings must not stay listed, nor be drawn again by a switch of the
        operating point, nor its pending look-up deliver."""
        self._forget_film()
        if not self._held_by_another():
            self._idle_status()

    def _exclusive_changed(self, _owner: str | None) -> None:
        """A hold starts as a change of film does (the host removed our layers); when it ends, the status says so at
        once and a film left on screen is looked up as if just opened."""
        image = self._host.current_image()
        if image is None:
            self._image_closed()
        else:
            self._image_opened(image)

    def _forget_film(self) -> None:
        self._cancel_for_shown_image()
        self._detection, self._shown, self._views = None, None, []
        for layer in self._ours():
            self._host.remove_layer(layer.id)
        self.dock.clear()

    def _other_holder(self) -> str | None:
        owner = self._host.exclusive_owner()
        return None if owner in (None, PLUGIN_ID) else owner

    def _held_by_another(self) -> bool:
        """While e.g. a reader study holds the view: no work, and no sign of whether results exist for this image;
        nor an invitation to press D, which the host has switched off. Not "blinded": an aided arm shows the study's
        own AI marks meanwhile."""
        owner = self._other_holder()
        if owner is not None:
            self._host.show_status(f"{STATUS}: off while the {owner} plugin holds the view", permanent=True)
        return owner is not None

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
        run = CancellableRun(lambda progress: work(image, choice, progress), on_done)
        return self._host.run_task(run.work, on_done=run.deliver, on_error=on_error or self._failed, title=title)

    def _on_screen(self, image: LoadedImage) -> bool:
        """Whether a result for ``image`` may be shown: it is the film on screen (the same object: the viewer's
        cache hands out one per file, and a closed view has none) and no other plugin holds the view."""
        return image is self._host.current_image() and self._other_holder() is None

    def _show(self, detection: Detection | None) -> None:
        if detection is None or not self._on_screen(detection.image):
            return  # nothing cached, cancelled, or the user opened another image (or closed it) meanwhile
        self._detection = detection
        self._paint_and_report()

    def _show_views(self, views: Views | None) -> None:
        if views is None or not self._on_screen(views.image):
            return
        self._views = views.layers
        self._paint_and_report()
        if not views.has_bone:
            self._host.show_status(f"{STATUS}: this model set has no bone-suppression stage; lung mask only")

    def _paint_and_report(self) -> None:
        """Paint the views under the findings at the chosen operating point; the dock and the status bar follow."""
        result, found = self._detection.at(self._settings.operating_point) if self._detection else (None, [])
        previous = self._ours()
        for layer in previous:
            self._host.remove_layer(layer.id)
        for layer in restack(previous, self._views + found, self._marks_hidden):
            self._host.add_layer(layer)
        self._shown = result if CONTOURS_ID in {layer.id for layer in self._host.layers()} else None
        self._report()

    def _report(self) -> None:
        """The findings painted now in the dock and the status bar, or (none, or A hid them) the idle line."""
        if self._shown is None or self._marks_hidden:
            self._idle_status()
            return
        self.dock.show_result(self._shown)
        self._host.show_status(f"{STATUS}: {summary(self._shown)}", permanent=True)

    def _idle_status(self) -> bool:
        """Say whether a complete model set is installed (and return it), and whether A hid the marks."""
        missing = missing_for_detection(self._settings.manifest.parent)
        self._host.show_status(f"{STATUS}: {idle_summary(missing, self._marks_hidden)}", permanent=True)
        self.dock.show_idle(missing, self._marks_hidden)  # the status bar is shared with other messages
        return missing is None

    def _look_up_failed(self, error: BaseException) -> None:
        """Opening an image must not raise a dialog per image: the status bar says why AI is unavailable."""
        self._host.show_status(f"{STATUS}: {error}", permanent=True)

    def _failed(self, error: BaseException) -> None:
        advice = "\n\nThe viewer works as usual without AI." if isinstance(error, ModelsNotInstalledError) else ""
        self._host.show_error(TITLE, f"AI analysis failed: {error}{advice}")

    def _ours(self) -> list[Layer]:
        """This plugin's layers only: a reader study's AI marks are in group "ai" too, and only the study decides
        whether an arm shows them."""
        return [layer for layer in self._host.layers() if layer.id.startswith(f"{PLUGIN_ID}.")]

    def toggle_overlays(self) -> None:
        """A: hide or show the AI marks (every layer of this plugin) until A is pressed again, on every film."""
        self._marks_hidden = not self._marks_hidden
        self._host.set_action_checked(MARKS_ACTION, not self._marks_hidden)
        for layer in self._ours():
            self._host.set_layer_visible(layer.id, not self._marks_hidden)
        if self._other_holder() is None:
            self._report()

    def _focus(self, finding: Finding) -> None:
        """Centre on the finding and zoom in so it is seen large with the lung around it (never zooming out)."""
        field = max(CONTEXT_DIAMETERS * finding.diameter_px, MIN_CONTEXT_PX)
        self._host.zoom_to(finding.x + PIXEL_CENTRE, finding.y + PIXEL_CENTRE, field)
