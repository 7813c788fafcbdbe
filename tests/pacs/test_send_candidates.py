"""The Send tab offers the study on screen with its AI results beside it, never another study's.

The viewer's scan leaves SR and SEG objects out of the films, so the AI's SR exported next to the film was not in
the Send tab's list (docs/pacs.md said it was) and had to be added by hand. A report of another study lying in
the same folder, maybe another patient's, must not be offered with it. Finding those reports reads the header of
every other file in the folders, which froze the window (0.69 s for 2,000 files, far longer on a share): the
films are listed at once and the reports added when a background read ends, and a read overtaken by a new list
(another study) adds nothing.
"""

from __future__ import annotations

import pytest
from pydicom.uid import generate_uid
from PySide6 import QtCore

from tests.pacs.conftest import write_ai_sr, write_cr

pytestmark = pytest.mark.gui


def test_send_list_holds_the_films_at_once_and_their_ai_report_after_the_folder_read(make_window, tmp_path,
                                                                                      qtbot) -> None:
    shown, other = tmp_path / "shown", tmp_path / "other"
    shown.mkdir()
    other.mkdir()
    film = write_cr(shown, generate_uid(), generate_uid(), 0, {"name": "Send^Sue", "id": "PIDSEND"})
    report = write_ai_sr(film, shown)
    stranger = write_cr(other, generate_uid(), generate_uid(), 1, {"name": "Else^Ed", "id": "PIDELSE"})
    foreign = write_ai_sr(stranger, other).rename(shown / "zz_other_patient_sr.dcm")
    window = make_window()
    window.open_paths([film])

    window.open_pacs()
    tab = window.pacs.dialog.send_tab
    assert tab.paths() == [film], "the films are known: listed before the folder is read, which waits for events"
    qtbot.waitUntil(lambda: tab.paths() == [film, report], timeout=10000)
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=10000)
    assert foreign not in tab.paths()
    window.pacs.dialog.done(0)


def test_a_read_overtaken_by_another_study_adds_nothing_to_its_list(make_window, tmp_path, qtbot) -> None:
    """Reload for study B while A's folder is still being read (thousands of other files): A's report stays out."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    first = write_cr(folder, generate_uid(), generate_uid(), 0, {"name": "Aa^Ann", "id": "PIDA"})
    second = write_cr(folder, generate_uid(), generate_uid(), 1, {"name": "Bb^Bob", "id": "PIDB"})
    first_report = write_ai_sr(first, folder).rename(folder / "first_sr.dcm")  # both are written as one name
    second_report = write_ai_sr(second, folder)
    for number in range(3000):  # not DICOM: each costs a failed header read
        (folder / f"note_{number:04d}.dcm").write_bytes(b"not dicom")
    window = make_window()
    window.open_paths([first, second])
    navigator = window.opener.navigator
    qtbot.waitUntil(lambda: len(navigator.studies) == 2, timeout=10000)

    window.open_pacs()
    tab = window.pacs.dialog.send_tab
    qtbot.keyClick(window.layout_panes.primary, QtCore.Qt.Key.Key_PageDown,
                   modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    window.open_pacs()
    shown_film, shown_report, hidden_report = ((first, first_report, second_report) if tab.paths() == [first]
                                               else (second, second_report, first_report))
    assert tab.paths() == [shown_film]
    qtbot.waitUntil(lambda: tab.paths() == [shown_film, shown_report], timeout=20000)
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=20000)
    qtbot.wait(50)
    assert hidden_report not in tab.paths()
    window.pacs.dialog.done(0)


def test_closing_the_window_mid_read_adds_nothing(make_window, tmp_path, qtbot) -> None:
    film = write_cr(tmp_path, generate_uid(), generate_uid(), 0, {"name": "Send^Sue", "id": "PIDSEND"})
    write_ai_sr(film, tmp_path)
    window = make_window()
    window.open_paths([film])

    window.open_pacs()
    window.pacs.dialog.close()
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=10000)
    qtbot.wait(50)
    assert window.pacs.dialog.send_tab.paths() == [film]
