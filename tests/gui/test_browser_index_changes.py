"""The Studies list after the index changed behind it: another viewer or ``cxr-index forget-missing`` on the same
index file removed a listed study, or the index is busy. Double-clicking such a row must say what happened and
list the studies again, never do nothing silently nor raise out of the slot."""

from __future__ import annotations

import pytest

from cxr_viewer.index import maintenance
from cxr_viewer.index.db import StudyIndex
from tests import dicom_factory

pytestmark = pytest.mark.gui


def _two_studies(tmp_path):
    for name in ("Alpha^Ann", "Beta^Ben"):
        dicom_factory.make_cr(tmp_path / name / "im0.dcm", rows=16, cols=16, PatientName=name)
    return tmp_path


def test_double_clicking_a_study_another_program_forgot_says_so_and_lists_again(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    folder = _two_studies(tmp_path / "data")
    with qtbot.waitSignal(browser.import_finished, timeout=30000):
        browser.import_folder(folder)
    browser.search()
    assert [row.patient_name for row in browser.rows] == ["Alpha^Ann", "Beta^Ben"]
    (folder / "Alpha^Ann" / "im0.dcm").unlink()
    other = StudyIndex(browser.index.db_path)  # a second viewer, or the command line, on the same file
    assert maintenance.forget_missing(other) == 1
    other.close()
    browser.open_study(0)  # the row still shows Alpha, whose entries are gone
    assert window.layout_panes.primary.image is None
    assert any("no longer in the study index" in text for text in window.messages.messages())
    assert [row.patient_name for row in browser.rows] == ["Beta^Ben"]  # listed again
    browser.open_study(0)
    assert window.layout_panes.primary.image is not None
