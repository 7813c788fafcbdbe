"""The faces of the reading dock: log-in, and the reading controls with their texts.

No study logic: the reading page only renders what the session says (progress, AI state, the answer); the
wording of the answer and of the AI's state is in :mod:`cxr_reader_study.ui.page_texts`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from cxr_viewer.plugin_api.widgets import FittedLabel

from cxr_reader_study.design.model import Task
from cxr_reader_study.reading.log_out_guard import LOG_OUT_KEY
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.ui.page_texts import ai_text, froc_answer_text, missing_films_text
from cxr_reader_study.ui.pause_control import PAUSE_TEXT


class LoginPage(QWidget):
    """Reader id and Start. There is no way round the washout here: only the study coordinator can override it
    (``cxr-reader override-washout``, with a recorded reason); the message says when the next arm opens."""

    def __init__(self, study_name: str, missing_films: tuple[str, ...] = ()):
        super().__init__()
        layout = QFormLayout(self)
        layout.addRow(QLabel(f"<b>{study_name}</b>"))
        self.missing_films = WarningLabel()  # stays while the study is open: the coordinator comes by between readers
        self.missing_films.setText(missing_films_text(missing_films))
        layout.addRow(self.missing_films)
        self.reader_id = QLineEdit(placeholderText="your reader id")
        self.start = QPushButton("Start reading")
        self.message = FittedLabel()  # the washout and "already submitted" messages run to several lines
        layout.addRow("Reader id", self.reader_id)
        layout.addRow(self.start)
        layout.addRow(self.message)
        self.reader_id.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Enter in the reader-id box starts reading and is used up there. With ``returnPressed`` the box let the key
        go on to its parents, where the reading keys, installed by that very log-in, took it as a submit: the first
        case opened with "Rate the case before submitting", and an FROC case was one Enter from "no findings"."""
        if obj is self.reader_id and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.start.click()
            return True
        return False


class WarningLabel(FittedLabel):
    """Red in either viewer theme: a red dark enough to read on a light panel (4.9:1) is too dark on a dark one
    (2.7:1 for the old #d33), so the shade follows the label's own palette whenever it changes."""

    SHADES = {"light": "#c62828", "dark": "#ff8a80"}

    def __init__(self) -> None:
        super().__init__()
        self._colour()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour()

    def _colour(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        sheet = f"color: {self.SHADES['dark' if dark else 'light']}"
        if self.styleSheet() != sheet:  # a new sheet changes the palette again: stop once it is right
            self.setStyleSheet(sheet)


class ReadingPage(QWidget):
    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.progress = QProgressBar()
        self.progress.setFormat("%v of %m read")  # beside "Case n of N", a bare "0%" read as a different count
        self.case_label = QLabel()
        self.ai_label = FittedLabel()  # a second read's text runs to several lines
        self.instructions = FittedLabel()
        self.answer = QLabel()
        self.answer.setStyleSheet("font-size: 16pt; font-weight: bold")
        self.warning = WarningLabel()
        buttons = QHBoxLayout()
        self.pause = QPushButton(PAUSE_TEXT)
        self.delete_mark = QPushButton("Delete mark")
        self.submit = QPushButton("Submit (Enter)")
        for button in (self.pause, self.delete_mark, self.submit):
            buttons.addWidget(button)
        self.log_out = QPushButton(f"Log out ({LOG_OUT_KEY})")
        for button in (self.pause, self.delete_mark, self.submit, self.log_out):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space or Enter must never press a button by accident
        for widget in (self.title, self.progress, self.case_label, self.ai_label, self.instructions, self.answer,
                       self.warning):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.addWidget(self.log_out)

    def show_state(self, session: ReadingSession) -> None:
        study = session.study
        done, total = session.progress
        self.title.setText(f"Reader {session.record.reader_id} — session {session.record.session_index + 1}"
                           f" of {len(study.arms)}")
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        for button in (self.pause, self.delete_mark, self.submit):
            button.setEnabled(not session.finished)
        if session.finished:
            self.case_label.setText("Session complete. Thank you — you may log out.")
            for label in (self.ai_label, self.instructions, self.answer):
                label.clear()
            return
        training = " (training case, not scored)" if session.current_case.training else ""
        self.case_label.setText(f"Case {done + 1} of {total}{training}")
        self.ai_label.setText(ai_text(session))
        scale = study.scale.describe()
        if study.task is Task.ROC:
            self.instructions.setText(f"Rate with the number keys: {scale}. Enter submits.")
            rating = session.answer.rating
            self.answer.setText(f"Rating: {rating:g}" if rating is not None else "Rating: –")
        else:
            self.instructions.setText(
                f"Click a suspicious spot to mark it (drag to move, Delete removes), then rate it: {scale}. "
                "No marks means normal (confirm with a second Enter). Enter submits.")
            self.answer.setText(froc_answer_text(session.answer.marks, session.answer.selected_mark))
