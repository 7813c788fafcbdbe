"""Which image a presentation state opens: those of its images that can be found, and the reader's pick of them.

A PACS saves one presentation state for a whole study as readily as for one film (a PA and a lateral with their
annotations). The viewer shows one film with its state at a time, so when more than one of the images it names is
found the reader is asked which, in a short list (file name, frame, and how many measurements and annotations each
carries, so the annotated film stands out); the first that carries any is offered. The list is not modal, like the
viewer's other dialogs; cancelling it opens nothing. Images that cannot be found are not offered."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from pydicom.dataset import Dataset
from PySide6 import QtWidgets

from cxr_viewer.core.gsps_annotations import vendor_annotations
from cxr_viewer.core.gsps_image import beside
from cxr_viewer.core.gsps_read import PresentationState, Reference

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

DIALOG = "gsps-image-choice"
Found = tuple[Reference, Path]


def found_images(w: "MainWindow", path: Path, references: tuple[Reference, ...]) -> list[Found]:
    """The referenced images on disk, in the presentation state's order: beside it, else in the study index."""
    near = beside(path, [r.sop_instance for r in references])
    index = w.browser.index if w.browser is not None else None
    found = []
    for reference in references:
        image = near.get(reference.sop_instance)
        if image is None and index is not None:
            from cxr_viewer.index.query import path_of_instance  # the index is open, so is its module: no cost

            image = path_of_instance(index, reference.sop_instance)
        if image is not None and image.is_file():
            found.append((reference, image))
    return found


def describe(number: int, found: Found, ds: Dataset, state: PresentationState) -> tuple[str, int]:
    """One line of the list, ``2. lateral.dcm, frame 3: 1 measurement(s), 4 annotation(s)``, and how many marks
    and annotations that is."""
    reference, image = found
    marks = sum(m.reference is None or m.reference.sop_instance == reference.sop_instance for m in state.marks)
    shown = vendor_annotations(ds, reference.sop_instance, reference.frame, (1, 1)).shown
    frame = f", frame {reference.frame}" if reference.frame is not None else ""
    return f"{number}. {image.name}{frame}: {marks} measurement(s), {shown} annotation(s)", marks + shown


def ask_image(w: "MainWindow", found: list[Found], ds: Dataset, state: PresentationState,
              then: Callable[[Reference, Path], object]) -> None:
    """Ask which of ``found`` to open, offering the first that carries anything, then call ``then`` with it (not
    on cancel)."""
    described = [describe(number, item, ds, state) for number, item in enumerate(found, 1)]
    lines = [line for line, _count in described]
    dialog = QtWidgets.QInputDialog(w)
    dialog.setObjectName(DIALOG)
    dialog.setWindowTitle("Open presentation state")
    dialog.setLabelText(f"{len(found)} of the images this presentation state applies to were found. Open which?")
    dialog.setComboBoxItems(lines)
    dialog.setComboBoxEditable(False)
    dialog.setTextValue(next((line for line, count in described if count), lines[0]))
    dialog.textValueSelected.connect(lambda text: then(*found[lines.index(text)]))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
