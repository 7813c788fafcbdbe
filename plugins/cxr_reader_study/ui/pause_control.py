"""Pausing a read: the Pause button and the window losing focus both stop the reading clock.

The image is covered while any pause lasts (button or lost focus), so nobody studies a case off the clock. The
two causes are kept apart by the session: regaining focus ends only the focus pause, so the button offers
Resume exactly while the reader's own pause lasts.

The viewer's pixel readout is hidden for as long as the cover is on: under the pointer it went on naming the covered
pixels' positions and values. The P key does what the button does (``reading_keys``).

The page's warning line says that reading is paused and how it goes on, since a black image and a button
reading "Resume" (nothing at all for a focus pause) did not; on resuming, a pause text there (the notice, or the
hint a key pressed while paused left) is cleared, so it never stands beside a case being read again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from cxr_viewer.plugin_api import ViewerHost

from cxr_reader_study.reading.layers import PAUSE_LAYER_ID, pause_cover
from cxr_reader_study.reading.session import PAUSED_HINT, ReadingSession
from cxr_reader_study.ui.reading_keys import PAUSE_KEY

PAUSE_TEXT, RESUME_TEXT = f"Pause ({PAUSE_KEY})", f"Resume ({PAUSE_KEY})"
USER_PAUSE_NOTICE = f"Paused: the image is hidden and your reading time stopped. Press {PAUSE_KEY} or Resume to go on."
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
        """Logged out: no session, so nothing to resume, and the viewer's pixel readout is back."""
        self.host.set_pixel_readout_hidden(False)
        self._button.setText(PAUSE_TEXT)

    def _show(self, session: ReadingSession) -> None:
        covered = any(layer.id == PAUSE_LAYER_ID for layer in self.host.layers())
        if session.paused and not covered:
            self.host.add_layer(pause_cover())
        elif covered and not session.paused:
            self.host.remove_layer(PAUSE_LAYER_ID)
        self.host.set_pixel_readout_hidden(session.paused)  # the cover hides the pixels, the readout named them
        self._button.setText(RESUME_TEXT if session.paused_for("user") else PAUSE_TEXT)
        if session.paused and session.image_on_screen:  # not over a "call the coordinator" notice
            self._notice.setText(USER_PAUSE_NOTICE if session.paused_for("user") else FOCUS_PAUSE_NOTICE)
        elif self._notice.text() in (USER_PAUSE_NOTICE, FOCUS_PAUSE_NOTICE, PAUSED_HINT):
            self._notice.clear()
