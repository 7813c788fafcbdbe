"""What the Studies dock asks the study index, and what each answer means for the dock (Qt-free).

A listing is the studies for the table with the line under it, so that a list cut at ``SEARCH_LIMIT`` always says
so and is never mistaken for the whole answer. Listing raises what the index raises (a malformed date, a damaged
index), because the user asked and must be told; the window's own lookups (Recent after an image opens, the
comparison pane's prior) answer False or None instead, since a busy or damaged index must never stop a film from
showing. All of them are indexed queries, quick enough for the GUI thread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cxr_viewer.index import prior, query, read_status, recent
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.rows import StudyRow

SEARCH_LIMIT = 500  # studies a search lists; with more matches the dock says so and asks for a narrower search
RECENT_COUNT = 20


@dataclass(frozen=True)
class Listing:
    """Studies for the table (``kind`` "search" or "recent", so a change to the index can list them again)."""

    kind: str
    rows: list[StudyRow]
    note: str  # the line under the table

    @classmethod
    def recent(cls, rows: list[StudyRow]) -> "Listing":
        if not rows:
            return cls("recent", rows, "No study opened yet: Search lists the indexed studies.")
        return cls("recent", rows, f"Recently opened: {_studies(len(rows))}")


def search_listing(index: StudyIndex, text: str, date_from: str, date_to: str, modality: str,
                   unread_only: bool = False) -> Listing:
    """The newest ``SEARCH_LIMIT`` studies matching the search fields (blank ones ignored), only the unread ones
    when ``unread_only``.

    Raises ValueError for a malformed date and sqlite3.Error when the index cannot be searched.
    """
    rows = query.search(
        index, text=text, date_from=date_from.strip() or None, date_to=date_to.strip() or None,
        modality=modality.strip() or None, limit=SEARCH_LIMIT + 1,  # one more than listed tells whether it was cut
        unread_only=unread_only,
    )  # fmt: skip
    if len(rows) > SEARCH_LIMIT:
        note = (f"<b>More than {SEARCH_LIMIT} studies match</b>; the {SEARCH_LIMIT} newest are listed. Refine the "
                "search (name, dates, modality) to see the others.")
    else:
        note = f"{_studies(len(rows))} {'unread' if unread_only else 'found'}"
    return Listing("search", rows[:SEARCH_LIMIT], note)


def recent_listing(index: StudyIndex) -> Listing:
    """The studies opened last, newest first; raises sqlite3.Error when the index cannot be read."""
    return Listing.recent(recent.recent_studies(index, RECENT_COUNT))


def study_paths(index: StudyIndex, study_uid: str) -> list[Path]:
    """The study's files in reading order, as the viewer opens them."""
    return [instance.path for instance in query.instances_of_study(index, study_uid)]


def note_opened(index: StudyIndex, study_uid: str) -> bool:
    """Put a study on the Recent list; False when it is not indexed (yet) or the index cannot take the write."""
    if not study_uid:
        return False
    try:
        recent.mark_opened(index, study_uid)
    except ValueError:
        return False  # not in the index (yet); an import of it records it when it finishes
    except sqlite3.Error:
        return False  # the index is busy or damaged; showing the image matters more than the Recent list
    return True


def prior_image(index: StudyIndex, patient_id: str, before: str, study_uid: str) -> Path | None:
    """The comparison pane's prior (``index.prior``); None when there is none or the index cannot be read."""
    try:
        return prior.prior_image(index, patient_id, before, study_uid)
    except sqlite3.Error:
        return None


def set_read(index: StudyIndex, study_uid: str, read: bool) -> tuple[bool, str]:
    """Mark one study read or unread; whether it was, and the status bar's line saying so or why not (never raises:
    a read-only, busy or damaged index is said, and the film stays on screen). The line names no patient, so it may
    show during a blinded read."""
    if index.read_only:
        return False, "The study index is read-only: read status cannot be changed"
    try:
        unknown = read_status.mark_read(index, [study_uid], read)
    except sqlite3.Error as exc:
        return False, f"Read status not changed: the study index could not be written ({exc})"
    if unknown or not study_uid:
        return False, "This study is not in the study index: import it to keep its read status"
    return True, f"Study marked {'read' if read else 'unread'}"


def is_read(index: StudyIndex, study_uid: str) -> bool | None:
    """Whether the study is marked read; None when the index cannot be read (busy, damaged)."""
    try:
        return read_status.is_read(index, study_uid)
    except sqlite3.Error:
        return None


def next_unread(rows: list[StudyRow], after: int | None, on_screen: str) -> int | None:
    """The place in ``rows`` (the list in its order on screen) of the first unread study below place ``after``
    (from the top when None), passing over the study on screen; None when there is none below. Only below: the
    reader works down the list, and a study passed over on purpose must not come back at every press."""
    start = 0 if after is None else after + 1
    return next((k for k in range(start, len(rows)) if not rows[k].read and rows[k].study_uid != on_screen), None)


def _studies(number: int) -> str:
    return f"{number} {'study' if number == 1 else 'studies'}"
