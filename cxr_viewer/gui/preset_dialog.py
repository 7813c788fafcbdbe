"""Image > Manage window presets…: the reader's own presets listed with their keys, to rename or delete.

Not modal, like everything else the viewer opens: the reader can keep windowing the film (and save another preset)
with it open, and it follows every change. The list and its rules are ``UserPresets``'; this is only the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6 import QtWidgets

from cxr_viewer.core.image import VoiFunction, WindowPreset
from cxr_viewer.gui.windowing import window_figure

if TYPE_CHECKING:
    from cxr_viewer.gui.user_presets import UserPresets

NAME = "window-presets"
NAME_DIALOG = "window-preset-name"
EMPTY = "No presets of yours yet: set a window, then Image > Save window as preset…"


def ask_name(parent: QtWidgets.QWidget, title: str, label: str, name: str, done: Callable[[str], None]) -> None:
    """A name asked for without blocking the window (``open``, not ``exec``)."""
    dialog = QtWidgets.QInputDialog(parent)
    dialog.setObjectName(NAME_DIALOG)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(name)
    dialog.textValueSelected.connect(done)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def describe(preset: WindowPreset) -> str:
    """``Bone  W 4000  L 2200`` as the corner writes a window (a non-LINEAR function named after it)."""
    shape = "" if preset.function is VoiFunction.LINEAR else f"  {preset.function.value.lower()}"
    return f"{preset.name}  W {window_figure(preset.width)}  L {window_figure(preset.center)}{shape}"


class PresetDialog(QtWidgets.QDialog):
    def __init__(self, parent: QtWidgets.QWidget, presets: "UserPresets") -> None:
        super().__init__(parent)
        self._presets = presets
        self.setObjectName(NAME)
        self.setWindowTitle("Window presets")
        self.list = QtWidgets.QListWidget()
        self.note = QtWidgets.QLabel()
        self.note.setWordWrap(True)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        self.rename_button = buttons.addButton("Rename…", QtWidgets.QDialogButtonBox.ButtonRole.ActionRole)
        self.delete_button = buttons.addButton("Delete", QtWidgets.QDialogButtonBox.ButtonRole.ActionRole)
        self.rename_button.clicked.connect(self._ask_rename)
        self.delete_button.clicked.connect(self._delete)
        buttons.rejected.connect(self.close)
        self.list.currentRowChanged.connect(self._enable)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(QtWidgets.QLabel("Your presets come first on the number keys, on every film:"))
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(420, 320)

    def fill(self, row: int = 0) -> None:
        """List the presets as they are now, ``row`` selected (the last one when fewer are left)."""
        self.list.clear()
        for number, preset in enumerate(self._presets.presets, start=1):
            self.list.addItem(f"{number}    {describe(preset)}")
        self.note.setText("" if self._presets.presets else EMPTY)
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._enable()

    def _enable(self) -> None:
        chosen = self.list.currentRow() >= 0
        self.rename_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _delete(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self._presets.delete(row)
            self.fill(row)

    def _ask_rename(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            ask_name(self, "Rename window preset", f"New name for key {row + 1}:", self._presets.presets[row].name,
                     lambda name: self.rename(row, name))

    def rename(self, row: int, name: str) -> None:
        problem = self._presets.rename(row, name)
        self.fill(row)
        self.note.setText(f"Not renamed: {problem}" if problem else "")


def show(window: QtWidgets.QMainWindow, presets: "UserPresets") -> PresetDialog:
    """Open (or bring up, listed again) the one window of presets."""
    dialog = window.findChild(PresetDialog, NAME) or PresetDialog(window, presets)
    dialog.fill(dialog.list.currentRow() if dialog.list.count() else 0)
    dialog.show()
    dialog.raise_()
    return dialog


def refresh(window: QtWidgets.QMainWindow) -> None:
    """List the presets again if the window is open: one saved meanwhile shows at once."""
    dialog = window.findChild(PresetDialog, NAME)
    if dialog is not None and dialog.isVisible():
        dialog.fill(dialog.list.currentRow())
