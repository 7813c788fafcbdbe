"""The Query/Retrieve dialog against a real Orthanc: search fills the table, Retrieve fetches the study."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.send import send_files
from tests.pacs.conftest import OUR_AE

pytestmark = [pytest.mark.pacs, pytest.mark.gui]


def test_search_and_retrieve(orthanc, make_study, tmp_path, qtbot) -> None:
    from cxr_viewer.gui.pacs_dialog import PacsDialog

    files = make_study(2, name="Dialog^Dora", id="PIDDIALOG")
    assert send_files(OUR_AE, orthanc.node, files).ok
    settings = PacsSettings(ae_title=OUR_AE, store_dir=str(tmp_path / "store"), nodes={"orthanc": orthanc.node})
    dialog = PacsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.name.setText("DIALOG*")
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    assert dialog.table.item(0, 1).text() == "PIDDIALOG"

    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.retrieved, timeout=20_000) as blocker:
        dialog.get_button.click()
    assert len(blocker.args[0]) == 2 and all(p.is_file() for p in blocker.args[0])
    assert "Retrieved 2 instances (done)" in dialog.status.text()
