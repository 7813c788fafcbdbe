"""The reading dock: logs a reader in and binds the viewer (through the plugin API) to a ReadingSession.

The viewer is held, names hidden, from the study opening to ``close_study``, log-in page included (``station_hold``).

Every rule lives in the headless station and session. The dock owns the pages and the session's lifetime
(log-in, log-out, the periodic save of the case's time, pausing); the reader's answer input goes to
:class:`AnswerInput` and the drawing to :class:`CaseScreen`, both redrawn from the session's state.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from cxr_viewer.plugin_api import ViewerHost

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.reading.layers import PLUGIN_ID
from cxr_reader_study.reading.log_out_guard import log_out_warning
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.reading.station import ReadingStation
from cxr_reader_study.ui.answer_input import AnswerInput
from cxr_reader_study.ui.case_screen import CaseScreen
from cxr_reader_study.ui.pages import LoginPage, ReadingPage
from cxr_reader_study.ui.pause_control import PauseControl
from cxr_reader_study.ui.reading_keys import KeyActions, ReadingKeys, panel_keys
from cxr_reader_study.ui.station_hold import hold_station, release_station

SAVE_TIME_EVERY_MS = 10_000  # a station that dies loses at most this much of an unsubmitted case's time


class ReadingPanel(QWidget):
    def __init__(self, host: ViewerHost, study: Study, clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        super().__init__()
        self.host, self.study = host, study
        self.login, self.reading = LoginPage(study.name, study.images_not_found), ReadingPage()
        self._screen = CaseScreen(host, study, self.reading, lambda layer: self._input.markers_dragged(layer))
        self._station = ReadingStation(study, clock, wall)
        self._input = AnswerInput(self._station, self._screen, self.reading, self._already_submitted)
        self._pause = PauseControl(host, self.reading.pause, self.reading.warning)
        self._pages = QStackedWidget()
        for page in (self.login, self.reading):
            self._pages.addWidget(page)
        QVBoxLayout(self).addWidget(self._pages)
        # P clicks the Pause button, so it does nothing where the button is off (the session complete)
        self._keys = ReadingKeys(self, KeyActions(self._input.press_digit, self._input.submit, self._input.delete_mark,
                                                  self._input.backspace, self.reading.pause.click, self.log_out_key),
                                 self._focus_changed)
        self.login.start.clicked.connect(self.log_in)
        self.reading.submit.clicked.connect(self._input.submit)
        self.reading.pause.clicked.connect(self.toggle_pause)
        self.reading.delete_mark.clicked.connect(self._input.delete_mark)
        self.reading.log_out.clicked.connect(self.log_out)
        self.reading.delete_mark.setVisible(study.task is Task.FROC)
        host.add_click_handler(self._input.clicked)
        self.time_saver = QTimer(self, interval=SAVE_TIME_EVERY_MS)
        self.time_saver.timeout.connect(self._save_time)
        hold_station(host)

    @property
    def session(self) -> ReadingSession | None:
        return self._station.session

    # --- log-in / out -------------------------------------------------------------------------------------
    def log_in(self) -> None:
        refusal = self._station.log_in(self.login.reader_id.text().strip())
        if refusal:
            self.login.message.setText(refusal)
            return
        self.login.reader_id.clear()
        self.login.message.clear()
        self.host.show_status("")  # a line left for the last reader ("a message is kept…") is not about this one
        self.host.declare_panel_keys(PLUGIN_ID, panel_keys(self.study))  # F1 lists these during a session
        self._pages.setCurrentWidget(self.reading)
        self._keys.install()
        self.time_saver.start()
        self._screen.show_case(self.session)

    def close_study(self) -> None:
        """The study is closed (or the plugin deactivated): end the session (nothing unsubmitted is kept), let go of
        clicks and give the viewer back. The plugin then takes the dock away (``remove_dock_widget``)."""
        self.log_out()
        self.host.remove_click_handler(self._input.clicked)
        self._screen.close()
        release_station(self.host)

    def log_out_key(self) -> None:
        """Ctrl+L logs out at once when that drops nothing; with an answer on screen not yet submitted, the first
        press only says so, and a second one while that warning still stands logs out (anything else the reader does
        meanwhile replaces the warning, so a later stray press asks again)."""
        warning = log_out_warning(self.session)
        if warning and self.reading.warning.text() != warning:
            self.reading.warning.setText(warning)
            return
        self.log_out()

    def log_out(self) -> None:
        self.time_saver.stop()
        if self._keys.active:
            self._keys.remove()
        self._screen.clear()
        if self.session is not None:
            self.session.save_time()  # an unsubmitted case's time counts when it is shown again
            self.host.close_image()  # the next case must not wait on screen, unread, for whoever comes by
        self._station.log_out()  # the hold stays: a reader waiting to log in may not open, look up or run the AI
        self.host.declare_panel_keys(PLUGIN_ID, [])
        self._pause.reset()
        self.reading.warning.clear()  # a hint to this reader ("paused", "off the image") is none of the next one's
        self.host.show_status("")  # nor is the status bar's line about this reader's read
        self.ask_reader_id()

    def ask_reader_id(self) -> None:
        """The log-in page, with the keys going to its reader-id box: a reader types their id at once. Left on the
        image, "R1" Enter typed by the next reader reset the view and asked for window preset 1."""
        self._pages.setCurrentWidget(self.login)
        self.login.reader_id.setFocus()

    # --- events -------------------------------------------------------------------------------------------
    def _save_time(self) -> None:
        if self._station.answering:
            self.session.save_time()

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

    def toggle_pause(self) -> None:
        if self.session is not None:
            if self.reading.warning.text() == log_out_warning(self.session):
                self.reading.warning.clear()  # a pause in between: a later Ctrl+L asks again
            self._pause.toggle(self.session)

    def _focus_changed(self, active: bool) -> None:
        if self.session is not None:
            self._pause.focus_changed(self.session, active)
