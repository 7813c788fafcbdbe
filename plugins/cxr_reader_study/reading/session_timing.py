"""The session's part that times the case on screen: the display, pauses (the reader's or a lost focus) and the
saves of the time spent so far.

Kept apart from the answer and the commit so the panel's clock calls read as one small surface over
:class:`CaseClock`; the session supplies which case and phase a display belongs to.
"""

from __future__ import annotations

import logging

from cxr_reader_study.design.image_header import UnreadableImage, read_header
from cxr_reader_study.design.model import Case
from cxr_reader_study.reading.answer import Answer
from cxr_reader_study.reading.case_clock import CaseClock
from cxr_reader_study.storage.records import FilmShown, SessionRecord

log = logging.getLogger(__name__)


def film_shown(case: Case) -> FilmShown | None:
    """The case's film as its header says now, at display, by the rule the case list converts mm sizes with: the
    report scores the marks with it, without the images. None (a warning logged) when the header cannot be read."""
    try:
        header = read_header(case.image)
    except (UnreadableImage, OSError) as error:
        log.warning("Reader study: the size and spacing of case %s's film could not be recorded (%s)", case.case_id, error)
        return None
    return FilmShown(header.width, header.height, header.pixel_spacing_mm)


class SessionTiming:
    """Mixed into ``ReadingSession``, which sets ``_time`` and ``record`` and says the case and phase on screen."""

    _time: CaseClock
    answer: Answer
    record: SessionRecord
    current_case: Case | None
    phase: str

    @property
    def image_on_screen(self) -> bool:
        """Whether :meth:`image_shown` was called for the answer being composed (a case that could not be
        decoded never is)."""
        return self._time.shown_at is not None

    def image_shown(self) -> None:
        """Call when the case's image is on screen: starts the clock for this display and logs the display, so
        that its time outlives a crash or log-out before the submit (earlier displays' time is added then), with the
        film's size and spacing (what the report scores FROC marks with)."""
        case = self.current_case
        self._time.start((self.record.reader_id, self.record.arm, case.case_id, self.phase), film_shown(case))

    def save_time(self) -> None:
        """Save the time spent on the case so far (the panel calls it at log-out; pauses, marks and ratings too)."""
        self._time.save()

    def pause(self, reason: str = "user") -> None:
        """Stops the clock. A pending "press Enter again" on an unmarked FROC case is taken back: its warning leaves
        the screen with the pause, and a lone Enter after Resume had submitted the case as normal unasked."""
        self._time.pause(reason)
        self.answer.empty_confirmed = False

    def resume(self, reason: str = "user") -> None:
        self._time.resume(reason)

    @property
    def paused(self) -> bool:
        return self._time.paused

    def paused_for(self, reason: str) -> bool:
        """Whether ``reason`` (``"user"`` or ``"focus"``) is one of the causes of the pause."""
        return self._time.paused_for(reason)
