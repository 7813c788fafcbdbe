"""No text of the reading panel is cut off, whatever the side dock's width.

At 1100×750, with the Layers dock stacked above the reading dock, the FROC instructions (five lines at that width)
were clipped top and bottom: the label wraps, but a dock does not pass height-for-width on, so it was laid out at
a fixed four-line minimum. The second read's AI text and a warning could be cut off the same way.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel

from tests.reader_study.test_reading_panel import _log_in, _open

pytestmark = pytest.mark.gui


def _settle() -> None:
    """Layouts are redone on posted events, a few rounds deep (label → page → dock → main window)."""
    for _ in range(10):
        QApplication.processEvents()


def _cut_off(panel) -> list[str]:
    """Each visible word-wrapped label of the panel that is shorter than its text or not wholly inside the dock's
    visible area (the window's share of it), as "text: why"."""
    dock = panel.parentWidget()
    assert isinstance(dock, QDockWidget)
    window = dock.window()
    visible = QRect(dock.mapTo(window, dock.rect().topLeft()), dock.size()).intersected(window.rect())
    problems = []
    for label in panel.findChildren(QLabel):
        if not (label.isVisibleTo(window) and label.wordWrap() and label.text()):
            continue
        needed = label.heightForWidth(label.width())
        if label.height() < needed:
            problems.append(f"{label.text()[:40]}: {label.height()} px high, needs {needed}")
        placed = QRect(label.mapTo(window, label.rect().topLeft()), label.size())
        if not visible.contains(placed):
            problems.append(f"{label.text()[:40]}: at {placed}, outside the dock's {visible}")
    return problems


def _layers_above_reading(viewer, panel) -> QDockWidget:
    dock = panel.parentWidget()
    layers = viewer.docks["layers"]
    assert layers.isVisible() and viewer.dockWidgetArea(dock) == viewer.dockWidgetArea(layers)
    assert layers.geometry().bottom() < dock.geometry().top()  # stacked: they share the column's height
    return dock


def _dock_width(viewer, dock: QDockWidget, width: int) -> None:
    viewer.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
    _settle()


def test_the_froc_instructions_fit_at_the_default_the_narrowest_and_a_wide_dock(qtbot, viewer, froc_study_file):
    panel = _open(viewer, froc_study_file)
    _log_in(qtbot, panel, "R1")
    _settle()
    dock = _layers_above_reading(viewer, panel)
    assert panel.reading.instructions.text().startswith("Click a suspicious spot")
    assert _cut_off(panel) == []
    _dock_width(viewer, dock, 1)  # as narrow as the window lets it be: the buttons' row sets that
    assert dock.width() < 350 and _cut_off(panel) == []
    narrow = panel.reading.instructions.minimumHeight()
    _dock_width(viewer, dock, 600)  # wider: fewer lines, and the room they no longer need goes back
    assert dock.width() > 500 and _cut_off(panel) == []
    assert panel.reading.instructions.minimumHeight() < narrow


def test_a_second_reads_ai_text_and_a_warning_fit_too(qtbot, viewer, froc_second_read_study_file):
    panel = _open(viewer, froc_second_read_study_file)
    _log_in(qtbot, panel, "R3")  # R3 starts in the second-read arm
    _settle()
    dock = _layers_above_reading(viewer, panel)
    pane = viewer.layout_panes.primary
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    qtbot.keyClick(pane, Qt.Key.Key_Return)  # "no marks" confirmed: the first answer is in, the AI comes up
    assert panel.session.phase == "final" and "Your first answer is saved" in panel.reading.ai_label.text()
    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    qtbot.keyClick(pane, Qt.Key.Key_3)  # refused while paused: a warning under the answer
    assert panel.reading.warning.text()
    _settle()
    assert _cut_off(panel) == []
    _dock_width(viewer, dock, 1)
    assert _cut_off(panel) == []
