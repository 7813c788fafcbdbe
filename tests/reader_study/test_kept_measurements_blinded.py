"""The viewer keeps a film's measurements for the session; a blinded read of that film must not show them.

A coordinator measures a case's film in the ordinary viewer, then a reader logs in and is shown that very case:
the view is clean. A caliper the reader draws during the read is not kept either, and the coordinator's comes back
once the study is closed (between readers the station stays held: the coordinator closes the study to measure).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from cxr_reader_study.plugin import ReaderStudyPlugin
from tests.gui.conftest import drag, widget_point

pytestmark = pytest.mark.gui


def _measure(window, qtbot) -> None:
    pane = window.layout_panes.primary
    height, width = pane.image.shape
    if not window.actions["measure"].isChecked():
        window.actions["measure"].trigger()
    start, end = widget_point(pane, width * 0.3, height * 0.5), widget_point(pane, width * 0.7, height * 0.5)
    drag(qtbot, pane.viewport(), start, end, Qt.MouseButton.LeftButton)
    assert len(pane.measure.measurements) >= 1


def _study(window, study_file):
    """The study opened in the window by a plugin started for it, as in a viewer started with it."""
    plugin = ReaderStudyPlugin()
    plugin.activate(window.host)
    plugin.open_study(str(study_file))
    return plugin.panel


def _log_in(qtbot, panel) -> None:
    panel.login.reader_id.setText("R1")
    qtbot.mouseClick(panel.login.start, Qt.MouseButton.LeftButton)


def test_a_measured_film_comes_up_clean_in_a_blinded_read(qtbot, make_window, roc_study_file):
    window = make_window()
    pane = window.layout_panes.primary
    panel = _study(window, roc_study_file)
    _log_in(qtbot, panel)
    case_path = panel.session.current_case.image
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)  # nothing answered: the case stays next
    panel.close_study()  # the coordinator closes the study to look at films

    assert window.open_paths([case_path])
    _measure(window, qtbot)
    kept = [(m.text, m.line.line().toTuple()) for m in pane.measure.measurements]

    panel = _study(window, roc_study_file)  # opened again (a viewer restarted with it)
    _log_in(qtbot, panel)
    assert panel.session.current_case.image == case_path
    assert np.array_equal(pane.image.stored, window.opener.load(case_path).stored)  # the same film, blinded
    assert pane.measure.measurements == []
    _measure(window, qtbot)  # the reader's own caliper during the read
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    panel.close_study()

    assert window.open_paths([case_path])
    assert [(m.text, m.line.line().toTuple()) for m in pane.measure.measurements] == kept
