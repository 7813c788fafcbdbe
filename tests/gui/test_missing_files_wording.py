"""The Studies dock's check for missing files words what it found by kind: a file overwritten by another image,
or one that can no longer be read, is there to find, so calling it "missing" would mislead. The question's title
and advice (and the message's title) fit the kinds found: a replaced file is imported again, an unreadable one is
a matter of permissions or the disk, only a missing one may be on a drive that is not connected."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxr_viewer.index.importer import import_paths
from tests import dicom_factory

pytestmark = pytest.mark.gui

DRIVE_ADVICE = "drive or network share that is not connected"
REIMPORT_ADVICE = "import their folders again"
DISK_ADVICE = "check their permissions and the disk"


def _study(browser, folder: Path, count: int) -> list[Path]:
    paths = [dicom_factory.make_cr(folder / f"im{n}.dcm", rows=32, cols=32, PatientName="Some^One")
             for n in range(count)]
    import_paths(browser.index, [folder])
    return [Path(path) for path in paths]


def _replace(path: Path) -> None:
    dicom_factory.make_cr(path, rows=48, cols=48, PatientName="Other^One")  # another image, another UID


def _spoil(path: Path) -> None:
    path.write_bytes(b"not an image any more")


def _check(browser, qtbot):
    with qtbot.waitSignal(browser.missing_checked, timeout=30000) as checked:
        browser.check_missing_action.trigger()
    prompt = browser.missing_prompt
    assert prompt is not None and prompt.isVisible()
    return prompt, checked.args[0]


def test_the_check_counts_missing_replaced_and_unreadable_files_apart(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    paths = _study(browser, tmp_path / "study", 5)
    paths[0].unlink()
    paths[1].unlink()
    _replace(paths[2])
    _spoil(paths[3])
    prompt, found = _check(browser, qtbot)
    assert "2 indexed files missing, 1 replaced, 1 unreadable, in " in prompt.text()
    assert prompt.windowTitle() == "Missing, replaced and unreadable files"
    advice = prompt.informativeText()
    assert DRIVE_ADVICE in advice and REIMPORT_ADVICE in advice and DISK_ADVICE in advice
    listed = [text for text in window.messages.messages() if "Missing, replaced and unreadable files" in text]
    assert len(listed) == 1 and "2 indexed files missing, 1 replaced, 1 unreadable" in listed[0]
    assert sorted(entry.kind for entry in found) == ["missing", "missing", "replaced", "unreadable"]
    tip = browser.check_missing_action.toolTip()  # the action says it finds more than moved or deleted files
    assert "replaced" in tip and "can no longer be read" in tip


@pytest.mark.parametrize(("spoil", "title", "meant", "not_meant"), [
    (_replace, "Replaced files", REIMPORT_ADVICE, (DRIVE_ADVICE, DISK_ADVICE)),
    (_spoil, "Unreadable files", DISK_ADVICE, (DRIVE_ADVICE, REIMPORT_ADVICE)),
], ids=["replaced", "unreadable"])
def test_a_check_finding_no_missing_file_neither_calls_them_missing_nor_says_look_for_a_drive(
    spoil, title, meant, not_meant, browser_window, tmp_path, qtbot
):
    window, browser = browser_window, browser_window.browser
    paths = _study(browser, tmp_path / "study", 3)
    spoil(paths[0])
    spoil(paths[1])
    prompt, _found = _check(browser, qtbot)
    assert prompt.windowTitle() == title
    advice = prompt.informativeText()
    assert meant in advice and not any(words in advice for words in not_meant), advice
    assert [text for text in window.messages.messages() if title in text]
    assert not [text for text in window.messages.messages() if "Missing files" in text]

    browser.keep_button.click()
    assert f"Kept 2 {title.lower()} in the study index" in window.statusBar().currentMessage()
