"""The viewer plugin: "Reader study → Open reader study…" docks the reading panel for a study file and holds the
viewer for it (names hidden, other plugins off, no opening) until "Close reader study…" (``ui.station_hold``), which
records the closing in the study's database, gives the viewer back and takes the dock away, so a study can be
opened again in the same viewer.

Set ``CXR_READER_STUDY=/path/study.toml`` to open a study as the viewer starts (a dedicated reading
station). The last study opened is remembered in the plugin's settings.
"""

from __future__ import annotations

import os

from cxr_viewer.plugin_api import PluginInfo, ViewerHost

from cxr_reader_study.design.study_file import StudyError, load_study
from cxr_reader_study.reading.layers import PLUGIN_ID

ALREADY_OPEN = "A study is already open; close it first (Reader study → Close reader study…)."


def _every_problem(path: str, error: StudyError) -> str:
    """A refused study's problems as ``validate`` lists them, missing films included, so that the coordinator fixes
    the study in one pass rather than learning of the films only once the other problems are gone."""
    try:
        load_study(path)
    except StudyError as strict:
        return str(strict)
    return str(error)  # the films came back in between: the refusal's own problems stand


class ReaderStudyPlugin:
    info = PluginInfo(PLUGIN_ID, "Reader study", "0.1.0",
                      "Blinded reading sessions with and without AI, with crash-safe storage of every read.")

    def __init__(self) -> None:
        self.host: ViewerHost | None = None
        self.panel = None  # the open study's dock; None once it is closed

    def activate(self, host: ViewerHost) -> None:
        self.host = host
        host.add_action("reader_study.open", "Open reader study…", self._choose_study, menu="Reader study")
        host.add_action("reader_study.close", "Close reader study…", self.close_study, menu="Reader study")
        study = os.environ.get("CXR_READER_STUDY")
        if study:
            self.open_study(study)

    def deactivate(self) -> None:
        if self.panel is not None:
            self.panel.close_study()

    def _choose_study(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if self.panel is not None:  # said before the dialog: it would browse the study's truth table
            self.host.show_status(ALREADY_OPEN)  # names nothing; Messages, hidden by the hold, kept it unseen
            return
        last = self.host.settings(PLUGIN_ID).get("last_study", "")
        path, _ = QFileDialog.getOpenFileName(None, "Open reader study", last, "Study files (*.toml)")
        if path:
            self.open_study(path)

    def open_study(self, path: str) -> None:
        from cxr_reader_study.ui.page_texts import missing_films_text
        from cxr_reader_study.ui.reading_panel import ReadingPanel

        try:  # missing films alone do not refuse the study: those cases say "cannot be shown" (docs, section 3)
            study = load_study(path, images_needed=False)
        except StudyError as error:
            self.host.show_error("Reader study", _every_problem(path, error))
            return
        if self.panel is not None or self.host.exclusive_owner():
            self.host.show_error("Reader study", self._refusal())
            return
        self.host.save_settings(PLUGIN_ID, {"last_study": str(study.path)})
        self.panel = ReadingPanel(self.host, study)  # takes the hold: names hidden, no film, no other plugin
        # a reader who closed it mid-case lost Log out and every hint while the number keys still rated
        self.host.add_dock_widget("Reader study", self.panel, area="right", closable=False)
        self.panel.ask_reader_id()
        if study.images_not_found:  # after the hold: kept in Messages for the coordinator, not shown to a reader
            self.host.show_error("Reader study", missing_films_text(study.images_not_found))

    def _refusal(self) -> str:
        """Why no study opens now: one is open, or another plugin holds the view (the study's hold would be refused,
        its cases shown to a reader under another plugin's rules)."""
        if self.panel is not None:
            return ALREADY_OPEN
        return f"The {self.host.exclusive_owner()} plugin holds the view; open the study once it lets go."

    def close_study(self) -> None:
        """The coordinator's "Close reader study…": refused while a reader is logged in, asked before the viewer is
        given back (``station_hold``); the closing is recorded in the study's database and said in Messages, and the
        dock goes, so that Open reader study… works again in this viewer."""
        from cxr_reader_study.ui.station_hold import LOGGED_IN, closed_notice, confirm_close

        if self.panel is None:
            self.host.show_status("No reader study is open.")
        elif self.panel.session is not None:
            self.host.show_status(LOGGED_IN)
        elif confirm_close(self.panel.study.name):
            panel, self.panel = self.panel, None
            notice = closed_notice(panel.study)
            panel.close_study()
            self.host.remove_dock_widget(panel)
            self.host.show_error("Reader study closed", notice)  # Messages keeps it for a coordinator coming back
