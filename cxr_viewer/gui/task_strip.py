"""What the status bar's task strip says, and about which tasks (Qt-free).

The strip is about the work the user started (an import, a check, a detection): quiet housekeeping (the selected
study's thumbnails) never shows there, so it can never take the strip, or its Cancel, from that work. While several
tasks run the newest one is described and the others are counted, so a task started later never hides that an
earlier one is still going. Apart from the widget so the wording can be checked without a window.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class StripTask(Protocol):
    """What the strip reads of a task (``tasks.Task`` has it)."""

    title: str
    quiet: bool

    @property
    def cancelled(self) -> bool: ...


T = TypeVar("T", bound=StripTask)


def shown_tasks(running: Sequence[T]) -> list[T]:
    """The running tasks the strip is about, oldest first (quiet ones left out)."""
    return [task for task in running if not task.quiet]


def strip_label(task: StripTask, others: int, message: str) -> str:
    """``Detecting (+1 more): 40 %``: the newest task's title, how many others run, and its latest message, which
    ``cancelling…`` replaces once Cancel was pressed (the work stops only at its next check)."""
    title = task.title + (f" (+{others} more)" if others > 0 else "")
    message = "cancelling…" if task.cancelled else message
    return f"{title}: {message}" if message else title


def cancel_entry(task: StripTask) -> str:
    """The Cancel menu's line for one of several running tasks."""
    return f"Cancel {task.title}"
