"""How the headless host (``headless_host``) runs a plugin's background work: at once, on the calling thread.

A test then sees the result as soon as the call returns, with no event loop to wait on; the work still gets a
progress reporter and the caller a task handle, as the plugin API promises, and an error reaches ``on_error`` as
it does from the viewer's task runner.
"""

from __future__ import annotations

from typing import Any, Callable


class _Progress:
    cancelled = False

    def __init__(self) -> None:
        self.messages: list[str] = []

    def report(self, fraction: float, message: str = "") -> None:
        self.messages.append(message)


class _Done:
    done = True

    def cancel(self) -> None:
        """Synchronous tasks are over before anyone can cancel them."""


def run_at_once(work: Callable[[_Progress], Any], on_done: Callable[[Any], None] | None = None,
                on_error: Callable[[BaseException], None] | None = None) -> _Done:
    """Run ``work`` now and hand its outcome to ``on_done``, or its error to ``on_error``."""
    try:
        outcome = work(_Progress())
    except Exception as error:  # noqa: BLE001 - handed to the plugin like the GUI host does
        if on_error:
            on_error(error)
    else:
        if on_done:
            on_done(outcome)
    return _Done()
