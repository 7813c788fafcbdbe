"""A study of the patient on screen retrieved from the PACS is shown, also where it cannot go beside the film.

A retrieved prior of the patient on screen goes beside the film through the index and the comparison pane
(``PacsLauncher``). Two cases it missed showed the retrieved study nowhere: 1x2 came up with "no study of this
patient to compare" in the right pane, and the status bar said "indexed; the right pane shows the patient's newest
prior". An index that refuses the import (unusable, or read-only) never gets the study; and a *later* study of the
patient (the current exam fetched while an old film is open) is no prior, which the comparison pane never offers.
Both now open the retrieved study in place of the film, as every retrieve did before.
"""

from __future__ import annotations

import pytest

from cxr_viewer.index.db import StudyIndex, open_index
from cxr_viewer.index.importer import import_paths
from tests import dicom_factory
from tests.read_only_files import unwritable

pytestmark = pytest.mark.gui


def _films(tmp_path):
    tags = {"PatientName": "Prior^Pia", "PatientID": "PIDNOINDEX"}
    current = dicom_factory.make_cr(tmp_path / "now" / "im.dcm", rows=32, cols=32, StudyDate="20241120", **tags)
    prior = dicom_factory.make_cr(tmp_path / "then" / "im.dcm", rows=32, cols=32, StudyDate="20190105", **tags)
    return current, prior


def _shown(window) -> list:
    return [pane.image.path for pane in window.layout_panes.panes if pane.isVisible() and pane.image is not None]


def _retrieve(qtbot, window, current, prior) -> None:
    """Open ``current``, hand the PACS window's retrieved signal ``prior``; it must come on screen."""
    window.open_paths([current])
    window.open_pacs()
    window.pacs.dialog.retrieved.emit([prior])
    qtbot.waitUntil(lambda: prior in _shown(window), timeout=5000)
    assert "indexed" not in window.statusBar().currentMessage()
    window.pacs.dialog.done(0)


def test_a_prior_retrieved_with_an_unusable_index_is_opened(qtbot, make_window, tmp_path) -> None:
    current, prior = _films(tmp_path)
    window = make_window(with_browser=True)
    window.browser.held.use_none()  # the index could not be opened (the Studies dock says why)
    assert window.browser.index is None
    _retrieve(qtbot, window, current, prior)


def test_a_prior_retrieved_with_a_read_only_index_is_opened(qtbot, make_window, tmp_path) -> None:
    current, prior = _films(tmp_path)
    path = tmp_path / "index" / "index.sqlite"
    path.parent.mkdir()
    with StudyIndex(path) as index:
        import_paths(index, [current])
    with unwritable(path, path.parent):
        window = make_window(with_browser=True)
        window.browser.index = open_index(path)
        assert window.browser.index.read_only
        _retrieve(qtbot, window, current, prior)


def test_a_later_study_of_the_patient_retrieved_is_opened(qtbot, make_window, tmp_path) -> None:
    earlier, later = _films(tmp_path)[::-1]
    window = make_window(with_browser=True)
    window.browser.index = StudyIndex(tmp_path / "index.sqlite")
    _retrieve(qtbot, window, earlier, later)
