"""Leaks guarded with names hidden (``set_metadata_hidden``, without a plugin's hold), found in an audit of blinded
reads with a real window: the layer list let the reader tick "Presentation state annotations" back on (another
reader's marks the read had hidden), and File > Query/Retrieve opened a window listing the patient's files."""

from __future__ import annotations

import pydicom
import pytest
from PySide6 import QtCore

from tests import dicom_factory
from tests.gui.test_gsps_vendor_open import NAME, _layer, _red_at, _state
from tests.gui.test_layers import _click_checkbox

pytestmark = pytest.mark.gui

PATIENT = "DOE_JOHN_19600101"


def test_leak_layer_list_ticks_hidden_presentation_state_back_on(qtbot, window, cr_file, tmp_path):
    window.open_paths([_state(tmp_path, [pydicom.dcmread(cr_file, stop_before_pixels=True)])])
    pane, tree = window.layout_panes.primary, window.layer_panel.tree
    window.host.set_metadata_hidden(True)
    assert window.layer_panel.isEnabled()  # the other layers stay the reader's to toggle
    row = window.layer_panel.item_for(_layer(pane).id)
    _click_checkbox(qtbot, tree, row)
    assert not _layer(pane).visible and not _red_at(pane, 120.0, 80.0)
    tree.setCurrentItem(row)
    qtbot.keyClick(tree.viewport(), QtCore.Qt.Key.Key_Space)  # the keyboard's way to tick it
    assert not _layer(pane).visible and not _red_at(pane, 120.0, 80.0)
    assert not window.layer_panel.sliders[_layer(pane).id].isEnabled()

    window.host.set_metadata_hidden(False)
    assert _layer(pane).visible and _red_at(pane, 120.0, 80.0)
    row = window.layer_panel.item_for(_layer(pane).id)
    assert row.text(0) == NAME
    _click_checkbox(qtbot, tree, row)
    assert not _layer(pane).visible  # the box is the reader's again


def _table_text(table) -> str:
    return " ".join(table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
                    if table.item(r, c) is not None)


def test_leak_query_retrieve_window_lists_the_patients_files_with_names_hidden(make_window, tmp_path):
    """The Studies dock went with the names, yet File > Query/Retrieve stayed: its Send tab lists the files on
    screen by path (here a folder named after the patient), its Query tab the last query's patients."""
    window = make_window()
    film = dicom_factory.make_cr(tmp_path / PATIENT / "IM0001.dcm", PatientName="DOE^JOHN")
    assert window.open_paths([film])
    window.host.set_metadata_hidden(True)
    window.actions["pacs"].trigger()
    assert window.pacs.dialog is None or not window.pacs.dialog.isVisible()
    window.host.set_metadata_hidden(False)
    window.actions["pacs"].trigger()
    assert window.pacs.dialog.isVisible() and PATIENT in _table_text(window.pacs.dialog.send_tab.table)
    window.host.set_metadata_hidden(True)  # a window left open goes, as under a plugin's hold
    assert not window.pacs.dialog.isVisible() and not window.actions["pacs"].isEnabled()
