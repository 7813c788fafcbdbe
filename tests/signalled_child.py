"""Signalling a real command-line child once it has got going, as a user's Ctrl+C or a scheduler's SIGTERM does."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable
from typing import Any

WAIT_S = 300  # a bound on the waits, not a speed assertion


def interruptible() -> None:
    """Ctrl+C as at a terminal: a suite started in the background by a non-interactive shell (``cmd &``) hands its
    children SIGINT ignored, and Python then installs no KeyboardInterrupt handler, so the child would never see it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def signal_once_started(command: list[str], started: Callable[[], bool], signum: int,
                        **popen: Any) -> tuple[int, str]:
    """Run ``command``, send it ``signum`` once ``started()`` is true, and return its exit status and stderr."""
    process = subprocess.Popen(command, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=interruptible, **popen)
    try:
        deadline = time.monotonic() + WAIT_S
        while not started() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, process.stderr.read()
        process.send_signal(signum)
        _, err = process.communicate(timeout=WAIT_S)
    finally:
        if process.poll() is None:
            process.kill()
    return process.returncode, err
