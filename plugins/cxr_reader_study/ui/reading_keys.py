"""Keyboard reading while the reading window is active: number keys rate, Enter submits, Delete removes a mark,
Backspace takes back a digit being typed (else removes the mark: ``ReadingSession.backspace``), P pauses and resumes,
Ctrl+L logs out (asking again first when that would drop an answer: ``reading.log_out_guard``). Neither P nor Ctrl+L
is a key of the viewer's (its settings' ``shortcuts``) nor of the other plugins.

Installed on the application, so the keys work wherever the focus sits in the main window (the image
view included) and take precedence over the viewer's own shortcuts for those keys during a session. It also
reports the window losing and regaining focus, which pauses the reading clock.

The reader may float the reading dock: Qt then makes it a window of its own, yet it is still part of the viewer
being read in. Keys and focus are therefore judged by the main window a widget belongs to: a panel floated at
log-in used to take the keys away from the image (4 set a window preset, Enter did nothing), and clicking a
floated panel's Submit paused the read and covered the image instead of submitting.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit, QWidget

from cxr_viewer.plugin_api import PanelKey

from cxr_reader_study.design.model import Study
from cxr_reader_study.reading.log_out_guard import LOG_OUT_KEY

PAUSE_KEY = "P"  # spelled as the viewer's settings spell keys, for F1 and the button
_PLAIN = Qt.KeyboardModifier.NoModifier


@dataclass(frozen=True)
class KeyActions:
    """What the panel does for each key it takes."""

    digit: Callable[[int], None]
    submit: Callable[[], None]
    delete: Callable[[], None]
    backspace: Callable[[], None]
    pause: Callable[[], None]
    log_out: Callable[[], None]


def _chord(text: str) -> tuple[int, int]:
    combination = QKeySequence(text)[0]
    return combination.key().value, combination.keyboardModifiers().value


def _key_table(actions: KeyActions) -> dict[tuple[int, int], Callable[[], None]]:
    """(key, modifiers) → what it does; the keypad's digits and Enter count as the main keyboard's."""
    table = {(getattr(Qt.Key, f"Key_{d}").value, _PLAIN.value): partial(actions.digit, d) for d in range(10)}
    for key, action in ((Qt.Key.Key_Return, actions.submit), (Qt.Key.Key_Enter, actions.submit),
                        (Qt.Key.Key_Delete, actions.delete), (Qt.Key.Key_Backspace, actions.backspace)):
        table[key.value, _PLAIN.value] = action
    table[_chord(PAUSE_KEY)] = actions.pause
    table[_chord(LOG_OUT_KEY)] = actions.log_out
    return table


def panel_keys(study: Study) -> list[PanelKey]:
    """What ``ReadingKeys`` takes from the window during a session, in the words F1 shows the reader then (kept
    beside :func:`_key_table`, so the keys taken and the keys listed change together)."""
    scale = study.scale
    digits = [PanelKey(str(d), f"Rate: {scale.describe()}" if scale.accepts(d) else
                       f"Not on the scale ({scale.low}–{scale.high})") for d in range(10)]
    return digits + [PanelKey("Return", "Submit the answer"), PanelKey("Enter", "Submit the answer"),
                     PanelKey("Backspace", "Take back a typed digit, else remove the mark"),
                     PanelKey("Delete", "Remove the selected mark"),
                     PanelKey(PAUSE_KEY, "Pause or resume: hides the image and stops your reading time"),
                     PanelKey(LOG_OUT_KEY, "Log out (press twice if an answer is not submitted yet)")]


def main_window(widget: QWidget | None) -> QWidget | None:
    """The window ``widget`` is part of, a floated dock counting as part of the main window it was docked in."""
    window = widget.window() if widget is not None else None
    while isinstance(window, QDockWidget) and window.parentWidget() is not None:
        window = window.parentWidget().window()
    return window


class ReadingKeys(QObject):
    """Child of the panel, so Qt drops the filter by itself if the panel is destroyed while reading."""

    def __init__(self, panel: QWidget, actions: KeyActions, on_focus: Callable[[bool], None]):
        super().__init__(panel)
        self._panel = panel
        self._keys, self._on_focus = _key_table(actions), on_focus
        self._window: QWidget | None = None

    @property
    def active(self) -> bool:
        return self._window is not None

    def install(self) -> None:
        self._window = main_window(self._panel)  # fixed for the session: the filter never calls back into the panel
        QApplication.instance().installEventFilter(self)

    def remove(self) -> None:
        QApplication.instance().removeEventFilter(self)
        self._window = None

    def _ours(self, obj: QObject) -> bool:
        return isinstance(obj, QWidget) and not isinstance(obj, QLineEdit) and main_window(obj) is self._window

    def _moved_within(self, left: QWidget) -> bool:
        """Whether the focus left ``left`` for another window of the viewer (a floated panel, or back from one):
        Qt names the new active window before it tells the old one."""
        now = QApplication.activeWindow()
        return now is not None and now is not left and main_window(now) is self._window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if self._window is None:
            return False
        if kind in (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate) and obj.isWidgetType() \
                and obj.isWindow() and self._ours(obj):
            if kind == QEvent.Type.WindowDeactivate and self._moved_within(obj):
                return False
            self._on_focus(kind == QEvent.Type.WindowActivate)
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or not self._ours(obj):
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        action = self._keys.get((event.key(), modifiers.value))  # Ctrl+1 etc. are not in it: they stay the viewer's
        if action is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # claim the key from any viewer shortcut; it then arrives as a KeyPress
            return True
        if event.isAutoRepeat():
            return True  # a held key must not rate, submit, or pause and resume, repeatedly
        action()
        return True
