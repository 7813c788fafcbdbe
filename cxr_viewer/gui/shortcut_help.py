"""F1: every key the window answers to, the plugins' included, in one non-modal list.

Built from the actions and shortcuts as they are bound when it opens (after the user's rebinding and the plugins'
entries), so it can never list a key that does something else; a command without a key is not listed. Non-modal, like
everything the viewer opens by itself: the reader keeps reading with it open.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.shortcut_keys import key_text

NAME = "shortcut-help"
MOUSE = "Right-drag: window/level · Wheel: zoom about the cursor · Left-drag: pan (or measure, with M or C on)"


def rows(window: QtWidgets.QMainWindow) -> list[tuple[str, str, str]]:
    """(key, what it does, where to find it) for each bound key, menu by menu, then the keys without a menu entry."""
    found: list[tuple[str, str, str]] = []
    for menu_action in window.menuBar().actions():
        if menu_action.menu() is not None:
            _menu_rows(menu_action.menu(), menu_action.text().replace("&", ""), found)
    for shortcut in window.findChildren(QtGui.QShortcut):
        if not shortcut.key().isEmpty():
            found.append((key_text(shortcut.key()), shortcut.objectName(), "keyboard only"))
    return found


def _menu_rows(menu: QtWidgets.QMenu, where: str, found: list[tuple[str, str, str]]) -> None:
    for action in menu.actions():
        if action.menu() is not None:
            _menu_rows(action.menu(), f"{where} > {action.text()}", found)
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                found.append((key_text(sequence), action.text().replace("&", ""), where))


def show(window: QtWidgets.QMainWindow) -> QtWidgets.QDialog:
    """Open (or bring up, refreshed) the list."""
    dialog = window.findChild(QtWidgets.QDialog, NAME) or _build(window)
    table: QtWidgets.QTableWidget = dialog.findChild(QtWidgets.QTableWidget)
    listed = rows(window)
    table.setRowCount(len(listed))
    for row, values in enumerate(listed):
        for column, value in enumerate(values):
            table.setItem(row, column, QtWidgets.QTableWidgetItem(value))
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
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
    note = QtWidgets.QLabel(MOUSE + "\nKeys are rebound under \"shortcuts\" in viewer.json (docs/viewer.md).")
    note.setWordWrap(True)
    layout = QtWidgets.QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(note)
    dialog.resize(560, 640)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, False)
    return dialog
