"""AI > "Save findings as DICOM SR/SEG…" in the real main window is greyed exactly while the film on screen has no
result: it stayed on for a film without one and only said why once chosen, where a radiologist expects it greyed
until there is something to save. It follows the film's result (a detection arriving, a cached one shown, another
film, an emptied view) and another plugin's hold, at whose end it stays greyed on a film without a result."""

from __future__ import annotations

import pytest

from tests.ai.viewer_helpers import open_and_settle, settle

pytestmark = pytest.mark.gui
SAVE = "cxr_ai.save_dicom"


def _detect(qtbot, window) -> None:
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)


def _save_on(window) -> bool:
    return window.plugin_actions[SAVE].isEnabled()


def test_greyed_until_the_film_has_a_result(viewer, files, qtbot) -> None:
    window = viewer()
    assert not _save_on(window)  # no film
    open_and_settle(qtbot, window, files[0])
    assert not _save_on(window)  # before D
    _detect(qtbot, window)
    assert _save_on(window)
    window.plugin_actions["cxr_ai.toggle"].trigger()  # A hides the marks, not the result: still saveable
    assert _save_on(window)
    open_and_settle(qtbot, window, files[1])
    assert not _save_on(window)  # the next film has no result yet
    open_and_settle(qtbot, window, files[0])
    assert _save_on(window)  # its cached result is shown again without D
    window.host.close_image()
    settle(qtbot, window)
    assert not _save_on(window)


def test_follows_the_result_across_another_plugins_hold(viewer, files, qtbot) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[1])
    window.host.set_exclusive("reader_study")
    window.host.set_exclusive(None)
    settle(qtbot, window)
    assert not _save_on(window)  # the hold's end does not switch on a Save with nothing to save
    open_and_settle(qtbot, window, files[0])
    _detect(qtbot, window)
    window.host.set_exclusive("reader_study")
    settle(qtbot, window)
    assert not _save_on(window)  # a blinded read: the AI's result is dropped, the entry off
    window.host.set_exclusive(None)
    settle(qtbot, window)
    assert _save_on(window)  # the film's cached result is shown again

