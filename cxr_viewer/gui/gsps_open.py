"""Opening a presentation state (File > Open, a drop, the command line): its image, with its window, measurements
and annotations.

A GSPS holds no pixels; what a reader who opens one expects is the film it was made on, looking as it did
(``core.gsps_read``). The film is looked for beside the presentation state, then in the study index; when it is in
neither, the message names its SOP Instance UID, so the reader knows what to retrieve; when several of its images
are found, the reader picks one (``gsps_choose``). The measurements the viewer
draws go into the session's memory for that film (or frame), where they show, move and delete like drawn ones;
their figures are the viewer's own, computed again, and the status bar says when one differs from the saved label
(another spacing, other values). Another vendor's graphics and texts for that film are drawn read-only as a layer
(``gsps_overlay``), and again whenever the film or frame is shown later in the session (``gsps_session``); what is
not drawn is counted in the status bar with why, never silently dropped. In a blinded read nothing is opened: the
film and its marks would undo the hold's clean view.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from cxr_viewer.core.gsps_annotations import Annotations
from cxr_viewer.core.gsps_read import PresentationState, Reference, SavedMark, is_presentation_state, \
    read_presentation_state
from cxr_viewer.core.image import VoiFunction
from cxr_viewer.gui.gsps_choose import ask_image, found_images
from cxr_viewer.gui.gsps_overlay import NAME
from cxr_viewer.gui.gsps_session import opened_states
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
    if _refused_blinded(w):
        return False
    return _open(w, paths[0], ds, read_presentation_state(ds))


def _refused_blinded(w: "MainWindow") -> bool:
    blinded = w.hold.blinded
    if blinded:
        w.statusBar().showMessage("Presentation states are not opened during a blinded read", 8000)
    return blinded


def _open(w: "MainWindow", path: Path, ds: Dataset, state: PresentationState) -> bool:
    """Open the one image found, or ask which of several (True: asked; the pick opens it)."""
    found = found_images(w, path, state.references)
    if not found:
        uids = ", ".join(r.sop_instance for r in state.references) or "none given"
        w.report_error(TITLE, f"{path.name}: its image (SOP Instance UID {uids}) is neither in {path.parent} "
                              "nor in the study index")
        return False
    if len(found) == 1:
        return _show(w, path, ds, state, *found[0])
    ask_image(w, found, ds, state,
              lambda reference, image: _refused_blinded(w) or _show(w, path, ds, state, reference, image))
    return True


def _show(w: "MainWindow", path: Path, ds: Dataset, state: PresentationState, reference: Reference,
          image_path: Path) -> bool:
    """Open ``image_path`` at the reference's frame with the state's window, measurements and annotations."""
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
    states = opened_states(w)
    states.remember(ds, state)  # drawn again whenever the pane shows this film (or another of its frames) later
    annotations = states.draw(pane) or Annotations((), {}, 0)  # none: the film opened lacks the UID it was found by
    words = [f"Opened {path.name}: {len(saved)} measurement(s)"]
    if state.center is not None:
        words.append(f"window {state.center:g}/{state.width:g}")
    if state.window_note:
        words.append(state.window_note)
    if differ:
        words.append(f"{differ} figure(s) differ from the saved label (computed again from this film)")
    w.statusBar().showMessage("; ".join(words + _annotation_words(state, annotations)), 15000)
    return True


def _annotation_words(state: PresentationState, annotations: Annotations) -> list[str]:
    """``3 annotation(s) shown (layer …)`` and ``2 annotation(s) not shown: 1 on other images or frames, …``."""
    words = [f"{annotations.shown} annotation(s) shown (layer {NAME})"] if annotations.shown else []
    missed = [f"{count} {why}" for why, count in annotations.not_shown.items()]
    if state.not_shown:
        missed.append(f"{state.not_shown} in the measurement layer not measurements this viewer draws")
    return words + ([f"{sum(annotations.not_shown.values()) + state.not_shown} annotation(s) not shown: "
                     + ", ".join(missed)] if missed else [])


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
