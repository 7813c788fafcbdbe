"""The window with one message in full, opened by double-clicking it in the Messages list.

A summary's detail can run to thousands of lines (every file an import refused), more than a list row or a tooltip
can hold; a plain-text window lets the user scroll, search and copy it. It is not modal, so the viewer carries on
while it is open (Escape closes it), and it is parented to the panel, so it closes (and quits) with the viewer.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets


def show_message_window(window: QtWidgets.QPlainTextEdit | None, parent: QtWidgets.QWidget,
                        text: str) -> QtWidgets.QPlainTextEdit:
    """Show ``text`` in ``window``, built on first use (one window, reused for every message), titled with the
    message's first line; the window is returned for the next call."""
    if window is None:
        window = QtWidgets.QPlainTextEdit(parent)
        window.setWindowFlag(QtCore.Qt.WindowType.Window)
        window.setReadOnly(True)
        window.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
        window.resize(760, 480)
        # a window of its own, not a dialog: without this Escape did nothing and it took the mouse to close it
        QtGui.QShortcut(QtGui.QKeySequence(QtCore.Qt.Key.Key_Escape), window, window.close)
    window.setWindowTitle(text.split("\n", 1)[0])
    window.setPlainText(text)
    window.show()
    window.raise_()
    window.activateWindow()  # asked for by a double-click or Enter: the keys (arrows, Escape) go to it
    return window
