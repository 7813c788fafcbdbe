"""A key bound to Save/Send measurements (``shortcuts``) works whenever the Tools entry would: a disabled QAction
ignores its key, and the entries had been switched on only while the Tools menu opened."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui import gsps_save
from cxr_viewer.settings import Settings
from tests import dicom_factory
from tests.gui.conftest import draw_distance

pytestmark = pytest.mark.gui

SAVE_KEY, SEND_KEY = "Ctrl+Shift+S", "Ctrl+Shift+P"


def _press(window, qtbot, key: QtCore.Qt.Key) -> None:
    pane = window.layout_panes.primary
    pane.setFocus()
    qtbot.keyClick(pane, key, QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.ShiftModifier)


def test_bound_keys_save_and_send_or_say_why_not(make_window, qtbot, tmp_path, config) -> None:
    window = make_window(settings=Settings(shortcuts={gsps_save.COMMAND: SAVE_KEY, gsps_save.SEND_COMMAND: SEND_KEY}))
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, spacing=0.2)])
    _press(window, qtbot, QtCore.Qt.Key.Key_S)  # nothing measured yet: refused, and said
    assert window.statusBar().currentMessage() == "No measurement on this film to save"
    draw_distance(window, qtbot, (100.5, 60.5), (220.5, 140.5))
    _press(window, qtbot, QtCore.Qt.Key.Key_P)
    assert window.statusBar().currentMessage() == gsps_save.NO_NODE
    titles: list[str] = []

    def close_dialog() -> None:
        dialog = QtWidgets.QApplication.activeModalWidget()
        if dialog is None:
            QtCore.QTimer.singleShot(50, close_dialog)
            return
        titles.append(dialog.windowTitle())
        dialog.reject()

    QtCore.QTimer.singleShot(50, close_dialog)
    _press(window, qtbot, QtCore.Qt.Key.Key_S)
    qtbot.waitUntil(lambda: bool(titles), timeout=5000)
    assert titles == [gsps_save.TEXT.rstrip("…")]


def test_the_menu_still_greys_what_cannot_run(make_window, qtbot, tmp_path, config) -> None:
    window = make_window(settings=Settings(shortcuts={gsps_save.COMMAND: SAVE_KEY}))
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, spacing=0.2)])
    menu = window.menu_named("&Tools")
    menu.aboutToShow.emit()
    assert not window.actions[gsps_save.COMMAND].isEnabled()
    menu.aboutToHide.emit()
    assert window.actions[gsps_save.COMMAND].isEnabled()  # its key reaches ``save``, which says why it refuses
