"""The reading dock: logs a reader in and binds the viewer (through the plugin API) to a ReadingSession.

Every rule lives in the headless session; this class turns keys, clicks and focus changes into session
calls and redraws labels and overlay layers from the session's state afterwards.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from datetime import datetime, timezone
from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.plugin_api import MarkerLayer, ViewerHost

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.reading.ai_findings import load_findings
from cxr_reader_study.reading.case_display import CaseDisplay
from cxr_reader_study.reading.layers import (
    MARKS_LAYER_ID, PAUSE_LAYER_ID, PLUGIN_ID, marks_layer, nearest_mark, pause_cover,
)
from cxr_reader_study.reading.session import PAUSED_HINT, IncompleteRead, ReadingSession
from cxr_reader_study.scheduling import WashoutNotOver, open_session
from cxr_reader_study.storage.store import DuplicateRead, ReadStore
from cxr_reader_study.ui.pages import LoginPage, ReadingPage
from cxr_reader_study.ui.reading_keys import ReadingKeys

log = logging.getLogger(__name__)

SAVE_TIME_EVERY_MS = 10_000  # a station that dies loses at most this much of an unsubmitted case's time


class ReadingPanel(QWidget):
    def __init__(self, host: ViewerHost, study: Study, clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        super().__init__()
        self.host, self.study, self._clock, self._wall = host, study, clock, wall
        self.session: ReadingSession | None = None
        self._store: ReadStore | None = None
        self._display = CaseDisplay(host)
        self._findings = load_findings(study)
        self.login, self.reading = LoginPage(study.name), ReadingPage()
        self._pages = QStackedWidget()
        self._pages.addWidget(self.login)
        self._pages.addWidget(self.reading)
        QVBoxLayout(self).addWidget(self._pages)
        self._keys = ReadingKeys(self, self.press_digit, self.submit, self.delete_mark, self._focus_changed)
        self.login.start.clicked.connect(self.log_in)
        self.reading.submit.clicked.connect(self.submit)
        self.reading.pause.clicked.connect(self.toggle_pause)
        self.reading.delete_mark.clicked.connect(self.delete_mark)
        self.reading.log_out.clicked.connect(self.log_out)
        self.reading.delete_mark.setVisible(study.task is Task.FROC)
        host.add_click_handler(self._clicked)
        self.time_saver = QTimer(self, interval=SAVE_TIME_EVERY_MS)
        self.time_saver.timeout.connect(self._save_time)

    # --- log-in / out -------------------------------------------------------------------------------------
    def log_in(self) -> None:
        reader_id = self.login.reader_id.text().strip()
        if reader_id not in {r.reader_id for r in self.study.readers}:
            self.login.message.setText(f"Unknown reader id {reader_id!r}.")
            return
        if self._store is None:
            self._store = ReadStore(self.study.database)
        try:
            record = open_session(self.study, self._store, reader_id, self._wall())
        except WashoutNotOver as wait:
            self.login.message.setText(f"{wait} Please come back then; if you need to start earlier, ask the study "
                                       "coordinator.")
            return
        if record is None:
            self.login.message.setText(f"Reader {reader_id} has completed every session. Thank you.")
            return
        self.session = ReadingSession(self.study, self._store, record, self._findings, self._clock, self._wall)
        self.login.reader_id.clear()
        self.login.message.clear()
        self.host.set_metadata_hidden(True)
        self.host.set_exclusive(PLUGIN_ID)  # no other plugin may draw or run while a reader reads
        self._pages.setCurrentWidget(self.reading)
        self._keys.install()
        self.time_saver.start()
        self._show_case()

    def detach(self) -> None:
        """The plugin is being deactivated: end the session (nothing unsubmitted is kept) and let go of clicks."""
        self.log_out()
        self.host.remove_click_handler(self._clicked)
        self._display.close()

    def log_out(self) -> None:
        self.time_saver.stop()
        if self._keys.active:
            self._keys.remove()
        self._display.clear()
        if self.session is not None:
            self.session.save_time()  # an unsubmitted case's time counts when it is shown again
            self.host.close_image()  # the next case must not wait on screen, unread, for whoever comes by
        self.session = None
        if self._store is not None:
            self._store.close()
            self._store = None
        self.host.set_exclusive(None)
        self.host.set_metadata_hidden(False)
        self.reading.pause.setText("Pause")
        self._pages.setCurrentWidget(self.login)

    # --- events -------------------------------------------------------------------------------------------
    def _save_time(self) -> None:
        if self._reading():
            self.session.save_time()

    def _reading(self) -> bool:
        """Whether a case is on screen to be answered: not before log-in, after the last case, nor while a case
        cannot be shown (keys would overwrite the request to call the coordinator with answers to nothing)."""
        return self.session is not None and not self.session.finished and self.session.image_on_screen

    def press_digit(self, digit: int) -> None:
        if self._reading():
            self.reading.warning.setText(self.session.press_digit(digit).warning)
            self._refresh()

    def submit(self) -> None:
        session = self.session
        if not self._reading():
            return
        phase = session.phase
        try:
            session.submit()
        except IncompleteRead as missing:
            self.reading.warning.setText(str(missing))
            return
        except DuplicateRead:
            self._already_submitted(session.record.reader_id)
            return
        except sqlite3.Error as error:  # the answer stays on screen; the reader can press Enter again
            self.reading.warning.setText(f"Could not save this answer ({error}); it is kept — press Enter to retry.")
            return
        self.reading.warning.clear()
        if phase == "first":  # same case: the AI now appears over the reader's first answer
            self._display.show_findings(session.visible_findings())
            self._refresh()
        else:
            self._show_case()

    def _already_submitted(self, reader_id: str) -> None:
        """The database already holds this reader's answer to the case: the same reader id is logged in at
        another station, which submitted it first. That stored answer stands and this one is dropped (a read
        is never overwritten nor doubled). The station logs out instead of moving on: both stations would
        show the same next case and collide again, while the reader's time ran on one of them for nothing;
        the coordinator sees why on the log-in page, and logging in again (at one station) resumes at the
        first unread case."""
        self.log_out()
        self.login.message.setText(
            f"Reader {reader_id}: this case had already been submitted, probably at another station where "
            f"{reader_id} is logged in. The answer given here was not saved; the earlier one counts. Log out at "
            "the other station, then log in again to continue with the next unread case.")

    def delete_mark(self) -> None:
        if self._reading():
            self.reading.warning.setText(self.session.delete_selected_mark())
            self._refresh()

    def toggle_pause(self) -> None:
        if self.session is None:
            return
        if self.session.paused_for("user"):
            self.session.resume("user")
        else:
            self.session.pause("user")
        self._show_pause()

    def _focus_changed(self, active: bool) -> None:
        if self.session is None:
            return
        if active:
            self.session.resume("focus")
        else:
            self.session.pause("focus")
        self._show_pause()

    def _show_pause(self) -> None:
        """The image is covered while any pause lasts (button or lost focus), so nobody studies a case off the
        clock; the button offers Resume only for the reader's own pause, which regaining focus does not end."""
        covered = any(layer.id == PAUSE_LAYER_ID for layer in self.host.layers())
        if self.session.paused and not covered:
            self.host.add_layer(pause_cover())
        elif covered and not self.session.paused:
            self.host.remove_layer(PAUSE_LAYER_ID)
        self.reading.pause.setText("Resume" if self.session.paused_for("user") else "Pause")

    def _clicked(self, x: float, y: float, button: str, modifiers: list[str]) -> bool:
        session = self.session
        if not self._reading() or self.study.task is not Task.FROC or button != "left":
            return False
        hit = nearest_mark(session.answer.marks, x, y, within=8.0)
        if session.paused:
            self.reading.warning.setText(PAUSED_HINT)
        elif hit is None:
            session.add_mark(x, y)
        else:
            session.answer.select_mark(hit)
        self._refresh()
        return True

    def _markers_dragged(self, layer: MarkerLayer) -> None:
        """The viewer reports the whole layer after a drag; the mark whose position changed is the moved one.
        A drag while paused is refused: the redraw puts the marker back where the session has the mark."""
        if self.session is None:
            return
        try:
            for index, (marker, mark) in enumerate(zip(layer.markers, self.session.answer.marks)):
                if (marker.x, marker.y) != (mark.x, mark.y):
                    self.session.move_mark(index, marker.x, marker.y)
        except IncompleteRead as refused:
            self.reading.warning.setText(str(refused))
        self._refresh()


    # --- drawing ------------------------------------------------------------------------------------------
    def _show_case(self) -> None:
        session = self.session
        if session.finished:
            self._display.clear()
            self.reading.case_label.setText("Session complete. Thank you — you may log out.")
            self._refresh()
            return
        try:
            self._display.show(session.current_case.image, session.visible_findings(),
                               with_marks=self.study.task is Task.FROC)
        except (ImageLoadError, OSError) as error:
            self._case_unavailable(error)
            return
        if self.study.task is Task.FROC:
            self.host.set_markers_editable(MARKS_LAYER_ID, True, self._markers_dragged)
        session.image_shown()
        order = session.record.case_order
        done, _ = session.progress
        if done + 1 < len(order):
            self._display.prefetch(self.study.case(order[done + 1]).image)
        self._refresh()

    def _case_unavailable(self, error: Exception) -> None:
        """The case's image cannot be decoded (deleted, moved, corrupt, a network share gone). The screen is
        cleared, so the previous case and its labels are not taken for this one, and the reader is asked to
        call the coordinator. The reader is shown no file name, path nor case id (reading is blinded and a
        name can give the truth away); those go to the viewer's log, and the coordinator message names only
        the reader and the case's place in the session. Nothing is lost: the case stays next in line, and
        logging in again once the file is back shows it."""
        session = self.session
        done, total = session.progress
        log.error("Reader study: reader %s, arm %s, case %s cannot be shown: %s",
                  session.record.reader_id, session.arm.value, session.current_case.case_id, error)
        self._display.clear()
        self.host.close_image()
        self.reading.show_state(session)
        self.reading.case_label.setText(f"Case {done + 1} of {total} cannot be shown.")
        self.reading.ai_label.clear()
        self.reading.answer.clear()
        self.reading.warning.setText("Please call the study coordinator. Nothing is lost: this case stays next "
                                     "in line.")
        self.host.show_error("Reader study", f"Reader {session.record.reader_id}: case {done + 1} of {total} of the "
                             f"{session.arm.value} session cannot be shown; the file and the reason are in the "
                             "viewer's log. Once it is fixed, log the reader out and in again.")

    def _refresh(self) -> None:
        self.reading.show_state(self.session)
        if self.study.task is Task.FROC:
            self.host.add_layer(marks_layer(self.session.answer.marks, self.session.answer.selected_mark))
