"""Copying from the Messages list: Ctrl+C and the context menu put the selected messages, or all, on the clipboard.

An error the reader cannot fix (a share refused, a file that will not decode) goes to IT or into a ticket, and
retyping a path or a DICOM error by hand loses the detail that matters; each message is copied whole, a summary with
every line it shortened.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.copy_key import CopyKey


def add_copy_actions(messages: QtWidgets.QListWidget, full_text: Callable[[int], str]) -> None:
    """"Copy" (Ctrl+C while the list has the focus) and "Copy all" on the list's context menu; ``full_text(row)``
    gives a message whole."""
    messages.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
    messages.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.ActionsContextMenu)
    selected = QtGui.QAction("Copy (Ctrl+C)", messages)
    selected.triggered.connect(lambda: _copy(messages, full_text, only_selected=True))
    CopyKey(messages, selected.trigger)
    every = QtGui.QAction("Copy all", messages)
    every.triggered.connect(lambda: _copy(messages, full_text, only_selected=False))
    messages.addActions([selected, every])


def _copy(messages: QtWidgets.QListWidget, full_text: Callable[[int], str], only_selected: bool) -> None:
    """The messages, oldest first and a blank line apart, onto the clipboard; nothing when none is picked."""
    chosen = [row for row in range(messages.count()) if not only_selected or messages.item(row).isSelected()]
    if chosen:
        QtWidgets.QApplication.clipboard().setText("\n\n".join(full_text(row) for row in chosen))
