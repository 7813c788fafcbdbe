"""Check for missing files: find indexed files that were moved, deleted, replaced or became unreadable, and forget
them if the user agrees.

Nothing is forgotten without the user's yes: a file on a drive or share that is not connected looks missing too,
and forgetting it drops its study (with its place on the Recent list) until it is imported again. The files found
are listed in Messages, and a non-modal question offers to forget them; both are titled and worded by the kinds
found (``missing_files_wording``), since a replaced or unreadable file is not lost.

The check shows its progress in the status-bar strip and stops at its Cancel; a cancelled check reports nothing as
missing and asks nothing (``query.verify`` raises rather than hand over a partial list), so forgetting only ever
acts on a check that looked at every indexed file.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui import missing_files_wording as wording
from cxr_viewer.gui.message_text import plural, summarise
from cxr_viewer.index import query

if TYPE_CHECKING:
    from cxr_viewer.gui.browser import StudyBrowser
    from cxr_viewer.gui.main_window import MainWindow
    from cxr_viewer.gui.tasks import Reporter, Task

MISSING_FOLDERS_NAMED = 3  # folders named in the question about missing files (the rest are counted)


class MissingFilesCheck:
    """The check, the question and the forgetting for one Studies dock, which emits their signals and lists its
    studies again after forgetting."""

    def __init__(self, browser: "StudyBrowser", window: "MainWindow") -> None:
        self._browser, self._window = browser, window
        self.last_missing: list[query.MissingFile] | None = None
        self.prompt: QtWidgets.QMessageBox | None = None  # the open question whether to forget them
        self.forget_button: QtWidgets.QAbstractButton | None = None
        self.keep_button: QtWidgets.QAbstractButton | None = None
        self._task: "Task | None" = None

    def start(self) -> "Task | None":
        """Look for indexed files that are no longer where the index says, in the background; a check already
        running is returned rather than started twice. None while the index cannot be used."""
        index = self._browser.index
        if index is None:
            return None
        if self._task is not None and not self._task.done:
            return self._task

        def verify(reporter: "Reporter") -> list[query.MissingFile] | None:
            def progress(done: int, total: int) -> None:
                reporter.report(done / max(total, 1), f"{done}/{total} files")

            with index:  # closes this pool thread's connection after the work (see StudyIndex)
                try:
                    return query.verify(index, progress, lambda: reporter.cancelled)
                except query.VerifyCancelled:
                    return None  # incomplete: nothing to list or forget

        self._task = self._window.tasks.run(verify, self._found, title="Checking for missing files")
        return self._task

    def _found(self, missing: list[query.MissingFile] | None) -> None:
        if missing is None or (self._task is not None and self._task.cancelled):
            self._window.statusBar().showMessage("Check for missing files cancelled: nothing listed or forgotten", 8000)
            return
        self.last_missing = missing
        if not missing:
            self._window.statusBar().showMessage("Check for missing files: every indexed file is in place", 15000)
            self._browser.missing_checked.emit(missing)
            return
        studies = {entry.study_uid for entry in missing}
        kinds = [entry.kind for entry in missing]
        where = f"{wording.found_words(kinds)}, in {plural(len(studies), 'study', 'studies')}"
        self._window.report_error(wording.title(kinds), *summarise(where, [f"{m.path}: {m.reason}" for m in missing]))
        self.prompt = self._question(missing, where)
        self.prompt.show()
        self._browser.missing_checked.emit(missing)

    def _question(self, missing: list[query.MissingFile], where: str) -> QtWidgets.QMessageBox:
        """Non-modal, so the user can look in the Studies list and Messages before answering."""
        folders = Counter(str(entry.path.parent) for entry in missing)
        named = [folder for folder, _count in folders.most_common(MISSING_FOLDERS_NAMED)]
        others = len(folders) - len(named)
        kinds = [entry.kind for entry in missing]
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, wording.title(kinds), f"{where}.",
                                    parent=self._browser)
        box.setInformativeText(
            "Forget them? Only their entries leave the study index, no file is touched; a study left without files "
            f"leaves the list (and Recent) until its folder is imported again.\n\n{wording.advice(kinds)}\n\n"
            "In " + ", ".join(named) + (f" and {plural(others, 'other folder')}" if others else "") + "."
        )
        box.setDetailedText("\n".join(f"{m.path}: {m.reason}" for m in missing))
        box.setWindowModality(QtCore.Qt.WindowModality.NonModal)
        self.forget_button = box.addButton("Forget them", QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        # Alt+K (or K alone, in a message box) keeps them, as do Enter and Escape; forgetting has no letter, so a
        # stray key cannot drop studies from the index: it takes Tab to the button and Space
        self.keep_button = box.addButton("&Keep them", QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.keep_button)
        box.buttonClicked.connect(lambda button: self._answer(missing, button is self.forget_button))
        return box

    def _answer(self, missing: list[query.MissingFile], forget: bool) -> None:
        self.prompt = None
        index = self._browser.index
        if not forget or index is None:
            noun = wording.file_noun(entry.kind for entry in missing)
            self._window.statusBar().showMessage(f"Kept {plural(len(missing), noun)} in the study index", 15000)
            return

        def forget_them(reporter: "Reporter") -> int:
            with index:  # closes this pool thread's connection after the work (see StudyIndex)
                return query.forget_missing(index, missing)

        self._window.tasks.run(forget_them, lambda removed: self._forgotten(removed, missing),
                               title=f"Forgetting {wording.title(entry.kind for entry in missing).lower()}")

    def _forgotten(self, removed: int, missing: list[query.MissingFile]) -> None:
        kinds = [entry.kind for entry in missing]
        back = len(missing) - removed
        text = (f"Forgot {plural(removed, wording.file_noun(kinds))}"
                + (f"; {back} came back and were kept" if back else ""))
        self._window.messages.add(wording.title(kinds), text)
        self._window.statusBar().showMessage(text, 15000)
        self._browser.list_again()
        self._browser.missing_forgotten.emit(removed)
