"""Who this workstation is on the network: our AE title, the receiver's port and folder, allowed senders.

Edited in the Nodes tab because a PACS administrator asks for exactly these values when declaring the
workstation; they are validated with the network layer's own rules and saved to the user config on Apply.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget,
)

from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.nodes import validate_ae_title


class LocalSettingsBox(QGroupBox):
    """Emits ``applied`` after the settings object was updated and ``save`` succeeded."""

    applied = Signal()

    def __init__(self, settings: PacsSettings, save: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__("This workstation", parent)
        self.settings, self._save = settings, save
        self.ae_title = QLineEdit(settings.ae_title)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(settings.scp_port)
        self.bind_address = QLineEdit(settings.scp_bind_address)
        self.store_dir = QLineEdit(str(settings.resolved_store_dir()))
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        self.allowed = QLineEdit(", ".join(settings.allowed_calling_aes))
        self.allowed.setPlaceholderText("extra AE titles allowed to send to us (nodes are always allowed)")
        self.apply_button = QPushButton("Appl&y")
        self.apply_button.clicked.connect(self.apply)
        self.message = QLabel()
        store_row = QHBoxLayout()
        store_row.addWidget(self.store_dir)
        store_row.addWidget(browse)
        store_label = QLabel("Store &folder")
        store_label.setBuddy(self.store_dir)  # a row of two controls gets no buddy from the form
        form = QFormLayout(self)
        form.addRow("Our AE &title", self.ae_title)
        form.addRow("Receiver p&ort", self.port)
        form.addRow("&Listen on", self.bind_address)
        form.addRow(store_label, store_row)
        form.addRow("Also allo&w", self.allowed)
        form.addRow(self.apply_button, self.message)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for received studies", self.store_dir.text())
        if folder:
            self.store_dir.setText(folder)

    def apply(self) -> None:
        try:
            ae_title = validate_ae_title(self.ae_title.text())
            allowed = [validate_ae_title(t) for t in self.allowed.text().replace(";", ",").split(",") if t.strip()]
            bind = self.bind_address.text().strip()
            if not bind:
                raise ValueError("the listen address must not be empty (0.0.0.0 for all interfaces)")
        except ValueError as exc:
            self.message.setText(f"Not saved: {exc}")
            return
        self.settings.ae_title, self.settings.allowed_calling_aes = ae_title, allowed
        self.settings.scp_port, self.settings.scp_bind_address = self.port.value(), bind
        self.settings.store_dir = self.store_dir.text().strip()
        try:
            self._save()
        except OSError as exc:
            self.message.setText(f"Not saved: {exc}")
            return
        self.message.setText("Saved.")
        self.applied.emit()
