"""The reader's answer input, bound to the session: number keys rate, Enter submits, Delete removes a mark,
Backspace takes back a digit of a 0–100 rating being typed (else removes the mark), and in FROC reads a click on
the image adds or selects a mark and a drag moves one.

Input counts only while a case is on screen to be answered (see :attr:`ReadingStation.answering`). Whatever the
session refuses comes back as the page's warning, and the case screen is redrawn from the session after each
change. A failed submit keeps the answer on screen: the reader can simply press Enter again.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

from cxr_viewer.plugin_api import MarkerLayer

from cxr_reader_study.design.model import Task
from cxr_reader_study.reading.mark_input import click_on_image, markers_dragged
from cxr_reader_study.reading.session import IncompleteRead
from cxr_reader_study.reading.station import ReadingStation
from cxr_reader_study.storage.store import DuplicateRead
from cxr_reader_study.ui.case_screen import CaseScreen
from cxr_reader_study.ui.pages import ReadingPage


class AnswerInput:
    def __init__(self, station: ReadingStation, screen: CaseScreen, page: ReadingPage,
                 on_already_submitted: Callable[[str], None]):
        """``on_already_submitted(reader_id)``: another station committed this case first (see the dock)."""
        self._station, self._screen, self._page = station, screen, page
        self._on_already_submitted = on_already_submitted

    def press_digit(self, digit: int) -> None:
        if self._station.answering:
            session = self._station.session
            self._page.warning.setText(session.press_digit(digit).warning)
            self._screen.refresh(session)

    def submit(self) -> None:
        session = self._station.session
        if not self._station.answering:
            return
        phase = session.phase
        try:
            session.submit()
        except IncompleteRead as missing:
            self._page.warning.setText(str(missing))
            return
        except DuplicateRead:
            self._on_already_submitted(session.record.reader_id)
            return
        except sqlite3.Error as error:  # the answer stays on screen; the reader can press Enter again
            self._page.warning.setText(f"Could not save this answer ({error}); it is kept — press Enter to retry.")
            return
        self._page.warning.clear()
        if phase == "first":  # same case: the AI now appears over the reader's first answer
            self._screen.show_ai(session)
        else:
            self._screen.show_case(session)

    def delete_mark(self) -> None:
        if self._station.answering:
            session = self._station.session
            self._page.warning.setText(session.delete_selected_mark())
            self._screen.refresh(session)

    def backspace(self) -> None:
        """A digit of a 0–100 rating being typed goes, else the selected mark (``ReadingSession.backspace``)."""
        if self._station.answering:
            session = self._station.session
            self._page.warning.setText(session.backspace())
            self._screen.refresh(session)

    def clicked(self, x: float, y: float, button: str, modifiers: list[str]) -> bool:
        """The viewer's click handler: True consumes a left click on the case of an FROC read (no other plugin
        handler gets it), whether it placed or selected a mark or was refused (reading paused, off the film)."""
        session = self._station.session
        if not self._station.answering or self._station.study.task is not Task.FROC or button != "left":
            return False
        hint = click_on_image(session, x, y, self._screen.image_shape(), self._screen.select_radius())
        self._page.warning.setText(hint)  # "" clears an old hint
        self._screen.refresh(session)
        return True

    def markers_dragged(self, layer: MarkerLayer) -> None:
        """The viewer reports the whole marker layer after a drag."""
        session = self._station.session
        if session is None:
            return
        self._page.warning.setText(markers_dragged(session, layer.markers, self._screen.image_shape()))
        self._screen.refresh(session)
