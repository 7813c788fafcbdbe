"""AI > "Send findings to PACS…": the film's findings written as DICOM SR/SEG and handed to the viewer to send.

Saving the objects and then finding them again on the PACS window's Send tab was two errands for one wish. This
writes them with Save's own code (``dicom_save.write_objects``, the same objects at the dock's operating point) and
hands the files to the viewer (``ViewerHost.send_to_pacs``), which asks for the node, sends in the background and
says file by file what went; plugins may not reach the network code themselves. The files are written where Save
writes (the folder it last used, else the film's own), or into a new temporary folder when that one cannot be
written (a film on a CD): they stay there whatever the node answers, and the viewer's message names them.

Refused as Save is (``DicomSave.refusal``: no film, no result, not DICOM, a later frame, another plugin's blinded
read), and when no PACS node is configured; the menu entry is greyed in the same cases. A blinded read that began
while the objects were being written stops the hand-over: the viewer would ask for a node over the reader's case.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cxr_ai.ui.dicom_save import DicomSave, without_seg, write_objects
from cxr_ai.ui.session import FilmSession
from cxr_ai.ui.settings import AiSettings
from cxr_ai.ui.status_lines import STATUS, held_line
from cxr_viewer.plugin_api import ViewerHost

if TYPE_CHECKING:  # highdicom and matplotlib come with it: not on the viewer's start-up path
    from cxr_ai.dicom.export import DicomExport

TITLE = "Writing findings as DICOM SR/SEG for the PACS"
WHAT = "AI findings"
NO_NODE = f"{STATUS}: no PACS node is configured; add one on the Nodes tab of File > Query/Retrieve from PACS…"


class FindingsSend:
    def __init__(self, host: ViewerHost, plugin_id: str, settings: AiSettings, session: FilmSession,
                 dicom: DicomSave) -> None:
        self._host, self._id, self._settings, self._session, self._dicom = host, plugin_id, settings, session, dicom

    def possible(self) -> bool:
        """Whether the entry is offered: the film's findings could be saved and there is a node to send them to."""
        return self._dicom.refusal() is None and bool(self._host.pacs_nodes())

    def send(self) -> None:
        """Write the objects on a worker, then hand them to the viewer; a refusal is said in the status bar."""
        refusal = self._dicom.refusal() or (None if self._host.pacs_nodes() else NO_NODE)
        if refusal is not None:
            self._host.show_status(refusal)
            return
        detection, operating_point, folder = self._session.detection, self._settings.operating_point, self._folder()
        self._host.run_task(lambda progress: write_objects(detection, operating_point, folder, progress),
                            on_done=self._written, on_error=self._failed(folder), title=TITLE)

    def _folder(self) -> Path:
        """Save's folder (the last one used, else the film's), or a new temporary one when it is not writable."""
        chosen = Path(self._settings.dicom_folder or self._host.current_image().path.parent)
        if chosen.is_dir() and os.access(chosen, os.W_OK):
            return chosen
        return Path(tempfile.mkdtemp(prefix="cxr_ai_findings_"))

    def _written(self, exported: DicomExport | None) -> None:
        if exported is None:
            self._host.show_status(f"{STATUS}: sending the findings to PACS cancelled")
            return
        written, owner = exported.written, self._host.exclusive_owner()
        if owner not in (None, self._id):
            self._host.show_status(f"{held_line(owner)}; the findings were not sent, they are in {written[0].parent}")
            return
        if exported.no_seg:  # the send's own line names only the SR: Messages says why, as it does for Save
            self._host.show_error("Send findings to PACS", without_seg(exported, "is sent"))
        self._host.send_to_pacs(written, WHAT)

    def _failed(self, folder: Path) -> Callable[[BaseException], None]:
        def report(error: BaseException) -> None:
            self._host.show_error("Send findings to PACS", f"The findings were not written as DICOM in {folder}, so "
                                  f"nothing was sent.\n\n{type(error).__name__}: {error}")
        return report
