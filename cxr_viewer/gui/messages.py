"""A non-modal message panel: errors and warnings pile up in a list the user can read later.

Modal dialogs would block batch opening (and tests); a list keeps every failure, naming the file and
the reason, while the viewer carries on with the next file.

The panel must stay cheap however many messages arrive at once: a word-wrapped list lays out every row again when
it is scrolled, so scrolling after each of 5000 messages took minutes. Messages are therefore added with the list's
updates off and scrolled to once (after a burst of separate calls, once when the event loop next runs), the list
keeps the newest ``MAX_MESSAGES`` (a note at the top counts the removed ones; every message is also in the log),
and a caller with many related failures sends one summary (``message_text.summarise``) whose full list is the
message's detail, shown by double-clicking the message (``message_details``). The same message arriving again right
after itself (a file that fails on each retry, a share that keeps dropping) is counted on its row, "(×12)", instead
of filling the list; Ctrl+C or the context menu copies the selected messages whole (``message_copy``), for a ticket
to IT. The wording of summaries, tooltips and the removed-messages note is Qt-free, in ``message_text``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.message_copy import add_copy_actions
from cxr_viewer.gui.message_details import show_message_window
from cxr_viewer.gui.message_text import message_tooltip, removed_note

log = logging.getLogger(__name__)

MAX_MESSAGES = 500  # the newest kept on the list; older ones are counted in a note (and are in the log)
DETAIL_ROLE = QtCore.Qt.ItemDataRole.UserRole
REPEAT_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1  # (title, text, detail, count) of a message row

Entry = tuple[str, str] | tuple[str, str, str | None]  # title, text[, detail]


class MessagePanel(QtWidgets.QWidget):
    """The Messages dock: every error and warning, newest last, each readable in full and copyable."""

    message_added = QtCore.Signal(str, str)  # title, text

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QtWidgets.QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Messages")
        self.list.itemActivated.connect(self.show_details)  # double-click or Enter
        add_copy_actions(self.list, self.detail)
        self.dropped = 0  # messages removed from the top of the list to keep it at MAX_MESSAGES
        self._note: QtWidgets.QListWidgetItem | None = None
        self._scroll_pending = False
        self.details: QtWidgets.QPlainTextEdit | None = None  # the non-modal window with one message in full
        clear = QtWidgets.QPushButton("Clear")
        clear.clicked.connect(self.clear)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.list)
        layout.addWidget(clear, alignment=QtCore.Qt.AlignmentFlag.AlignRight)

    def add(self, title: str, text: str, detail: str | None = None) -> None:
        """One message; ``detail`` (e.g. the whole list a summary shortens) is shown on double-click."""
        self.add_many([(title, text, detail)])

    def add_many(self, entries: Iterable[Entry]) -> None:
        """Several messages with one layout and one scroll, however many there are."""
        entries = [(entry[0], entry[1], entry[2] if len(entry) > 2 else None) for entry in entries]
        if not entries:
            return
        for title, text, detail in entries:
            log.warning("%s: %s%s", title, text, f"\n{detail}" if detail else "")
        kept = entries[-MAX_MESSAGES:]
        self.dropped += len(entries) - len(kept)
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        self.list.setUpdatesEnabled(False)
        try:
            for title, text, detail in kept:
                self._add_or_count(stamp, title, text, detail)
            self._trim()
        finally:
            self.list.setUpdatesEnabled(True)
        self._scroll_soon()
        for title, text, _detail in entries:
            self.message_added.emit(title, text)

    def clear(self) -> None:
        self.list.clear()
        self._note = None
        self.dropped = 0

    def messages(self) -> list[str]:
        """The text of every message on the list, oldest first (the removed-messages note included)."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def detail(self, row: int) -> str:
        """A message in full: its time and title, then its text or, for a summary, every line it shortened."""
        item = self.list.item(row)
        detail = item.data(DETAIL_ROLE)
        if not detail:
            return item.text()
        stamp_and_title = item.text().split("\n", 1)[0]
        return f"{stamp_and_title}\n{detail}"

    def show_details(self, item: QtWidgets.QListWidgetItem) -> None:
        """The whole message in a plain-text window the user can scroll, search and copy from (not modal)."""
        self.details = show_message_window(self.details, self, self.detail(self.list.row(item)))

    def _add_or_count(self, stamp: str, title: str, text: str, detail: str | None) -> None:
        """A new row, or, for the same message as the last row's, one more on that row's count (and its time)."""
        last = self.list.item(self.list.count() - 1) if self.list.count() else None
        repeat = last.data(REPEAT_ROLE) if last is not None else None
        if repeat is not None and repeat[:3] == (title, text, detail):
            count = repeat[3] + 1
            last.setData(REPEAT_ROLE, (title, text, detail, count))
            last.setText(f"{stamp}  {title} (×{count})\n{text}")
        else:
            self.list.addItem(self._item(stamp, title, text, detail))

    def _item(self, stamp: str, title: str, text: str, detail: str | None) -> QtWidgets.QListWidgetItem:
        item = QtWidgets.QListWidgetItem(f"{stamp}  {title}\n{text}")
        item.setData(REPEAT_ROLE, (title, text, detail, 1))
        if detail:
            item.setData(DETAIL_ROLE, detail)
        item.setToolTip(message_tooltip(text, detail))
        return item

    def _trim(self) -> None:
        """Keep the newest MAX_MESSAGES; the first row then says how many older ones were removed."""
        first = 1 if self._note is not None else 0
        excess = self.list.count() - first - MAX_MESSAGES
        if excess > 0:
            self.dropped += excess
            for _ in range(excess):
                self.list.takeItem(first)
        if self.dropped:
            if self._note is None:
                self._note = QtWidgets.QListWidgetItem()
                self._note.setToolTip("Every message is also written to the log.")
                self.list.insertItem(0, self._note)
            self._note.setText(removed_note(self.dropped, MAX_MESSAGES))

    def _scroll_soon(self) -> None:
        """Scroll to the newest message once the current burst of messages is in (scrolling lays the list out)."""
        if not self._scroll_pending:
            self._scroll_pending = True
            QtCore.QTimer.singleShot(0, self, self._scroll)

    def _scroll(self) -> None:
        self._scroll_pending = False
        self.list.scrollToBottom()
