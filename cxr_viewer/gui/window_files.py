"""Files in and out by hand: the File menu's Open dialogs, files dropped on the window, and Export view as PNG.

What the reader picks or drops is scanned off the GUI thread (``ImageOpener.open_in_background``), so a large
folder or a slow share never freezes the window. Only local files are taken from a drop: a URL from a browser is
not a file the viewer can scan. A failed export is reported like any other error, because a reader who saw no
message would believe a key image had been saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtGui, QtWidgets

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow


class WindowFiles:
    def __init__(self, window: "MainWindow") -> None:
        self._window = window

    def choose_files(self) -> None:
        files, _ = QtWidgets.QFileDialog.getOpenFileNames(self._window, "Open images")
        if files:
            self._window.opener.open_in_background(files)

    def choose_folder(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self._window, "Open folder (searched recursively)")
        if folder:
            self._window.opener.open_in_background([folder])

    def choose_dicomdir(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self._window, "Open DICOMDIR",
                                                        filter="DICOMDIR (DICOMDIR);;All files (*)")
        if path:
            self._window.opener.open_in_background([path])

    def choose_export(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self._window, "Export view", "view.png", "PNG (*.png)")
        if path:
            self.export_view(path)

    def export_view(self, path: str) -> bool:
        """Save the active pane (in 1×2, the one the reader chose) as shown; False, after saying why, on failure."""
        window = self._window
        try:
            size = window.layout_panes.active.export_png(path)
        except OSError as error:
            window.report_error("Export failed", f"{error} (nothing was written)")
            return False
        window.statusBar().showMessage(f"Exported {size.width()}×{size.height()} to {path}", 6000)
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
