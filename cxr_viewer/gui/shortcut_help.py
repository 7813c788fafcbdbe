"""F1: every key the window answers to, the plugins' included, in one non-modal list.

Built from the actions and shortcuts as they are bound when it opens (``shortcut_keys.bindings``, after the user's
rebinding and the plugins' entries), so it can never list a key that does something else; a command without a key is
not listed. While a plugin holds the view (a reader study's case), the keys its panel declared
(``ViewerHost.declare_panel_keys``) head the list under the plugin's name and the window's commands on those keys are
greyed (the panel takes those keys first), as are the commands the hold switched off (other plugins' actions, opening
and navigating). Non-modal, like everything the viewer opens by itself: the reader keeps reading with it open.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.shortcut_keys import bindings, help_rows

NAME = "shortcut-help"
MOUSE = "Right-drag: window/level · Wheel: zoom about the cursor · Left-drag: pan (or measure, with M, C, G or E on)"
COPY = "Ctrl+C copies what has the keyboard: on the image its measurements (the selected one, else all)"


def show(window: QtWidgets.QMainWindow) -> QtWidgets.QDialog:
    """Open (or bring up, refreshed) the list."""
    dialog = window.findChild(QtWidgets.QDialog, NAME) or _build(window)
    _fill(window, dialog)
    dialog.show()
    dialog.raise_()
    return dialog


def refresh(window: QtWidgets.QMainWindow) -> None:
    """List the keys again if the list is open, without bringing it up: a hold taken or ended while it stood open
    (Ctrl+L logging a reader out with F1 up) left it greying D, the frame keys and opening "(off during the hold)"
    and heading it with the study panel's keys after the log-out."""
    dialog = window.findChild(QtWidgets.QDialog, NAME)
    if dialog is not None and dialog.isVisible():
        _fill(window, dialog)


def _fill(window: QtWidgets.QMainWindow, dialog: QtWidgets.QDialog) -> None:
    table: QtWidgets.QTableWidget = dialog.findChild(QtWidgets.QTableWidget)
    holder = window.hold.owner
    panel = window.host.panel_keys.get(holder, ()) if holder else ()
    name = _name(window, holder) if holder else ""
    listed = help_rows(bindings(window), name, panel)
    table.setRowCount(len(listed))
    for row, (*values, now) in enumerate(listed):
        for column, value in enumerate(values):
            item = QtWidgets.QTableWidgetItem(value)
            if not now:  # greyed: switched off, or the holder's panel has this key first
                item.setFlags(item.flags() & ~QtCore.Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, column, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().resizeSections()  # else the stretched column kept the width of shorter contents
    table.resizeRowsToContents()
    _fit_width(dialog, table)
    dialog.findChild(QtWidgets.QLabel, "shortcut-note").setText(_note(name, bool(panel)))


def _build(window: QtWidgets.QMainWindow) -> QtWidgets.QDialog:
    dialog = QtWidgets.QDialog(window)
    dialog.setObjectName(NAME)
    dialog.setWindowTitle("Keyboard shortcuts")
    dialog.setModal(False)
    table = QtWidgets.QTableWidget(0, 3)
    table.setHorizontalHeaderLabels(["Key", "Command", "Menu"])
    table.verticalHeader().hide()
    table.setAccessibleName("Keyboard shortcuts")
    table.setWordWrap(False)
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(2, QtWidgets.QHeaderView.ResizeMode.Stretch)
    note = QtWidgets.QLabel()
    note.setObjectName("shortcut-note")
    note.setWordWrap(True)
    layout = QtWidgets.QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(note)
    dialog.resize(560, 640)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, False)
    return dialog


def _fit_width(dialog: QtWidgets.QDialog, table: QtWidgets.QTableWidget) -> None:
    """Widen (never narrow) the dialog to the table's columns: the last one stretches to what is left, and a
    holder's panel keys listed there as "Reader study panel" were cut to "Reader study pa…"."""
    columns = sum(max(table.sizeHintForColumn(column), table.horizontalHeader().sectionSizeHint(column))
                  for column in range(table.columnCount()))
    margins = dialog.layout().contentsMargins()
    needed = (columns + table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth()
              + margins.left() + margins.right())
    dialog.resize(max(dialog.width(), needed), dialog.height())


def _name(window: QtWidgets.QMainWindow, plugin_id: str) -> str:
    """The holder as its menus name it (``PluginInfo.name``); its id for a plugin not loaded from an entry point."""
    for record in window.plugin_records:
        info = getattr(record.plugin, "info", None)
        if info is not None and info.id == plugin_id:
            return info.name
    return plugin_id


def _note(holder: str, declared: bool) -> str:
    """The mouse, where keys are rebound, and during a plugin's hold (a reader study's case) that its panel's keys
    come first, whether or not the plugin declared them for the table. The holder by the name the table gives it
    ("Reader study panel"), not its id: a note about "reader_study" read as another plugin."""
    listed = (": they head the list. The viewer's commands on them, and those the hold switched off, are greyed"
              if declared else ". The commands the hold switched off are greyed")
    held = f"\nWhile the plugin \"{holder}\" holds the view, its panel's keys come first{listed}." if holder else ""
    return MOUSE + "\n" + COPY + "\nKeys are rebound under \"shortcuts\" in viewer.json (docs/viewer.md)." + held
