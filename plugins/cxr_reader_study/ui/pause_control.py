"""Pausing a read: the Pause button and the window losing focus both stop the reading clock.

The image is covered while any pause lasts (button or lost focus), so nobody studies a case off the clock. The
two causes are kept apart by the session: regaining focus ends only the focus pause, so the button offers
Resume exactly while the reader's own pause lasts.

The page's warning line says that reading is paused and how it goes on, since a black image and a button
reading "Resume" (nothing at all for a focus pause) did not; on resuming, a pause text there (the notice, or the
hint a key pressed while paused left) is cleared, so it never stands beside a case being read again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from cxr_viewer.plugin_api import ViewerHost

from cxr_reader_study.reading.layers import PAUSE_LAYER_ID, pause_cover
from cxr_reader_study.reading.session import PAUSED_HINT, ReadingSession

USER_PAUSE_NOTICE = "Paused: the image is hidden and your reading time stopped. Press Resume to go on."
FOCUS_PAUSE_NOTICE = ("Paused while the viewer is not the active window: the image is hidden and your reading time "
                      "stopped until you come back.")


class PauseControl:
    def __init__(self, host: ViewerHost, button: QPushButton, notice: QLabel):
        self.host, self._button, self._notice = host, button, notice

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
        if session.paused and session.image_on_screen:  # not over a "call the coordinator" notice
            self._notice.setText(USER_PAUSE_NOTICE if session.paused_for("user") else FOCUS_PAUSE_NOTICE)
        elif self._notice.text() in (USER_PAUSE_NOTICE, FOCUS_PAUSE_NOTICE, PAUSED_HINT):
            self._notice.clear()
