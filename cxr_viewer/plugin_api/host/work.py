"""The part of :class:`~cxr_viewer.plugin_api.host.ViewerHost` for telling the user things and for work off the GUI
thread, with the two protocols such work sees: its progress reporter and the handle the plugin keeps."""

from __future__ import annotations

import abc
from typing import Any, Callable, Protocol


class ProgressReporter(Protocol):
    """Passed to background work: report progress in [0, 1] and poll for cancellation.

    A negative fraction says the amount of work is not known yet (a folder tree still being walked): the viewer
    shows a busy bar then, rather than a bar standing at 0 % for minutes.
    """

    def report(self, fraction: float, message: str = "") -> None: ...

    @property
    def cancelled(self) -> bool: ...


class TaskHandle(Protocol):
    def cancel(self) -> None: ...

    @property
    def done(self) -> bool: ...


class WorkHost(abc.ABC):
    @abc.abstractmethod
    def show_status(self, text: str, permanent: bool = False) -> None: ...

    @abc.abstractmethod
    def show_error(self, title: str, text: str) -> None: ...

    @abc.abstractmethod
    def run_task(
        self,
        work: Callable[[ProgressReporter], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        title: str = "",
    ) -> TaskHandle:
        """Run ``work`` off the GUI thread with a progress bar and cancel; callbacks run on the GUI thread."""
