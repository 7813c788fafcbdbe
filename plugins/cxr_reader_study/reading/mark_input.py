"""The reader's mouse on the image in an FROC read, headless: a click adds or selects a mark, a drag moves one.

The viewer hands over image coordinates only (a click) or the whole marker layer (after a drag); which mark
that means is decided here, so the rules hold without a display. Both return the hint for the reader when the
session refuses (reading paused) or the spot is off the image, or "" when the answer changed; the dock redraws
from the session either way.

A mark must lie on the image: the viewer reports clicks and drags anywhere in the pane, the dark margin
around a fitted film included, and a mark there would be stored and scored as a false positive at a place
the reader cannot have meant (or, dragged past the edge of the view, one they can no longer see).

How near a click must fall to a mark to pick it is a distance on screen, as the marker rings are: the UI turns
:data:`SELECT_WITHIN_SCREEN_PX` into image pixels at the view's zoom (:func:`select_radius`). A fixed 8 image
pixels were 256 screen pixels at 32× (no new mark near an old one) and about 3 at the fit of a 2000-pixel film.
"""

from __future__ import annotations

from collections.abc import Sequence

from cxr_viewer.plugin_api import Marker

from cxr_reader_study.reading.answer import IncompleteRead
from cxr_reader_study.reading.layers import nearest_mark
from cxr_reader_study.reading.session import PAUSED_HINT, ReadingSession

SELECT_WITHIN_SCREEN_PX = 10.0  # a click this close (screen pixels) to a mark selects it instead of adding one
OFF_IMAGE_HINT = "Marks go on the image: that spot is outside it."


def on_image(x: float, y: float, shape: tuple[int, int]) -> bool:
    """Whether image point (x, y) lies on an image of ``shape`` (rows, columns)."""
    rows, cols = shape
    return 0 <= x <= cols and 0 <= y <= rows


def select_radius(zoom: float) -> float:
    """:data:`SELECT_WITHIN_SCREEN_PX` in image pixels at ``zoom`` (screen pixels per image pixel)."""
    return SELECT_WITHIN_SCREEN_PX / zoom if zoom > 0 else SELECT_WITHIN_SCREEN_PX


def click_on_image(session: ReadingSession, x: float, y: float, shape: tuple[int, int], select_within: float) -> str:
    """Selects the mark under the click (to re-rate or delete it), else adds a mark there if it is on the image
    of ``shape`` (rows, columns). ``select_within``: how near (image pixels) a click picks a mark."""
    hit = nearest_mark(session.answer.marks, x, y, within=select_within)
    if session.paused:
        return PAUSED_HINT
    if hit is not None:
        session.answer.select_mark(hit)
    elif not on_image(x, y, shape):
        return OFF_IMAGE_HINT
    else:
        session.add_mark(x, y)
    return ""


def markers_dragged(session: ReadingSession, markers: Sequence[Marker], shape: tuple[int, int]) -> str:
    """The mark whose position changed is the moved one. A drag while paused, or off the image of ``shape``, is
    refused: the redraw puts the marker back where the session has the mark."""
    try:
        for index, (marker, mark) in enumerate(zip(markers, session.answer.marks)):
            if (marker.x, marker.y) != (mark.x, mark.y):
                if not on_image(marker.x, marker.y, shape):
                    return OFF_IMAGE_HINT
                session.move_mark(index, marker.x, marker.y)
    except IncompleteRead as refused:
        return str(refused)
    return ""
