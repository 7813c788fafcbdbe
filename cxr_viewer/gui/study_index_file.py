"""Which study index file the Studies dock works on: the user's own, opened at start, on Try again and after moving
an unusable one aside.

An index that cannot be opened (damaged, locked, written by a newer version) must never keep the viewer from
showing files, so opening it never raises: the dock's problem panel (``index_problem``) says why, Messages says so
once, and the dock is told there is no index until one opens. What the dock does with an index is the dock's
(``browser``); this part only opens one, or moves the unusable one aside (renamed, never deleted).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cxr_viewer.gui.index_problem import IndexProblemPanel, UnusableIndex, move_aside, open_index
from cxr_viewer.gui.study_queries import RECENT_COUNT
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.paths import default_index_path
from cxr_viewer.index.rows import StudyRow

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow


class StudyIndexFile:
    """Opens the user's index for the dock: ``opened(index, recent_rows)`` when it can be used, ``unusable()`` when
    not; ``panel`` is the dock's problem panel, shown meanwhile."""

    def __init__(self, window: "MainWindow", opened: Callable[[StudyIndex, list[StudyRow]], None],
                 unusable: Callable[[], None]) -> None:
        self._window = window
        self._opened = opened
        self._unusable = unusable
        self.panel = IndexProblemPanel(self.move_aside, self.open_default)

    def open_default(self) -> bool:
        """Open the user's index; when it cannot be opened or read, show why instead of failing the window."""
        path = default_index_path()
        try:
            index, rows = open_index(path, RECENT_COUNT)
        except UnusableIndex as problem:
            self.panel.set_problem(problem.reason, path, problem.kind)
            self._unusable()
            self._window.report_error("Study index unavailable", f"{problem.reason} ({path}) Files can still be "
                                      "opened; the Studies dock offers what can be done.")
            return False
        self.panel.set_problem("", None, "")
        if index.read_only:
            self.panel.set_read_only(path)
        self._opened(index, rows)
        return True

    def move_aside(self) -> Path | None:
        """Rename the unusable index (with its WAL files) to a dated name beside it and start a new, empty one."""
        path, kind = self.panel.path, self.panel.kind or "set-aside"
        if path is None or not path.exists():
            return None
        try:
            target = move_aside(path, kind)
        except OSError as exc:
            self._window.report_error("Study index", f"{path} could not be moved aside: {exc.strerror or exc}")
            return None
        self._window.report_error("Study index moved aside", f"The old index is now {target.name} in {target.parent} "
                                  "(nothing was deleted); a new, empty index was started. Import your folders again "
                                  "to list their studies.")
        self.open_default()
        return target
