"""Files in and out by hand: the File menu's Open dialogs, files dropped on the window, and Export view as PNG.

What the reader picks or drops is scanned off the GUI thread (``ImageOpener.open_in_background``), so a large
folder or a slow share never freezes the window. Only local files are taken from a drop: a URL from a browser is
not a file the viewer can scan. A failed export is reported like any other error, because a reader who saw no
message would believe a key image had been saved. The Open dialogs start in the folder the last one opened from (kept
in the settings across restarts): a reader goes back to the same import or CD folder day after day.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtGui, QtWidgets

from cxr_viewer.gui import export_name
from cxr_viewer.gui.gsps_open import open_presentation
from cxr_viewer.settings_file import update_settings_file

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

log = logging.getLogger(__name__)


class WindowFiles:
    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        window.opener.presentation_state = lambda paths: open_presentation(window, paths)

    def choose_files(self) -> None:
        files, _ = QtWidgets.QFileDialog.getOpenFileNames(self._window, "Open images", self._start_folder())
        if files:
            self._open(files, Path(files[0]).parent)

    def choose_folder(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self._window, "Open folder (searched recursively)",
                                                            self._start_folder())
        if folder:
            self._open([folder], Path(folder).parent)  # the next study's folder is usually beside this one

    def choose_dicomdir(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self._window, "Open DICOMDIR", self._start_folder(),
                                                        filter="DICOMDIR (DICOMDIR);;All files (*)")
        if path:
            self._open([path], Path(path).parent)

    def _start_folder(self) -> str:
        """The folder the last Open found something in, while it exists (a CD taken out, a share not mounted)."""
        folder = self._window.settings.last_folder
        return folder if folder and Path(folder).is_dir() else ""

    def _open(self, paths: list[str], folder: Path) -> None:
        self._window.opener.open_in_background(paths)
        self._remember("last_folder", folder)

    def _remember(self, name: str, folder: Path) -> None:
        """Where the next Open (``last_folder``) or Export (``export_folder``) dialog starts, across restarts."""
        setattr(self._window.settings, name, str(folder))
        try:
            update_settings_file(lambda raw: raw.update({name: str(folder)}))
        except OSError as exc:  # the files still open; only where the next dialog starts is lost: not worth a message
            log.warning("%s not saved in the settings: %s", name, exc)

    def choose_export(self) -> None:
        """The dialog starts where the last export went with a name that overwrites nothing (``export_name``)."""
        window = self._window
        image = window.layout_panes.active.image
        film = image.path if image is not None else None
        blinded = window.hold.metadata_hidden
        meta = image.metadata if image is not None else {}
        stem = export_name.name_stem(str(meta.get("PatientID", "") or ""), film, str(meta.get("StudyDate", "") or ""),
                                     blinded)
        offered = export_name.free_path(export_name.start_folder(window.settings.export_folder, film, blinded), stem)
        path, _ = QtWidgets.QFileDialog.getSaveFileName(window, "Export view", str(offered), "PNG (*.png)")
        if path and self.export_view(path) and not blinded:  # a blinded read's folder may name the patient
            self._remember("export_folder", Path(path).parent)

    def export_view(self, path: str) -> bool:
        """Save the active pane (in 1×2, the one the reader chose) as shown; False, after saying why, on failure.

        A pane with no film is not exported: the PNG would hold only the "Open a file" hint, and the reader, told it
        was exported, would believe a key image saved. A name typed without an extension gets ".png", so the file
        opens as a picture wherever it is sent."""
        window = self._window
        pane = window.layout_panes.active
        if pane.image is None:
            window.report_error("Export failed", "no film is shown in the active pane (nothing was written)")
            return False
        if not Path(path).suffix:
            path = f"{path}.png"
        try:
            size = pane.export_png(path)
        except OSError as error:
            window.report_error("Export failed", f"{error} (nothing was written)")
            return False
        where = Path(path).name if window.hold.metadata_hidden else f"{size.width()}×{size.height()} to {path}"
        window.statusBar().showMessage(f"Exported {where}", 6000)  # a blinded read shows no folder: it may name the patient
        return True

    @staticmethod
    def accept_drag(event: QtGui.QDragMoveEvent) -> None:
        """Entering or moving over the window: take the drag only when it carries URLs (files, perhaps)."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def drop(self, event: QtGui.QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self._window.opener.open_in_background(paths)
