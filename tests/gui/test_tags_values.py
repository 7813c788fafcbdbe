"""The DICOM tags dock reads as a header viewer should: values as DICOM writes them, private elements named by their
creator, bulk values by their size, a tag found however it is typed, and any value copied whole."""

from __future__ import annotations

import pydicom
import pytest
from PySide6 import QtCore, QtWidgets

from tests import dicom_factory

pytestmark = pytest.mark.gui
LONG_TEXT = "Findings: " + "no focal consolidation; " * 40


@pytest.fixture
def header(window, tmp_path):
    """A CR with a multi-valued ImageType, a GE private block, a 4 MB OL element and a long comment, opened."""
    path = dicom_factory.make_cr(tmp_path / "cr.dcm", rows=64, cols=64, PatientName="Doe^John",
                                 StudyDate="20240510", ImageType=["ORIGINAL", "PRIMARY"], ImageComments=LONG_TEXT)
    ds = pydicom.dcmread(path)
    block = ds.private_block(0x0009, "GEMS_IDEN_01", create=True)
    block.add_new(0x01, "LO", "GE_GENESIS_FF")
    block.add_new(0xF0, "OL", b"\0" * 4_000_000)
    ds.save_as(path)
    assert window.open_paths([path])
    return window.tag_panel


def _row(panel, text: str, column: int = 1) -> QtWidgets.QTreeWidgetItem:
    """The one row whose ``column`` (1: keyword, 0: tag) reads ``text``."""
    found = panel.tree.findItems(text, QtCore.Qt.MatchFlag.MatchExactly | QtCore.Qt.MatchFlag.MatchRecursive, column)
    assert len(found) == 1, [item.text(1) for item in found]
    return found[0]


def test_values_read_as_dicom_writes_them(header):
    assert _row(header, "ImageType").text(3) == "ORIGINAL\\PRIMARY"  # not "['ORIGINAL', 'PRIMARY']"
    assert _row(header, "PatientName").text(3) == "Doe^John"
    header.search.setText("original\\primary")
    assert header.visible_matches() == ["ImageType"]


def test_private_elements_are_named_by_their_creator(header):
    assert _row(header, "Full fidelity [GEMS_IDEN_01]").text(3) == "GE_GENESIS_FF"
    assert _row(header, "Private Creator").text(3) == "GEMS_IDEN_01"
    header.search.setText("gems_iden")
    assert set(header.visible_matches()) == {"Private Creator", "Full fidelity [GEMS_IDEN_01]",
                                             "Private [GEMS_IDEN_01]"}


def test_a_bulk_value_is_shown_by_its_size(header):
    row = _row(header, "(0009,10F0)", column=0)
    assert row.text(3) == "<OL, 4,000,000 bytes>"
    assert row.toolTip(3) == "<OL, 4,000,000 bytes>"


@pytest.mark.parametrize("typed", ["00100010", "0010 0010", "(0010, 0010)", "0010,0010"])
def test_a_tag_is_found_however_it_is_typed(header, typed):
    header.search.setText(typed)
    assert header.visible_matches() == ["PatientName"]


def test_a_date_that_looks_like_a_tag_is_still_found(header):
    header.search.setText("20240510")
    assert header.visible_matches() == ["StudyDate"]


def test_ctrl_c_copies_the_whole_value(header, qtbot):
    header.tree.setFocus()
    header.tree.setCurrentItem(_row(header, "ImageComments"))
    assert len(_row(header, "ImageComments").text(3)) < len(LONG_TEXT)  # cut to fit the row
    qtbot.keyClick(header.tree, QtCore.Qt.Key.Key_C, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert QtWidgets.QApplication.clipboard().text() == LONG_TEXT.strip()  # pydicom strips the padding space
    header.tree.clearSelection()
    header.tree.setCurrentItem(_row(header, "ImageType"))
    header.tree.actions()[1].trigger()  # Copy row, from the context menu
    assert QtWidgets.QApplication.clipboard().text() == "(0008,0008)\tImageType\tCS\tORIGINAL\\PRIMARY"


def test_a_japanese_name_is_decoded(window):
    path = pydicom.data.get_charset_files("chrH31.dcm")[0]
    ds = pydicom.dcmread(path)
    window.tag_panel.set_dataset(ds)  # not an image: the panel is given the header as the window gives a film's
    assert _row(window.tag_panel, "PatientName").text(3) == "Yamada^Tarou=山田^太郎=やまだ^たろう"


def test_the_tags_dock_is_hidden_and_locked_while_names_are_hidden(header, window):
    window.host.set_metadata_hidden(True)
    dock = window.docks["tags"]
    assert not dock.isVisible() and not dock.toggleViewAction().isEnabled()
    dock.toggleViewAction().trigger()
    assert not dock.isVisible()
    window.host.set_metadata_hidden(False)
    assert dock.isVisible()


def test_a_header_with_a_flood_of_elements_is_listed_up_to_the_cap_and_says_so(window, monkeypatch):
    """A damaged or hostile header of 400,000 elements froze the viewer for 21 s while every row was built."""
    from cxr_viewer.gui import tag_panel

    monkeypatch.setattr(tag_panel, "MAX_ROWS", 50)
    ds = pydicom.Dataset()
    sequence_item = pydicom.Dataset()
    for element in range(0x10, 0x50):
        sequence_item.add_new((0x0011, 0x1000 + element), "LO", f"value {element}")
    ds.add_new((0x0009, 0x0010), "LO", "FLOOD")
    ds.add_new((0x0009, 0x1001), "SQ", [sequence_item])
    for element in range(0x10, 0x60):
        ds.add_new((0x0011, 0x1000 + element), "LO", f"value {element}")
    panel = window.tag_panel
    panel.set_dataset(ds)
    listed = len(tag_panel.rows(panel.tree, QtWidgets.QTreeWidgetItemIterator.IteratorFlag.All))
    assert listed <= 50 + 2  # the elements, the sequence's item row and the closing note
    root = panel.tree.invisibleRootItem()
    assert root.child(root.childCount() - 1).text(3).startswith("… only the first 50 elements are listed")
