"""A retrieve the PACS answers with success but no instance says so, in the window and in ``cxr-pacs``.

A PACS answers that way for a study it lists but cannot deliver (archived offline, emptied or deleted since the
search). Before, the window said "Retrieved 0 instances (done)" and ``cxr-pacs get`` exited 0, as if the prior
were here. The PACS is a real pynetdicom SCP (``silent_peers.StubPacs``) whose C-GET has no instances to send.
"""

from __future__ import annotations

import pytest

from cxr_viewer.gui.pacs_retrieval import C_GET
from cxr_viewer.net.cli import main
from cxr_viewer.net.config import PacsSettings, save_settings
from tests.pacs.conftest import OUR_AE, free_port
from tests.pacs.pacs_dialog_helpers import make_dialog
from tests.pacs.silent_peers import stub_pacs

pytestmark = pytest.mark.pacs


@pytest.mark.gui
def test_window_says_the_pacs_sent_nothing(qtbot, tmp_path) -> None:
    with stub_pacs(set()) as pacs:
        dialog = make_dialog(qtbot, tmp_path, OUR_AE, free_port(), {"stub": pacs.node})
        tab = dialog.query_tab
        tab.method.setCurrentText(C_GET)
        tab.search_button.click()
        qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() == 1, timeout=10_000)
        tab.tree.topLevelItem(0).setSelected(True)
        tab.retrieve_button.click()
        qtbot.waitUntil(lambda: tab.retrieve_button.isEnabled(), timeout=10_000)
        assert tab.status.text().startswith("Retrieved nothing: the PACS answered success but sent no instance")


def test_cli_get_of_nothing_fails_with_the_reason(tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "config").mkdir()
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "config"))
    with stub_pacs(set()) as pacs:
        save_settings(PacsSettings(ae_title=OUR_AE, store_dir=str(tmp_path / "store"), nodes={"stub": pacs.node}))
        assert main(["get", "stub", "1.2.3.4", "--no-index"]) == 1
    assert "the PACS answered success but sent no instance" in capsys.readouterr().err
