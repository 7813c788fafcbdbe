"""The presentation states opened in this session, drawn again on whichever film and frame they are for.

A reader who opens a PACS's presentation state, steps to another film and back, or steps through the frames of a
tomosynthesis it annotates, expects its annotations on the film and frame they were made on, as the measurements
are (``measure_memory``); a new film or frame clears a pane's layers, and before this nothing brought them back. The
states are kept (headers only: graphics, no pixels) under the SOP Instance UIDs they reference, the one opened last
for an image winning, at most ``LIMIT`` images, the least recently opened dropped first. Whenever a pane shows a
film or frame (``ImagePane.film_shown``), the annotations of its state for that image and frame are drawn, hidden
during a blinded read (``view_hold`` shows them when it ends); a film no opened state references gets none.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from pydicom.dataset import Dataset
from PySide6 import QtCore

from cxr_viewer.core.gsps_annotations import Annotations, vendor_annotations
from cxr_viewer.core.gsps_read import PresentationState
from cxr_viewer.gui.gsps_overlay import show_annotations

if TYPE_CHECKING:
    from cxr_viewer.gui.image_view import ImagePane
    from cxr_viewer.gui.main_window import MainWindow

OBJECT_NAME = "gsps-opened-states"
LIMIT = 200  # images; a state is a few kilobytes of graphics


class OpenedStates(QtCore.QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.setObjectName(OBJECT_NAME)
        self._window = window
        self._states: OrderedDict[str, Dataset] = OrderedDict()
        for pane in window.layout_panes.panes:
            pane.film_shown.connect(lambda pane=pane: self.draw(pane))

    def remember(self, ds: Dataset, state: PresentationState) -> None:
        """Keep ``ds`` for each image it references."""
        for reference in state.references:
            self._states.pop(reference.sop_instance, None)
            self._states[reference.sop_instance] = ds
        while len(self._states) > LIMIT:
            self._states.popitem(last=False)

    def draw(self, pane: "ImagePane") -> Annotations | None:
        """Draw the annotations kept for the pane's film and frame; None when no opened state references it."""
        image = pane.image
        uid = str(image.metadata.get("SOPInstanceUID", "") or "").strip() if image is not None else ""
        ds = self._states.get(uid) if uid else None
        if ds is None:
            return None
        frame = image.frame_index + 1 if image.frame_count > 1 else None
        annotations = vendor_annotations(ds, uid, frame, image.shape)
        show_annotations(pane, annotations, visible=not self._window.hold.blinded)
        return annotations


def opened_states(window: "MainWindow") -> OpenedStates:
    """The window's memory of opened states, made when the first one opens."""
    return window.findChild(OpenedStates, OBJECT_NAME) or OpenedStates(window)
