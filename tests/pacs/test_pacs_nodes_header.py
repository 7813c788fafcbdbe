"""Every column of the Nodes table has a heading. The Test button's column had none: it showed as an unnamed
column between DICOMweb and Last test, empty while no node is configured."""

from __future__ import annotations

import pytest

from cxr_viewer.gui.pacs_node_table import TEST_COLUMN
from tests.pacs.conftest import OUR_AE, free_port
from tests.pacs.pacs_dialog_helpers import make_dialog

pytestmark = pytest.mark.gui


def test_every_nodes_column_is_named(qtbot, tmp_path) -> None:
    dialog = make_dialog(qtbot, tmp_path, OUR_AE, free_port(), {})
    dialog.show()
    table = dialog.nodes_tab.table
    headings = [table.horizontalHeaderItem(column).text() for column in range(table.columnCount())]
    assert all(heading.strip() for heading in headings), headings
    assert headings[TEST_COLUMN] == "Connection"
