"""``FilmDrawing``: what a task hands back for the film on screen, taken (or not) by ``FilmSession``, then drawn
and reported (Qt-free).

Apart from ``AiLogic``, which starts the work: this half only receives results and keeps the layers, the dock and
the status bar in step with the session, whichever command or hook asked for them.
"""

from __future__ import annotations

from cxr_ai.ui.own_layers import OwnLayers
from cxr_ai.ui.report import FilmReport
from cxr_ai.ui.session import FilmSession
from cxr_ai.ui.settings import AiSettings
from cxr_ai.ui.status_lines import NO_BONE_STAGE
from cxr_ai.ui.view_hold import ViewHold
from cxr_ai.ui.worker_data import Detection, Views
from cxr_viewer.plugin_api import ViewerHost


class FilmDrawing:
    def __init__(self, host: ViewerHost, settings: AiSettings, session: FilmSession, layers: OwnLayers,
                 report: FilmReport, hold: ViewHold) -> None:
        self._host, self._settings, self._session = host, settings, session
        self._layers, self._report, self._hold = layers, report, hold

    def show(self, detection: Detection | None) -> None:
        """A look-up's or a detection's result: drawn if it is for the film on screen and nobody else holds it."""
        if self._session.take_detection(detection, self._host.current_image(), self._hold.other_holder()):
            self.draw_and_report()

    def show_views(self, views: Views | None) -> None:
        """The bone and lung views: drawn under the findings if still wanted for the film on screen."""
        if not self._session.take_views(views, self._host.current_image(), self._hold.other_holder()):
            return
        self.draw_and_report()
        if not views.has_bone:
            self._host.show_status(NO_BONE_STAGE)

    def draw_and_report(self) -> None:
        """Draw the views under the findings at the chosen operating point; the dock and the status bar follow."""
        result, layers = self._session.to_draw(self._settings.operating_point)
        self._session.drawn(result, self._layers.replace(layers, self._session.marks_hidden))
        self.report_listed()

    def report_listed(self) -> None:
        threshold = self._session.threshold(self._settings.operating_point)  # said with a negative result
        self._report.listed(self._session.listed(), self._session.marks_hidden, threshold)

    def report_marks(self) -> None:
        """A or the layer list switched the marks: the dock and status say so, unless another plugin holds the view."""
        if self._hold.other_holder() is None:
            self.report_listed()
