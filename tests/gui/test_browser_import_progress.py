"""The Studies dock's import says in the status strip that it is looking for files before it starts reading them.

Before, the strip showed only the import's title until the whole tree had been walked (minutes on a large share).
"""

from __future__ import annotations

import pytest

from tests import dicom_factory

pytestmark = pytest.mark.gui


def test_the_strip_says_it_is_looking_for_files(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    for folder in ("a", "b"):
        dicom_factory.make_cr(tmp_path / "in" / folder / "x.dcm", rows=8, cols=8, PatientName=f"P^{folder}")
    messages: list[str] = []
    window.tasks.progress.connect(lambda task, fraction, message: messages.append(message))
    with qtbot.waitSignal(browser.import_finished, timeout=30000):
        browser.import_folder(tmp_path / "in")
    looking = [text for text in messages if text.startswith("looking for files")]
    assert looking and looking[-1] == "looking for files: 1 file found so far"
    assert messages.index(looking[-1]) < messages.index("2/2 x.dcm")
    assert browser.table.rowCount() == 2
