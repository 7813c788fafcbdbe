"""The main window's Query/Retrieve window: opened from the File menu, fed the study on screen, its retrievals shown.

One window per main window, non-modal, kept when closed, so its query results, receiver and send list survive
closing and reopening it. Its Send tab offers the DICOM files of the study on screen; what it retrieves is opened
(the pictures among it: SR and SEG objects stay in the receiver's store) and added to the study index.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cxr_viewer.core.discovery import pictures_among
from cxr_viewer.core.raster_reader import PILLOW_SUFFIXES

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow
    from cxr_viewer.gui.pacs_dialog import PacsDialog


class PacsLauncher:
    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        self.dialog: PacsDialog | None = None  # made at the first open

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
        self.dialog.send_tab.reload_from_viewer()
        self.dialog.show()
        self.dialog.raise_()

    def send_candidates(self) -> list[Path]:
        """The DICOM files of the study on screen, as the navigator grouped them (the Send tab's default list)."""
        navigator = self._window.opener.navigator
        if not navigator.studies:
            return []
        return [path for path in navigator.studies[navigator.study] if path.suffix.lower() not in PILLOW_SUFFIXES]

    def _open_retrieved(self, paths: list) -> None:
        window = self._window
        pictures = pictures_among(Path(p) for p in paths)  # SR/SEG stay on disk, in the receiver's store
        if pictures:
            window.open_paths(pictures)
        elif paths:
            window.statusBar().showMessage(f"Retrieved {len(paths)} object(s), none of them an image to show "
                                           "(reports, segmentations); they are in the receiver's store", 15000)
        if pictures and window.browser is not None:
            window.browser.import_files(pictures, title="Indexing retrieved study")
