"""The status bar's task strip: the newest running task's title, a progress bar and a Cancel button.

Only tasks that are not quiet appear (``task_strip`` says which and what the label reads). While several run, the
label counts the others and the button's menu cancels any one of them, so a task started later (a detection during
an import) never hides an earlier one's Cancel. A blinded read hides the strip: titles name folders ("Opening
/data/DOE_JOHN", "Importing DOE_JOHN"); the tasks go on.
"""

from __future__ import annotations

from typing import Any

from PySide6 import QtWidgets

from cxr_viewer.gui import task_strip
from cxr_viewer.gui.tasks import Task, TaskRunner


class TaskProgressWidget(QtWidgets.QWidget):
    """Follows ``runner``: shown while a task the user started runs, hidden otherwise."""

    def __init__(self, runner: TaskRunner, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.label = QtWidgets.QLabel()
        self.bar = QtWidgets.QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(180)
        self.cancel_button = QtWidgets.QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self._cancel_newest)
        self.cancel_menu = QtWidgets.QMenu(self.cancel_button)  # one "Cancel <title>" per task while several run
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        self._showing: Task | None = None  # the task the label and bar describe
        self._message = ""  # its latest progress message
        self._blinded = False
        runner.started.connect(self._refresh)
        runner.ended.connect(self._refresh)
        runner.progress.connect(self._on_progress)
        self._refresh()

    def shown_tasks(self) -> list[Task]:
        """The running tasks the strip is about, oldest first (quiet ones left out)."""
        return task_strip.shown_tasks(self._runner.running)

    def _newest(self) -> Task | None:
        shown = self.shown_tasks()
        return shown[-1] if shown else None

    def set_blinded(self, blinded: bool) -> None:
        """Hide the strip while names are hidden (``view_hold``), and show it again after."""
        self._blinded = blinded
        self._refresh()

    def _refresh(self, *_: Any) -> None:
        shown = self.shown_tasks()
        self.setVisible(bool(shown) and not self._blinded)
        self.cancel_menu.clear()
        if len(shown) > 1:
            for task in shown:
                self.cancel_menu.addAction(task_strip.cancel_entry(task), lambda task=task: self._cancel(task))
            self.cancel_button.setMenu(self.cancel_menu)
            self.cancel_button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            self.cancel_button.setToolTip("Cancel the newest task; the arrow lists every running task")
        else:
            self.cancel_button.setMenu(None)
            self.cancel_button.setToolTip("")
        newest = shown[-1] if shown else None
        if newest is not self._showing:  # another task takes the strip: its own progress from nothing
            self._showing, self._message = newest, ""
            self.bar.setRange(0, 1000)
            self.bar.setValue(0)
        if newest is not None:
            self._show_label(newest)

    def _show_label(self, task: Task) -> None:
        self.label.setText(task_strip.strip_label(task, len(self.shown_tasks()) - 1, self._message))

    def _on_progress(self, task: Task, fraction: float, message: str) -> None:
        if task is self._newest():
            self.bar.setRange(0, 0 if fraction < 0 else 1000)  # 0..0: Qt's busy bar, for an unknown amount
            self.bar.setValue(max(int(fraction * 1000), 0))
            self._message = message
            self._show_label(task)

    def _cancel_newest(self) -> None:
        task = self._newest()
        if task is not None:
            self._cancel(task)

    def _cancel(self, task: Task) -> None:
        task.cancel()
        if task is self._newest():
            self._show_label(task)
