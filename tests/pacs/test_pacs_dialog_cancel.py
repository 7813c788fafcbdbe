"""Cancel in the PACS window against peers that stop answering (127.0.0.1 only, no Orthanc needed).

Before, Cancel was enabled only while retrieving and took effect only when the PACS next answered, and the
Send tab had none: a stuck server held each search, retrieve or file for the 30 s network timeout. Here Cancel
must end the call within a few seconds and the tab must say "cancelled", not "failed".
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cxr_viewer.gui.pacs_retrieval import C_GET, C_MOVE, WADO_RS
from cxr_viewer.gui.pacs_send_tab import C_STORE, STOW_RS
from cxr_viewer.net.search import DICOMWEB, DIMSE
from tests.pacs.conftest import OUR_AE, free_port, write_cr
from tests.pacs.pacs_dialog_helpers import make_dialog, search_then_cancel
from tests.pacs.silent_peers import STUDY_UID, silent_node, silent_server, stub_pacs

pytestmark = pytest.mark.gui
STOPS_WITHIN_MS = 8_000  # the old code waited out the 30 s network timeout


@pytest.mark.parametrize("transport", [DIMSE, DICOMWEB])
def test_cancel_stops_a_search_of_a_silent_pacs(qtbot, tmp_path: Path, transport: str) -> None:
    with silent_server() as port:
        dialog = make_dialog(qtbot, tmp_path, OUR_AE, free_port(), {"silent": silent_node(port)})
        tab = dialog.query_tab
        search_then_cancel(qtbot, tab, transport, 300, STOPS_WITHIN_MS)


@pytest.mark.parametrize("method", [C_GET, C_MOVE, WADO_RS])
def test_cancel_stops_a_retrieve_from_a_pacs_gone_silent(qtbot, tmp_path: Path, method: str) -> None:
    """The stub PACS lists its study, then never answers the C-GET or C-MOVE; its DICOMweb URL is silent."""
    with stub_pacs(stall={"C-GET", "C-MOVE"}) as pacs, silent_server() as web_port:
        node = replace(pacs.node, dicomweb_url=silent_node(web_port).dicomweb_url)
        dialog = make_dialog(qtbot, tmp_path, OUR_AE, free_port(), {"stub": node})
        tab = dialog.query_tab
        tab.search_button.click()
        qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() == 1, timeout=STOPS_WITHIN_MS)
        tab.tree.topLevelItem(0).setSelected(True)
        if method == C_MOVE:
            dialog.receiver_tab.start_button.click()
            assert dialog.receiver.running
        if method == WADO_RS:
            tab.transport.setCurrentText(DICOMWEB)
        tab.method.setCurrentText(method)
        tab.retrieve_button.click()
        qtbot.wait(500)
        assert tab.status.text().startswith("Retrieving") and tab.cancel_button.isEnabled()
        tab.cancel_button.click()
        qtbot.waitUntil(lambda: tab.retrieve_button.isEnabled(), timeout=STOPS_WITHIN_MS)
        assert tab.status.text() == "Retrieved 0 instances (cancelled)"
        if method == C_MOVE:
            dialog.receiver_tab.stop_button.click()


@pytest.mark.parametrize("transport", [C_STORE, STOW_RS])
def test_send_tab_cancel_stops_sending_to_a_stuck_server(qtbot, tmp_path: Path, transport: str) -> None:
    images = [write_cr(tmp_path, STUDY_UID, STUDY_UID + ".1", i, {"name": "Stuck^Sue", "id": "PIDSTUCK"}, size=16)
              for i in range(3)]
    with silent_server() as port:
        dialog = make_dialog(qtbot, tmp_path, OUR_AE, free_port(), {"stuck": silent_node(port)},
                             send_paths=lambda: images)
        tab = dialog.send_tab
        assert not tab.cancel_button.isEnabled()
        tab.transport.setCurrentText(transport)
        tab.send_button.click()
        qtbot.wait(300)
        assert tab.status.text().startswith("Sending") and tab.cancel_button.isEnabled()
        tab.cancel_button.click()
        qtbot.waitUntil(lambda: tab.send_button.isEnabled(), timeout=STOPS_WITHIN_MS)
        assert tab.status.text() == "Send cancelled: sent 0, failed 0, not sent 3"
        assert tab.failures.count() == 0 and not tab.cancel_button.isEnabled()
