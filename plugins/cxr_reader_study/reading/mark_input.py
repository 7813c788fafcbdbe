"""The reader's mouse on the image in an FROC read, headless: a click adds or selects a mark, a drag moves one.

The viewer hands over image coordinates only (a click) or the whole marker layer (after a drag); which mark
that means is decided here, so the rules hold without a display. Both return the hint for the reader when the
session refuses (reading paused), or "" when the answer changed; the dock redraws from the session either way.
"""

from __future__ import annotations

from collections.abc import Sequence

from cxr_viewer.plugin_api import Marker

from cxr_reader_study.reading.answer import IncompleteRead
from cxr_reader_study.reading.layers import nearest_mark
from cxr_reader_study.reading.session import PAUSED_HINT, ReadingSession

SELECT_WITHIN_PX = 8.0  # a click this close (image pixels) to a mark selects it instead of adding a new one


def click_on_image(session: ReadingSession, x: float, y: float) -> str:
    """Selects the mark under the click (to re-rate or delete it), else adds a mark there."""
    hit = nearest_mark(session.answer.marks, x, y, within=SELECT_WITHIN_PX)
    if session.paused:
        return PAUSED_HINT
    if hit is None:
        session.add_mark(x, y)
    else:
        session.answer.select_mark(hit)
    return ""


def markers_dragged(session: ReadingSession, markers: Sequence[Marker]) -> str:
    """The mark whose position changed is the moved one. A drag while paused is refused: the redraw puts the
    marker back where the session has the mark."""
    try:
        for index, (marker, mark) in enumerate(zip(markers, session.answer.marks)):
            if (marker.x, marker.y) != (mark.x, mark.y):
                session.move_mark(index, marker.x, marker.y)
    except IncompleteRead as refused:
        return str(refused)
    return ""
