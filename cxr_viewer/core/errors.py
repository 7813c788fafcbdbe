"""The one error type every loader raises, so callers can show a single clear line per bad file."""

from __future__ import annotations

from pathlib import Path

DAMAGED_AFTER_DICM = "damaged: the 'DICM' mark is there but no readable DICOM header follows it"
NOT_AN_IMAGE_FILE = "not a DICOM file or a supported image format"
NOT_A_REGULAR_FILE = "not a regular file (a named pipe, device or socket): not read"
BROKEN_LINK = "a symbolic link that leads nowhere (a loop, or its target is gone)"


class ImageLoadError(Exception):
    """A file that could not be turned into an image; ``reason`` is written for the user, not the log."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path = Path(path) if path is not None else None
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        name = self.path.name if self.path is not None else "(in memory)"
        return f"{name}: {self.reason}"

    def __reduce__(self):  # keeps the error picklable for worker processes
        return (type(self), (self.path, self.reason))
