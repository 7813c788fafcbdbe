"""A film from the cache or the disk, and a file that cannot be read named once.

Stepping through a list passes the same broken file again and again (back and forth, or a prior the comparison pane
looks up on every film), so a file that failed is reported with its name and reason the first time and skipped
quietly after, until another list is opened (``forget_failures``). While a list is being opened its failures are
held (``hold_failures``, for the list's own files only: a prior the comparison pane loads from the index meanwhile
is no file the reader opened, and keeps its own message), so that the scan's message of what it left out names them too: one entry for a truncated
and a garbage file opened together, not a left-out message and a ``Cannot open image`` apart. The file's signature is taken before it is read:
one rewritten meanwhile is read again next time rather than shown from the cache (``cache``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.loader import load_image
from cxr_viewer.gui.cache import ImageCache, file_signature
from cxr_viewer.gui.opening_scan import ErrorSink


class FilmLoader:
    def __init__(self, cache: ImageCache, report_error: ErrorSink) -> None:
        self.cache = cache
        self._report = report_error
        self._failed: set[Path] = set()  # reported since the list was opened: never named twice
        self._held: list[tuple[Path, str]] | None = None  # failures waiting for ``release_failures``
        self._holding: set[Path] = set()  # the files whose failures are held

    @property
    def failures(self) -> int:
        """How many files have been named as unreadable since the list was opened."""
        return len(self._failed)

    def forget_failures(self) -> None:
        """A new list: its broken files are named again, once."""
        self._failed = set()

    def hold_failures(self, paths: Iterable[Path]) -> None:
        """Keep the failures of ``paths`` from now on for ``release_failures`` instead of reporting them."""
        self._held, self._holding = [], set(paths)

    def release_failures(self, join: bool) -> list[str]:
        """The held failures as ``path: reason`` lines when ``join`` (the caller reports them with its own);
        otherwise each reported as usual, and none returned."""
        held, self._held, self._holding = self._held or [], None, set()
        if join:
            return [f"{path}: {reason}" for path, reason in held]
        for path, reason in held:
            self._report("Cannot open image", f"{path.name}: {reason}  ({path})", None)
        return []

    def load(self, path: Path) -> LoadedImage | None:
        """The image at ``path`` from the cache or the disk; None (after reporting why, once) if it cannot be read."""
        cached = self.cache.get(path)
        if cached is not None:
            return cached
        if path in self._failed:
            return None
        signature = file_signature(path)  # before reading: a file rewritten meanwhile is read again next time
        try:
            if signature is None:
                raise ImageLoadError(path, "no longer on disk (moved or deleted since the list was opened)")
            image = load_image(path)
        except ImageLoadError as exc:
            return self._failure(path, exc.reason)
        except (OSError, ValueError, MemoryError) as exc:
            return self._failure(path, f"{type(exc).__name__}: {exc}")
        self.cache.put(path, image, signature)
        return image

    def _failure(self, path: Path, reason: str) -> None:
        self._failed.add(path)
        if self._held is not None and path in self._holding:
            self._held.append((path, reason))
            return None
        self._report("Cannot open image", f"{path.name}: {reason}  ({path})", None)
