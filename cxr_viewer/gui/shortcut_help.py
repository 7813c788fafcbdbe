"""F1: every key the window answers to, the plugins' included, in one non-modal list.

Built from the actions and shortcuts as they are bound when it opens (``shortcut_keys.bindings``, after the user's
rebinding and the plugins' entries), so it can never list a key that does something else; a command without a key is
not listed. Non-modal, like everything the viewer opens by itself: the reader keeps reading with it open.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.shortcut_keys import bindings

NAME = "shortcut-help"
MOUSE = "Right-drag: window/level · Wheel: zoom about the cursor · Left-drag: pan (or measure, with M or C on)"


def show(window: QtWidgets.QMainWindow) -> QtWidgets.QDialog:
    """Open (or bring up, refreshed) the list."""
    dialog = window.findChild(QtWidgets.QDialog, NAME) or _build(window)
    table: QtWidgets.QTableWidget = dialog.findChild(QtWidgets.QTableWidget)
    listed = bindings(window)
    table.setRowCount(len(listed))
    for row, values in enumerate(listed):
        for column, value in enumerate(values):
            table.setItem(row, column, QtWidgets.QTableWidgetItem(value))
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    dialog.findChild(QtWidgets.QLabel, "shortcut-note").setText(_note(window.hold.owner))
    dialog.show()
    dialog.raise_()
    return dialog


def _build(window: QtWidgets.QMainWindow) -> QtWidgets.QDialog:
    dialog = QtWidgets.QDialog(window)
    dialog.setObjectName(NAME)
    dialog.setWindowTitle("Keyboard shortcuts")
    dialog.setModal(False)
    table = QtWidgets.QTableWidget(0, 3)
    table.setHorizontalHeaderLabels(["Key", "Command", "Menu"])
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    note = QtWidgets.QLabel()
    note.setObjectName("shortcut-note")
    note.setWordWrap(True)
    layout = QtWidgets.QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(note)
    dialog.resize(560, 640)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, False)
    return dialog


def _note(holder: str | None) -> str:
    """The mouse, where keys are rebound, and during a plugin's hold (a reader study's case) that its panel's keys
    come first: there the digits rate a case rather than choose a window preset, which the table, listing the
    window's commands, would otherwise contradict."""
    held = (f"\nWhile the {holder} plugin holds the view, its panel's keys come first (in a reader study the reading "
            "panel's digits, Enter, Backspace and Delete); commands it has switched off do nothing.") if holder else ""
    return MOUSE + "\nKeys are rebound under \"shortcuts\" in viewer.json (docs/viewer.md)." + held
