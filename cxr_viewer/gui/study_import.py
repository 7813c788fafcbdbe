"""Importing files and folders into the study index from the Studies dock.

Imports run as background tasks (the index hands each thread its own SQLite connection), so the window stays
responsive on a folder of thousands of files. The files that could not be indexed make one summary message per
import (the first reasons, and all of them on double-click): one message per file froze the GUI. Files left out on
purpose (icons and logos, a CD's viewer software) make a second summary, so the user can see what was not indexed
and why; it is a note, not an error, so it does not raise the Messages dock.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets

from cxr_viewer.gui.message_text import plural, summarise
from cxr_viewer.gui.tasks import UNKNOWN_AMOUNT
from cxr_viewer.index.importer import ImportReport, ImportStopped, import_paths

if TYPE_CHECKING:
    from cxr_viewer.gui.browser import StudyBrowser
    from cxr_viewer.gui.main_window import MainWindow
    from cxr_viewer.gui.tasks import Reporter, Task


class StudyImport:
    """The imports of one Studies dock, which lists the result and emits ``import_finished`` with its report."""

    def __init__(self, browser: "StudyBrowser", window: "MainWindow") -> None:
        self._browser, self._window = browser, window
        self.last_report: ImportReport | None = None

    def choose_folder(self) -> None:
        if self._browser.index is None:
            return
        folder = QtWidgets.QFileDialog.getExistingDirectory(self._browser, "Import folder into the study index")
        if folder:
            self.import_folder(Path(folder))

    def import_folder(self, folder: Path) -> "Task | None":
        return self.start([folder], title=f"Importing {folder.name}")

    def start(self, paths: list[Path], title: str) -> "Task | None":
        """Index files and folders in the background; None (and a status message) while the index cannot be used."""
        index = self._browser.index
        if index is None:
            self._window.statusBar().showMessage("Not added to the study index: it cannot be used (see the Studies "
                                                 "dock)", 10000)
            return None
        if index.read_only:
            self._window.statusBar().showMessage("Not added to the study index: it is read-only (see the Studies "
                                                 "dock)", 10000)
            return None

        def work(reporter: "Reporter") -> ImportReport:
            def progress(done: int, total: int, path: str) -> None:
                reporter.report(done / max(total, 1), f"{done}/{total} {Path(path).name}")

            def walking(found: int, folder: str) -> None:  # minutes on a large share: say it is looking
                reporter.report(UNKNOWN_AMOUNT, f"looking for files: {plural(found, 'file')} found so far")

            with index:  # closes this pool thread's connection after the work (see StudyIndex)
                return import_paths(index, paths, progress, lambda: reporter.cancelled, walking=walking)

        return self._window.tasks.run(work, lambda report: self._done(report, title),
                                      lambda exc: self._stopped(exc, title), title=title)

    def _stopped(self, exc: BaseException, title: str) -> None:
        """The index could not be written (disk full, locked too long): say why, then report and list what the
        index kept, as a finished import does, so the files read before are neither hidden nor lost."""
        if not isinstance(exc, ImportStopped):
            self._window.report_error("Import failed", f"{title}: {type(exc).__name__}: {exc}")
            return
        self._window.report_error("Import stopped", f"{title}: the study index could not be written: {exc}")
        self._done(exc.report, title)
        self._window.statusBar().showMessage(f"Import stopped: {exc.cause}", 15000)

    def _done(self, report: ImportReport, title: str) -> None:
        """Report the failures and the skipped files, list the studies again with the one on screen selected (its
        thumbnails show), and put that study on Recent now that the index knows it."""
        self.last_report = report
        if report.failed:
            lines = [f"{Path(path).name}: {reason}  ({path})" for path, reason in report.failed]
            headline = f"{plural(len(report.failed), 'file')} not imported" + (f" ({title})" if title else "")
            self._window.report_error("Not imported", *summarise(headline, lines))
        if report.skipped:
            lines = [f"{Path(path).name}: {reason}  ({path})" for path, reason in report.skipped]
            headline = (f"{plural(len(report.skipped), 'file')} skipped as not radiographs (icons, logos)"
                        + (f" ({title})" if title else ""))
            self._window.messages.add("Skipped", *summarise(headline, lines))
        self._window.statusBar().showMessage(f"Import: {report.summary()}", 10000)
        self._browser.search()
        shown = self._window.current_study_uid()
        if self._browser.note_opened(shown):
            self._browser.select_study(shown)
        self._browser.import_finished.emit(report)
