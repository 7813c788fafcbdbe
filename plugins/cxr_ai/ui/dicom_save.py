"""Save the film's findings as DICOM SR and SEG from the viewer (Qt-free; the folder dialog is ``folder_dialog``).

A radiologist who ran detection in the viewer had no way to keep the result as DICOM: only ``cxr-ai detect
--dicom-out`` wrote it. This writes the same objects through the same code (``cxr_ai.dicom.export``): the SEGs need
the full-resolution maps, which the result cache does not keep, so the worker analyses the film again, as the CLI
with ``--dicom-out`` does, and selects the findings at the operating point chosen in the dock. The writing is all
or nothing (``export_dicom``).

The menu entry is greyed while the film has no result (``FilmSession`` tells the plugin). Refused all the same, with
the reason in the status bar, for no film, a film without a result yet (D first: a race, or the key), a film with no
DICOM header (MHA, PNG: no study for the objects to join), a frame other than the first of a multi-frame film, and
while another plugin holds the view: a blinded reader must not learn from a saved SR what the AI found.

The objects reference the source by its SOP Instance alone, which for a film of several frames reads as the whole
film or its first frame: the findings of frame 3 were saved that way, and a PACS drew them on frame 1, where
nothing is. A Digital X-Ray film may not name a frame at all (Referenced Frame Number is forbidden for a
single-frame SOP class, which dciodvfy enforces), and highdicom writes no SEG of a multi-frame projection film.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cxr_ai.engine.image_input import engine_input
from cxr_ai.inputs import output_stems
from cxr_ai.ui.session import FilmSession
from cxr_ai.ui.settings import AiSettings
from cxr_ai.ui.status_lines import NO_IMAGE, STATUS, held_line
from cxr_ai.ui.view_hold import ViewHold
from cxr_ai.ui.worker_data import Detection
from cxr_viewer.plugin_api import ProgressReporter, ViewerHost

TITLE = "Saving findings as DICOM SR/SEG"
NO_RESULT = f"{STATUS}: no result for this film to save; press D to detect nodules first"
NOT_DICOM = f"{STATUS}: this film has no DICOM header (MHA, PNG…), so no SR or SEG can join its study"
NOT_FIRST_FRAME = (f"{STATUS}: the findings of frame {{frame}} of {{frames}} cannot be saved as DICOM: the SR and SEG "
                   "cannot name a frame, so they would be read as frame 1's; frame 1's findings can be saved")


def write_objects(detection: Detection, operating_point: str, folder: Path,
                  progress: ProgressReporter) -> list[Path] | None:
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
    return export_dicom(path, shown, analysis, engine, folder, output_stems([path])[0])


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
        if image.frame_index > 0:
            return NOT_FIRST_FRAME.format(frame=image.frame_index + 1, frames=image.frame_count)
        return None if self._session.detection is not None else NO_RESULT

    def save(self, folder: Path) -> None:
        """Write the film's objects into ``folder`` on a worker; the status bar says where, a dialog why not."""
        detection, operating_point = self._session.detection, self._settings.operating_point
        self._host.run_task(lambda progress: write_objects(detection, operating_point, folder, progress),
                            on_done=self._saved, on_error=self._failed(folder), title=TITLE)

    def _saved(self, written: list[Path] | None) -> None:
        self._host.show_status(saved_line(written) if written else f"{STATUS}: saving as DICOM cancelled")

    def _failed(self, folder: Path) -> Callable[[BaseException], None]:
        def report(error: BaseException) -> None:
            self._host.show_error(self._title, f"The findings were not saved as DICOM in {folder}; no file was "
                                               f"written.\n\n{type(error).__name__}: {error}")
        return report
