"""What a retrieve reports, whichever transport fetched it: pending counters while it runs, a result at the end.

DIMSE (C-MOVE, C-GET) and DICOMweb (WADO-RS) retrieves share these types, so the dialog and the command line
show progress and outcome the same way for both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


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

    @property
    def ok(self) -> bool:
        return self.status in (0x0000, 0xB000) and self.failed == 0 and not self.cancelled


ProgressCallback = Callable[[RetrieveProgress], None]
