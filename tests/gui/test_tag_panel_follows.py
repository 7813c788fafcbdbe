"""In 1×2 the DICOM tags dock shows the header of the active pane's film: clicking the prior to check its date or
exposure must not leave the current film's header on show under a search that seems to answer for the prior."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore

from tests import dicom_factory

pytestmark = pytest.mark.gui
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
LEFT = QtCore.Qt.MouseButton.LeftButton


def _film(path: Path, date: str, uid: str) -> Path:
    return dicom_factory.make_cr(path, rows=200, cols=300, spacing=0.2, PatientID="A1", PatientName="Alpha^Ann",
                                 StudyDate=date, StudyInstanceUID=uid)


def _shown_rows(window) -> dict[str, str]:
    """Keyword -> value of the top-level rows the tag tree shows."""
    tree = window.tag_panel.tree
    items = [tree.topLevelItem(row) for row in range(tree.topLevelItemCount())]
    return {item.text(1): item.text(3) for item in items if not item.isHidden()}


@pytest.fixture
def compared(window, tmp_path, qtbot):
    """Ann's films of 2024-05-10, 2023-01-01 and 2021-06-01 opened in that order, the tag search set to StudyDate,
    the 2023 film current (its prior, 2021, beside it in 1×2)."""
    paths = [_film(tmp_path / "a.dcm", "20240510", "1.2.826.0.8.1"),
             _film(tmp_path / "b.dcm", "20230101", "1.2.826.0.8.2"),
             _film(tmp_path / "c.dcm", "20210601", "1.2.826.0.8.3")]
    window.open_paths(paths)
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_Down)
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert second.image.metadata["StudyDate"] == "20210601"
    qtbot.keyClicks(window.tag_panel.search, "StudyDate")
    assert _shown_rows(window) == {"StudyDate": "20230101"}
    return window, first, second


def test_the_tags_follow_the_active_pane_and_keep_the_search(compared, qtbot):
    window, first, second = compared
    qtbot.mouseClick(second.viewport(), LEFT, pos=second.viewport().rect().center())
    assert window.layout_panes.active is second
    assert _shown_rows(window) == {"StudyDate": "20210601"}  # the prior's header, under the same search
    assert window.tag_panel.search.text() == "StudyDate"
    assert not window.tag_panel.caption.isHidden() and "Comparison" in window.tag_panel.caption.text()
    qtbot.mouseClick(first.viewport(), LEFT, pos=first.viewport().rect().center())
    assert _shown_rows(window) == {"StudyDate": "20230101"}
    assert window.tag_panel.caption.isHidden()


def test_a_new_film_or_1x1_brings_back_the_current_films_tags(compared, qtbot):
    window, first, second = compared
    qtbot.mouseClick(second.viewport(), LEFT, pos=second.viewport().rect().center())
    assert _shown_rows(window) == {"StudyDate": "20210601"}
    qtbot.keyClick(second, QtCore.Qt.Key.Key_Up)  # the 2024 film becomes current, 2023 its prior
    assert first.image.metadata["StudyDate"] == "20240510" and window.layout_panes.active is first
    assert _shown_rows(window) == {"StudyDate": "20240510"} and window.tag_panel.caption.isHidden()
    qtbot.mouseClick(second.viewport(), LEFT, pos=second.viewport().rect().center())
    assert _shown_rows(window) == {"StudyDate": "20230101"}
    qtbot.keyClick(second, QtCore.Qt.Key.Key_1, modifier=CTRL)
    assert _shown_rows(window) == {"StudyDate": "20240510"} and window.tag_panel.caption.isHidden()


def test_a_blinded_read_still_hides_the_tags_with_the_prior_active(compared, qtbot):
    window, first, second = compared
    qtbot.mouseClick(second.viewport(), LEFT, pos=second.viewport().rect().center())
    window.host.set_metadata_hidden(True)
    dock = window.docks["tags"]
    assert not dock.isVisible() and not window.tag_panel.isEnabled() and not dock.toggleViewAction().isEnabled()
    window.host.set_metadata_hidden(False)
    assert dock.isVisible() and _shown_rows(window) == {"StudyDate": "20210601"}
    assert window.tag_panel.search.text() == "StudyDate"


def test_closing_the_film_with_the_prior_active_keeps_the_priors_tags(compared, qtbot):
    """The view was closed (``host.close_image``) with the prior active: the prior stayed on screen, outlined as
    the active pane, while the tags dock went empty, with no caption."""
    window, first, second = compared
    qtbot.mouseClick(second.viewport(), LEFT, pos=second.viewport().rect().center())
    window.host.close_image()
    assert first.image is None and second.image.metadata["StudyDate"] == "20210601"  # the prior stays
    assert window.layout_panes.active is second
    assert _shown_rows(window) == {"StudyDate": "20210601"} and "Comparison" in window.tag_panel.caption.text()
    assert not window.tag_panel.caption.isHidden()
    qtbot.mouseClick(first.viewport(), LEFT, pos=first.viewport().rect().center())  # the emptied pane: no tags
    assert _shown_rows(window) == {} and window.tag_panel.caption.isHidden()


def test_closing_the_film_with_it_active_empties_the_tags(compared, qtbot):
    window, first, second = compared
    window.host.close_image()
    assert window.layout_panes.active is first and first.image is None
    assert _shown_rows(window) == {} and window.tag_panel.caption.isHidden()
