"""A plugin's DICOM files sent to a PACS through the viewer (``ViewerHost.send_to_pacs``), end to end: the AI's
"Send findings to PACS…" in the real main window with the AI plugin, a real Orthanc, the node chosen in the viewer's
dialog. Before, the radiologist saved the SR/SEG and then looked for them on the PACS window's Send tab.

The viewer's own Tools > Send measurements to PACS… goes the same way. The SR and both SEGs, and the state, must arrive (Orthanc is asked for each SOP Instance UID); a node that refuses the connection
must be said in Messages naming every file, which stay on disk to be sent again; so must a send the status bar's
Cancel stopped while the node was silent (the task's Cancel reaches the connection: a silent node otherwise held the
send for the whole network timeout, and then called it a failure).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pydicom
import pytest
import requests
from PySide6 import QtCore

from cxr_viewer.gui.pacs_node_choice import OBJECT_NAME, NodeChoice
from cxr_viewer.net.config import PacsSettings, save_settings
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.settings import Settings
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import build_model_set
from cxr_viewer.gui import gsps_save
from tests import dicom_factory
from tests.ai.viewer_helpers import chest_with_dim_nodule, open_and_settle, settle
from tests.gui.conftest import draw_distance
from tests.pacs.conftest import OUR_AE, free_port
from tests.pacs.silent_peers import silent_server

pytestmark = [pytest.mark.pacs, pytest.mark.gui]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_model_set(tmp_path_factory.mktemp("models"))


@pytest.fixture
def ai_window(make_window, model_dir: Path, tmp_path: Path, monkeypatch):
    """``ai_window(node)``: the real main window with the AI plugin, the PACS settings holding only ``node``."""
    monkeypatch.setenv("CXR_AI_CACHE_DIR", str(tmp_path / "ai-cache"))
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "config"))

    def build(node: DicomNode):
        save_settings(PacsSettings(ae_title=OUR_AE, nodes={"archive": node}))
        ai_settings = {"cxr_ai": {"models_dir": str(model_dir)}}
        return make_window(load_plugins=True, settings=Settings(plugin_settings=ai_settings))

    return build


def _send_findings(qtbot, window, film: Path, while_sending=None) -> list[Path]:
    """Open the film, detect, choose Send findings to PACS… and the node, call ``while_sending()`` if given, and
    wait for the send to end; the files the AI wrote for it."""
    open_and_settle(qtbot, window, film)
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    window.plugin_actions["cxr_ai.send_pacs"].trigger()
    qtbot.waitUntil(lambda: window.findChild(NodeChoice, OBJECT_NAME) is not None, timeout=30000)
    window.findChild(NodeChoice, OBJECT_NAME).send_button.click()
    if while_sending is not None:
        while_sending()
    settle(qtbot, window)
    return sorted(film.parent.glob(f"{film.stem}_*.dcm"))


def _in_orthanc(orthanc, path: Path) -> bool:
    uid = str(pydicom.dcmread(path, stop_before_pixels=True).SOPInstanceUID)
    found = requests.post(f"{orthanc.url}/tools/lookup", data=uid, timeout=10).json()
    return [match["Type"] for match in found] == ["Instance"]


def test_the_ai_findings_reach_the_pacs_and_the_status_bar_names_them(ai_window, orthanc, qtbot, tmp_path) -> None:
    window = ai_window(orthanc.node)
    written = _send_findings(qtbot, window, write_dx(tmp_path / "chest.dcm", chest_with_dim_nodule()))
    assert [path.name for path in written] == ["chest_seg_binary.dcm", "chest_seg_fractional.dcm", "chest_sr.dcm"]
    assert all(_in_orthanc(orthanc, path) for path in written)
    said = window.statusBar().currentMessage()
    assert said.startswith(f"Sent 3 file(s) (AI findings) to archive ({orthanc.node.describe()}): ")
    assert all(path.name in said for path in written)
    assert not [line for line in window.messages.messages() if "PACS" in line]


def test_a_node_that_refuses_is_said_naming_each_file_and_the_files_stay(ai_window, qtbot, tmp_path) -> None:
    closed = DicomNode("ARCHIVE", "127.0.0.1", free_port())  # nothing listens there
    window = ai_window(closed)
    written = _send_findings(qtbot, window, write_dx(tmp_path / "chest.dcm", chest_with_dim_nodule()))
    messages = "\n".join(window.messages.messages())
    assert "Not sent to PACS" in messages
    assert f"PACS node 'archive': {closed.describe()} could not be reached" in messages
    assert "None of the 3 file(s) (AI findings) was sent; they stay on disk" in messages
    assert len(written) == 3 and all(f"Not sent: {path}" in messages and path.is_file() for path in written)
    assert window.statusBar().currentMessage().startswith("Not sent to PACS: PACS node 'archive'")


def test_cancel_while_the_node_is_silent_says_cancelled_and_names_the_files(ai_window, qtbot, tmp_path) -> None:
    with silent_server() as port:
        window = ai_window(DicomNode("ARCHIVE", "127.0.0.1", port))
        cancel = lambda: qtbot.mouseClick(window.task_progress.cancel_button,  # noqa: E731
                                          QtCore.Qt.MouseButton.LeftButton)
        written = _send_findings(qtbot, window, write_dx(tmp_path / "chest.dcm", chest_with_dim_nodule()), cancel)
    messages = "\n".join(window.messages.messages())
    assert "Sending to PACS cancelled" in messages and "Not sent to PACS" not in messages
    assert len(written) == 3 and all(f"Not sent: {path} (cancelled)" in messages and path.is_file()
                                     for path in written)


def test_the_viewers_measurements_reach_the_pacs_the_same_way(make_window, orthanc, qtbot, tmp_path,
                                                               monkeypatch) -> None:
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the state is written to be sent
    save_settings(PacsSettings(ae_title=OUR_AE, nodes={"archive": orthanc.node}))
    window = make_window()
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, spacing=0.2)])
    draw_distance(window, qtbot, (100.5, 60.5), (220.5, 140.5))
    window.menu_named("&Tools").aboutToShow.emit()  # what opening the menu does
    window.actions[gsps_save.SEND_COMMAND].trigger()
    window.findChild(NodeChoice, OBJECT_NAME).send_button.click()
    settle(qtbot, window)
    said = window.statusBar().currentMessage()
    assert said.startswith(f"Sent 1 file(s) (measurements) to archive ({orthanc.node.describe()}): ")
    [state] = tmp_path.glob(f"cxr_measurements_*/{said.rsplit(': ', 1)[1]}")
    assert _in_orthanc(orthanc, state)
