"""The folder dialog of "Save findings as DICOM SR/SEG…" (Qt; the plugin API lets an action show its own dialogs)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog

CAPTION = "Save findings as DICOM SR/SEG into folder"


def choose_folder(start: str) -> Path | None:
    """The folder the user picked, starting at ``start`` (the last one used); None when they cancelled."""
    dialog = QFileDialog(QApplication.activeWindow(), CAPTION, start)
    dialog.setObjectName("cxr_ai_dicom_folder")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])
