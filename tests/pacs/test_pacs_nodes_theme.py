"""A node test's result in the PACS dialog takes the new theme's shade when View > Theme switches with it open.

Found in an acceptance run (a theme switch while the PACS dialog was open): the green "Success" of a C-ECHO kept the
shade of the theme it was tested in, the dark theme's light green on the light theme's white (1.7:1), where the
theme promises 4.5:1. A real C-ECHO against a pynetdicom SCP on 127.0.0.1, the real dialog offscreen.
"""

from __future__ import annotations

import pytest

from cxr_viewer.gui import theme
from tests.pacs.pacs_dialog_helpers import make_dialog
from tests.pacs.test_pacs_nodes_cancel import Rows, echo_scp

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("restore_look")]


def test_a_results_colour_follows_a_theme_switch(qapp, qtbot, tmp_path) -> None:
    theme.apply(qapp, "dark")
    with echo_scp() as node:
        dialog = make_dialog(qtbot, tmp_path, "CXRVIEW", 0, {"echo": node})
        dialog.show()
        dialog.tabs.setCurrentWidget(dialog.nodes_tab)  # where the radiologist tests a node
        rows = Rows(qtbot, dialog)
        rows.button("echo").click()
        rows.wait_answer("echo")
    assert rows.colour("echo") == theme.SUCCESS.dark
    theme.apply(qapp, "light")
    qtbot.waitUntil(lambda: rows.colour("echo") == theme.SUCCESS.light)  # the palette reaches the tab from the loop
    dialog.tabs.setCurrentWidget(dialog.query_tab)  # switched back while the tab is out of sight
    theme.apply(qapp, "dark")
    dialog.tabs.setCurrentWidget(dialog.nodes_tab)
    qtbot.waitUntil(lambda: rows.colour("echo") == theme.SUCCESS.dark)
