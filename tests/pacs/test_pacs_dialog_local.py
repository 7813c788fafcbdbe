"""The PACS window without Orthanc: node editing persisted to the config file, and the receiver tab fed by
DCMTK's storescu with every instance indexed. Only 127.0.0.1 is used, so these run in the ordinary session."""

from __future__ import annotations

import shutil
import socket
import subprocess

import pydicom
import pytest

from cxr_viewer.gui.pacs_node_table import RESULT_COLUMN, TEST_COLUMN
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.query import instances_of_study
from cxr_viewer.net.config import load_settings
from cxr_viewer.net.nodes import DicomNode
from tests.pacs.conftest import free_port
from tests.pacs.pacs_dialog_helpers import fill_next_editor, make_dialog
from tests.pacs.silent_peers import syn_dropping_port

pytestmark = pytest.mark.gui
SENDER_AE = "MODALITY1"


def test_add_and_edit_node_are_saved_to_the_config_file(qtbot, tmp_path) -> None:
    dialog = make_dialog(qtbot, tmp_path, "CXRTEST", 11112, {})
    tab = dialog.nodes_tab
    errors = fill_next_editor(name="pacs", ae_title="ORTHANC", host="pacs.example.org", port=4242,
                              dicomweb_url="http://pacs.example.org:8042/dicom-web", connect_timeout=4.5)
    tab.add_button.click()
    assert errors == []
    saved = load_settings(tmp_path / "pacs.json")
    assert saved.nodes == {"pacs": DicomNode("ORTHANC", "pacs.example.org", 4242,
                                             "http://pacs.example.org:8042/dicom-web", connect_timeout_s=4.5)}
    assert dialog.query_tab.node.currentText() == "pacs" and dialog.send_tab.node.count() == 1

    tab.table.selectRow(0)
    errors = fill_next_editor(name="main-pacs", port=104)
    tab.edit_button.click()
    assert errors == []
    assert load_settings(tmp_path / "pacs.json").nodes == {  # the connect timeout survives an edit of the rest
        "main-pacs": DicomNode("ORTHANC", "pacs.example.org", 104, "http://pacs.example.org:8042/dicom-web",
                               connect_timeout_s=4.5)}
    assert tab.table.item(0, 0).text() == "main-pacs"


def test_echo_on_a_node_that_never_answers_says_so_within_its_connect_timeout(qtbot, tmp_path) -> None:
    """A PACS that drops our SYNs (here: a full accept queue) left the row on "testing…" for about 2 minutes."""
    with syn_dropping_port() as port:
        dead = DicomNode("DEADPACS", "127.0.0.1", port, connect_timeout_s=2)
        dialog = make_dialog(qtbot, tmp_path, "CXRTEST", 11112, {"dead": dead})
        table = dialog.nodes_tab.table
        table.cellWidget(0, TEST_COLUMN).click()
        qtbot.waitUntil(lambda: table.item(0, RESULT_COLUMN).text() != "testing…", timeout=60_000)
    result = table.item(0, RESULT_COLUMN).text()
    assert result.startswith(f"Failed: DEADPACS@127.0.0.1:{port} did not answer within 2 s: check that the PACS"), \
        result
    assert "firewall" in result and table.item(0, RESULT_COLUMN).toolTip() == result


def test_invalid_node_is_refused_with_the_reason_and_nothing_saved(qtbot, tmp_path) -> None:
    dialog = make_dialog(qtbot, tmp_path, "CXRTEST", 11112, {})
    errors = fill_next_editor(name="bad", ae_title="WAY_TOO_LONG_AE_TITLE", host="h", port=104)
    dialog.nodes_tab.add_button.click()
    assert errors and "1 to 16 characters" in errors[0]
    assert not (tmp_path / "pacs.json").exists() and dialog.settings.nodes == {}


def test_own_settings_are_validated_then_saved(qtbot, tmp_path) -> None:
    dialog = make_dialog(qtbot, tmp_path, "CXRTEST", 11112, {})
    local = dialog.nodes_tab.local
    local.ae_title.setText("BAD\\AE")
    local.apply_button.click()
    assert "Not saved" in local.message.text() and not (tmp_path / "pacs.json").exists()
    local.ae_title.setText("READING1")
    local.port.setValue(11999)
    local.allowed.setText("MODALITY1, CT2")
    local.apply_button.click()
    saved = load_settings(tmp_path / "pacs.json")
    assert (saved.ae_title, saved.scp_port, saved.allowed_calling_aes) == ("READING1", 11999, ["MODALITY1", "CT2"])
    assert "READING1 on 127.0.0.1:11999" in dialog.receiver_tab.identity.text()


@pytest.mark.skipif(shutil.which("storescu") is None, reason="DCMTK storescu is not installed")
def test_receiver_tab_receives_from_storescu_and_indexes(qtbot, tmp_path, make_study) -> None:
    port = free_port()
    dialog = make_dialog(qtbot, tmp_path, "CXRTEST", port, {})
    dialog.settings.allowed_calling_aes = [SENDER_AE]
    tab = dialog.receiver_tab
    tab.refresh()
    tab.start_button.click()
    assert dialog.receiver.running and tab.state.text() == "running"
    files = make_study(3, name="Received^Rae", id="PIDRECV")
    completed = subprocess.run(["storescu", "-aet", SENDER_AE, "-aec", "CXRTEST", "127.0.0.1", str(port),
                                *map(str, files)], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    refused = subprocess.run(["storescu", "-aet", "STRANGER", "-aec", "CXRTEST", "127.0.0.1", str(port),
                              str(files[0])], capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    qtbot.waitUntil(lambda: tab.received.text().startswith("3 instances"), timeout=5_000)

    tab.stop_button.click()
    assert not dialog.receiver.running and "3 added" in tab.state.text()
    study_uid = str(pydicom.dcmread(files[0], stop_before_pixels=True).StudyInstanceUID)
    with StudyIndex(tmp_path / "index.sqlite") as index:
        indexed = instances_of_study(index, study_uid)
    assert len(indexed) == 3 and all(row.path.is_relative_to(tmp_path / "store") for row in indexed)


def test_receiver_on_a_busy_port_reports_why(qtbot, tmp_path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        dialog = make_dialog(qtbot, tmp_path, "CXRTEST", blocker.getsockname()[1], {})
        dialog.settings.allowed_calling_aes = [SENDER_AE]
        dialog.receiver_tab.start_button.click()
    assert not dialog.receiver.running
    assert "not started: cannot start the receiver CXRTEST on 127.0.0.1" in dialog.receiver_tab.state.text()
