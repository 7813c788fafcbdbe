"""What the coordinator is told during a read reaches the screen: refusing a second Open reader study… is said in
the status bar (Messages is hidden by the hold and names files), and the "a message is kept" line left by a case
that could not be shown goes with the reader it was about."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.plugin import ALREADY_OPEN, ReaderStudyPlugin

pytestmark = pytest.mark.gui


def _log_in(qtbot, panel, reader: str) -> None:
    panel.login.reader_id.setText(reader)
    qtbot.mouseClick(panel.login.start, Qt.MouseButton.LeftButton)


def test_a_second_open_is_refused_in_the_status_bar_and_a_stale_kept_line_goes(qtbot, viewer, froc_study_file):
    plugin = ReaderStudyPlugin()
    plugin.activate(viewer.host)
    plugin.open_study(str(froc_study_file))
    panel = plugin.panel
    _log_in(qtbot, panel, "R1")
    kept = list(viewer.messages.messages())
    viewer.plugin_actions["reader_study.open"].trigger()
    assert viewer.statusBar().currentMessage() == ALREADY_OPEN
    assert viewer.messages.messages() == kept  # not put where nobody can see it during the read
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    images = [case.image for case in load_study(froc_study_file).cases]
    intact = [image.read_bytes() for image in images]
    for image in images:
        image.write_bytes(b"the share went away")  # whichever case comes first cannot be shown
    _log_in(qtbot, panel, "R2")
    assert "kept in Messages" in viewer.statusBar().currentMessage()  # the case cannot be shown: said, blinded
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    assert viewer.statusBar().currentMessage() == ""
    for image, content in zip(images, intact):
        image.write_bytes(content)
    _log_in(qtbot, panel, "R2")
    assert viewer.host.current_image() is not None and viewer.statusBar().currentMessage() == ""
