"""What a retrieve reports, whichever transport fetched it: pending counters while it runs, a result at the end.

DIMSE (C-MOVE, C-GET) and DICOMweb (WADO-RS) retrieves share these types, so the dialog and the command line
show progress and outcome the same way for both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cxr_viewer.net.errors import PacsError


@dataclass(frozen=True)
class RetrieveProgress:
    completed: int
    remaining: int
    failed: int
    warning: int


@dataclass
class RetrieveResult:
    status: int = 0x0000
    completed: int = 0
    failed: int = 0
    warning: int = 0
    cancelled: bool = False
    files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # per-instance reasons, where the transport gives them
    failure: str = ""  # the retrieve itself failed after ``files`` had arrived (see RetrieveFailed)

    @property
    def ok(self) -> bool:
        return (self.status in (0x0000, 0xB000) and self.failed == 0 and not self.cancelled and not self.failure
                and not self.empty)

    @property
    def empty(self) -> bool:
        """Success with nothing sent: a PACS answers so for a study it lists but cannot deliver (archived offline,
        emptied, deleted since the search). Reported as "done", it looked like a fetched prior that was not there."""
        return (not self.cancelled and not self.failure and not self.files and self.status == 0x0000
                and self.completed == self.failed == self.warning == 0)


NOTHING_SENT = ("the PACS answered success but sent no instance: the study or series may be empty, archived offline "
                "or deleted on the PACS since the search")


class RetrieveFailed(PacsError):
    """A retrieve that failed after some instances had arrived. Those files are whole and kept; the caller still
    indexes and shows them. Raised as a bare error, they were on disk but neither indexed nor opened by the window,
    and "failed" alone did not say that part of the study had come."""

    def __init__(self, message: str, files: list[Path]) -> None:
        super().__init__(message)
        self.files = list(files)


def failed_after(error: BaseException, files: list[Path], store: Path) -> RetrieveFailed:
    """``error`` with the instances that arrived before it named, so no message hides received data."""
    return RetrieveFailed(f"{error}; the {len(files)} instance(s) received before the failure are kept in {store} "
                          "(retrieve again for the rest)", files)


ProgressCallback = Callable[[RetrieveProgress], None]
