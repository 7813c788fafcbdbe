"""In 1×2 in a 1000×700 window with the Studies and tags docks, the comparison pane's bottom-right corner was cut in
the middle beside the window text: "later …-06-01", "2.3 ye… later", and the left pane's "Image …dy 1/1". A date or
an interval cut in the middle is worse than none for a reader comparing films: such lines now stay whole, and the
longer corner moves a row inwards instead of being shortened; only a file name or a patient ID/name is elided."""

from __future__ import annotations

import pytest
from PySide6 import QtCore

from cxr_viewer.index.importer import import_paths
from tests import dicom_factory

pytestmark = pytest.mark.gui
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
STUDIES = {"old": ("20230105", "1.2.826.0.7.1"), "later": ("20250601", "1.2.826.0.7.2")}
LONG_NAME = "CR_1.2.826.0.1.3680043.8.498.10012345678901234567890123456789.dcm"


@pytest.fixture
def one_by_two(browser_window, qtbot, tmp_path):
    """The oldest study open with the later one beside it from the index; the file names long, as PACS names are."""
    window = browser_window
    for seed, (name, (date, uid)) in enumerate(STUDIES.items()):
        dicom_factory.make_cr(tmp_path / "studies" / name / LONG_NAME, rows=120, cols=100, seed=seed,
                              PatientID="A1", PatientName="Alpha^Ann", StudyDate=date, StudyInstanceUID=uid)
    import_paths(window.browser.index, [tmp_path / "studies"])
    window.browser.search()
    window.browser.open_study([row.study_uid for row in window.browser.rows].index(STUDIES["old"][1]))
    qtbot.keyClick(window.layout_panes.primary, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert window.layout_panes.secondary.image is not None
    return window


def _shown_lines(pane, corner: str) -> list[str]:
    label = pane.corners.labels[corner]
    return label.text().split("\n") if label.isVisible() else []


def _settle(window, qtbot, size: tuple[int, int]) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    QtCore.QCoreApplication.processEvents()


@pytest.mark.parametrize("size", [(1000, 700), (1400, 900)])
def test_dates_and_intervals_are_never_cut_in_a_narrow_pane(one_by_two, qtbot, tmp_path, size):
    window = one_by_two
    assert window.docks["tags"].isVisible() and window.browser.isVisible()
    _settle(window, qtbot, size)
    first, second = window.layout_panes.panes
    window.grab().save(str(tmp_path / f"corners_{size[0]}.png"))  # to look at
    right = _shown_lines(second, "bottom_right")
    for whole in ("later study · 2025-06-01", "2.3 years later", "from the study index"):
        assert whole in right, right
    assert first.position_text and first.position_text in _shown_lines(first, "bottom_left") + _shown_lines(
        first, "bottom_right")
    for pane in (first, second):  # nothing cut but the file name, and the facing corners never overlap
        for corner, label in pane.corners.labels.items():
            full = pane.corners.texts[corner].split("\n")
            for shown, line in zip(_shown_lines(pane, corner), full):
                assert shown == line or line.endswith(".dcm"), (corner, shown, line)
        for left, right_corner in (("top_left", "top_right"), ("bottom_left", "bottom_right")):
            a, b = pane.corners.labels[left], pane.corners.labels[right_corner]
            assert not (a.isVisible() and b.isVisible() and a.geometry().intersects(b.geometry()))
