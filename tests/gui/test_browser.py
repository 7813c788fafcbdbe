"""Folder import through the study browser: background progress, cancel, per-file errors, then open."""

from __future__ import annotations

import pytest
from PySide6 import QtCore

from tests import dicom_factory

pytestmark = pytest.mark.gui



def _folder(tmp_path, count: int):
    folder = tmp_path / "incoming"
    folder.mkdir()
    for n in range(count):
        dicom_factory.make_cr(folder / f"img{n:02d}.dcm", rows=32, cols=32, StudyInstanceUID=f"1.2.826.0.1.{n % 2}",
                              PatientName=f"Doe^Pat{n % 2}")
    broken = folder / "broken.dcm"
    good = (folder / "img00.dcm").read_bytes()
    broken.write_bytes(good[:200])  # cut inside the header, so even a header-only read fails
    return folder


def test_import_runs_in_background_with_progress_and_lists_errors(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    folder = _folder(tmp_path, 6)
    fractions = []
    window.tasks.progress.connect(lambda task, fraction, message: fractions.append(fraction))
    with qtbot.waitSignal(browser.import_finished, timeout=30000) as finished:
        browser.import_folder(folder)
        assert window.task_progress.isVisible()
    report = finished.args[0]
    assert report.added == 6 and not report.cancelled
    assert [path.name for path, _ in report.failed] == ["broken.dcm"]
    assert fractions and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert any("broken.dcm" in text for text in window.messages.messages())
    assert browser.table.rowCount() == 2
    assert not window.task_progress.isVisible()
    browser.text.setText("pat1")
    browser.search()
    assert browser.table.rowCount() == 1 and browser.table.item(0, 0).text() == "Doe^Pat1"
    headers = [browser.table.horizontalHeaderItem(c).text() for c in range(browser.table.columnCount())]
    assert headers[:3] == ["Patient", "Date", "Description"]  # what tells studies apart, first in a narrow dock
    assert browser.table.item(0, 0).toolTip() == "Doe^Pat1"
    browser.table.selectRow(0)
    qtbot.waitUntil(lambda: browser.thumbnails.count() == 3, timeout=20000)
    assert not browser.thumbnails.item(0).icon().isNull()
    browser.open_study(0)
    assert window.layout_panes.primary.image is not None
    assert window.layout_panes.primary.image.metadata["StudyInstanceUID"] == "1.2.826.0.1.1"


def test_import_can_be_cancelled_from_the_status_bar(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    folder = _folder(tmp_path, 12)
    with qtbot.waitSignal(browser.import_finished, timeout=30000) as finished:
        browser.import_folder(folder)
        qtbot.mouseClick(window.task_progress.cancel_button, QtCore.Qt.MouseButton.LeftButton)
    report = finished.args[0]
    assert report.cancelled
    assert report.added < 12
