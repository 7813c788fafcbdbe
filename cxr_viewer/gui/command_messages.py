"""A command's passing status message lasts until the next command.

A refusal such as ``No window preset 5 for this image`` was shown for 4 s: a reader pressing W, I, 0, F in that time
read it as the answer to those keys. Each command now takes away the message the previous command left, if it still
shows; messages nobody's command left (a measurement's ``Distance …`` from a drag, an error's first line, a task's
outcome) stay as they were.
"""

from __future__ import annotations

from typing import Callable

from PySide6 import QtWidgets


class CommandMessages:
    """Runs the viewer's commands, remembering the message each one put in the status bar."""

    def __init__(self, status_bar: QtWidgets.QStatusBar) -> None:
        self._status_bar = status_bar
        self._left = ""  # the message the last command showed

    def run(self, handler: Callable[[], object]) -> None:
        if self._left and self._status_bar.currentMessage() == self._left:
            self._status_bar.clearMessage()
        before = self._status_bar.currentMessage()
        handler()
        after = self._status_bar.currentMessage()
        self._left = after if after != before else ""
