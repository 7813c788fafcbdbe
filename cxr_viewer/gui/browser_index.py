"""Which study index the Studies dock works on, and the dock's controls that follow whether it can be used.

The dock's parts read the index through this one holder (``current``), so that switching it (at start, on Try
again, after moving a damaged one aside, or a test handing one in) reaches the list, the thumbnails, the listing
and the imports at once; the controls that write are off while it is read-only, all of them while there is none.
"""

from __future__ import annotations

from cxr_viewer.gui.study_list import StudyList
from cxr_viewer.gui.study_queries import Listing
from cxr_viewer.gui.study_search_form import StudySearchForm
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.rows import StudyRow


class BrowserIndex:
    """The dock's open index (``current``; None while it cannot be used)."""

    def __init__(self, form: StudySearchForm, studies: StudyList) -> None:
        self._form, self._studies = form, studies
        self.current: StudyIndex | None = None

    def use(self, index: StudyIndex) -> None:
        """Work on ``index`` from now on; the thumbnails being made for the last one are no longer wanted."""
        self._studies.thumbnails.cancel()
        self.current = index
        self._set_usable(True)

    def use_opened(self, index: StudyIndex, recent_rows: list[StudyRow]) -> None:
        """Work on the index the dock's file opener opened, listing the Recent studies it read while opening."""
        self.use(index)
        self._studies.show_listing(Listing.recent(recent_rows))

    def use_none(self) -> None:
        self.current = None
        self._studies.clear()
        self._set_usable(False)

    def _set_usable(self, usable: bool) -> None:
        """The index controls are off while the index cannot be used, and those that write while it is read-only."""
        writable = usable and self.current is not None and not self.current.read_only
        self._form.set_usable(usable, writable=writable)
        self._studies.set_usable(usable)
