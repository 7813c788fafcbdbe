"""The findings list: sorted by score; choosing one asks the viewer to centre on it.

Above the list, the operating point (switching it re-selects from the candidates in memory, no model run) and
whether detection runs by itself when an image opens; the plugin owns both settings, this widget only shows them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget,
)

from cxr_viewer.plugin_api.widgets import FittedLabel

from cxr_ai.engine.result import Finding, ImageResult
from cxr_ai.ui.settings import OPERATING_POINTS
from cxr_ai.ui.negative import no_findings
from cxr_ai.ui.status_lines import MARKS_HIDDEN

RESEARCH_NOTE = "Research use only — not for diagnosis."


def describe(finding: Finding) -> str:
    """A list row: first the number and score that label the finding's contour on the film (``#1 0.74``), so a
    row and its contour are matched at a glance."""
    size = f"{finding.diameter_mm:.1f} mm" if finding.diameter_mm is not None else f"{finding.diameter_px:.0f} px"
    return f"#{finding.id}  score {finding.score:.2f}  ·  {size}  ·  ({finding.x:.0f}, {finding.y:.0f})"


class FindingsDock(QWidget):
    def __init__(
        self, on_select: Callable[[Finding], None], on_operating_point: Callable[[str], None],
        on_auto_run: Callable[[bool], None], parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_select = on_select
        self._findings: list[Finding] = []
        self.operating_point = QComboBox()
        for key, label in OPERATING_POINTS.items():
            self.operating_point.addItem(label, key)
        self.operating_point.currentIndexChanged.connect(
            lambda _index: on_operating_point(self.operating_point.currentData()))
        self.auto_run = QCheckBox("Run detection on open")
        self.auto_run.toggled.connect(on_auto_run)
        self.summary = FittedLabel(RESEARCH_NOTE)
        self.list = QListWidget()
        self.list.setAccessibleName("AI findings")  # else read as a bare "list"
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)  # the current row again: centre it again after panning away
        self.list.currentRowChanged.connect(self._stepped)  # the arrow keys: the view follows the highlight
        choices = QFormLayout()
        choices.addRow("Operating point", self.operating_point)
        choices.addRow(self.auto_run)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)

    def set_choices(self, operating_point: str, auto_run: bool) -> None:
        """Show the saved settings without calling back (nothing changed)."""
        with QSignalBlocker(self.operating_point), QSignalBlocker(self.auto_run):
            self.operating_point.setCurrentIndex(max(0, self.operating_point.findData(operating_point)))
            self.auto_run.setChecked(auto_run)

    def show_result(self, result: ImageResult, threshold: float | None = None) -> None:
        """``threshold``: the operating point's, said when nothing reaches it (an empty list alone reads as not
        analysed)."""
        self._findings = sorted(result.findings, key=lambda finding: -finding.score)
        with QSignalBlocker(self.list):  # filling the list is no choice of the reader's: the view stays
            self.list.clear()
            for finding in self._findings:
                self.list.addItem(QListWidgetItem(describe(finding)))
        warnings = "".join(f"\n⚠ {warning}" for warning in result.warnings)
        negative = no_findings(result.operating_point, threshold)
        count = (f"{len(self._findings)} finding(s) at operating point '{result.operating_point}'" if self._findings
                 else negative[:1].upper() + negative[1:])
        # the model version and provider are in the status bar already; here they would push the warnings out of
        # a short dock, so they are only the tooltip
        self.summary.setText(f"{RESEARCH_NOTE}\n{count}{warnings}")
        self.summary.setToolTip(f"models {result.model_version} on {result.provider}")

    def show_idle(self, missing: str | None, marks_hidden: bool) -> None:
        """No findings listed, and why: the models missing, or A hid the AI marks (so their list too)."""
        lines = [RESEARCH_NOTE]
        if marks_hidden:
            lines.append(f"AI {MARKS_HIDDEN}")
        if missing:
            lines.append(missing)
        self.clear("\n".join(lines))

    def set_held(self, note: str | None) -> None:
        """While another plugin holds the view (``note`` says so) the choices are off, as the host switched off
        the AI's menu actions. Left on, a blinded reader could change the saved operating point or turn detection
        on open on mid-read, and the status bar then read "detection on open is on" beside "off while ... holds
        the view". ``None``: the hold ended, the choices are the user's again."""
        for control in (self.operating_point, self.auto_run, self.list):
            control.setEnabled(note is None)
        if note is not None:
            self.clear(f"{RESEARCH_NOTE}\n{note}")

    def clear(self, message: str = RESEARCH_NOTE) -> None:
        self._findings = []
        with QSignalBlocker(self.list):
            self.list.clear()
        self.summary.setText(message)
        self.summary.setToolTip("")

    def _chosen(self, item: QListWidgetItem) -> None:
        self._on_select(self._findings[self.list.row(item)])

    def _stepped(self, row: int) -> None:
        """Up/Down (Home, End, Page keys) reached ``row``: centre it, as a click or Enter would. Only Enter had
        done so, and a reader stepping down the list read one finding's row beside another's contour."""
        if 0 <= row < len(self._findings):
            self._on_select(self._findings[row])
