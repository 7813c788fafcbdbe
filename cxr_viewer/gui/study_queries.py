"""What the Studies dock asks the study index, and what each answer means for the dock (Qt-free).

A listing is the studies for the table with the line under it, so that a list cut at ``SEARCH_LIMIT`` always says
so and is never mistaken for the whole answer. Listing raises what the index raises (a malformed date, a damaged
index), because the user asked and must be told; the window's own lookups (Recent after an image opens, the
comparison pane's prior) answer False or None instead, since a busy or damaged index must never stop a film from
showing. All of them are indexed queries, quick enough for the GUI thread. Marking read and U's choice of study are
``read_queries``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cxr_viewer.index import prior, query, recent
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
    unread_only: bool = False  # only unread studies were listed: the note counts them (``unread_note``)
    cut: bool = False  # more matched than were listed: the note says so, and stays as studies are read

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
        note = unread_note(rows) if unread_only else f"{_studies(len(rows))} found"
    return Listing("search", rows[:SEARCH_LIMIT], note, unread_only, cut=len(rows) > SEARCH_LIMIT)


def unread_note(rows: list[StudyRow]) -> str:
    """The line under an Unread-only list: how many of its studies are still unread. A study read meanwhile stays
    listed (the list must not jump under the reader's pointer), so the count says so rather than go stale."""
    unread = sum(not row.read for row in rows)
    read = len(rows) - unread
    return f"{_studies(unread)} unread" + (f" ({read} read since listed; Search drops {'it' if read == 1 else 'them'})"
                                           if read else "")


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


def later_image(index: StudyIndex, patient_id: str, after: str, study_uid: str) -> Path | None:
    """The comparison pane's later study (``index.prior.later_image``) when there is no prior; None as above."""
    try:
        return prior.later_image(index, patient_id, after, study_uid)
    except sqlite3.Error:
        return None


def _studies(number: int) -> str:
    return f"{number} {'study' if number == 1 else 'studies'}"
