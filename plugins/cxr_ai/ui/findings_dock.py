"""The findings list: sorted by score; choosing one asks the viewer to centre on it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cxr_ai.engine.result import Finding, ImageResult

RESEARCH_NOTE = "Research use only — not for diagnosis."


def describe(finding: Finding) -> str:
    size = f"{finding.diameter_mm:.1f} mm" if finding.diameter_mm is not None else f"{finding.diameter_px:.0f} px"
    return f"#{finding.id}  score {finding.score:.2f}  ·  {size}  ·  ({finding.x:.0f}, {finding.y:.0f})"


class FindingsDock(QWidget):
    def __init__(self, on_select: Callable[[Finding], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_select = on_select
        self._findings: list[Finding] = []
        self.summary = QLabel(RESEARCH_NOTE)
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)

    def show_result(self, result: ImageResult) -> None:
        self._findings = sorted(result.findings, key=lambda finding: -finding.score)
        self.list.clear()
        for finding in self._findings:
            self.list.addItem(QListWidgetItem(describe(finding)))
        warnings = "".join(f"\n⚠ {warning}" for warning in result.warnings)
        count = f"{len(self._findings)} finding(s) at operating point '{result.operating_point}'"
        self.summary.setText(f"{RESEARCH_NOTE}\n{count}; models {result.model_version}, {result.provider}{warnings}")

    def clear(self, message: str = RESEARCH_NOTE) -> None:
        self._findings = []
        self.list.clear()
        self.summary.setText(message)

    def _chosen(self, item: QListWidgetItem) -> None:
        self._on_select(self._findings[self.list.row(item)])
