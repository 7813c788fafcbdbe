"""``AiLogic``: the AI's work for the film on screen, with no GUI of its own (the 3D Slicer split: ``AiPlugin`` is
the widget side and only binds the menu, the dock and the viewer's hooks to this).

When an image opens (and models are installed) a task looks it up in the result cache, so findings seen before
reappear without pressing D; with ``auto_run``, or in the demo, a cache miss on a chest radiograph runs detection.
Opening another image cancels the previous image's look-up and views, whose results would only be dropped.
Closing the image (a reader study between cases) and another plugin taking the view drop the film's findings the
same way; when that plugin gives the view back, the status says so at once, and a film left on screen is looked
up as if just opened. Which results are taken, and what may be listed, is ``FilmSession``'s to decide; who holds
the view is ``ViewHold``'s, whether an open runs detection ``runs_on_open``'s; results arriving are drawn and
reported by ``FilmDrawing``, and saved as DICOM by ``DicomSave``. A look-up on open that runs detection counts as
D's work: a D pressed meanwhile is refused as a second D is, rather than starting a second model run.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from cxr_ai.ui.auto_run import runs_on_open
from cxr_ai.ui.background import SharedEngine
from cxr_ai.ui.cancellable import FilmTasks
from cxr_ai.ui.current_film import CurrentFilmWork
from cxr_ai.ui.dicom_save import DicomSave
from cxr_ai.ui.drawn import FilmDrawing
from cxr_ai.ui.own_layers import OwnLayers
from cxr_ai.ui.report import FilmReport, FindingsView
from cxr_ai.ui.session import FilmSession
from cxr_ai.ui.settings import AiSettings
from cxr_ai.ui.view_hold import ViewHold
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api import ViewerHost

LOOKING_UP, DETECTING, VIEWS = "AI: looking up results", "Detecting nodules", "Bone suppression and lung mask"


class AiLogic:
    def __init__(self, host: ViewerHost, plugin_id: str, settings: AiSettings, findings: FindingsView,
                 title: str, views_switched: Callable[[bool], None],
                 detection_changed: Callable[[bool], None]) -> None:
        """``views_switched(on)``: whether the bone and lung views are on now, each time that may have changed
        (the menu's tick follows); ``detection_changed(has)``: whether the film has a result to save now, each time
        that may have changed (the Save entry is greyed without one)."""
        self._host, self._settings, self._views_switched = host, settings, views_switched
        self._engine = SharedEngine()
        self.session = FilmSession(detection_changed)
        self._tasks = FilmTasks(host)
        self._layers = OwnLayers(host, plugin_id)
        self._report = FilmReport(host, settings, findings, title)
        self._hold = ViewHold(host, plugin_id, self._report)
        self._work = CurrentFilmWork(host, settings, self._tasks, self._report.failed)
        self._drawing = FilmDrawing(host, settings, self.session, self._layers, self._report, self._hold)
        self.dicom = DicomSave(host, settings, self.session, self._hold, title)
        self._views_request: object | None = None  # the latest B's task, whose Cancel turns B off again

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
        if self._hold.held_by_another():
            return
        if self._report.idle(self.session.marks_hidden):  # not the previous image's findings count
            detects = runs_on_open(self._host, self._settings, image)  # then it is D's work: a D meanwhile waits
            look_up = partial(self._engine.look_up, run_on_miss=detects)
            self._work.run(look_up, self._drawing.show, DETECTING if detects else LOOKING_UP,
                           on_error=self._report.unavailable, cancel_with_film=True, once_per_film=detects)

    def image_closed(self) -> None:
        """The view is empty: the last film's findings must not stay listed, nor be drawn again by a switch of the
        operating point, nor its pending look-up deliver."""
        self._forget_film()
        if not self._hold.held_by_another():
            self._report.idle(self.session.marks_hidden)

    def exclusive_changed(self, _owner: str | None) -> None:
        """A hold starts as a change of film does (the host removed our layers); its end as an image opening,
        with the dock's choices given back."""
        if self._hold.other_holder() is None:
            self._report.released()
        image = self._host.current_image()
        if image is None:
            self.image_closed()
        else:
            self.image_opened(image)

    # --- the user's commands -----------------------------------------------------------------------------------
    def detect(self) -> None:
        """Runs to the end even when the user moves on: its result is cached and shown when the image reopens."""
        self._work.run(partial(self._engine.look_up, run_on_miss=True), self._drawing.show, DETECTING,
                       once_per_film=True)

    def toggle_views(self) -> None:
        """B: the bone-suppressed image and lung mask of this film on, or off again (the original film)."""
        if self.session.views_wanted:
            self.session.want_views(False)
            self._drawing.draw_and_report()
        else:
            request = self._views_request = object()
            self.session.want_views(self._work.run(self._engine.views, self._drawing.show_views, VIEWS,
                                                   on_error=self._views_failed, cancel_with_film=True,
                                                   on_cancel=partial(self._views_cancelled, request)))
        self._views_switched(self.session.views_wanted)

    def operating_point_changed(self) -> None:
        """Re-select from the candidates in memory: no model run."""
        if self.session.has_detection:
            self._drawing.draw_and_report()

    def toggle_marks(self) -> None:
        """A: hide or show every layer of this plugin until A is pressed again, on every film."""
        self.session.toggle_marks()
        self._layers.set_visible(not self.session.marks_hidden)
        self._drawing.report_marks()

    def layer_visibility_chosen(self, chosen: dict[str, bool]) -> bool:
        """The user set layers' boxes in the viewer's layer list; returns whether the marks' on/off state followed
        (only the layers the user touched change: ticking the heat map alone shows the heat map alone)."""
        if not any(self._layers.owns(layer_id) for layer_id in chosen):
            return False
        changed = self.session.follow_layer_list(any(layer.visible for layer in self._layers.on_view()))
        if changed:
            self._drawing.report_marks()
        return changed

    def pair_bone_label(self, chosen: dict[str, bool]) -> None:
        """The bone-suppressed image or its label ticked in the layer list: the other follows (``OwnLayers``)."""
        self._layers.pair_bone_label(chosen)

    # --- the film on screen ----------------------------------------------------------------------------------
    def _forget_film(self) -> None:
        self._tasks.cancel_film_tasks()
        self.session.forget_film()
        self._layers.remove()
        self._report.forget_film()
        self._views_switched(False)

    def _views_failed(self, error: BaseException) -> None:
        self._views_ended()
        self._report.failed(error)

    def _views_cancelled(self, request: object) -> None:
        """Cancel pressed on the views' task: B is off again, unless a later B already asked anew."""
        if request is self._views_request:
            self._views_ended()

    def _views_ended(self) -> None:
        self.session.want_views(False)
        self._views_switched(False)
