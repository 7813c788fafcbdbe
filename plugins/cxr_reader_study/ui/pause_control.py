"""Pausing a read: the Pause button and the window losing focus both stop the reading clock.

The image is covered while any pause lasts (button or lost focus), so nobody studies a case off the clock. The
two causes are kept apart by the session: regaining focus ends only the focus pause, so the button offers
Resume exactly while the reader's own pause lasts.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from cxr_viewer.plugin_api import ViewerHost

from cxr_reader_study.reading.layers import PAUSE_LAYER_ID, pause_cover
from cxr_reader_study.reading.session import ReadingSession


class PauseControl:
    def __init__(self, host: ViewerHost, button: QPushButton):
        self.host, self._button = host, button

    def toggle(self, session: ReadingSession) -> None:
        """The Pause / Resume button."""
        if session.paused_for("user"):
            session.resume("user")
        else:
            session.pause("user")
        self._show(session)

    def focus_changed(self, session: ReadingSession, active: bool) -> None:
        if active:
            session.resume("focus")
        else:
            session.pause("focus")
        self._show(session)

    def reset(self) -> None:
        """Logged out: no session, so nothing to resume."""
        self._button.setText("Pause")

    def _show(self, session: ReadingSession) -> None:
        covered = any(layer.id == PAUSE_LAYER_ID for layer in self.host.layers())
        if session.paused and not covered:
            self.host.add_layer(pause_cover())
        elif covered and not session.paused:
            self.host.remove_layer(PAUSE_LAYER_ID)
        self._button.setText("Resume" if session.paused_for("user") else "Pause")
