"""``AiPlugin``: "Detect nodules" (D), AI marks on/off (A), intermediate views, a findings dock, model status.

The widget side of the 3D Slicer split: it builds the AI menu and the findings dock, keeps the two settings they
show (operating point, detection on open) and binds them and the viewer's hooks to ``AiLogic``, which does the
work without any GUI. A (``toggle_overlays``) hides the AI marks for the rest of the session, not for one film
(``FilmSession``), and the menu's "Show AI marks" tick follows it, and follows AI layers shown or hidden in the
viewer's layer list.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QTimer

import cxr_ai
from cxr_ai.engine.result import Finding
from cxr_ai.layers import PIXEL_CENTRE
from cxr_ai.ui.findings_dock import FindingsDock
from cxr_ai.ui.folder_dialog import choose_folder
from cxr_ai.ui.logic import AiLogic
from cxr_ai.ui.pacs_send import FindingsSend
from cxr_ai.ui.settings import AiSettings
from cxr_ai.ui.status_lines import auto_run_line
from cxr_viewer.plugin_api import PluginInfo, ViewerHost

PLUGIN_ID = "cxr_ai"
TITLE = "AI nodule detection"
AUTO_RUN_ACTION = f"{PLUGIN_ID}.auto_run"
MARKS_ACTION = f"{PLUGIN_ID}.toggle"
VIEWS_ACTION = f"{PLUGIN_ID}.views"
SAVE_DICOM_ACTION = f"{PLUGIN_ID}.save_dicom"
SEND_PACS_ACTION = f"{PLUGIN_ID}.send_pacs"
CONTEXT_DIAMETERS = 6.0  # clicking a finding shows about six of its diameters: the nodule large, lung around it
MIN_CONTEXT_PX = 256.0  # ... but never less than this many image pixels (a tiny finding would fill the view)


class AiPlugin:
    info = PluginInfo(id=PLUGIN_ID, name=TITLE, version=cxr_ai.__version__,
                      description="Lung-nodule detection with bone suppression and lung masking (research use only)")

    def __init__(self) -> None:
        self._host: ViewerHost | None = None  # all five are bound to the viewer in activate
        self._settings: AiSettings | None = None
        self._logic: AiLogic | None = None
        self._send: FindingsSend | None = None
        self.dock: FindingsDock | None = None

    def activate(self, host: ViewerHost) -> None:
        self._host, self._settings = host, AiSettings(host, PLUGIN_ID)
        host.add_action(f"{PLUGIN_ID}.detect", "Detect nodules", self.detect, shortcut="D", menu="AI")
        host.add_action(MARKS_ACTION, "Show AI marks", self.toggle_overlays, shortcut="A", menu="AI", checkable=True,
                        checked=True)
        host.add_action(VIEWS_ACTION, "Show bone-suppressed image and lung mask", self.toggle_views, shortcut="B",
                        menu="AI", checkable=True)
        host.add_action(AUTO_RUN_ACTION, "Run detection on open", self.toggle_auto_run, menu="AI", checkable=True,
                        checked=self._settings.auto_run)
        host.add_action(SAVE_DICOM_ACTION, "Save findings as DICOM SR/SEG…", self.save_dicom, menu="AI")
        host.add_action(SEND_PACS_ACTION, "Send findings to PACS…", self.send_to_pacs, menu="AI")
        for greyed in (SAVE_DICOM_ACTION, SEND_PACS_ACTION):  # until a film has a result (``FilmSession``)
            host.set_action_enabled(greyed, False)
        self.dock = FindingsDock(self._focus, self.set_operating_point, self.set_auto_run)
        self.dock.set_choices(self._settings.operating_point, self._settings.auto_run)
        self._logic = AiLogic(host, PLUGIN_ID, self._settings, self.dock, TITLE,
                              lambda on: host.set_action_checked(VIEWS_ACTION, on),
                              self._result_changed)
        self._send = FindingsSend(host, PLUGIN_ID, self._settings, self._logic.session, self._logic.dicom)
        host.add_dock_widget("AI findings", self.dock)
        host.on_image_opened(self._logic.image_opened)
        host.on_image_closed(self._logic.image_closed)
        host.on_exclusive_changed(self._logic.exclusive_changed)
        host.on_layer_visibility_chosen(self._layer_visibility_chosen)
        host.on_pacs_nodes_changed(lambda: self._result_changed(self._logic.session.has_detection))
        self._logic.start()

    def deactivate(self) -> None:
        if self._logic is not None:
            self._logic.stop()

    def detect(self) -> None:
        self._logic.detect()

    def _result_changed(self, has: bool) -> None:
        """Save and Send follow the film's result; Send also needs a PACS node, asked afresh at each change of the
        result and of the nodes (the PACS window's Nodes tab)."""
        self._host.set_action_enabled(SAVE_DICOM_ACTION, has and self._logic.dicom.names_the_frame())
        self._host.set_action_enabled(SEND_PACS_ACTION, has and self._send is not None and self._send.possible())

    def save_dicom(self) -> None:
        """The film's findings at the dock's operating point as the CLI's SR and SEG, into a folder the user picks
        (remembered; the first time the film's own, where the PACS window's Send tab finds them with the study);
        greyed while the film has no result, and refused with the reason in the status bar when there is nothing to
        save all the same (its key, a race; ``DicomSave``)."""
        refusal = self._logic.dicom.refusal()
        if refusal is not None:
            self._host.show_status(refusal)
            return
        folder = choose_folder(self._settings.dicom_folder or str(self._host.current_image().path.parent))
        if folder is not None:
            self._settings.save("dicom_folder", str(folder))
            self._logic.dicom.save(folder)

    def send_to_pacs(self) -> None:
        """The findings Save would write, written and handed to the viewer to send to a PACS node the user picks
        (``FindingsSend``); greyed and refused as Save, and while no node is configured."""
        self._send.send()

    def toggle_views(self) -> None:
        """B: the bone-suppressed image and lung mask on, or off again; the tick says which (another film starts
        on the original)."""
        self._logic.toggle_views()

    def toggle_overlays(self) -> None:
        """A: hide or show the AI marks on every film until pressed again; the menu's tick says which."""
        self._logic.toggle_marks()
        self._host.set_action_checked(MARKS_ACTION, not self._logic.session.marks_hidden)

    def _layer_visibility_chosen(self, chosen: dict[str, bool]) -> None:
        """An AI layer shown or hidden in the layer list may turn the marks on or off (``FilmSession``): the tick
        follows. The bone-suppressed image and its label follow each other once the list's signal has returned:
        changing a layer inside it rebuilds the list under the box being clicked (a crash)."""
        QTimer.singleShot(0, partial(self._logic.pair_bone_label, chosen))
        if self._logic.layer_visibility_chosen(chosen):
            self._host.set_action_checked(MARKS_ACTION, not self._logic.session.marks_hidden)

    def set_operating_point(self, operating_point: str) -> None:
        """Remember the choice; the findings follow at once (re-selected in memory, no model run)."""
        self._settings.save("operating_point", operating_point)
        self._logic.operating_point_changed()

    def set_auto_run(self, enabled: bool) -> None:
        self._settings.save("auto_run", enabled)
        self._host.set_action_checked(AUTO_RUN_ACTION, enabled)
        self._host.show_status(auto_run_line(enabled))

    def toggle_auto_run(self) -> None:
        self.dock.auto_run.setChecked(not self.dock.auto_run.isChecked())  # the check box saves it

    def _focus(self, finding: Finding) -> None:
        """Centre on the finding and zoom in so it is seen large with the lung around it (never zooming out)."""
        field = max(CONTEXT_DIAMETERS * finding.diameter_px, MIN_CONTEXT_PX)
        self._host.zoom_to(finding.x + PIXEL_CENTRE, finding.y + PIXEL_CENTRE, field)
