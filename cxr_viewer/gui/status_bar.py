"""The main window's status bar, left to right: the cursor readout, the plugins' permanent status, the task progress.

Passing messages (a window preset, an error's first line, a measurement's distance) cover the cursor readout while
they last. The plugins' permanent status (the AI's "research use only" and model version) sits on its own label to
their right, so they cannot erase it; it is clipped rather than widen the window, and to half its width, so that a
passing message keeps room to be read. The progress with Cancel of the newest task the user started sits last.
"""

from __future__ import annotations

from PySide6 import QtWidgets

from cxr_viewer.gui.task_progress import TaskProgressWidget
from cxr_viewer.gui.tasks import TaskRunner


def install(status_bar: QtWidgets.QStatusBar,
            tasks: TaskRunner) -> tuple[QtWidgets.QLabel, QtWidgets.QLabel, TaskProgressWidget]:
    """The cursor label, the permanent status label and the task progress, added to ``status_bar`` in that order."""
    cursor_label = QtWidgets.QLabel()
    status_bar.addWidget(cursor_label, 1)
    permanent = QtWidgets.QLabel()
    permanent.setMinimumWidth(1)
    status_bar.addPermanentWidget(permanent)
    progress = TaskProgressWidget(tasks)
    status_bar.addPermanentWidget(progress)
    return cursor_label, permanent, progress


def fit_permanent_status(permanent: QtWidgets.QLabel, window_width: int) -> None:
    """At most half the window wide (the window calls this on every resize)."""
    permanent.setMaximumWidth(window_width // 2)


def measured_message(text: str) -> str:
    """``Distance 20.0 mm …`` for a line; a ratio's, an angle's, an ROI's or an arrow's label (``CTR …``,
    ``Angle …``, ``ROI …``, ``Arrow: nodule?``) names itself, its lines joined into one (also the line Ctrl+C copies for a report)."""
    if text.startswith("ROI"):
        return text.replace("\n", " ")  # ``ROI area … mean … n=…``: one sentence over two lines
    return text.replace("\n", " · ") if text.startswith(("CTR", "Angle", "Arrow")) else f"Distance {text}"


def show_distance(status_bar: QtWidgets.QStatusBar, text: str) -> None:
    status_bar.showMessage(measured_message(text))


def forget_distances(status_bar: QtWidgets.QStatusBar, texts: list) -> None:
    """The status bar must not go on reading "Distance 20.0 mm" for a line that is gone; other messages stay."""
    if status_bar.currentMessage() in {measured_message(text) for text in texts}:
        status_bar.clearMessage()
