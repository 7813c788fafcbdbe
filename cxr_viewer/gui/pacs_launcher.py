"""The main window's Query/Retrieve window: opened from the File menu, fed the study on screen, its retrievals shown.

One window per main window, non-modal, kept when closed, so its query results, receiver and send list survive
closing and reopening it. Its Send tab offers the DICOM files of the study on screen at once, and that study's SR
and SEG beside them when a background read of their folders finds them (a folder of thousands of files, on a share,
froze the window while its headers were read); what it retrieves is added to
the study index and opened (the pictures among it: SR and SEG objects stay in the receiver's store), except another
study of the patient on screen dated before the film: that one goes beside the film, in 1x2, through the index, since
a radiologist fetches a prior to compare with the film being read, and opening it in its place lost the film and left
nothing to compare. Where the index cannot take it (unusable, read-only) it is opened in place, as is a later study.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from pydicom import dcmread
from pydicom.errors import InvalidDicomError

from cxr_viewer.core.discovery import pictures_among
from cxr_viewer.core.file_headers import read_header
from cxr_viewer.core.raster_reader import PILLOW_SUFFIXES

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow
    from cxr_viewer.gui.pacs_dialog import PacsDialog
    from cxr_viewer.gui.tasks import Reporter, Task


class PacsLauncher:
    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        self.dialog: PacsDialog | None = None  # made at the first open
        self._scan: Task | None = None  # the folder read whose results the Send tab's list is waiting for

    def open(self) -> None:
        """Show the window (made the first time, from the PACS settings; broken settings are reported instead)."""
        from cxr_viewer.gui.pacs_dialog import PacsDialog
        from cxr_viewer.net.config import load_settings as load_pacs_settings

        if self.dialog is None:
            try:
                pacs_settings = load_pacs_settings()
            except ValueError as exc:
                self._window.report_error("PACS settings", str(exc))
                return
            self.dialog = PacsDialog(pacs_settings, self._window, send_paths=self.send_candidates)
            self.dialog.retrieved.connect(self._open_retrieved)
            self.dialog.nodes_tab.nodes_changed.connect(self._window.host.nodes_edited)  # plugins grey their sends
            self.dialog.finished.connect(self._drop_scan)  # closed: reopening lists the study on screen afresh
        self.dialog.send_tab.reload_from_viewer()
        self.dialog.show()
        self.dialog.raise_()

    def send_candidates(self) -> list[Path]:
        """The DICOM files of the study on screen, as the navigator grouped them (known: listed at once), and, added
        to the Send tab when a background read of their folders ends, the results of that study there (an AI SR or
        SEG exported beside the film): the Send tab's default list. The scan leaves such objects out of the films, so
        they had to be added by hand, though this list is where a reader looks. Each call replaces the list, so an
        earlier read still running is dropped: its results would duplicate the new one's, or belong to another study."""
        self._drop_scan()
        navigator = self._window.opener.navigator
        if not navigator.studies:
            return []
        films = [path for path in navigator.studies[navigator.study] if path.suffix.lower() not in PILLOW_SUFFIXES]
        study_uid = navigator.patients[navigator.study].uid
        listed = {path for study in navigator.studies for path in study}  # films need no second header read

        def work(reporter: "Reporter") -> list[Path]:
            return _results_beside(films, study_uid, listed, lambda: reporter.cancelled)

        task = self._window.tasks.run(work, lambda found: self._add_results(task, found),
                                      title="Looking for AI results beside the film", quiet=True)
        self._scan = task
        return films

    def _add_results(self, task: "Task", found: list[Path]) -> None:
        if task is self._scan and not task.cancelled and self.dialog is not None:
            self._scan = None
            self.dialog.send_tab.add_paths(found)

    def _drop_scan(self) -> None:
        if self._scan is not None:
            self._scan.cancel()
            self._scan = None

    def _open_retrieved(self, paths: list) -> None:
        window = self._window
        pictures = pictures_among(Path(p) for p in paths)  # SR/SEG stay on disk, in the receiver's store
        if pictures and window.browser is not None and self._beside_current(pictures[0]):
            if window.browser.import_files(pictures, title="Indexing retrieved study") is None:
                window.open_paths(pictures)  # an unusable or read-only index refused them (and said so): beside the
                return  # film the prior could only be an empty pane, so it replaces the film, as before
            if window.layout_panes.secondary is None:  # the pane asks the index again when the import is done
                window.set_layout("1x2")
            window.statusBar().showMessage(f"Retrieved {len(pictures)} image(s) of this patient's study: indexed; "
                                           "the right pane shows the patient's newest prior", 15000)
            return
        if pictures:
            window.open_paths(pictures)
        elif paths:
            window.statusBar().showMessage(f"Retrieved {len(paths)} object(s), none of them an image to show "
                                           "(reports, segmentations); they are in the receiver's store", 15000)
        if pictures and window.browser is not None:
            window.browser.import_files(pictures, title="Indexing retrieved study")

    def _beside_current(self, retrieved: Path) -> bool:
        """Whether ``retrieved`` is a prior of the patient on screen: fetched while reading a film, it goes beside it
        (through the index and the comparison pane) instead of replacing the film the reader was on. Only a study
        dated before the film's is one: the comparison pane offers nothing later (``index.prior``), so a later or
        undated study beside it would be shown nowhere."""
        opener = self._window.opener
        navigator = opener.navigator
        if opener.locked_by is not None or not navigator.studies or self._window.layout_panes.primary.image is None:
            return False  # a plugin's hold (a blinded read) keeps its layout: the opener refuses, as before
        patient, when, study_uid = navigator.patients[navigator.study]
        header = read_header(retrieved)
        return (bool(patient) and header.patient == patient and header.study_uid not in ("", study_uid)
                and bool(when) and bool(header.when) and header.when < when)


def _results_beside(films: list[Path], study_uid: str, listed: set[Path], stop: Callable[[], bool]) -> list[Path]:
    """Non-film DICOM objects of ``study_uid`` in the films' folders; another study's (perhaps another patient's)
    report in the same folder is never offered. Runs on a pool thread; ``stop`` ends it early once nobody waits."""
    if not study_uid:
        return []
    found: list[Path] = []
    for folder in dict.fromkeys(path.parent for path in films):
        try:
            entries = sorted(entry for entry in folder.iterdir() if entry.is_file() and entry not in listed)
        except OSError:
            continue
        for entry in entries:
            if stop():
                return []
            if entry.suffix.lower() not in PILLOW_SUFFIXES and _study_of(entry) == study_uid:
                found.append(entry)
    return found


def _study_of(path: Path) -> str:
    """The file's Study Instance UID, '' for what is not DICOM (``read_header`` keys non-films by folder)."""
    try:
        header = dcmread(path, stop_before_pixels=True, specific_tags=["StudyInstanceUID"])
    except (OSError, InvalidDicomError, ValueError, AttributeError):
        return ""
    return str(header.get("StudyInstanceUID", ""))
