"""A non-modal message panel: errors and warnings pile up in a list the user can read later.

Modal dialogs would block batch opening (and tests); a list keeps every failure, naming the file and
the reason, while the viewer carries on with the next file.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6 import QtCore, QtWidgets

log = logging.getLogger(__name__)


class MessagePanel(QtWidgets.QWidget):
    message_added = QtCore.Signal(str, str)  # title, text

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QtWidgets.QListWidget()
        self.list.setWordWrap(True)
        clear = QtWidgets.QPushButton("Clear")
        clear.clicked.connect(self.list.clear)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.list)
        layout.addWidget(clear, alignment=QtCore.Qt.AlignmentFlag.AlignRight)

    def add(self, title: str, text: str) -> None:
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        item = QtWidgets.QListWidgetItem(f"{stamp}  {title}\n{text}")
        item.setToolTip(text)
        self.list.addItem(item)
        self.list.scrollToBottom()
        log.warning("%s: %s", title, text)
        self.message_added.emit(title, text)

    def messages(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]
