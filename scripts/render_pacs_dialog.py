"""Render docs/img/pacs-dialog.png: the PACS window's Query/Retrieve tab after a search and a C-MOVE from a real
Orthanc, so the picture in docs/pacs.md shows what the window shows today rather than a hand-made capture.

Orthanc listens on every interface whatever its configuration says, so this runs only inside a network namespace
with nothing but loopback (as root), like the ``pacs`` tests whose Orthanc set-up it reuses:

    unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' \\
        env QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_pacs_dialog.py docs/img/pacs-dialog.png
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Three CR studies of two patients: "DOE*" finds all three, the January range keeps them, newest first.
STUDIES = (
    {"name": "Doe^Jane", "id": "PID1042", "accession": "A24-0113", "study_date": "20240110"},
    {"name": "Doering^Max", "id": "PID2210", "accession": "A24-0201", "study_date": "20240117"},
    {"name": "Doe^Jane", "id": "PID1042", "accession": "A24-0388", "study_date": "20240128"},
)


def wait_until(app, done, seconds: float = 30.0) -> None:
    """Let Qt run until ``done()``; a picture of a half-finished search would mislead the reader."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("render_pacs_dialog: the window did not get there in time")
        app.processEvents()
        time.sleep(0.02)


def render(out: Path, work: Path) -> None:
    for variable in ("CXR_VIEWER_CONFIG_DIR", "CXR_VIEWER_DATA_DIR", "CXR_VIEWER_CACHE_DIR"):
        os.environ[variable] = str(work / variable.lower())  # never the user's own settings or index
    from PySide6.QtWidgets import QApplication

    from cxr_viewer.gui.pacs_dialog import PacsDialog
    from cxr_viewer.gui.pacs_retrieval import C_MOVE
    from cxr_viewer.net.config import PacsSettings
    from cxr_viewer.net.send import send_files
    from pydicom.uid import generate_uid
    from tests.pacs.conftest import OUR_AE, Orthanc, free_port, write_cr

    app = QApplication.instance() or QApplication([])
    scp_port = free_port()
    orthanc = Orthanc(work / "orthanc", scp_port)
    (work / "orthanc").mkdir()
    orthanc.start()
    try:
        files = []
        for number, patient in enumerate(STUDIES):
            folder = work / f"study{number}"
            folder.mkdir()
            study, series = generate_uid(), generate_uid()
            files += [write_cr(folder, study, series, index, patient) for index in range(2)]
        if not send_files(OUR_AE, orthanc.node, files).ok:
            raise SystemExit("render_pacs_dialog: Orthanc did not take the studies")
        settings = PacsSettings(ae_title=OUR_AE, scp_port=scp_port, scp_bind_address="127.0.0.1",
                                store_dir=str(work / "store"), nodes={"orthanc": orthanc.node})
        dialog = PacsDialog(settings, settings_file=work / "pacs.json", index_path=work / "index.sqlite")
        dialog.show()
        dialog.receiver_tab.start_button.click()
        tab = dialog.query_tab
        tab.form.name.setText("DOE*")
        tab.form.set_date_range(date(2024, 1, 1), date(2024, 1, 31))
        tab.form.modality.setCurrentText("CR")
        tab.search_button.click()
        wait_until(app, lambda: tab.tree.topLevelItemCount() == len(STUDIES))
        newest = tab.tree.topLevelItem(0)
        tab.tree.expandItem(newest)
        wait_until(app, lambda: newest.childCount() == 1)
        tab.tree.setCurrentItem(newest)
        tab.method.setCurrentText(C_MOVE)
        tab.retrieve_button.click()
        wait_until(app, lambda: tab.status.text().startswith("Retrieved"))
        for _ in range(20):
            app.processEvents()
        dialog.grab().save(str(out))
        print(f"{out}: {tab.status.text()}")
        dialog.done(0)
    finally:
        orthanc.stop()


def main() -> None:
    import socket

    if {name for _index, name in socket.if_nameindex()} != {"lo"}:
        raise SystemExit("render_pacs_dialog: run inside a loopback-only namespace (see the docstring)")
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "img" / "pacs-dialog.png").resolve()
    with tempfile.TemporaryDirectory(prefix="pacs-dialog-") as work:
        render(out, Path(work))


if __name__ == "__main__":
    main()
