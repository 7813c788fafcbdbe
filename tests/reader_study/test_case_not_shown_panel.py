"""The "case cannot be shown" screen says only what applies: no marking instructions, and the buttons whose keys
do nothing there (Pause, Delete mark, Submit) are off, while Log out stays on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.plugin import ReaderStudyPlugin

pytestmark = pytest.mark.gui


def test_a_case_that_cannot_be_shown_offers_no_instructions_nor_dead_buttons(qtbot, viewer, froc_study_file):
    plugin = ReaderStudyPlugin()
    plugin.activate(viewer.host)
    plugin.open_study(str(froc_study_file))
    panel = plugin.panel
    for case in load_study(froc_study_file).cases:
        case.image.write_bytes(b"the share went away")  # after validation, before log-in
    panel.login.reader_id.setText("R1")
    qtbot.mouseClick(panel.login.start, Qt.MouseButton.LeftButton)
    page = panel.reading
    assert page.case_label.text().endswith("cannot be shown.")
    assert page.instructions.text() == ""  # "Click a suspicious spot… Enter submits" contradicted "keys do nothing"
    assert not page.pause.isEnabled() and not page.delete_mark.isEnabled() and not page.submit.isEnabled()
    assert page.log_out.isEnabled()
