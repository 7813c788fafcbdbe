"""What the comparison pane of 1×2 shows: the same patient's prior, else another image of this study, else nothing.

The choice itself is ``Navigator.comparison`` (the open list first, then the study index through ``prior_lookup``,
and its later study through ``later_lookup`` for a patient with no prior);
this puts its answer on screen, with a corner line (``comparison_text``) saying what the film is to the current one
(prior, later study, same study), its date and interval, and whether the study index gave it, or why there is none,
so a reader never takes a later study or another image of the same study for a prior, nor an empty pane for a patient
without one. A blinded read gets the line without dates (``relabel`` when it starts with the pane shown). A film left
from the last study, perhaps another patient's, must not stand beside the current one, so the pane is emptied
whenever no comparison can be shown.

An import into the study index may bring the prior the pane lacked, so ``refresh`` asks again when one finishes;
it replaces only what the index decided (an empty pane, an index later study once a prior comes, or an index prior
that a newer earlier study now beats, since the pane's rule is the newest prior and must not depend on the order
folders were imported in). A film from
the open list or the same study is the reader's own choice of files and is never replaced; the same film is not
reloaded, so the reader's zoom and window on it stay.
"""

from __future__ import annotations

from pathlib import Path

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.gui.comparison_text import EMPTY_TEXT, comparison_text
from cxr_viewer.gui.layout import PaneLayout
from cxr_viewer.gui.navigation import Comparison, LaterLookup, PriorLookup
from cxr_viewer.gui.opener import ImageOpener

_REPLACEABLE = ("", "index")  # the origins an import may improve on ("undated" asks the index nothing)


class ComparisonPane:
    """Puts the navigator's comparison into the right pane and remembers what it asked for, so that ``refresh``
    can tell an empty pane or an index prior (which an import may improve) from a film the reader opened."""

    def __init__(self, panes: PaneLayout, opener: ImageOpener, prior_lookup: PriorLookup | None,
                 later_lookup: LaterLookup | None = None) -> None:
        self._panes, self._opener, self._prior_lookup, self._later_lookup = panes, opener, prior_lookup, later_lookup
        self._shown: Comparison | None = None  # the last comparison put in the pane (None: none since 1×1)
        self._missing = False  # its file was not on disk then

    def show(self, blinded: bool) -> None:
        """Load the comparison film into the right pane (nothing in 1×1); ``blinded`` hides its names as in the left."""
        self._shown = None
        if self._panes.secondary is not None:
            self._put(self._opener.navigator.comparison(self._prior_lookup, self._later_lookup), blinded)

    def refresh(self, blinded: bool) -> None:
        """After an import into the index: show a better comparison if the index now has one (module docstring).

        Costs the lookup's two indexed queries; nothing loads unless the answer is another film, or the same index
        prior that was missing on disk and has come back."""
        shown = self._shown
        if (shown is None or shown.origin not in _REPLACEABLE or self._panes.secondary is None
                or self._panes.primary.image is None):
            return
        comparison = self._opener.navigator.comparison(self._prior_lookup, self._later_lookup)
        if comparison.origin != "index":  # a busy index answers None: keep what is there
            return
        came_back = self._missing and comparison.path is not None and comparison.path.exists()
        if comparison.path != shown.path or came_back:
            self._put(comparison, blinded)

    def relabel(self, blinded: bool) -> None:
        """Write the corner line again for a read blinded or unblinded while the pane is shown: dates go or come."""
        second = self._panes.secondary
        if self._shown is not None and second is not None:
            second.position_text = self._text(blinded, second.image)
            second.refresh_text()

    def _text(self, blinded: bool, image: LoadedImage | None) -> str:
        """The corner line for ``_shown`` (set), its film ``image`` loaded or None."""
        shown, current = self._shown, self._panes.primary.image
        assert shown is not None
        if shown.path is None:
            return EMPTY_TEXT[shown.origin]
        if self._missing:  # a path names folders, often the patient or the date
            return "comparison missing on disk" + ("" if blinded else f":\n{shown.path}")
        if image is None:
            return "comparison not opened (see Messages)"
        navigator = self._opener.navigator
        group = navigator.studies[navigator.study] if navigator.studies else []
        number = f"{group.index(shown.path) + 1}/{len(group)}" if shown.path in group else ""
        return comparison_text(shown.relation, shown.origin, image.metadata.get("StudyDate"),
                               current.metadata.get("StudyDate") if current is not None else None, number, blinded)

    def _put(self, comparison: Comparison, blinded: bool) -> None:
        second = self._panes.secondary
        assert second is not None  # callers check the layout
        self._shown = comparison
        path: Path | None = comparison.path
        self._missing = path is not None and not path.exists()  # an indexed prior moved or deleted since its import
        image = self._opener.load(path) if path is not None and not self._missing else None
        second.position_text = self._text(blinded, image)
        if image is None:
            second.clear_image()
            self._panes.film_replaced(second)
            return
        second.blinded = blinded
        panes, primary = self._panes, self._panes.primary
        linked_view = panes.linked_view
        if linked_view:  # fitting the prior would refit the current film through the link, cutting a larger film off
            panes.set_linked_view(False)
        second.set_image(image)
        if linked_view:  # the prior takes the current film's view
            panes.set_linked_view(True)
        if panes.linked_window and primary.state != primary.start_state:  # e.g. a window kept in a series
            panes.set_linked_window(True)
        panes.film_replaced(second)
