"""The Studies dock's check for missing files words what it found by kind: a file overwritten by another image,
or one that can no longer be read, is there to find, so calling it "missing" would mislead."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxr_viewer.index.importer import import_paths
from tests import dicom_factory

pytestmark = pytest.mark.gui


def test_the_check_counts_missing_replaced_and_unreadable_files_apart(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    folder = tmp_path / "study"
    paths = [dicom_factory.make_cr(folder / f"im{n}.dcm", rows=32, cols=32, PatientName="Some^One") for n in range(5)]
    import_paths(browser.index, [folder])
    paths[0].unlink()
    paths[1].unlink()
    dicom_factory.make_cr(paths[2], rows=48, cols=48, PatientName="Other^One")  # another image, another UID
    Path(paths[3]).write_bytes(b"not an image any more")
    with qtbot.waitSignal(browser.missing_checked, timeout=30000) as checked:
        browser.check_missing_action.trigger()
    prompt = browser.missing_prompt
    assert prompt is not None and prompt.isVisible()
    assert "2 indexed files missing, 1 replaced, 1 unreadable, in " in prompt.text()
    listed = [text for text in window.messages.messages() if "Missing files" in text]
    assert len(listed) == 1 and "2 indexed files missing, 1 replaced, 1 unreadable" in listed[0]
    assert sorted(entry.kind for entry in checked.args[0]) == ["missing", "missing", "replaced", "unreadable"]
