"""The PACS window's Cancel while a search is still connecting to a node that drops our SYNs.

Before, the window said "Cancelling…" until the node's connect timeout ran out (30 s here), and only then
"Search cancelled.": the connect could not be cut. Now the tab must say "Search cancelled." within 5 s (a
functional bound against the 30 s), and a search of a working node right after must list its study.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cxr_viewer.net.search import DICOMWEB, DIMSE
from tests.pacs.conftest import OUR_AE, free_port
from tests.pacs.pacs_dialog_helpers import make_dialog, search_then_cancel
from tests.pacs.qido_peer import qido_server
from tests.pacs.silent_peers import stub_pacs, syn_dropping_port
from tests.pacs.test_cancel_while_connecting import dead_node

pytestmark = pytest.mark.gui
STOPS_WITHIN_MS = 5_000


@pytest.mark.parametrize("transport", [DIMSE, DICOMWEB])
def test_cancel_stops_a_search_still_connecting_and_the_next_search_works(qtbot, tmp_path: Path,
                                                                           transport: str) -> None:
    with syn_dropping_port() as port, stub_pacs(stall=set()) as pacs, qido_server() as url:
        nodes = {"dead": dead_node(port), "working": replace(pacs.node, dicomweb_url=url)}
        dialog = make_dialog(qtbot, tmp_path, OUR_AE, free_port(), nodes)
        tab = dialog.query_tab
        tab.node.setCurrentText("dead")
        search_then_cancel(qtbot, tab, transport, 500, STOPS_WITHIN_MS)
        tab.node.setCurrentText("working")
        tab.search_button.click()
        qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() == 1, timeout=STOPS_WITHIN_MS)
        assert tab.status.text().startswith("1 study found")
