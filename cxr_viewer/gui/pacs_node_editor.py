"""The add/edit form for one remote node; it stays open until the entries form a valid node.

Validation is the network layer's own (:class:`DicomNode`), so the form can never save a node that
``cxr-pacs`` would refuse, and the reason is shown next to the buttons instead of in a later failure.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget,
)

from cxr_viewer.gui import theme
from cxr_viewer.net.nodes import (
    DEFAULT_CONNECT_TIMEOUT_S,
    MAX_CONNECT_TIMEOUT_S,
    DicomNode,
    validate_host,
    validate_node_name,
)


class NodeEditor(QDialog):
    """``exec()`` then read :attr:`result_name` and :attr:`result_node` when accepted."""

    def __init__(self, taken_names: set[str], name: str = "", node: DicomNode | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit node" if node else "Add node")
        self._taken = taken_names - {name}
        self.result_name = ""
        self.result_node: DicomNode | None = None
        self.name, self.ae_title, self.host = QLineEdit(name), QLineEdit(), QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(node.port if node else 104)
        self.dicomweb_url = QLineEdit()
        self.dicomweb_url.setPlaceholderText("optional, e.g. http://pacs:8042/dicom-web")
        self.connect_timeout = QDoubleSpinBox()
        self.connect_timeout.setRange(0.5, MAX_CONNECT_TIMEOUT_S)
        self.connect_timeout.setDecimals(1)
        self.connect_timeout.setSuffix(" s")
        self.connect_timeout.setValue(node.connect_timeout_s if node else DEFAULT_CONNECT_TIMEOUT_S)
        self.connect_timeout.setToolTip("How long to wait for the node to accept a connection before saying it "
                                        "did not answer; longer only for a slow or distant link")
        if node:
            self.ae_title.setText(node.ae_title)
            self.host.setText(node.host)
            self.dicomweb_url.setText(node.dicomweb_url)
        self.error = QLabel()
        theme.follow_palette(self.error, theme.ERROR)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        for label, widget in (("&Name", self.name), ("&AE title", self.ae_title), ("&Host", self.host),
                              ("&Port", self.port), ("DICOMweb &URL", self.dicomweb_url),
                              ("Connect &timeout", self.connect_timeout)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def accept(self) -> None:  # noqa: D102 - validates before closing
        try:
            name = validate_node_name(self.name.text())
            if name in self._taken:
                raise ValueError(f"a node named {name!r} already exists")
            host = validate_host(self.host.text())
            node = DicomNode(self.ae_title.text(), host, self.port.value(), self.dicomweb_url.text(),
                             self.connect_timeout.value())
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.result_name, self.result_node = name, node
        super().accept()
