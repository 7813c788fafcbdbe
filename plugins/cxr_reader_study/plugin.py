"""The viewer plugin: "Reader study → Open study…" docks the reading panel for a study file.

Set ``CXR_READER_STUDY=/path/study.toml`` to open a study as the viewer starts (a dedicated reading
station). The last study opened is remembered in the plugin's settings.
"""

from __future__ import annotations

import os

from cxr_viewer.plugin_api import PluginInfo, ViewerHost

from cxr_reader_study.design.study_file import StudyError, load_study
from cxr_reader_study.reading.layers import PLUGIN_ID

ALREADY_OPEN = "A study is already open; restart the viewer to switch studies."


class ReaderStudyPlugin:
    info = PluginInfo(PLUGIN_ID, "Reader study", "0.1.0",
                      "Blinded reading sessions with and without AI, with crash-safe storage of every read.")

    def __init__(self) -> None:
        self.host: ViewerHost | None = None
        self.panel = None

    def activate(self, host: ViewerHost) -> None:
        self.host = host
        host.add_action("reader_study.open", "Open reader study…", self._choose_study, menu="Reader study")
        study = os.environ.get("CXR_READER_STUDY")
        if study:
            self.open_study(study)

    def deactivate(self) -> None:
        if self.panel is not None:
            self.panel.detach()

    def _choose_study(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if self.panel is not None:  # said before the dialog: during a read it would browse the study's truth table
            self.host.show_error("Reader study", ALREADY_OPEN)
            return
        last = self.host.settings(PLUGIN_ID).get("last_study", "")
        path, _ = QFileDialog.getOpenFileName(None, "Open reader study", last, "Study files (*.toml)")
        if path:
            self.open_study(path)

    def open_study(self, path: str) -> None:
        from cxr_reader_study.ui.reading_panel import ReadingPanel

        try:
            study = load_study(path)
        except StudyError as error:
            self.host.show_error("Reader study", str(error))
            return
        if self.panel is not None:
            self.host.show_error("Reader study", ALREADY_OPEN)
            return
        self.host.save_settings(PLUGIN_ID, {"last_study": str(study.path)})
        self.panel = ReadingPanel(self.host, study)
        # a reader who closed it mid-case lost Log out and every hint while the number keys still rated
        self.host.add_dock_widget("Reader study", self.panel, area="right", closable=False)
        self.panel.ask_reader_id()
