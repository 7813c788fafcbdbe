"""AI > "Send findings to PACS…" in the real main window (offscreen), without a PACS: when it is offered and what it
hands the viewer. Before it, the radiologist saved the SR/SEG and then had to find the files again on the PACS
window's Send tab. The entry is greyed while the film has no result or no PACS node is configured, and during
another plugin's blinded read; called all the same (its key, a race) it is refused as Save is, writing nothing.
Sending to a real Orthanc, and a node that refuses, are ``tests/pacs/test_plugin_send_to_pacs.py``."""

from __future__ import annotations

import tempfile

import pytest
from PySide6.QtWidgets import QLabel, QListWidget

from cxr_viewer.gui.pacs_node_choice import OBJECT_NAME, NodeChoice
from cxr_viewer.net.config import PacsSettings, save_settings
from cxr_viewer.net.nodes import DicomNode
from tests.ai.viewer_helpers import open_and_settle, plugin, settle, status
from tests.gui.pacs_node_edits import add_node, remove_node
from tests.read_only_files import unwritable

pytestmark = pytest.mark.gui
SEND = "cxr_ai.send_pacs"


def _configure_node(name: str = "archive") -> DicomNode:
    """A node in the viewer's PACS settings file, as the PACS window's Nodes tab saves it."""
    node = DicomNode("ARCHIVE", "127.0.0.1", 11112)
    save_settings(PacsSettings(nodes={name: node}))
    return node


def _detect(qtbot, window) -> None:
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)


def _send_on(window) -> bool:
    return window.plugin_actions[SEND].isEnabled()


def _node_choice(window) -> NodeChoice | None:
    return window.findChild(NodeChoice, OBJECT_NAME)


def test_greyed_without_a_pacs_node_or_a_result_and_during_a_hold(viewer, files, qtbot) -> None:
    window = viewer()
    assert window.plugin_actions[SEND].text() == "Send findings to PACS…"
    assert not _send_on(window)  # no film
    open_and_settle(qtbot, window, files[0])
    _detect(qtbot, window)
    assert window.plugin_actions["cxr_ai.save_dicom"].isEnabled() and not _send_on(window)  # nowhere to send
    _configure_node()
    open_and_settle(qtbot, window, files[1])
    assert not _send_on(window)  # a node now, but no result for this film
    open_and_settle(qtbot, window, files[0])
    assert _send_on(window)  # its cached result, and a node
    window.host.set_exclusive("reader_study")
    settle(qtbot, window)
    assert not _send_on(window)  # a blinded read
    window.host.set_exclusive(None)
    settle(qtbot, window)
    assert _send_on(window)


def test_refused_during_a_blinded_read_and_without_a_node_writing_nothing(viewer, files, qtbot, tmp_path) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    _detect(qtbot, window)
    before = sorted(tmp_path.rglob("*.dcm"))
    plugin(window).send_to_pacs()  # as its key or a race would, with the entry greyed
    settle(qtbot, window)
    assert "no PACS node is configured" in status(window)
    _configure_node()
    window.host.set_metadata_hidden(True)
    window.host.set_exclusive("reader_study")
    plugin(window).send_to_pacs()
    settle(qtbot, window)
    assert "off while the reader_study plugin holds the view" in status(window)
    assert _node_choice(window) is None and sorted(tmp_path.rglob("*.dcm")) == before
    window.host.set_exclusive(None)
    window.host.set_metadata_hidden(False)


def test_hands_the_saved_objects_to_the_viewer_which_asks_for_the_node(viewer, files, qtbot, tmp_path) -> None:
    """The SR and SEGs are written beside the film (Save's folder before one was chosen) and listed in the node
    choice; declining the node sends nothing and leaves them there, which the status bar says."""
    window = viewer()
    node = _configure_node()
    open_and_settle(qtbot, window, files[0])
    _detect(qtbot, window)
    window.plugin_actions[SEND].trigger()
    settle(qtbot, window)
    choice = _node_choice(window)
    assert choice is not None and choice.isVisible() and choice.chosen() == "archive"
    assert choice.node.currentText() == f"archive — {node.describe()}"
    written = sorted(files[0].parent.glob("a_*.dcm"))
    assert [path.name for path in written] == ["a_seg_binary.dcm", "a_seg_fractional.dcm", "a_sr.dcm"]
    listed = choice.findChild(QListWidget)
    assert sorted(listed.item(row).text() for row in range(listed.count())) == [path.name for path in written]
    choice.reject()
    qtbot.waitUntil(lambda: _node_choice(window) is None, timeout=5000)
    assert f"Not sent to PACS; the 3 file(s) stay in {files[0].parent}" in status(window)
    assert all(path.exists() for path in written)


def test_a_film_in_a_folder_that_cannot_be_written_sends_from_a_new_temporary_folder(viewer, files, qtbot, tmp_path,
                                                                                    monkeypatch) -> None:
    """A film on a CD or a read-only share: Save's folder before one was chosen is the film's, which cannot take
    the objects; they go into a folder of their own, named in the dialog and in every message after it."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))  # the temporary folders, inside this test's
    (tmp_path / "temp").mkdir()
    (tmp_path / "cd").mkdir()
    film = files[0].rename(tmp_path / "cd" / "a.dcm")
    window = viewer()
    _configure_node()
    open_and_settle(qtbot, window, film)
    _detect(qtbot, window)
    with unwritable(film.parent):
        window.plugin_actions[SEND].trigger()
        settle(qtbot, window)
    [folder] = (tmp_path / "temp").glob("cxr_ai_findings_*")
    choice = _node_choice(window)
    assert choice is not None and str(folder) in choice.findChild(QLabel).text()
    assert sorted(path.name for path in folder.iterdir()) == ["a_seg_binary.dcm", "a_seg_fractional.dcm", "a_sr.dcm"]
    assert sorted(film.parent.iterdir()) == [film]
    choice.reject()


def test_a_blinded_read_begun_while_writing_stops_the_hand_over(viewer, files, qtbot) -> None:
    window = viewer()
    _configure_node()
    open_and_settle(qtbot, window, files[0])
    _detect(qtbot, window)
    window.plugin_actions[SEND].trigger()  # the objects are written on a worker ...
    window.host.set_exclusive("reader_study")  # ... and a reader study takes the view before they are done
    settle(qtbot, window)
    assert _node_choice(window) is None
    assert (f"off while the reader_study plugin holds the view; the findings were not sent, they are in "
            f"{files[0].parent}") in status(window)
    window.host.set_exclusive(None)


def test_a_node_added_or_removed_in_the_pacs_window_regreys_the_entry_at_once(viewer, files, qtbot) -> None:
    """The entry asked for nodes only when the film's result changed: a node added on the Nodes tab left it greyed,
    and the last one removed left it offered, until the next film or detection (``on_pacs_nodes_changed``)."""
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    _detect(qtbot, window)
    assert not _send_on(window)  # a result, but nowhere to send it
    add_node(window, "archive")
    assert _send_on(window)
    remove_node(window, "archive")
    assert not _send_on(window)
    window.pacs.dialog.close()
