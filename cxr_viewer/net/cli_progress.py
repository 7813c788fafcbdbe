"""How ``cxr-pacs move/get`` show a retrieve on the terminal: live counters on stderr, then a one-line outcome."""

from __future__ import annotations

import sys

from cxr_viewer.net.retrieve_result import RetrieveProgress, RetrieveResult


class ProgressLine:
    """The counters on one stderr line, rewritten in place. Leaving the ``with`` block ends that line, so what
    follows on stderr (the index summary, an error, "cxr-pacs: cancelled") starts on a line of its own; it used to
    be glued to the counters whenever stderr did not share the terminal with stdout."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, progress: RetrieveProgress) -> None:
        total = progress.completed + progress.remaining + progress.failed + progress.warning
        print(f"\r{progress.completed}/{total} received, {progress.failed} failed", end="", file=sys.stderr)
        self.shown = True

    def __enter__(self) -> "ProgressLine":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.shown:
            print(file=sys.stderr)


def outcome(result: RetrieveResult) -> str:
    """"cancelled" rather than the status of a retrieve that Ctrl+C cut, whose status says nothing."""
    return "cancelled" if result.cancelled else f"status 0x{result.status:04X}"
