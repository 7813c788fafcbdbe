"""How the Query/Retrieve tab shows one retrieval: its Retrieve button, progress bar and status line.

Split from the tab, which finds studies and starts retrievals, because a retrieval's outcome has cases of its own,
each told differently: failed part-way (said, and what arrived is still handed on for the viewer), nothing sent
(a success that brought no file), cancelled, and done with or without failed instances.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from cxr_viewer.net.retrieve_result import NOTHING_SENT, RetrieveProgress, RetrieveResult


class RetrieveView(QObject):
    """The callbacks of one retrieval in the background; ``retrieved(list[Path])`` carries the files that came."""

    retrieved = Signal(list)

    def __init__(self, button: QPushButton, progress: QProgressBar, status: QLabel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.button, self.progress, self.status = button, progress, status
        self.set_busy(False)

    def started(self, method: str, node_name: str) -> None:
        self.set_busy(True)
        self.progress.setRange(0, 0)
        self.status.setText(f"Retrieving by {method} from {node_name}…")

    def show_progress(self, progress: RetrieveProgress) -> None:
        total = progress.completed + progress.remaining + progress.failed + progress.warning
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(progress.completed + progress.failed + progress.warning)
        self.status.setText(f"{progress.completed} of {total} received, {progress.failed} failed")

    def done(self, result: RetrieveResult) -> None:
        self.set_busy(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0 if result.failure or result.empty else 1)
        if result.failure:  # failed part-way: say so, and still hand on what arrived
            self.status.setText(f"Retrieve failed: {result.failure}")
            self.retrieved.emit([Path(p) for p in result.files])
            return
        if result.empty:
            self.status.setText(f"Retrieved nothing: {NOTHING_SENT}.")
            return
        state = "cancelled" if result.cancelled else ("done" if result.ok else f"{result.failed} failed")
        details = f": {result.errors[0]}" if result.errors else ""
        self.status.setText(f"Retrieved {len(result.files)} instances ({state}){details}")
        if result.files:
            self.retrieved.emit([Path(p) for p in result.files])

    def failed(self, reason: str) -> None:
        self.set_busy(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText(f"Retrieve failed: {reason}")

    def cancelled(self, _reason: str) -> None:
        self.failed("")
        self.status.setText("Retrieve cancelled.")

    def forget_outcome(self) -> None:
        """Empty the bar of a finished retrieval when a search starts: left at 100 %, it read as if the new list
        had been retrieved. A retrieval still running keeps its bar."""
        if not self.busy:
            self.progress.reset()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.button.setEnabled(not busy)
