"""Read status in the Studies dock: a study becomes read once it has been on screen a while, the reader can mark it
read or unread by hand, and U opens the next unread study of the list.

**The rule.** A study counts as read when one of its films has stayed in the main pane for ``READ_AFTER_MS``
(5 s) without another study replacing it: long enough to have been looked at, short enough that paging past a study
on the way to another does not mark it. Explicit marking (Shift+U on the study on screen, the list's right-click
menu) always wins; an explicit "unread" on the study on screen is not undone by its timer.

Nothing here acts while a plugin holds the station or names are hidden (``ViewHold.blinded``): a reader study's cases
are not clinical reads, and U would open a study of the reader's choosing past the hold; both commands are off then
(``view_hold.NAMING_COMMANDS``) and the lines said in the status bar name no patient. A hold also stops the count:
a study looked at partly during a hold was not read as a clinical read, so its 5 s start again when the hold ends.
A read-only index shows the status but cannot change it: said in the status bar, never raised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.gui import read_queries
from cxr_viewer.gui.browser_listing import BrowserListing
from cxr_viewer.gui.study_list import StudyList
from cxr_viewer.index.db import StudyIndex

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

READ_AFTER_MS = 5000


class BrowserReadStatus(QtCore.QObject):
    """The dock's read status: the timer that marks the study on screen read, marking by hand, the next unread."""

    def __init__(self, window: "MainWindow", studies: StudyList, listing: BrowserListing,
                 index: Callable[[], StudyIndex | None]) -> None:
        super().__init__(studies)
        self._window, self._studies, self._listing, self._index = window, studies, listing, index
        self._pending = ""  # the study whose time on screen is being counted
        self._held = False  # a hold is on (``hold_changed``): nothing is counted
        self.timer = QtCore.QTimer(self, singleShot=True, interval=READ_AFTER_MS)
        self.timer.timeout.connect(self._on_screen_long_enough)
        window.opener.image_ready.connect(self._film_shown)
        window.opener.image_closed.connect(self._forget_pending)
        studies.table.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        studies.table.customContextMenuRequested.connect(self.row_menu)

    def toggle_on_screen(self) -> None:
        """Shift+U: the study on screen read if it was unread, unread if it was read."""
        uid, index = self._window.current_study_uid(), self._index()
        if self._window.hold.blinded or index is None or not uid:
            self._say("No indexed study on screen to mark read or unread")
            return
        read = read_queries.is_read(index, uid)
        if read is None:
            self._say("Read status not changed: the study index could not be read")
            return
        self._set(index, uid, not read)

    def open_next_unread(self) -> None:
        """U: open the first unread study below the one on screen (from the top when it is not listed), in the
        list's order on screen, select it, and say which list was walked (``read_queries.next_unread``)."""
        if self._window.hold.blinded or self._index() is None:
            return
        order = self._studies.in_table_order()
        rows = [self._studies.rows[listed] for listed in order]
        found = read_queries.next_unread(rows, self._window.current_study_uid())
        if found is not None:
            self._studies.table.select_listed(order[found])
            self._listing.open_study(order[found])
        self._say(read_queries.next_unread_line(self._studies.kind, rows, found))

    def _film_shown(self, image: LoadedImage) -> None:
        uid = "" if self._window.hold.blinded else str(image.metadata.get("StudyInstanceUID", ""))
        if uid != self._pending:  # another image of the same study keeps the count going
            self._pending = uid
            if uid:
                self.timer.start()
            else:
                self.timer.stop()

    def hold_changed(self, held: bool) -> None:
        """A hold starting drops the count; one ending starts it again for the study on screen. The timer had only
        looked at the hold when it fired, so a hold begun and ended within the 5 s still marked the study read."""
        if held == self._held:
            return
        self._held = held
        self._forget_pending()
        if not held and (uid := self._window.current_study_uid()):
            self._pending = uid
            self.timer.start()

    def _forget_pending(self) -> None:
        self._pending = ""
        self.timer.stop()

    def _on_screen_long_enough(self) -> None:
        index, uid = self._index(), self._pending
        if index is None or index.read_only or self._window.hold.blinded or self._window.current_study_uid() != uid:
            return  # a read-only index keeps its status quietly here: the reader did not ask for a change
        if read_queries.set_read(index, uid, True)[0]:
            self._studies.show_read(uid, True)

    def row_menu(self, position: QtCore.QPoint) -> QtWidgets.QMenu | None:
        """Right-click on a study: Mark as read / Mark as unread (off, saying why, on a read-only index)."""
        table, index = self._studies.table, self._index()
        item = table.itemAt(position)
        if item is None or index is None:
            return None
        study = self._studies.rows[table.listed_row(item.row())]
        menu = QtWidgets.QMenu(table)
        for text, read in (("Mark as read", True), ("Mark as unread", False)):
            action = QtGui.QAction(text + (" (the study index is read-only)" if index.read_only else ""), menu)
            action.setEnabled(not index.read_only and study.read != read)
            action.triggered.connect(lambda _checked=False, r=read: self._set(index, study.study_uid, r))
            menu.addAction(action)
        menu.popup(table.viewport().mapToGlobal(position))
        return menu

    def _set(self, index: StudyIndex, study_uid: str, read: bool) -> None:
        """Marking by hand; for the study on screen its timer stops, so the choice is not undone a moment later."""
        if study_uid == self._pending:
            self.timer.stop()
        done, line = read_queries.set_read(index, study_uid, read)
        if done:
            self._studies.show_read(study_uid, read)
        self._say(line)

    def _say(self, line: str) -> None:
        self._window.statusBar().showMessage(line, 8000)
