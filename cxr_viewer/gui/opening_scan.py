"""The scan of what the reader opened, as the window runs it: off the GUI thread, and what it left out said once.

``core.open_scan`` lists the films under the opened paths in reading order and notes what it left out (non-images,
duplicates, missing DICOMDIR references …). What the user opens by hand (File > Open, a drop) is scanned on a pool
thread by ``BackgroundScan``, with progress and Cancel in the status bar, so a folder of thousands of files or a slow
share never freezes the window. Only one scan counts: opening again meanwhile cancels the one running (the newest
request wins), and a cancelled or replaced scan hands nothing on, so nothing changes on screen. ``report_scan`` says
what a scan left out in one message per kind (its first lines, the whole list on double-click), for this scan and
for the one ``ImageOpener.open_paths`` runs on the calling thread alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from cxr_viewer.core.open_scan import OpenScan, ScanCancelled, scan_paths
from cxr_viewer.gui.message_text import summarise

if TYPE_CHECKING:
    from cxr_viewer.gui.tasks import Reporter, Task, TaskRunner

ErrorSink = Callable[[str, str, "str | None"], None]
Scanned = Callable[[list[Path], "OpenScan | None"], None]  # the paths given, what was found (None: cancelled)


def where(paths: list[Path]) -> str:
    """The opened paths in a message: the first, and how many more."""
    return str(paths[0]) + (f" and {len(paths) - 1} more" if len(paths) > 1 else "")


def report_scan(report: ErrorSink, given: list[Path], found: OpenScan, unreadable: Sequence[str] = ()) -> None:
    """Say once what the scan of ``given`` left out, with the ``unreadable`` films (``path: reason``) that failed
    to decode as the list was opened, and which films it found twice; that there was nothing to open when it found
    no film and left nothing out (a left-out message already says why)."""
    left_out = [*found.left_out, *unreadable]
    if left_out:
        report("Not opened", *summarise(f"{len(left_out)} left out when opening {where(given)}:", left_out))
    if found.notes:
        report("Same image in two files", *summarise(f"Opening {where(given)}:", found.notes))
    if not found.films and not found.left_out:
        report("Nothing to open", f"{where(given)}: no image files found", None)


class BackgroundScan:
    """The one scan running on a pool thread, if any, and what becomes of its answer."""

    def __init__(self, tasks: "TaskRunner", notice: Callable[[str], None]) -> None:
        self._tasks = tasks
        self._notice = notice
        self.task: "Task | None" = None  # the scan whose list will be shown, if any

    def start(self, given: list[Path], scanned: Scanned) -> "Task":
        """Scan ``given`` off the GUI thread, cancelling a scan already running; ``scanned`` gets the answer on the
        GUI thread, None when the scan was cancelled (said in the status bar), never for a replaced scan."""
        self.cancel()

        def work(reporter: "Reporter") -> OpenScan | None:
            try:
                return scan_paths(given, lambda done, total: reporter.report(done / max(total, 1), f"{done}/{total} "
                                                                             "files"), lambda: reporter.cancelled)
            except ScanCancelled:
                return None

        task = self._tasks.run(work, lambda found: self._finished(task, given, found, scanned),
                               title=f"Opening {where(given)}")
        self.task = task
        return task

    def cancel(self) -> None:
        """Stop the scan, if one runs; what it found is never shown."""
        if self.task is not None:
            self.task.cancel()
            self.task = None

    def _finished(self, task: "Task", given: list[Path], found: OpenScan | None, scanned: Scanned) -> None:
        if task is not self.task:
            return  # replaced by a newer open, or cancelled: the newest request wins
        self.task = None
        if found is None or task.cancelled:
            self._notice(f"Opening {where(given)} cancelled: nothing changed")
            found = None
        scanned(given, found)
