"""The four corner annotations of an image pane (patient, study, window/zoom, file).

Plain labels on top of the viewport rather than scene items: they must not scale, rotate or flip
with the image, and ``QWidget.grab`` still includes them in exported PNGs.
"""

from __future__ import annotations

from typing import Callable

from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.image import LoadedImage

_STYLE = "color: #f0f0f0; background: rgba(0, 0, 0, 110); padding: 2px; font-family: monospace; font-size: 11px;"


def _format_date(value: str) -> str:
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}" if len(value) == 8 and value.isdigit() else value


class CornerText:
    def __init__(self, viewport_owner: QtWidgets.QWidget, area: Callable[[], QtCore.QRect]) -> None:
        self._owner = viewport_owner
        self._area = area  # the part of the widget showing the image (a colour bar may take the right edge)
        self.labels = {}
        for corner in ("top_left", "top_right", "bottom_left", "bottom_right"):
            label = QtWidgets.QLabel(viewport_owner)
            label.setStyleSheet(_STYLE)
            label.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight if "right" in corner else QtCore.Qt.AlignmentFlag.AlignLeft)
            self.labels[corner] = label
        self.visible = True

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        self.place()

    def update(self, image: LoadedImage | None, window_text: str, zoom: float, position: str, blinded: bool) -> None:
        meta = image.metadata if image is not None else {}
        patient = "" if blinded else "\n".join(
            str(v) for v in (meta.get("PatientName", ""), meta.get("PatientID", "")) if v
        )
        study = "\n".join(
            str(v) for v in (
                "" if blinded else _format_date(str(meta.get("StudyDate", ""))),
                " ".join(str(meta.get(k, "")) for k in ("Modality", "ViewPosition")).strip(),
            ) if v
        )
        name = "" if blinded or image is None else image.display_name
        self.labels["top_left"].setText(patient)
        self.labels["top_right"].setText(study)
        self.labels["bottom_left"].setText(f"{window_text}\nZoom {zoom:.2f}×" if image is not None else "")
        self.labels["bottom_right"].setText("\n".join(v for v in (name, position) if v))
        self.place()

    def place(self) -> None:
        area = self._area()
        margin = 4
        for corner, label in self.labels.items():
            label.setVisible(self.visible and bool(label.text()))
            label.adjustSize()
            x = area.right() - label.width() - margin if "right" in corner else area.left() + margin
            y = area.bottom() - label.height() - margin if "bottom" in corner else area.top() + margin
            label.move(x, y)
