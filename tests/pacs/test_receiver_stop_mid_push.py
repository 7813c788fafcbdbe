"""Stopping the receiver while a sender is mid-push leaves no received file out of the study index.

Before, Stop (or closing the PACS window) stopped listening and closed the index writer, but the open association
went on: the rest of the push was written into the store after the writer had closed, on disk yet never indexed,
so the Studies browser did not find it. The receiver now aborts open associations and lets the file in hand land
and be queued before it closes the writer. DCMTK's storescu pushes, on 127.0.0.1 only.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pydicom.uid import generate_uid

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.query import instances_of_study
from tests.pacs.conftest import free_port, write_cr
from tests.pacs.pacs_dialog_helpers import make_dialog

pytestmark = pytest.mark.gui


@pytest.mark.skipif(shutil.which("storescu") is None, reason="DCMTK storescu is not installed")
def test_every_file_in_the_store_is_indexed_after_a_stop_mid_push(qtbot, tmp_path) -> None:
    port = free_port()
    dialog = make_dialog(qtbot, tmp_path, "CXRTEST", port, {})
    dialog.settings.allowed_calling_aes = ["MODALITY1"]
    tab = dialog.receiver_tab
    tab.refresh()
    tab.start_button.click()
    (tmp_path / "src").mkdir()
    study = generate_uid()
    files = [write_cr(tmp_path / "src", study, "1.2.3.4", i, {"name": "Push^Pete", "id": "PIDPUSH"}, size=1024)
             for i in range(40)]
    sender = subprocess.Popen(["storescu", "-aet", "MODALITY1", "-aec", "CXRTEST", "127.0.0.1", str(port),
                               *map(str, files)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        qtbot.waitUntil(lambda: any((tmp_path / "store").rglob("*.dcm")), timeout=20_000)
        tab.stop_button.click()
        sender.wait(timeout=60)
    finally:
        if sender.poll() is None:
            sender.kill()
    on_disk = sorted((tmp_path / "store").rglob("*.dcm"))
    with StudyIndex(tmp_path / "index.sqlite") as index:
        indexed = sorted(row.path for row in instances_of_study(index, study))
    assert on_disk and indexed == on_disk
    assert not list((tmp_path / "store").rglob("*.part"))
