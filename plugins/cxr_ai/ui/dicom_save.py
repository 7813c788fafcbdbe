"""Save the film's findings as DICOM SR and SEG from the viewer (Qt-free; the folder dialog is ``folder_dialog``).

A radiologist who ran detection in the viewer had no way to keep the result as DICOM: only ``cxr-ai detect
--dicom-out`` wrote it. This writes the same objects through the same code (``cxr_ai.dicom.export``): the SEGs need
the full-resolution maps, which the result cache does not keep, so the worker analyses the film again, as the CLI
with ``--dicom-out`` does, and selects the findings at the operating point chosen in the dock. The writing is all
or nothing (``export_dicom``).

The menu entry is greyed while the film has no result (``FilmSession`` tells the plugin). Refused all the same, with
the reason in the status bar, for no film, a film without a result yet (D first: a race, or the key), a film with no
DICOM header (MHA, PNG: no study for the objects to join), a frame the objects cannot name (a later frame of a
single-frame SOP Class stored with several, ``cxr_ai.dicom.frames``), and while another plugin holds the view: a
blinded reader must not learn from a saved SR what the AI found.

Of any other frame of a multi-frame film the objects name the frame shown (Referenced Frame Number): the findings
of frame 3 were saved referencing the film alone, and a PACS drew them on frame 1, where nothing is. When no SEG
can be written of the frame, the SR is, and a message in Messages says why the SEGs are missing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cxr_ai.engine.image_input import engine_input
from cxr_ai.inputs import output_stems
from cxr_ai.ui.session import FilmSession
from cxr_ai.ui.settings import AiSettings
from cxr_ai.ui.status_lines import NO_IMAGE, STATUS, held_line
from cxr_ai.ui.view_hold import ViewHold
from cxr_ai.ui.worker_data import Detection
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api import ProgressReporter, ViewerHost

if TYPE_CHECKING:  # the module brings highdicom and matplotlib: not on the viewer's start-up path
    from cxr_ai.dicom.export import DicomExport

TITLE = "Saving findings as DICOM SR/SEG"
NO_RESULT = f"{STATUS}: no result for this film to save; press D to detect nodules first"
NOT_DICOM = f"{STATUS}: this film has no DICOM header (MHA, PNG…), so no SR or SEG can join its study"
NOT_THIS_FRAME = f"{STATUS}: the findings of frame {{frame}} of {{frames}} cannot be saved as DICOM: {{reason}}"


def write_objects(detection: Detection, operating_point: str, folder: Path,
                  progress: ProgressReporter) -> DicomExport | None:
    """On a worker: the film analysed again for its maps and the objects written; None once cancelled."""
    from cxr_ai.dicom.export import export_dicom  # here, not at start-up: it brings highdicom and matplotlib

    if progress.cancelled:
        return None
    progress.report(-1.0, "Analysing the film for the segmentations")
    engine, path = detection.engine, detection.image.path
    analysis = engine.analyse([engine_input(detection.image)])[0]
    if progress.cancelled:
        return None
    progress.report(0.9, f"Writing to {folder}")
    shown = engine.select(analysis.result, operating_point)
    return export_dicom(path, shown, analysis, engine, folder, output_stems([path])[0], detection.image.frame_index)


def without_seg(exported: DicomExport, done: str) -> str:
    """Messages' text when a frame's objects are the SR alone (``exported.no_seg`` says why), for Save and Send."""
    sr = exported.written[0]
    return f"The SR {done} without SEG in {sr.parent} ({sr.name}).\nNo SEG of this frame: {exported.no_seg}."


def frame_refusal(image: LoadedImage) -> str | None:
    """Why the objects of the frame shown cannot be written at all (None for a film of one frame). highdicom is
    imported only for a film of several frames: not on the viewer's start-up path."""
    if image.frame_count <= 1 or image.dataset is None:
        return None
    from cxr_ai.dicom.frames import frame_reference

    try:
        frame_reference(image.dataset, image.frame_index)
    except ValueError as reason:
        return NOT_THIS_FRAME.format(frame=image.frame_index + 1, frames=image.frame_count, reason=reason)
    return None


def saved_line(written: list[Path]) -> str:
    """The folder before the names: the permanent AI label clips a long passing message from the right."""
    names = ", ".join(path.name for path in written)
    return f"{STATUS}: findings saved as DICOM in {written[0].parent} ({names})"


class DicomSave:
    def __init__(self, host: ViewerHost, settings: AiSettings, session: FilmSession, hold: ViewHold,
                 title: str) -> None:
        self._host, self._settings, self._session, self._hold, self._title = host, settings, session, hold, title

    def refusal(self) -> str | None:
        """Why the film on screen cannot be saved now (a status line), or None."""
        owner = self._hold.other_holder()
        if owner is not None:
            return held_line(owner)
        image = self._host.current_image()
        if image is None:
            return NO_IMAGE
        if image.dataset is None or image.path is None:
            return NOT_DICOM
        return frame_refusal(image) or (None if self._session.detection is not None else NO_RESULT)

    def names_the_frame(self) -> bool:
        """Whether objects of the film on screen can say which frame they describe (True with no film): the Save
        entry is greyed on a frame that cannot be named, as it is without a result."""
        image = self._host.current_image()
        return image is None or frame_refusal(image) is None

    def save(self, folder: Path) -> None:
        """Write the film's objects into ``folder`` on a worker; the status bar says where, a dialog why not."""
        detection, operating_point = self._session.detection, self._settings.operating_point
        self._host.run_task(lambda progress: write_objects(detection, operating_point, folder, progress),
                            on_done=self._saved, on_error=self._failed(folder), title=TITLE)

    def _saved(self, exported: DicomExport | None) -> None:
        """Without SEG, a message in Messages says why: the status bar's end, where a reason would go, is clipped."""
        if exported is None:
            self._host.show_status(f"{STATUS}: saving as DICOM cancelled")
        elif exported.no_seg:
            self._host.show_error(self._title, without_seg(exported, "was saved"))
        else:
            self._host.show_status(saved_line(exported.written))

    def _failed(self, folder: Path) -> Callable[[BaseException], None]:
        def report(error: BaseException) -> None:
            self._host.show_error(self._title, f"The findings were not saved as DICOM in {folder}; no file was "
                                               f"written.\n\n{type(error).__name__}: {error}")
        return report
