"""Ctrl+C (SIGINT) and SIGTERM for ``cxr-pacs``: they cancel the operation the way the window's Cancel does.

Left to Python, SIGINT raised ``KeyboardInterrupt`` in the main thread while pynetdicom's association thread, which
is not a daemon, went on connecting or waiting for a silent peer: the traceback was printed but the process lived
on for the node's connect timeout (up to 300 s) or the 30 s network timeout, and SIGTERM killed it mid-write. Here
a signal only sets the cancel event that the network operation already watches through its
:class:`~cxr_viewer.net.abort.ConnectionAborter`, which walks away from a host lookup and cuts the socket whatever
it is waiting for; the operation then returns or raises as cancelled, and the command exits with
``128 + signal number`` (130 for SIGINT, 143 for SIGTERM). A second signal ends the process at once.

The handler does nothing but set the event: the main thread never waits on that event itself (see
:func:`wait_for`), so the handler cannot block on a lock the interrupted code holds.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from types import FrameType, TracebackType

from cxr_viewer.net.abort import POLL_S

SIGNALS = (signal.SIGINT, signal.SIGTERM)
CANCELLED_MESSAGE = "cxr-pacs: cancelled"


class SignalCancel:
    """Within its ``with`` block SIGINT and SIGTERM set ``event``; the previous handlers come back afterwards.

    Must be entered in the main thread (Python runs signal handlers only there).
    """

    def __init__(self) -> None:
        self.event = threading.Event()
        self.signum = 0
        self._previous: dict[int, object] = {}

    @property
    def exit_status(self) -> int:
        """The shell's convention for a process ended by a signal."""
        return 128 + self.signum

    def __enter__(self) -> "SignalCancel":
        for signum in SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)  # type: ignore[arg-type]

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        if self.signum:  # the user insists: no more waiting, not even for the few seconds a cut takes
            os.write(sys.stderr.fileno(), f"{CANCELLED_MESSAGE}\n".encode())
            os._exit(128 + self.signum)
        self.signum = signum
        self.event.set()


def wait_for(event: threading.Event) -> None:
    """Block until ``event`` is set, by polling: a signal handler that sets the event while the main thread sat
    inside ``event.wait()`` could deadlock on the event's own lock."""
    while not event.is_set():
        time.sleep(POLL_S)
