"""Keyboard reading while the reading window is active: number keys rate, Enter submits, Delete removes a mark,
Backspace takes back a digit being typed (else removes the mark: ``ReadingSession.backspace``).

Installed on the application, so the keys work wherever the focus sits in the main window (the image
view included) and take precedence over the viewer's own shortcuts for those keys during a session. It also
reports the window losing and regaining focus, which pauses the reading clock.

The reader may float the reading dock: Qt then makes it a window of its own, yet it is still part of the viewer
being read in. Keys and focus are therefore judged by the main window a widget belongs to: a panel floated at
log-in used to take the keys away from the image (4 set a window preset, Enter did nothing), and clicking a
floated panel's Submit paused the read and covered the image instead of submitting.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit, QWidget

_DIGITS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(10)}
_SUBMIT = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_DELETE = {Qt.Key.Key_Delete}
_BACKSPACE = {Qt.Key.Key_Backspace}


def main_window(widget: QWidget | None) -> QWidget | None:
    """The window ``widget`` is part of, a floated dock counting as part of the main window it was docked in."""
    window = widget.window() if widget is not None else None
    while isinstance(window, QDockWidget) and window.parentWidget() is not None:
        window = window.parentWidget().window()
    return window


class ReadingKeys(QObject):
    """Child of the panel, so Qt drops the filter by itself if the panel is destroyed while reading."""

    def __init__(self, panel: QWidget, on_digit: Callable[[int], None], on_submit: Callable[[], None],
                 on_delete: Callable[[], None], on_backspace: Callable[[], None], on_focus: Callable[[bool], None]):
        super().__init__(panel)
        self._panel = panel
        self._on_digit, self._on_submit, self._on_focus = on_digit, on_submit, on_focus
        self._on_delete, self._on_backspace = on_delete, on_backspace
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
        key = event.key()
        if key not in _DIGITS and key not in _SUBMIT and key not in _DELETE and key not in _BACKSPACE:
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False  # Ctrl+1 etc. stay the viewer's
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # claim the key from any viewer shortcut; it then arrives as a KeyPress
            return True
        if event.isAutoRepeat():
            return True  # a held key must not rate or submit repeatedly
        if key in _DIGITS:
            self._on_digit(_DIGITS[key])
        elif key in _SUBMIT:
            self._on_submit()
        elif key in _DELETE:
            self._on_delete()
        else:
            self._on_backspace()
        return True
