"""What a background open ends in when it shows nothing: the reader's Cancel, a plugin taking the view meanwhile,
a folder with no film. Each ends the scan (``scan_ended`` False), leaves the screen as it was and says why."""

from __future__ import annotations

import pytest

from tests import dicom_factory

pytestmark = pytest.mark.gui


def _folder(tmp_path):
    folder = tmp_path / "films"
    for k in range(3):
        dicom_factory.make_cr(folder / f"{k}.dcm", rows=8, cols=8, seed=k)
    return folder


def test_a_cancelled_scan_changes_nothing_and_says_so(window, tmp_path, qtbot):
    folder = _folder(tmp_path)
    with qtbot.waitSignal(window.opener.scan_ended, timeout=20000) as ended:
        window.opener.open_in_background([folder]).cancel()  # as the status bar's Cancel does
    assert ended.args == [False]
    assert window.layout_panes.primary.image is None and window.opener.navigator.studies == []
    assert window.statusBar().currentMessage() == f"Opening {folder} cancelled: nothing changed"
    assert window.opener.scan is None


def test_a_scan_that_ends_while_a_plugin_holds_the_view_shows_nothing(window, tmp_path, qtbot):
    folder = _folder(tmp_path)
    with qtbot.waitSignal(window.opener.scan_ended, timeout=20000) as ended:
        window.opener.open_in_background([folder])
        window.host.set_exclusive("study")  # a reader study starts before the scan's answer arrives
    assert ended.args == [False]
    assert window.layout_panes.primary.image is None and window.opener.navigator.studies == []
    assert window.statusBar().currentMessage() == "Opening and navigating are off while the study plugin holds the view"


def test_a_folder_without_films_is_said_once_and_the_film_on_screen_stays(window, tmp_path, qtbot):
    shown = dicom_factory.make_cr(tmp_path / "shown.dcm", rows=8, cols=8)
    assert window.open_paths([shown])
    empty, other = tmp_path / "empty", tmp_path / "other"
    empty.mkdir()
    other.mkdir()
    with qtbot.waitSignal(window.opener.scan_ended, timeout=20000) as ended:
        window.opener.open_in_background([empty, other])
    assert ended.args == [False]
    assert window.layout_panes.primary.image.path == shown
    assert window.opener.navigator.position_text() == "Image 1/1  Study 1/1"
    said = [text for text in window.messages.messages() if str(empty) in text]
    assert len(said) == 1 and said[0].endswith(f"Nothing to open\n{empty} and 1 more: no image files found"), said
