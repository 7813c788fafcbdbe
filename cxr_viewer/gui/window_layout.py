"""The window's size, place and docks, as the reader left them, back at the next start.

A reader who narrows the Studies dock, floats the tags onto a second screen or closes the Layers dock should not
redo it every morning. Qt's own ``saveGeometry``/``saveState`` blobs are kept (base64) under ``window_layout`` in
viewer.json; docks are matched by object name, so a plugin's dock comes back where it was when that plugin is still
there and is simply left where it is put otherwise. Only the interactive viewer remembers (``cli`` wires it): a
``--screenshot`` run, the tests and a plugin's own windows neither read nor write it. A blob Qt refuses (another Qt
version, a damaged file) leaves the window as it starts, and saying so in the log is enough: nothing is lost but
a layout.
"""

from __future__ import annotations

import logging
from typing import Callable

from PySide6 import QtCore, QtWidgets

from cxr_viewer.settings import Settings
from cxr_viewer.settings_file import update_settings_file

log = logging.getLogger(__name__)
# A window put back on a smaller screen (Qt keeps it on the screen) with the docks' old widths could leave the film a
# strip; below this share of the window the docks are sized afresh, as on a first start.
FILM_SHARE = 0.4
VERSION = 1  # bumped when the viewer's own docks change so much that an old layout would misplace them


def restore(window: QtWidgets.QMainWindow, settings: Settings) -> bool:
    """Put the window and its docks as they were saved; call after the window is shown and its plugins loaded."""
    saved = settings.window_layout
    if not saved:
        return False
    geometry = QtCore.QByteArray.fromBase64(saved.get("geometry", "").encode("ascii"))
    state = QtCore.QByteArray.fromBase64(saved.get("state", "").encode("ascii"))
    placed = window.restoreGeometry(geometry) if not geometry.isEmpty() else False
    docked = window.restoreState(state, VERSION) if not state.isEmpty() else False
    if not (placed and docked):
        log.warning("Window layout in the settings not used (geometry %s, docks %s)", placed, docked)
    QtWidgets.QApplication.processEvents()  # the restored docks take their sizes on the next layout pass
    if window.centralWidget().width() < window.width() * FILM_SHARE:  # docks kept from a wider screen
        _narrow_side_docks(window)
    return placed and docked


def _narrow_side_docks(window: QtWidgets.QMainWindow) -> None:
    """Each docked column at most a quarter of the window wide, as the first start gives them."""
    sides = (QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, QtCore.Qt.DockWidgetArea.RightDockWidgetArea)
    docks = [dock for dock in window.findChildren(QtWidgets.QDockWidget)
             if dock.isVisible() and not dock.isFloating() and window.dockWidgetArea(dock) in sides]
    window.resizeDocks(docks, [min(dock.width(), window.width() // 4) for dock in docks],
                       QtCore.Qt.Orientation.Horizontal)


def save(window: QtWidgets.QMainWindow, settings: Settings, report: Callable[[str, str], None]) -> None:
    """Keep the layout in the settings file (its other keys untouched); a file that cannot be written is reported."""
    layout = {"geometry": bytes(window.saveGeometry().toBase64()).decode("ascii"),
              "state": bytes(window.saveState(VERSION).toBase64()).decode("ascii")}
    settings.window_layout = layout
    try:
        update_settings_file(lambda raw: raw.update(window_layout=layout))
    except OSError as exc:
        log.warning("Window layout not saved: %s", exc)
        report("Settings not saved", f"the window's layout: {exc}")


def remember(window: QtWidgets.QMainWindow, app: QtCore.QCoreApplication) -> None:
    """Restore now and save when the application quits (the window is still whole then)."""
    restore(window, window.settings)
    app.aboutToQuit.connect(lambda: save(window, window.settings, window.report_error))
