"""What every ``cxr-index`` sub-command shares with the terminal: exit statuses, Ctrl+C, the progress line.

Kept apart from the sub-commands so that ``import``, ``verify`` and ``forget-missing`` answer Ctrl+C, draw their
progress and count their files the same way, and so that the exit statuses the module doc of ``cli`` promises are
named in one place.
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PROBLEMS, EXIT_INTERRUPTED = 0, 1, 2, 3, 130  # EXIT_USAGE: argparse's own


def count(number: int, singular: str, plural: str | None = None) -> str:
    """``1 indexed file``, ``3 indexed files``; ``plural`` where adding an s is wrong (``index entries``)."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


@contextmanager
def interruptible() -> Iterator[Callable[[], bool]]:
    """Ctrl+C asks the import to stop after the current file (what was read is committed); a second one kills."""
    state = {"interrupted": False}

    def on_interrupt(signum: int, frame: object) -> None:
        state["interrupted"] = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    try:
        previous = signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread (e.g. called from a test runner thread): no handler, no cancel
        yield lambda: False
        return
    try:
        yield lambda: state["interrupted"]
    finally:
        signal.signal(signal.SIGINT, previous)


class ProgressLine:
    """``<verb> done/total files`` on one stderr line, redrawn at most ten times a second.

    Before the files can be counted the folders are walked, which on a large share takes minutes: meanwhile
    (``walking``) the line says how many files were found so far, so a long import never sits silent.
    """

    def __init__(self, verb: str = "reading") -> None:
        self._verb = verb
        self._last = 0.0
        self._width = 0  # of the text shown, so a shorter one wipes it

    def __call__(self, done: int, total: int, path: str | None = None) -> None:
        self._show(f"{self._verb} {done}/{total} files", force=done == total)

    def walking(self, found: int, folder: str) -> None:
        self._show(f"looking for files: {count(found, 'file')} found so far")

    def _show(self, text: str, force: bool = False) -> None:
        now = time.monotonic()
        if now - self._last >= 0.1 or force:
            self._last = now
            print(f"\r{text:<{self._width}}", end="", file=sys.stderr, flush=True)
            self._width = max(self._width, len(text))

    def finish(self) -> None:
        if self._width:
            print(file=sys.stderr)
