"""A blinded read hides the Messages dock: its earlier messages name files and folders (a patient's name in a
folder, a folder called "nodules"), which the reader must not see. Found with a real window: after a failed open
of /data/DOE_JOHN_19600101/…, the message stayed on screen through ``set_metadata_hidden(True)``."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_the_messages_dock_is_hidden_and_locked_while_names_are_hidden(make_window, qtbot, tmp_path):
    window = make_window()
    bad = tmp_path / "DOE_JOHN_19600101" / "broken.dcm"
    bad.parent.mkdir()
    bad.write_bytes(b"DICM but not really")
    window.open_paths([bad])
    dock = window.docks["messages"]
    qtbot.waitUntil(lambda: any("DOE_JOHN_19600101" in text for text in window.messages.messages()))
    window.messages.show_details(window.messages.list.item(0))
    assert dock.isVisible() and window.messages.details.isVisible()

    window.host.set_metadata_hidden(True)
    assert not dock.isVisible() and not dock.toggleViewAction().isEnabled()
    assert not window.messages.details.isVisible()
    dock.toggleViewAction().trigger()
    assert not dock.isVisible()

    window.report_error("During the read", "kept for later")
    window.host.set_metadata_hidden(False)
    assert dock.isVisible() and dock.toggleViewAction().isEnabled()
    assert any("kept for later" in text for text in window.messages.messages())
