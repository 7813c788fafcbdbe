"""A run stopped by Ctrl+C or SIGTERM still writes its record.

Python ends on SIGTERM (a session's end, ``timeout``, a batch system) without running any cleanup, and Ctrl+C
unwound the training loop past the record writer: the checkpoint of the finished epochs survived but nothing said
which config, commit and history it came from. Inside :func:`sigterm_as_interrupt` SIGTERM raises
KeyboardInterrupt like Ctrl+C; the trainers catch it between steps, write the record of the epochs finished
(``"interrupted": true``) and raise :class:`RunInterrupted`, which ``cxr-train`` reports with exit status 130.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class RunInterrupted(KeyboardInterrupt):
    """The run stopped on a signal after writing its record (``record_file``; None on a non-zero DDP rank)."""

    def __init__(self, record_file: str | None) -> None:
        super().__init__(f"interrupted; run record {record_file}")
        self.record_file = record_file


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt while the block runs (main thread only: elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
