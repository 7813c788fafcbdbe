"""The four corner annotations of an image pane (patient, study, window/zoom, file).

Plain labels on top of the viewport rather than scene items: they must not scale, rotate or flip
with the image, and ``QWidget.grab`` still includes them in exported PNGs. Facing labels share the pane's width:
in a narrow pane (1×2, a small window) a long UID-like patient ID or file name would otherwise run into the
opposite corner's text and both become unreadable. ``corner_fit`` shortens only those lines, in the middle; a date,
an interval or a window stays whole, and the longer text moves a row towards the middle when it cannot.

The top-right corner says when the film was ever lossily compressed ("Lossy compression 10:1"), even if the file
is now uncompressed: fine detail may be missing, and nothing else on screen would show it; and when it is a raw
"For Processing" detector image, which looks like a poor exposure rather than the unprocessed image it is.

The bottom-left corner also says when the display differs from the stored film ("flipped H", "rotated 90° CW"):
a mirrored chest looks like dextrocardia. O hides the corner text and the edge letters (``EdgeLabels``) for a clean
look at the film, but not that line: hiding it would bring back the very mistake it is there to prevent, and it is
there only while the film is turned or flipped. Blinded reading hides names, dates and file names; the letters and
the turn say nothing about who the patient is, so they stay.
"""

from __future__ import annotations

from typing import Callable

from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.dicom_dates import normalize_da
from cxr_viewer.core.header import for_processing_note, lossy_compression_note
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.image_orientation import film_orientation
from cxr_viewer.core.orientation import DisplayTurn, edge_letters
from cxr_viewer.gui.corner_fit import fit_pair
from cxr_viewer.gui.edge_labels import EdgeLabels

# the box is dark enough that the light text stays legible over the film's brightest parts (bone, a white border)
_STYLE = "color: #f0f0f0; background: rgba(0, 0, 0, 170); padding: 2px; font-family: monospace; font-size: 11px;"
MARGIN = 4  # screen pixels from the image area's edges, and at least twice this between facing corners


def _format_date(value: str) -> str:
    """YYYY-MM-DD, for the current and the ACR-NEMA form alike; anything else as the file has it."""
    value = normalize_da(value)
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
        self.texts = dict.fromkeys(self.labels, "")  # the full texts; the labels show them shortened to fit
        self._cuttable = dict.fromkeys(self.labels, 0)  # how many of each text's first lines may be shortened
        self.turn_text = ""  # how the display differs from the file; shown even while the rest is hidden
        self.edges = EdgeLabels(viewport_owner, area)
        self._turned: tuple[LoadedImage | None, DisplayTurn] | None = None  # what turn_text and the letters are for
        self._film: tuple[LoadedImage | None, bool, str, str] | None = None  # the top texts, and what they are for
        self.visible = True
        # called when what the texts and letters cover changes (O, a wider window text): the overlay labels keep
        # clear of them, and are laid out again only then, not on every W/L step
        self.on_moved: Callable[[], None] | None = None
        self._covered: list[QtCore.QRect] = []

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        self.place()

    def update(self, image: LoadedImage | None, window_text: str, zoom: float, position: str, blinded: bool,
               turn: DisplayTurn = DisplayTurn()) -> None:
        """``turn`` is the display's rotation and flips, for the turn line and the edge letters."""
        if self._film is None or self._film[0] is not image or self._film[1] != blinded:  # not on each W/L step
            self._film = (image, blinded, _patient_text(image, blinded), _study_text(image, blinded))
        name = "" if blinded or image is None else image.display_name
        self.texts["top_left"], self.texts["top_right"] = self._film[2], self._film[3]
        if self._turned is None or self._turned[0] is not image or self._turned[1] != turn:  # not on each W/L step
            self._turned = (image, turn)
            self.turn_text = turn.describe() if image is not None else ""
            self.edges.letters = edge_letters(_orientation(image), turn)
        self.texts["bottom_left"] = "\n".join(
            v for v in (window_text, f"Zoom {zoom:.2f}×", self.turn_text) if v) if image is not None else ""
        self.texts["bottom_right"] = "\n".join(v for v in (name, position) if v)
        self._cuttable["top_left"] = self.texts["top_left"].count("\n") + 1  # the patient's name and ID
        self._cuttable["bottom_right"] = 1 if name else 0  # the file name, not the position or comparison lines
        self.place()

    def place(self) -> None:
        area = self._area()
        room = area.width() - 4 * MARGIN  # for the two labels facing each other across the top (or bottom)
        shown = self.texts if self.visible else {c: self.turn_text if c == "bottom_left" else "" for c in self.texts}
        inward: dict[str, int] = {}  # a label moved one row towards the middle, by this many pixels
        for pair in (("top_left", "top_right"), ("bottom_left", "bottom_right")):
            moved = fit_pair((self.labels[pair[0]], self.labels[pair[1]]), (shown[pair[0]], shown[pair[1]]),
                             (self._cuttable[pair[0]], self._cuttable[pair[1]]), room, MARGIN)
            if moved is not None:
                inward[pair[moved]] = self.labels[pair[1 - moved]].sizeHint().height()
        for corner, label in self.labels.items():
            label.setVisible(bool(label.text()))
            label.adjustSize()
            shift = inward.get(corner, 0)
            x = area.right() - label.width() - MARGIN if "right" in corner else area.left() + MARGIN
            y = area.bottom() - label.height() - MARGIN - shift if "bottom" in corner else area.top() + MARGIN + shift
            label.move(x, y)
        self.edges.place(self.visible, [label.geometry() for label in self.labels.values() if not label.isHidden()])
        covered = [label.geometry() for label in (*self.labels.values(), *self.edges.labels.values())
                   if not label.isHidden()]
        if covered != self._covered:
            self._covered = covered
            if self.on_moved is not None:
                self.on_moved()


def _orientation(image: LoadedImage | None) -> tuple[str, str] | None:
    """The film's Patient Orientation, else its Image Orientation (Patient); none for a picture without a DICOM
    header (a raster, a blinded case)."""
    return film_orientation(image.dataset if image is not None else None)


def _patient_text(image: LoadedImage | None, blinded: bool) -> str:
    meta = image.metadata if image is not None else {}
    return "" if blinded else "\n".join(str(v) for v in (meta.get("PatientName", ""), meta.get("PatientID", "")) if v)


def _study_text(image: LoadedImage | None, blinded: bool) -> str:
    """Date, modality and view, and what the reader must know of how the film was made (frames left out, lossy
    compression, a raw For Processing image)."""
    if image is None:
        return ""
    meta = image.metadata
    return "\n".join(str(v) for v in (
        "" if blinded else _format_date(str(meta.get("StudyDate", ""))),
        " ".join(str(meta.get(k, "")) for k in ("Modality", "ViewPosition")).strip(),
        _frames(image),
        lossy_compression_note(image.dataset),
        for_processing_note(image.dataset),
    ) if v)


def _frames(image: LoadedImage | None) -> str:
    """Which frame of a multi-frame file is on screen: without it a reader could take slice 1 for the film."""
    count = image.frame_count if image is not None else 1
    return f"Frame {image.frame_index + 1} of {count}" if image is not None and count > 1 else ""
