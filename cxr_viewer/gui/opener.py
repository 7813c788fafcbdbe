"""Opening files: expand folders/DICOMDIRs, group into studies, load through the cache, report failures.

A file that cannot be decoded is reported (file name and reason) and the viewer moves on to the next
one in the same direction, so one corrupt file never blocks a study.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6 import QtCore

from cxr_viewer.core.discovery import find_image_files
from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.loader import load_image
from cxr_viewer.gui.cache import ImageCache
from cxr_viewer.gui.navigation import Navigator, group_by_study

ErrorSink = Callable[[str, str], None]


class ImageOpener(QtCore.QObject):
    image_ready = QtCore.Signal(object)  # LoadedImage now current
    image_closed = QtCore.Signal()  # no image current: the main view was emptied

    def __init__(self, cache: ImageCache, report_error: ErrorSink, notice: Callable[[str], None]) -> None:
        super().__init__()
        self.cache = cache
        self.navigator = Navigator()
        self._report = report_error
        self._notice = notice
        self.current: LoadedImage | None = None
        self.locked_by: str | None = None  # a plugin holding the view: files and navigation are refused

    def _refused(self) -> bool:
        if self.locked_by is not None:
            self._notice(f"Opening and navigating are off while the {self.locked_by} plugin holds the view")
        return self.locked_by is not None

    def open_paths(self, paths: list[str | Path]) -> bool:
        """Replace the open list with the images under ``paths``; show the first one that loads."""
        if self._refused():
            return False
        given = [Path(p) for p in paths]
        missing = [p for p in given if not p.exists()]
        for path in missing:
            self._report("Cannot open file", f"{path}: no such file or folder")
        files = find_image_files([p for p in given if p.exists()])
        if not files:
            if not missing:
                self._report("Nothing to open", ", ".join(str(p) for p in given) + ": no image files found")
            return False
        self.navigator.set_studies(*group_by_study(files))
        return self._show_or_skip(+1)

    def load(self, path: Path) -> LoadedImage | None:
        """The image at ``path`` from the cache or the disk; None (after reporting why) if it cannot be read."""
        cached = self.cache.get(path)
        if cached is not None:
            return cached
        try:
            image = load_image(path)
        except ImageLoadError as exc:
            self._report("Cannot open image", f"{path.name}: {exc.reason}  ({path})")
            return None
        except (OSError, ValueError, MemoryError) as exc:
            self._report("Cannot open image", f"{path.name}: {type(exc).__name__}: {exc}  ({path})")
            return None
        self.cache.put(path, image)
        return image

    def step_image(self, step: int) -> bool:
        end = "Last image of the list" if step > 0 else "First image of the list"
        return not self._refused() and self._step(lambda: self.navigator.step_image(step), step, end)

    def step_study(self, step: int) -> bool:
        end = "Last study of the list" if step > 0 else "First study of the list"
        return not self._refused() and self._step(lambda: self.navigator.step_study(step), 1, end)

    def _step(self, move: Callable[[], bool], direction: int, at_end: str) -> bool:
        """Move and show; when nothing loadable lies that way the cursor goes back to the image on screen, so
        the next step starts from what the user sees, not from the broken file that was skipped. A step that
        cannot move at all says so (``at_end``), so a key press at the end of the list is never silently lost."""
        position = self.navigator.study, self.navigator.image
        if not move():
            self._notice(at_end if self.navigator.studies else "No study list is open")
            return False
        if self._show_or_skip(direction):
            return True
        self.navigator.study, self.navigator.image = position
        return False

    def _show_or_skip(self, direction: int) -> bool:
        """Show the current image, or the next loadable one in ``direction``."""
        while True:
            path = self.navigator.current
            if path is None:
                return False
            image = self.load(path)
            if image is not None:
                self.current = image
                self.image_ready.emit(image)
                return True
            if not self.navigator.step_image(direction):
                return False

    def show_image(self, image: LoadedImage) -> None:
        """Show an image that is already decoded (plugins, reader studies); it joins no study list."""
        self.current = image
        self.image_ready.emit(image)

    def close(self) -> None:
        """No image is current any more (the caller emptied the main view); listeners drop what they showed of it."""
        self.current = None
        self.image_closed.emit()
