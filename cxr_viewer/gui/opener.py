"""Opening files: scan folders/DICOMDIRs into a list of studies, load through the cache, report failures once.

The scan (``core.open_scan``) lists the films in reading order and says in one message what it left out (non-images,
duplicates, missing DICOMDIR references …). What the user opens by hand (File > Open, a drop) is scanned on a pool
thread (``open_in_background``), with progress and Cancel in the status bar, so a folder of thousands of files or a
slow share never freezes the window; opening again meanwhile cancels that scan (the newest request wins) and a
cancelled or replaced scan changes nothing on screen. ``open_paths`` does the same on the calling thread, for
callers that need the image at once (the command line, plugins, the Studies dock).

A file that cannot be decoded when reached is reported (file name and reason) and the viewer moves on to the next
one in the same direction, so one corrupt file never blocks a study; it is named once, however often the reader
passes its place (it keeps its place in the list: "Image 3/5" counts what the folder holds).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6 import QtCore

from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.loader import load_image
from cxr_viewer.core.open_scan import OpenScan, ScanCancelled, scan_paths
from cxr_viewer.gui.cache import ImageCache, file_signature
from cxr_viewer.gui.messages import summarise
from cxr_viewer.gui.navigation import Navigator, group_headers

if TYPE_CHECKING:
    from cxr_viewer.gui.tasks import Reporter, Task, TaskRunner

ErrorSink = Callable[[str, str, "str | None"], None]


def _where(paths: list[Path]) -> str:
    return str(paths[0]) + (f" and {len(paths) - 1} more" if len(paths) > 1 else "")


class ImageOpener(QtCore.QObject):
    image_ready = QtCore.Signal(object)  # LoadedImage now current
    image_closed = QtCore.Signal()  # no image current: the main view was emptied
    scan_ended = QtCore.Signal(bool)  # a background open is over: True when it put a film on screen

    def __init__(self, cache: ImageCache, report_error: ErrorSink, notice: Callable[[str], None],
                 tasks: "TaskRunner | None" = None) -> None:
        super().__init__()
        self.cache = cache
        self.navigator = Navigator()
        self._report = report_error
        self._notice = notice
        self._tasks = tasks
        self.scan: "Task | None" = None  # the background scan whose list will be shown, if any
        self._failed: set[Path] = set()  # reported since the list was opened: never named twice
        self.current: LoadedImage | None = None
        self.locked_by: str | None = None  # a plugin holding the view: files and navigation are refused

    def _refused(self) -> bool:
        if self.locked_by is not None:
            self._notice(f"Opening and navigating are off while the {self.locked_by} plugin holds the view")
        return self.locked_by is not None

    def open_paths(self, paths: list[str | Path]) -> bool:
        """Replace the open list with the images under ``paths`` (scanned here); show the first one that loads."""
        if self._refused():
            return False
        self.cancel_scan()
        given = [Path(p) for p in paths]
        return self._show_list(given, scan_paths(given))

    def open_in_background(self, paths: list[str | Path]) -> "Task | None":
        """As ``open_paths``, with the scan on a pool thread; a scan already running is cancelled (module doc)."""
        if self._refused():
            return None
        given = [Path(p) for p in paths]
        if self._tasks is None:
            self.open_paths(given)
            return None
        self.cancel_scan()

        def work(reporter: "Reporter") -> OpenScan | None:
            try:
                return scan_paths(given, lambda done, total: reporter.report(done / max(total, 1), f"{done}/{total} "
                                                                             "files"), lambda: reporter.cancelled)
            except ScanCancelled:
                return None

        task = self._tasks.run(work, lambda found: self._scanned(task, given, found), title=f"Opening {_where(given)}")
        self.scan = task
        return task

    def cancel_scan(self) -> None:
        """Stop the background scan, if one runs; what it found is never shown."""
        if self.scan is not None:
            self.scan.cancel()
            self.scan = None

    def _scanned(self, task: "Task", given: list[Path], found: OpenScan | None) -> None:
        if task is not self.scan:
            return  # replaced by a newer open, or cancelled: the newest request wins
        self.scan = None
        if found is None or task.cancelled:
            self._notice(f"Opening {_where(given)} cancelled: nothing changed")
        elif not self._refused():
            self.scan_ended.emit(self._show_list(given, found))
            return
        self.scan_ended.emit(False)

    def _show_list(self, given: list[Path], found: OpenScan) -> bool:
        """Say once what the scan left out; make its films the list and show the first that loads. When none loads,
        the list on screen stays (its image and its position text still agree)."""
        if found.left_out:
            self._report("Not opened", *summarise(f"{len(found.left_out)} left out when opening {_where(given)}:",
                                                  found.left_out))
        if found.notes:
            self._report("Same image in two files", *summarise(f"Opening {_where(given)}:", found.notes))
        if not found.films:
            if not found.left_out:
                self._report("Nothing to open", f"{_where(given)}: no image files found", None)
            return False
        navigator = self.navigator
        before = navigator.studies, navigator.patients, navigator.study, navigator.image
        navigator.set_studies(*group_headers(found.films))
        self._failed = set()
        if self._show_or_skip(+1):
            return True
        navigator.studies, navigator.patients, navigator.study, navigator.image = before
        return False

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
        self._report("Cannot open image", f"{path.name}: {reason}  ({path})", None)

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
        on_screen, failures = self.navigator.current, len(self._failed)
        if not move():
            self._notice(at_end if self.navigator.studies else "No study list is open")
            return False
        if self._show_or_skip(direction):
            return True
        if on_screen is not None:
            self.navigator.go_to(on_screen)
        if len(self._failed) == failures:  # only files named before lay that way: the key press still says why
            self._notice(at_end)
        return False

    def _show_or_skip(self, direction: int) -> bool:
        """Show the current image, or the next loadable one in ``direction`` (those that fail were named once)."""
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
