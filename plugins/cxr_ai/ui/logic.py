"""``AiLogic``: the AI's work for the film on screen, with no GUI of its own (the 3D Slicer split: ``AiPlugin`` is
the widget side and only binds the menu, the dock and the viewer's hooks to this).

When an image opens (and models are installed) a task looks it up in the result cache, so findings seen before
reappear without pressing D; with ``auto_run``, or in the demo, a cache miss on a chest radiograph runs detection.
Opening another image cancels the previous image's look-up and views, whose results would only be dropped.
Closing the image (a reader study between cases) and another plugin taking the view drop the film's findings the
same way; when that plugin gives the view back, the status says so at once, and a film left on screen is looked
up as if just opened. Which results are taken, and what may be listed, is ``FilmSession``'s to decide.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from cxr_ai.ui.background import Detection, SharedEngine, Views
from cxr_ai.ui.cancellable import FilmTasks
from cxr_ai.engine.chest_view import not_a_chest_film
from cxr_ai.ui.own_layers import OwnLayers
from cxr_ai.ui.report import FilmReport, FindingsView
from cxr_ai.ui.session import FilmSession
from cxr_ai.ui.settings import AiSettings
from cxr_ai.ui.status_lines import NO_BONE_STAGE, NO_IMAGE, not_a_chest_line
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api import ViewerHost


class AiLogic:
    def __init__(self, host: ViewerHost, plugin_id: str, settings: AiSettings, findings: FindingsView,
                 title: str) -> None:
        self._host, self._plugin_id, self._settings = host, plugin_id, settings
        self._engine = SharedEngine()
        self.session = FilmSession()
        self._tasks = FilmTasks(host)
        self._layers = OwnLayers(host, plugin_id)
        self._report = FilmReport(host, settings, findings, title)

    def start(self) -> None:
        """The first status line: whether the models are installed."""
        self._report.idle(self.session.marks_hidden)

    def stop(self) -> None:
        """The viewer closes: cancel what is pending and let go of the ONNX sessions."""
        self._tasks.cancel_film_tasks()
        self._engine = SharedEngine()

    # --- the viewer's hooks ------------------------------------------------------------------------------------
    def image_opened(self, image: LoadedImage) -> None:
        self._forget_film()
        if self._held_by_another():
            return
        if self._report.idle(self.session.marks_hidden):  # not the previous image's findings count
            look_up = partial(self._engine.look_up, run_on_miss=self._may_run_on_open(image))
            self._run_on_current(look_up, self._show, "AI: looking up results", on_error=self._report.unavailable,
                                 cancel_with_film=True)

    def image_closed(self) -> None:
        """The view is empty: the last film's findings must not stay listed, nor be drawn again by a switch of the
        operating point, nor its pending look-up deliver."""
        self._forget_film()
        if not self._held_by_another():
            self._report.idle(self.session.marks_hidden)

    def exclusive_changed(self, _owner: str | None) -> None:
        """A hold starts as a change of film does (the host removed our layers); its end as an image opening,
        with the dock's choices given back."""
        if self._other_holder() is None:
            self._report.released()
        image = self._host.current_image()
        if image is None:
            self.image_closed()
        else:
            self.image_opened(image)

    # --- the user's commands -----------------------------------------------------------------------------------
    def detect(self) -> None:
        """Runs to the end even when the user moves on: its result is cached and shown when the image reopens."""
        self._run_on_current(partial(self._engine.look_up, run_on_miss=True), self._show, "Detecting nodules")

    def show_views(self) -> None:
        self._run_on_current(self._engine.views, self._show_views, "Bone suppression and lung mask",
                             cancel_with_film=True)

    def operating_point_changed(self) -> None:
        """Re-select from the candidates in memory: no model run."""
        if self.session.has_detection:
            self._draw_and_report()

    def toggle_marks(self) -> None:
        """A: hide or show every layer of this plugin until A is pressed again, on every film."""
        self.session.toggle_marks()
        self._layers.set_visible(not self.session.marks_hidden)
        self._report_marks()

    def layer_visibility_chosen(self, chosen: dict[str, bool]) -> bool:
        """The user set layers' boxes in the viewer's layer list; returns whether the marks' on/off state followed
        (only the layers the user touched change: ticking the heat map alone shows the heat map alone)."""
        if not any(self._layers.owns(layer_id) for layer_id in chosen):
            return False
        changed = self.session.follow_layer_list(any(layer.visible for layer in self._layers.on_view()))
        if changed:
            self._report_marks()
        return changed

    def _report_marks(self) -> None:
        if self._other_holder() is None:
            self._report_listed()

    # --- the film on screen ----------------------------------------------------------------------------------
    def _forget_film(self) -> None:
        self._tasks.cancel_film_tasks()
        self.session.forget_film()
        self._layers.remove()
        self._report.forget_film()

    def _other_holder(self) -> str | None:
        owner = self._host.exclusive_owner()
        return None if owner in (None, self._plugin_id) else owner

    def _held_by_another(self) -> bool:
        """While e.g. a reader study holds the view: no work, and the status says the AI is off (``held_line``)."""
        owner = self._other_holder()
        if owner is not None:
            self._report.held(owner)
        return owner is not None

    def _may_run_on_open(self, image: LoadedImage) -> bool:
        """A cache miss runs detection when the user asked for it, or in the demo (which should show results), and
        only on a chest radiograph; the status bar says why another image was left alone (D still runs)."""
        if not (self._settings.auto_run or self._host.demo_mode()):
            return False
        reason = not_a_chest_film(image)
        if reason is not None:
            self._host.show_status(not_a_chest_line(reason))
        return reason is None

    # --- tasks and their results ---------------------------------------------------------------------------------
    def _run_on_current(self, work: Callable[..., Any], on_done: Callable[[Any], None], title: str,
                        on_error: Callable[[BaseException], None] | None = None,
                        cancel_with_film: bool = False) -> None:
        """``work(image, model choice, progress)`` on a worker, for the image shown now (none: the status says so)."""
        image, choice = self._host.current_image(), self._settings.choice
        if image is None:
            self._host.show_status(NO_IMAGE)
            return
        self._tasks.run(lambda progress: work(image, choice, progress), on_done, on_error or self._report.failed,
                        title, cancel_with_film)

    def _show(self, detection: Detection | None) -> None:
        if self.session.take_detection(detection, self._host.current_image(), self._other_holder()):
            self._draw_and_report()

    def _show_views(self, views: Views | None) -> None:
        if not self.session.take_views(views, self._host.current_image(), self._other_holder()):
            return
        self._draw_and_report()
        if not views.has_bone:
            self._host.show_status(NO_BONE_STAGE)

    def _draw_and_report(self) -> None:
        """Draw the views under the findings at the chosen operating point; the dock and the status bar follow."""
        result, layers = self.session.to_draw(self._settings.operating_point)
        self.session.drawn(result, self._layers.replace(layers, self.session.marks_hidden))
        self._report_listed()

    def _report_listed(self) -> None:
        threshold = self.session.threshold(self._settings.operating_point)  # said with a negative result
        self._report.listed(self.session.listed(), self.session.marks_hidden, threshold)
