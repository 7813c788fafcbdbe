"""Every console script (``cxr-index ... | head``, ``cxr-reader``, ``cxr-train``, ``cxr-ai``, ``cxr-pacs``,
``cxr-viewer``) ends quietly when the reader stops reading.

Python ignores SIGPIPE, so a write to a pipe whose reader has gone raises BrokenPipeError: a traceback, or
"Exception ignored ... BrokenPipeError" from the flush at exit. As the signal module's docs advise ("Note on
SIGPIPE"), stdout is flushed while the error can still be caught, then pointed at devnull so the flush at exit
finds nothing to write, and the status is 1. Only a closed stdout is taken for this: a BrokenPipeError from
anything else (a socket, a worker's pipe) is a real error and keeps its traceback. Qt-free and free of the rest
of the viewer, so the plugins' and training's command lines use it too.
"""

from __future__ import annotations

import functools
import os
import select
import sys
from collections.abc import Callable

Main = Callable[[list[str] | None], int]


def stdout_reader_gone() -> bool:
    """True when stdout is a pipe or socket whose reading end is closed (poll reports an error or hang-up)."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # replaced by a non-file stream (a test's capture), or closed
        return False
    poller = select.poll()
    poller.register(descriptor, select.POLLOUT)
    return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))


def quiet_when_reader_closes(main: Main) -> Main:
    """``main`` as a console-script entry that exits with status 1, without a traceback, on a closed stdout."""

    @functools.wraps(main)
    def entry(argv: list[str] | None = None) -> int:
        try:
            try:
                status = main(argv)
            except SystemExit:  # argparse's --help, --version and usage errors: flush what they printed here
                sys.stdout.flush()
                raise
            sys.stdout.flush()
            return status
        except BrokenPipeError:
            if not stdout_reader_gone():
                raise
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1

    return entry
