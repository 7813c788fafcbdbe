"""Render docs/img/reader-study-reading.png: the reading screen of docs/reader-study.md, driven the way a reader
drives it (log in, answer the first case, click a spot, press a rating key) so the picture shows today's dock,
locked Layers list and label placement rather than a hand-arranged capture.

The study is the FROC demo of ``cxr-reader demo DIR --task froc`` (12 + 12 cases and a training case, seed 7);
reader R3's first session is aided, and its second case carries two AI findings.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_reading_screen.py docs/img/reader-study-reading.png
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def settle(app, rounds: int = 30) -> None:
    """Let Qt lay out and paint; offscreen windows still need their events run before a grab."""
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.01)


def render(out: Path, work: Path) -> None:
    for variable in ("CXR_VIEWER_CONFIG_DIR", "CXR_VIEWER_DATA_DIR", "CXR_VIEWER_CACHE_DIR"):
        os.environ[variable] = str(work / variable.lower())  # never the user's own settings
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDockWidget

    from cxr_reader_study.demo import write_demo_study
    from cxr_reader_study.plugin import ReaderStudyPlugin
    from cxr_viewer.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    study = write_demo_study(work / "demo", n_normal=12, n_abnormal=12, task="froc")
    window = MainWindow(load_plugins=False, with_browser=False)
    window.resize(1280, 860)
    window.show()
    settle(app)
    plugin = ReaderStudyPlugin()
    plugin.activate(window.host)
    plugin.open_study(str(study))
    panel, pane = plugin.panel, window.layout_panes.primary
    panel.login.reader_id.setText("R3")
    QTest.mouseClick(panel.login.start, Qt.MouseButton.LeftButton)
    settle(app)
    for _ in range(2):  # the first case: no marks, confirmed by a second Enter
        QTest.keyClick(pane, Qt.Key.Key_Return)
        settle(app)
    docks = {dock.windowTitle(): dock for dock in window.findChildren(QDockWidget) if dock.isVisible()}
    window.resizeDocks([docks["Layers"]], [445], Qt.Orientation.Horizontal)
    settle(app)
    finding = max(panel.session.visible_findings(), key=lambda one: one.score)
    spot = pane.mapFromScene(pane.image_item.mapToScene(QPointF(finding.x - 2, finding.y + 2)))
    QTest.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    settle(app)
    QTest.keyClick(pane, Qt.Key.Key_4)
    settle(app, 60)
    window.resizeDocks([docks["Layers"]], [200], Qt.Orientation.Vertical)  # once the dock's texts are final
    settle(app, 60)
    window.grab().save(str(out))
    print(f"wrote {out}")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img/reader-study-reading.png").resolve()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    with tempfile.TemporaryDirectory(prefix="reading-screen-") as work:
        render(out, Path(work))


if __name__ == "__main__":
    main()
