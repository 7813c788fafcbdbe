"""The selected study's thumbnails under the Studies table, made in the background.

Thumbnails are a quiet task: they never take the progress strip's Cancel from an import, and whoever selects
another study cancels them, so paging down the list decodes only the study the user stops on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.index import query
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.thumbnails import ThumbnailReport, ensure_thumbnails

if TYPE_CHECKING:
    from cxr_viewer.gui.tasks import Reporter, Task, TaskRunner


class StudyThumbnails(QtWidgets.QListWidget):
    """One icon a file of the study, named by its file; the file's path is the item's ``UserRole`` data."""

    def __init__(self, tasks: "TaskRunner") -> None:
        super().__init__(viewMode=QtWidgets.QListView.ViewMode.IconMode)
        self.setAccessibleName("Thumbnails of the selected study")
        self.setIconSize(QtCore.QSize(96, 96))
        self.setMaximumHeight(130)
        self._tasks = tasks
        self._task: "Task | None" = None

    def make(self, index: StudyIndex, study_uid: str, made: Callable[[], None]) -> None:
        """Make the study's thumbnails that the index lacks, then call ``made`` on the GUI thread: the caller knows
        whether the study is still the one selected and shows them with :meth:`show_study`. A read-only index
        cannot store new ones, so it shows those it has (the others as blank icons)."""
        self.cancel()
        if index.read_only:
            made()
            return

        def work(reporter: "Reporter") -> ThumbnailReport:
            with index:  # closes this pool thread's connection after the work (see StudyIndex)
                return ensure_thumbnails(index, study_uid, cancelled=lambda: reporter.cancelled)

        self._task = self._tasks.run(work, lambda _report: made(), title="Thumbnails", quiet=True)

    def cancel(self) -> None:
        """Stop making thumbnails nobody will see (the study was passed over, or the list changed)."""
        if self._task is not None and not self._task.done:
            self._task.cancel()
        self._task = None

    def show_study(self, index: StudyIndex, study_uid: str) -> None:
        self.clear()
        for instance in query.instances_of_study(index, study_uid):
            pixmap = QtGui.QPixmap()
            if instance.thumbnail:
                pixmap.loadFromData(instance.thumbnail, "PNG")
            item = QtWidgets.QListWidgetItem(QtGui.QIcon(pixmap), instance.path.name)
            item.setData(QtCore.Qt.ItemDataRole.UserRole, str(instance.path))
            self.addItem(item)
