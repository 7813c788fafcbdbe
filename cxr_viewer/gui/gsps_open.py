"""Opening a presentation state (File > Open, a drop, the command line): its image, with its window and measurements.

A GSPS holds no pixels; what a reader who opens one expects is the film it was made on, looking as it did
(``core.gsps_read``). The film is looked for beside the presentation state, then in the study index; when it is in
neither, the message names its SOP Instance UID, so the reader knows what to retrieve. The measurements the viewer
draws go into the session's memory for that film (or frame), where they show, move and delete like drawn ones;
their figures are the viewer's own, computed again, and the status bar says when one differs from the saved label
(another spacing, other values). What it cannot draw is counted in the status bar, never silently dropped. In a
blinded read nothing is opened: the film and its marks would undo the hold's clean view.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pydicom
from pydicom.errors import InvalidDicomError

from cxr_viewer.core.gsps_image import beside
from cxr_viewer.core.gsps_read import PresentationState, Reference, SavedMark, is_presentation_state, \
    read_presentation_state
from cxr_viewer.core.image import VoiFunction
from cxr_viewer.gui.measure_memory import image_key

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

TITLE = "Open presentation state"


def open_presentation(w: "MainWindow", paths: list[Path]) -> bool | None:
    """None unless ``paths`` is one presentation state (it then opens as ever); else whether its image opened
    (False after saying why not)."""
    if len(paths) != 1 or not paths[0].is_file():
        return None
    try:
        ds = pydicom.dcmread(paths[0], stop_before_pixels=True)
    except (InvalidDicomError, OSError, ValueError, EOFError, TypeError, AttributeError):
        return None
    if not is_presentation_state(ds):
        return None
    if w.hold.owner is not None or w.hold.metadata_hidden:
        w.statusBar().showMessage("Presentation states are not opened during a blinded read", 8000)
        return False
    return _open(w, paths[0], read_presentation_state(ds))


def _find(w: "MainWindow", path: Path, references: tuple[Reference, ...]) -> tuple[Reference, Path] | None:
    index = w.browser.index if w.browser is not None else None
    for reference in references:
        found = beside(path, reference.sop_instance)
        if found is None and index is not None:
            from cxr_viewer.index.query import path_of_instance  # the index is open, so is its module: no cost

            found = path_of_instance(index, reference.sop_instance)
        if found is not None and found.is_file():
            return reference, found
    return None


def _open(w: "MainWindow", path: Path, state: PresentationState) -> bool:
    found = _find(w, path, state.references)
    if found is None:
        uids = ", ".join(r.sop_instance for r in state.references) or "none given"
        w.report_error(TITLE, f"{path.name}: its image (SOP Instance UID {uids}) is neither in {path.parent} "
                              "nor in the study index")
        return False
    reference, image_path = found
    if not w.opener.open_paths([image_path]):
        return False  # the film could not be read: the opener said why
    pane = w.layout_panes.primary
    image = pane.image
    if reference.frame is not None and image.frame_count > 1 and reference.frame - 1 != image.frame_index:
        w.frames.step(reference.frame - 1 - image.frame_index)
    _apply_window(pane, state)
    saved = [m for m in state.marks if m.reference is None or m.reference == reference
             or (m.reference.sop_instance == reference.sop_instance and reference.frame is None)]
    differ = _apply_marks(pane, saved)
    words = [f"Opened {path.name}: {len(saved)} measurement(s)"]
    if state.center is not None:
        words.append(f"window {state.center:g}/{state.width:g}")
    if state.window_note:
        words.append(state.window_note)
    if differ:
        words.append(f"{differ} figure(s) differ from the saved label (computed again from this film)")
    if state.not_shown:
        words.append(f"{state.not_shown} annotation(s) not shown (not measurements this viewer draws)")
    w.statusBar().showMessage("; ".join(words), 15000)
    return True


def _apply_window(pane, state: PresentationState) -> None:
    shown = pane.windowing.state
    if shown is None:
        return
    try:
        function = VoiFunction(state.function)
    except ValueError:
        function = VoiFunction.LINEAR
    window = replace(shown, invert=state.invert)
    if state.center is not None and state.width is not None:
        window = replace(window, center=state.center, width=max(1.0, state.width), function=function, voi_lut=None)
    pane.set_window_state(window)


def _apply_marks(pane, saved: list[SavedMark]) -> int:
    """Keep ``saved`` with the film's own (a mark already there is not doubled) and draw them; how many of their
    figures differ from the saved labels."""
    key = image_key(pane.image)
    memory = pane.measure.memory
    kept = list(memory.recall(key))
    new = [m for m in saved if m.mark not in kept]
    memory.keep(key, [*kept, *(m.mark for m in new)])
    pane.show_kept_measurements()
    drawn = pane.measure.measurements[len(kept):]
    return sum(item.text != m.text for item, m in zip(drawn, new))
