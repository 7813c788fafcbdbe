"""Tools > Send measurements to PACS…: the presentation state Save writes, handed to the viewer's PACS send (the
plugin API's ``send_to_pacs``) without a save dialog. Before it, the radiologist saved the state and then found the
file again on the PACS window's Send tab. Greyed as Save is (no measurement, a blinded read) and while no PACS node
is configured; the state goes into a new temporary folder, never over one the user saved, and stays there when the
send is declined. To a real Orthanc: ``tests/pacs/test_plugin_send_to_pacs.py``."""

from __future__ import annotations

import tempfile

import pydicom
import pytest
from PySide6.QtWidgets import QListWidget

from cxr_viewer.gui import gsps_save
from cxr_viewer.gui.pacs_node_choice import OBJECT_NAME, NodeChoice
from cxr_viewer.net.config import PacsSettings, save_settings
from cxr_viewer.net.nodes import DicomNode
from tests import dicom_factory
from tests.gui.conftest import draw_distance
from tests.gui.pacs_node_edits import add_node, remove_node

pytestmark = pytest.mark.gui


def _send_on(window) -> bool:
    window.menu_named("&Tools").aboutToShow.emit()  # what opening the menu does
    return window.actions[gsps_save.SEND_COMMAND].isEnabled()


def test_greyed_without_a_node_or_a_measurement_and_in_a_blinded_read(window, qtbot, tmp_path, config) -> None:
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, spacing=0.2)])
    assert window.actions[gsps_save.SEND_COMMAND].text() == "Send measurements to PACS…"
    draw_distance(window, qtbot, (100.5, 60.5), (220.5, 140.5))
    assert not _send_on(window) and window.actions[gsps_save.COMMAND].isEnabled()  # nowhere to send
    gsps_save.send(window)  # as a key or a race would, with the entry greyed
    assert window.statusBar().currentMessage() == gsps_save.NO_NODE
    add_node(window, "archive")  # the menu reads the nodes when the Nodes tab changes them, not at each opening
    window.pacs.dialog.close()
    assert _send_on(window)
    window.host.set_metadata_hidden(True)
    assert not _send_on(window)
    gsps_save.send(window)
    assert window.statusBar().currentMessage() == "Measurements are not saved during a blinded read"
    assert window.findChild(NodeChoice, OBJECT_NAME) is None
    window.host.set_metadata_hidden(False)


def test_the_state_is_written_apart_and_offered_for_the_node_the_user_picks(window, qtbot, tmp_path, config,
                                                                             monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))  # the temporary folders, inside this test's
    (tmp_path / "temp").mkdir()
    film = dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, spacing=0.2)
    window.open_paths([film])
    draw_distance(window, qtbot, (100.5, 60.5), (220.5, 140.5))
    save_settings(PacsSettings(nodes={"archive": DicomNode("ARCHIVE", "127.0.0.1", 11112)}))
    assert _send_on(window)  # the Tools menu opened
    window.actions[gsps_save.SEND_COMMAND].trigger()
    choice = window.findChild(NodeChoice, OBJECT_NAME)
    assert choice is not None and choice.isVisible()
    name = f"{pydicom.dcmread(film).SOPInstanceUID}_measurements_gsps.dcm"
    assert choice.findChild(QListWidget).item(0).text() == name
    [written] = (tmp_path / "temp").glob(f"cxr_measurements_*/{name}")
    assert pydicom.dcmread(written).Modality == "PR" and not (film.parent / name).exists()
    choice.reject()
    assert "Not sent to PACS; the 1 file(s) stay in" in window.statusBar().currentMessage()
    assert pydicom.dcmread(written).SOPClassUID == pydicom.uid.GrayscaleSoftcopyPresentationStateStorage


def test_the_entry_follows_nodes_added_and_removed_on_the_nodes_tab(window, qtbot, tmp_path, config) -> None:
    """A node edited in the open PACS window (whose nodes are the window's, not yet the file's) counts at once."""
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, spacing=0.2)])
    draw_distance(window, qtbot, (100.5, 60.5), (220.5, 140.5))
    assert not _send_on(window)
    add_node(window, "archive")
    assert _send_on(window)
    remove_node(window, "archive")
    assert not _send_on(window)
    window.pacs.dialog.close()
