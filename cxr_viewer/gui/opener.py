"""Opening files: the list of studies the reader opened, stepping through it, and the film shown from it.

What the reader opened is scanned into a list of films (``opening_scan``: on a pool thread for what is opened by hand,
``open_in_background``; on the calling thread in ``open_paths``, for callers that need the image at once: the command
line, plugins, the Studies dock). A scan's films become the list only when one of them loads, so a folder of broken
files leaves the list on screen as it was, its image and its position text still agreeing.

A file that cannot be decoded when reached is reported (file name and reason, once: ``film_loader``) and the viewer
moves on to the next one in the same direction, so one corrupt file never blocks a study; it keeps its place in the
list ("Image 3/5" counts what the folder holds), however often the reader passes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6 import QtCore

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.open_scan import OpenScan, scan_paths
from cxr_viewer.gui.cache import ImageCache
from cxr_viewer.gui.film_loader import FilmLoader
from cxr_viewer.gui.navigation import Navigator
from cxr_viewer.gui.opening_scan import BackgroundScan, ErrorSink, report_scan
from cxr_viewer.gui.study_grouping import group_headers

if TYPE_CHECKING:
    from cxr_viewer.gui.tasks import Task, TaskRunner


class ImageOpener(QtCore.QObject):
    image_ready = QtCore.Signal(object)  # LoadedImage now current
    image_closed = QtCore.Signal()  # no image current: the main view was emptied
    scan_ended = QtCore.Signal(bool)  # a background open is over: True when it put a film on screen

    def __init__(self, cache: ImageCache, report_error: ErrorSink, notice: Callable[[str], None],
                 tasks: "TaskRunner") -> None:
        super().__init__()
        self.cache = cache
        self.navigator = Navigator()
        self._report = report_error
        self._notice = notice
        self._background = BackgroundScan(tasks, notice)
        self._loader = FilmLoader(cache, report_error)
        self.current: LoadedImage | None = None
        self.locked_by: str | None = None  # a plugin holding the view: files and navigation are refused
        # one presentation state opened is its image opened (``gsps_open``): whether it was, None for other paths
        self.presentation_state: Callable[[list[Path]], bool | None] = lambda _paths: None

    def _refused(self) -> bool:
        if self.locked_by is not None:
            self._notice(f"Opening and navigating are off while the {self.locked_by} plugin holds the view")
        return self.locked_by is not None

    @property
    def scan(self) -> "Task | None":
        """The background scan whose list will be shown, if any."""
        return self._background.task

    def open_paths(self, paths: list[str | Path]) -> bool:
        """Replace the open list with the images under ``paths`` (scanned here); show the first one that loads."""
        if self._refused():
            return False
        self.cancel_scan()
        given = [Path(p) for p in paths]
        opened = self.presentation_state(given)
        if opened is not None:
            return opened
        return self._show_list(given, scan_paths(given))

    def open_in_background(self, paths: list[str | Path]) -> "Task | None":
        """As ``open_paths``, with the scan on a pool thread; a scan already running is cancelled (``opening_scan``).
        ``scan_ended`` says when it is over."""
        if self._refused() or self.presentation_state([Path(p) for p in paths]) is not None:
            return None
        return self._background.start([Path(p) for p in paths], self._scanned)

    def cancel_scan(self) -> None:
        """Stop the background scan, if one runs; what it found is never shown."""
        self._background.cancel()

    def _scanned(self, given: list[Path], found: OpenScan | None) -> None:
        """The newest background scan is over (``found`` None: cancelled); its list is shown unless a plugin took
        the view meanwhile."""
        self.scan_ended.emit(found is not None and not self._refused() and self._show_list(given, found))

    def _show_list(self, given: list[Path], found: OpenScan) -> bool:
        """Say once what the scan left out; make its films the list and show the first that loads. When none loads,
        the list on screen stays (its image and its position text still agree)."""
        if not found.films:
            report_scan(self._report, given, found)
            return False
        navigator = self.navigator
        before = navigator.studies, navigator.patients, navigator.study, navigator.image
        navigator.set_studies(*group_headers(found.films))
        self._loader.forget_failures()
        self._loader.hold_failures(f.path for f in found.films)  # its films failing join what the scan left out
        try:
            shown = self._show_or_skip(+1)
        finally:  # held failures are never lost, even when showing the film raised
            report_scan(self._report, given, found, self._loader.release_failures(join=bool(found.left_out)))
        if shown:
            return True
        navigator.studies, navigator.patients, navigator.study, navigator.image = before
        return False

    def load(self, path: Path) -> LoadedImage | None:
        """The image at ``path`` (the comparison pane's prior too); None, after naming it once, if it cannot be read."""
        return self._loader.load(path)

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
        on_screen, failures = self.navigator.current, self._loader.failures
        if not move():
            self._notice(at_end if self.navigator.studies else "No study list is open")
            return False
        if self._show_or_skip(direction):
            return True
        if on_screen is not None:
            self.navigator.go_to(on_screen)
        if self._loader.failures == failures:  # only files named before lay that way: the key press still says why
            self._notice(at_end)
        return False

    def _show_or_skip(self, direction: int) -> bool:
        """Show the current image, or the next loadable one in ``direction`` (those that fail were named once)."""
        while True:
            path = self.navigator.current
            if path is None:
                return False
            image = self._loader.load(path)
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
