"""The Cancel button the PACS tabs share: one cancel event per background call, all set by one click.

A tab may have several calls in flight (a search while a retrieve runs, a series expansion); a single shared
event cleared at each start would un-cancel a call still stopping. Each call therefore gets its own event, the
button is enabled while any call it can stop is running, and a click sets them all. The ``cxr_viewer.net`` call
does the stopping (it cuts the connection of a silent peer), and its outcome arrives as usual, or through
``on_cancelled`` when it raised :class:`~cxr_viewer.net.errors.Cancelled`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton, QWidget

from cxr_viewer.gui.pacs_worker import BackgroundCall, Report, run_in_background


class CancelButton(QPushButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("&Cancel", parent)
        self._in_flight: list[threading.Event] = []
        self.clicked.connect(self.cancel_all)
        self.setEnabled(False)

    def cancel_all(self) -> None:
        for event in self._in_flight:
            event.set()
        self.setEnabled(False)  # until a new call starts: the ones running now are already stopping

    def run(
        self,
        parent: QObject,
        cancel: threading.Event,
        work: Callable[[Report], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None],
        on_cancelled: Callable[[str], None],
        on_progress: Callable[[Any], None] | None = None,
    ) -> BackgroundCall:
        """Start ``work`` (which watches ``cancel``) in the background; the button stops it until it ends."""
        self._in_flight.append(cancel)
        self.setEnabled(True)

        def ended(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def finish(value: Any) -> None:
                self._in_flight[:] = [event for event in self._in_flight if event is not cancel]
                self.setEnabled(any(not event.is_set() for event in self._in_flight))
                callback(value)
            return finish

        return run_in_background(parent, work, ended(on_success), ended(on_failure), on_progress,
                                 ended(on_cancelled))
