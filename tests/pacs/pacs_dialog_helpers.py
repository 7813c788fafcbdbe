"""Shared steps for the PACS window tests: a dialog on private settings, and driving the node editor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from cxr_viewer.gui.pacs_dialog import PacsDialog
from cxr_viewer.gui.pacs_node_editor import NodeEditor
from cxr_viewer.gui.pacs_results_tree import COLUMNS
from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.nodes import DicomNode
from tests.pacs.conftest import OUR_AE, free_port


def make_dialog(qtbot, tmp_path: Path, ae_title: str, scp_port: int, nodes: dict[str, DicomNode],
                send_paths=None) -> PacsDialog:
    settings = PacsSettings(ae_title=ae_title, scp_port=scp_port, scp_bind_address="127.0.0.1",
                            store_dir=str(tmp_path / "store"), nodes=dict(nodes))
    dialog = PacsDialog(settings, send_paths=send_paths, settings_file=tmp_path / "pacs.json",
                        index_path=tmp_path / "index.sqlite")
    qtbot.addWidget(dialog)
    return dialog


def fill_next_editor(**fields: str | int) -> list[str]:
    """Arrange for the next NodeEditor to get ``fields`` and Save; returns a list that receives its error text."""
    errors: list[str] = []

    def fill() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, NodeEditor), f"expected the node editor, found {editor!r}"
        try:
            for name, value in fields.items():
                widget = getattr(editor, name)
                widget.setValue(value) if hasattr(widget, "setValue") else widget.setText(str(value))
        except AttributeError as exc:  # a field the editor lacks: fail the test instead of leaving it open
            errors.append(f"cannot fill the editor: {exc}")
            editor.reject()
            return
        editor.buttons.button(editor.buttons.StandardButton.Save).click()
        if editor.isVisible():  # validation kept it open: record why and give up
            errors.append(editor.error.text())
            editor.reject()

    QTimer.singleShot(0, fill)
    return errors


def search_then_cancel(qtbot, tab, transport: str, cancel_after_ms: int, stops_within_ms: int) -> None:
    """Search the tab's current node over ``transport``, press Cancel while it is still searching, and require
    "Search cancelled." within ``stops_within_ms`` with the buttons back as before the search."""
    tab.transport.setCurrentText(transport)
    tab.search_button.click()
    qtbot.wait(cancel_after_ms)
    assert tab.status.text().startswith("Searching") and tab.cancel_button.isEnabled()
    tab.cancel_button.click()
    qtbot.waitUntil(lambda: tab.status.text() == "Search cancelled.", timeout=stops_within_ms)
    assert tab.search_button.isEnabled() and not tab.cancel_button.isEnabled()


def click_header(qtbot, tree, title: str) -> None:
    """A real click on the results list's column header ``title``, as a user sorts by it."""
    header, column = tree.header(), COLUMNS.index(title)
    where = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)


def search_peer(qtbot, tmp_path: Path, node: DicomNode, found: str):
    """The Query/Retrieve tab of a new window after a search of ``node`` (as "peer") whose status starts ``found``."""
    dialog = make_dialog(qtbot, tmp_path, OUR_AE, free_port(), {"peer": node})
    dialog.show()
    tab = dialog.query_tab
    tab.node.setCurrentText("peer")
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.status.text().startswith(found), timeout=10000)
    return tab
