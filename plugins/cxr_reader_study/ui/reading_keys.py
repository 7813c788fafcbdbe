"""Keyboard reading while the reading window is active: number keys rate, Enter submits, Delete removes a mark,
Backspace takes back a digit being typed (else removes the mark: ``ReadingSession.backspace``).

Installed on the application, so the keys work wherever the focus sits in the main window (the image
view included) and take precedence over the viewer's own shortcuts for those keys during a session. It also
reports the window losing and regaining focus, which pauses the reading clock.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

_DIGITS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(10)}
_SUBMIT = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_DELETE = {Qt.Key.Key_Delete}
_BACKSPACE = {Qt.Key.Key_Backspace}


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
        self._window = self._panel.window()  # fixed for the session: the filter never calls back into the panel
        QApplication.instance().installEventFilter(self)

    def remove(self) -> None:
        QApplication.instance().removeEventFilter(self)
        self._window = None

    def _ours(self, obj: QObject) -> bool:
        return isinstance(obj, QWidget) and not isinstance(obj, QLineEdit) and obj.window() is self._window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if self._window is None:
            return False
        if kind in (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate) and obj is self._window:
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
