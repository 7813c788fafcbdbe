"""The quiet line in the middle of an empty main pane that says how to get a film onto it.

A first-time user met a plain black pane and nothing telling them where to start. The hint names the Open commands
with the keys they really have (the QActions' shortcuts: a key rebound in ``viewer.json`` shows, and a command whose
key was refused or switched off is named by its menu instead of a key that does nothing), and goes the moment a
film is shown. It is not shown while a plugin holds the view: opening, navigating and drops are off then
(``ViewHold``), and a reader study's own panel says what comes next between cases and after the last one, so a
hint to open a file would invite something the window refuses. The comparison pane gets no hint: its corner line
already says why it is empty.
"""

from __future__ import annotations

from typing import Callable

from PySide6 import QtCore, QtGui, QtWidgets

# grey on the black pane, no box: present for whoever looks, not competing with anything else on screen
_STYLE = "color: #8c8c8c; background: transparent; font-size: 14px;"
MARGIN = 16  # screen pixels kept clear of the image area's edges, where the corner text would sit


def _command(action: QtGui.QAction, what: str, menu: str) -> str:
    """``what`` with its key in brackets, or with the menu path when the command has no key."""
    key = action.shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText)
    return f"{what} ({key})" if key else f"{what} ({menu} > {action.text()})"


def hint_text(open_files: QtGui.QAction, open_folder: QtGui.QAction) -> str:
    """The hint for the window's Open files and Open folder commands, with the keys they have now."""
    return (f"{_command(open_files, 'Open a file', 'File')} or {_command(open_folder, 'a folder', 'File')},\n"
            "or drop one here")


class EmptyHint:
    def __init__(self, owner: QtWidgets.QWidget, area: Callable[[], QtCore.QRect]) -> None:
        """``area``: the part of ``owner`` showing the film (a colour bar may take the right edge)."""
        self._area = area
        self.label = QtWidgets.QLabel(owner)
        self.label.setObjectName("empty_hint")
        self.label.setStyleSheet(_STYLE)
        self.label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # a drop still reaches the window
        self.label.hide()
        self.text = ""  # none: this pane never hints (the comparison pane)
        self.allowed = True  # False while a plugin holds the view
        self._empty = True

    def set_text(self, text: str) -> None:
        self.text = text
        self.label.setText(text)
        self.place()

    def set_allowed(self, allowed: bool) -> None:
        self.allowed = allowed
        self.place()

    def film_shown(self, shown: bool) -> None:
        self._empty = not shown
        self.place()

    @property
    def visible(self) -> bool:
        """Whether the hint is meant to be on screen (``isVisible`` is False too while the window is not shown)."""
        return bool(self.text) and self.allowed and self._empty

    def place(self) -> None:
        """Centre the hint in the image area, wrapped to its width less the margins."""
        self.label.setVisible(self.visible)
        if not self.visible:
            return
        area = self._area().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        width = max(1, area.width())
        height = min(max(1, area.height()), self.label.heightForWidth(width))
        self.label.setGeometry(area.left(), area.center().y() - height // 2, width, height)
