"""What the reader sees of the session: the blinded case on the viewer, with the AI findings and the reader's
marks, and the reading page's labels.

Everything is redrawn from the session's state after each change rather than patched, so the screen and the
session cannot drift apart. A case whose image cannot be decoded gets the notice to call the coordinator
instead of an image.
"""

from __future__ import annotations

import logging
from typing import Callable

from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.plugin_api import MarkerLayer, ViewerHost

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.reading.case_display import CaseDisplay
from cxr_reader_study.reading.layers import MARKS_LAYER_ID, marks_layer
from cxr_reader_study.reading.mark_input import select_radius
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.ui.pages import ReadingPage

log = logging.getLogger(__name__)


class CaseScreen:
    def __init__(self, host: ViewerHost, study: Study, page: ReadingPage,
                 on_markers_dragged: Callable[[MarkerLayer], None]):
        self.host, self.study, self.page = host, study, page
        self._on_markers_dragged = on_markers_dragged
        self._display = CaseDisplay(host)

    def show_case(self, session: ReadingSession) -> None:
        """The session's current case (or the end of the session); starts its clock once the image is on
        screen and decodes the next case meanwhile."""
        if session.finished:  # the last case leaves the screen: it was answered, and no AI label is about it now
            self._display.clear()
            self.host.close_image()
            self.page.show_state(session)
            return
        try:
            self._display.show(session.current_case.image, session.visible_findings(),
                               with_marks=self.study.task is Task.FROC)
        except (ImageLoadError, OSError) as error:
            self._case_unavailable(session, error)
            return
        if self.study.task is Task.FROC:
            self.host.set_markers_editable(MARKS_LAYER_ID, True, self._on_markers_dragged)
        session.image_shown()
        order = session.record.case_order
        done, _ = session.progress
        if done + 1 < len(order):
            self._display.prefetch(self.study.case(order[done + 1]).image)
        self.refresh(session)

    def show_ai(self, session: ReadingSession) -> None:
        """The first read is committed: the same case, the AI now over the reader's first answer."""
        self._display.show_findings(session.visible_findings())
        self.refresh(session)

    def refresh(self, session: ReadingSession) -> None:
        self.page.show_state(session)
        if self.study.task is Task.FROC:
            self.host.add_layer(marks_layer(session.answer.marks, session.answer.selected_mark))

    def image_shape(self) -> tuple[int, int]:
        """(rows, columns) of the case on screen, (0, 0) when there is none: marks must lie on it."""
        image = self.host.current_image()
        return image.shape if image is not None else (0, 0)

    def select_radius(self) -> float:
        """How near a click must fall to a mark to pick it, in image pixels at the view's zoom now: the same few
        screen pixels as the rings, whether the reader zoomed in on a detail or sees the whole film."""
        return select_radius(self.host.view_zoom())

    def clear(self) -> None:
        self._display.clear()

    def close(self) -> None:
        """The plugin is going away: stop decoding ahead."""
        self._display.close()

    def _case_unavailable(self, session: ReadingSession, error: Exception) -> None:
        """The case's image cannot be decoded (deleted, moved, corrupt, a network share gone). The screen is
        cleared, so the previous case and its labels are not taken for this one, and the reader is asked to
        call the coordinator. The reader is shown no file name, path nor case id (reading is blinded and a
        name can give the truth away); those go to the viewer's log, and the coordinator message names only
        the reader and the case's place in the session. Nothing is lost: the case stays next in line, and
        logging in again once the file is back shows it. Only what applies stays: the marking instructions and
        the Pause, Delete mark and Submit buttons are taken away with the image, since their keys do nothing here
        (a reader pressing a live-looking Submit got no answer and no reason)."""
        done, total = session.progress
        log.error("Reader study: reader %s, arm %s, case %s cannot be shown: %s",
                  session.record.reader_id, session.arm.value, session.current_case.case_id, error)
        self._display.clear()
        self.host.close_image()
        self.page.show_state(session)
        self.page.case_label.setText(f"Case {done + 1} of {total} cannot be shown.")
        for label in (self.page.ai_label, self.page.instructions, self.page.answer):
            label.clear()
        for button in (self.page.pause, self.page.delete_mark, self.page.submit):
            button.setEnabled(False)
        self.page.warning.setText("Please call the study coordinator. Nothing is lost: this case stays next "
                                  "in line.")
        self.host.show_error("Reader study", f"Reader {session.record.reader_id}: case {done + 1} of {total} of the "
                             f"{session.arm.value} session cannot be shown; the file and the reason are in the "
                             "viewer's log. Once it is fixed, log the reader out and in again.")
