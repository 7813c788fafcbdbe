"""A receiver on a study index that cannot be written (a read-only share or disk) says why it did not start.

The viewer opens such an index for reading (``index.read_only``), but the receiver opened it for writing: SQLite's
"unable to open database file" escaped the Start button's slot, so the click did nothing the radiologist could see
(a traceback on stderr only) and C-MOVE had no receiver; ``cxr-pacs scp`` ended with that traceback. Both now
refuse it as they refuse a busy port, with the reason.
"""

from __future__ import annotations

import pytest

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.paths import DATA_DIR_ENV, default_index_path
from cxr_viewer.net.cli import main
from cxr_viewer.net.nodes import DicomNode
from tests.pacs.conftest import free_port
from tests.pacs.pacs_dialog_helpers import make_dialog
from tests.read_only_files import unwritable

pytestmark = pytest.mark.gui


def test_start_on_a_read_only_index_says_why_it_did_not_start(qtbot, tmp_path) -> None:
    node = DicomNode(ae_title="ORTHANC", host="127.0.0.1", port=free_port())
    dialog = make_dialog(qtbot, tmp_path, "CXRTEST", free_port(), {"pacs": node})
    with StudyIndex(tmp_path / "index.sqlite"):
        pass
    with unwritable(tmp_path / "index.sqlite", tmp_path):
        dialog.receiver_tab.refresh()
        dialog.receiver_tab.start_button.click()
        assert not dialog.receiver.running
        state = dialog.receiver_tab.state.text()
        assert state.startswith("not started") and "study index" in state, state


def test_cxr_pacs_scp_on_a_read_only_index_says_why_and_exits_1(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    path = default_index_path()
    path.parent.mkdir(parents=True)
    with StudyIndex(path):
        pass
    with unwritable(path, path.parent):
        status = main(["scp", "--port", str(free_port()), "--bind", "127.0.0.1", "--allow", "MODALITY1",
                       "--store", str(tmp_path / "store")])
    assert status == 1
    assert "study index" in capsys.readouterr().err
