"""The dialog that asks which PACS node a plugin's files go to (``host_pacs``): the viewer has no default node.

Window-modal but opened with ``open()``, not ``exec()``: the viewer keeps its event loop (tasks, repaint) while the
radiologist chooses, and the send starts from ``accepted``. The files are listed by name so the radiologist sees
what leaves the workstation before it does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

OBJECT_NAME = "pacs_node_choice"


class NodeChoice(QDialog):
    def __init__(self, parent: QWidget, nodes: dict[str, str], paths: Sequence[Path], what: str,
                 preferred: str = "") -> None:
        """``nodes`` maps each node's name to its address as shown (``AE@host:port``); ``preferred`` is chosen first
        when it is still one of them (the node last sent to in this session)."""
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.setWindowTitle("Send to PACS")
        self.node = QComboBox()
        self.node.setAccessibleName("PACS node")
        for name, address in nodes.items():
            self.node.addItem(f"{name} — {address}", name)
        self.node.setCurrentIndex(max(0, self.node.findData(preferred)))
        files = QListWidget()
        files.setAccessibleName("Files to send")
        files.addItems([path.name for path in paths])
        files.setMaximumHeight(22 * min(len(paths), 6) + 8)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = buttons.addButton("&Send", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        what_text = f" ({what})" if what else ""
        label = QLabel(f"Send {len(paths)} file(s){what_text} from {paths[0].parent} by C-STORE to &node:")
        label.setWordWrap(True)
        label.setBuddy(self.node)
        layout = QVBoxLayout(self)
        for widget in (label, self.node, files, buttons):
            layout.addWidget(widget)
        self.send_button.setDefault(True)  # once in the dialog: set before, the dialog made Cancel its default
        self.resize(520, self.sizeHint().height())

    def chosen(self) -> str:
        """The name of the node chosen."""
        return str(self.node.currentData())
