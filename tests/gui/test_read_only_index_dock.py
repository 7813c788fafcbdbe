"""The Studies dock on an index that cannot be written (a read-only share or disk, no write permission): it is read,
so the radiologist can search and open studies; the dock says it is read-only and switches off what would write,
and nothing it does raises or fills Messages with failed writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.paths import DATA_DIR_ENV, default_index_path
from tests import dicom_factory
from tests.read_only_files import unwritable

pytestmark = pytest.mark.gui


@pytest.fixture
def read_only_index(monkeypatch, tmp_path) -> Path:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    path = default_index_path()
    for name in ("Read^Rita", "Only^Otto"):
        dicom_factory.make_cr(tmp_path / "films" / name / "im0.dcm", rows=32, cols=32, PatientName=name)
    with StudyIndex(path) as index:
        assert import_paths(index, [tmp_path / "films"]).added == 2
    with unwritable(path, path.parent):
        yield path


def test_a_read_only_index_is_searched_and_opened_with_writing_switched_off(make_window, read_only_index, tmp_path,
                                                                           qtbot):
    window = make_window(with_browser=True)
    browser = window.browser
    assert browser.index is not None and browser.index.read_only
    assert browser.problem.isVisible() and "read-only" in browser.problem_label.text()
    assert browser.problem_path.text() == str(read_only_index)
    assert not browser.move_aside_button.isVisible()
    assert not browser.form.import_button.isEnabled() and not browser.check_missing_action.isEnabled()
    assert browser.table.isEnabled() and browser.text.isEnabled()
    browser.text.setText("rita")
    browser.search()
    assert [row.patient_name for row in browser.rows] == ["Read^Rita"]
    browser.table.selectRow(0)
    assert browser.thumbnails.count() == 1  # the stored ones (none yet: a blank icon), no task that cannot store
    browser.open_study(0)
    assert window.layout_panes.primary.image is not None
    assert browser.import_folder(tmp_path / "films") is None  # refused with a status message, not failed per file
    qtbot.wait(50)
    assert not [text for text in window.messages.messages() if "failed" in text or "readonly" in text]
    window.grab().save(str(tmp_path / "read_only_dock.png"))
