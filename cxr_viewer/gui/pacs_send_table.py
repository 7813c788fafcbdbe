"""The Send tab's list of candidate files: one row a file, ticked when it can be sent, with what it is and where.

Each file's modality and SOP class are read from its header, so an SR or SEG is recognisable before it leaves the
workstation, and a file that is not DICOM is listed unticked with the reason. Store folders are long
(``…/store/<study UID>/<series UID>``): the Folder column takes the width left, one line a row, cut in the middle
so the series folder at the end stays in view, and the whole path is the cell's tooltip. Wrapped, as before, a
path took two lines and was still cut at the right, where the series is named.
"""

from __future__ import annotations

from pathlib import Path

from pydicom import dcmread
from pydicom.errors import InvalidDicomError
from pydicom.uid import UID
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QWidget

NOT_SENDABLE = "not sendable"
COLUMNS = ("File", "Modality", "Object", "Folder")


def describe(path: Path) -> tuple[str, str]:
    """(modality, SOP class name) from the header, or ("", reason) for a file that cannot be sent."""
    try:
        ds = dcmread(path, stop_before_pixels=True, specific_tags=["Modality", "SOPClassUID"])
        return str(ds.get("Modality", "")), UID(str(ds.SOPClassUID)).name
    except (OSError, InvalidDicomError, AttributeError) as exc:
        return "", f"{NOT_SENDABLE}: {exc}"


class SendTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)  # Tab goes on to the next control, arrows move between files
        self.setAccessibleName("Files to send")
        self.setAccessibleDescription("Space ticks or unticks the file of the current row")
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        """Space ticks or unticks the current row's file whichever cell is current: Qt toggles only on the File
        cell, so after an arrow to the right Space did nothing and the reader could not tell why."""
        item = self.item(self.currentRow(), 0) if self.currentRow() >= 0 else None
        if event.key() == Qt.Key.Key_Space and item is not None:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            event.accept()
            return
        super().keyPressEvent(event)

    def add_paths(self, paths: list[Path]) -> None:
        """Add the files not listed yet, ticked when they can be sent."""
        known = set(self.paths(checked_only=False))
        for path in (Path(p) for p in paths):
            if path in known:
                continue
            known.add(path)
            modality, kind = describe(path)
            row = self.rowCount()
            self.insertRow(row)
            name = QTableWidgetItem(path.name)
            name.setData(Qt.ItemDataRole.UserRole, str(path))
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            sendable = not kind.startswith(NOT_SENDABLE)
            name.setCheckState(Qt.CheckState.Checked if sendable else Qt.CheckState.Unchecked)
            folder = QTableWidgetItem(str(path.parent))
            folder.setToolTip(str(path.parent))
            for column, item in enumerate((name, QTableWidgetItem(modality), QTableWidgetItem(kind), folder)):
                self.setItem(row, column, item)
        for column in range(len(COLUMNS) - 1):  # the folder takes what is left (the last section stretches)
            self.resizeColumnToContents(column)

    def paths(self, checked_only: bool = True) -> list[Path]:
        items = (self.item(row, 0) for row in range(self.rowCount()))
        return [Path(item.data(Qt.ItemDataRole.UserRole)) for item in items
                if not checked_only or item.checkState() == Qt.CheckState.Checked]
