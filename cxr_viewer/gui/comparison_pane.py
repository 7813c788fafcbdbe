"""What the comparison pane of 1×2 shows: the same patient's prior, else another image of this study, else nothing.

The choice itself is ``Navigator.comparison`` (the open list first, then the study index through ``prior_lookup``);
this puts its answer on screen, with a corner line saying where the film came from or why there is none, so a reader
never takes another image of the same study for a prior, nor an empty pane for a patient without one. A film left
from the last study, perhaps another patient's, must not stand beside the current one, so the pane is emptied
whenever no comparison can be shown.
"""

from __future__ import annotations

from cxr_viewer.gui.layout import PaneLayout
from cxr_viewer.gui.navigation import PriorLookup
from cxr_viewer.gui.opener import ImageOpener

# the comparison pane's corner line, by where its film came from (navigation.Comparison.origin), or why it is empty
COMPARISON_TEXT = {"list": "comparison", "study": "comparison", "index": "comparison from the study index",
                   "": "no study of this patient to compare",
                   "undated": "no study date on this film: no prior sought in the study index"}


def show_comparison(panes: PaneLayout, opener: ImageOpener, prior_lookup: PriorLookup | None, blinded: bool) -> None:
    """Load the comparison film into the right pane (nothing in 1×1); ``blinded`` hides its names as in the left."""
    second = panes.secondary
    if second is None:
        return
    comparison = opener.navigator.comparison(prior_lookup)
    path = comparison.path
    missing = path is not None and not path.exists()  # an indexed prior moved or deleted since its import
    image = opener.load(path) if path is not None and not missing else None
    if image is None:
        second.position_text = (COMPARISON_TEXT[comparison.origin] if path is None
                                else f"comparison missing on disk:\n{path}" if missing
                                else "comparison not opened (see Messages)")
        second.clear_image()
        return
    second.blinded = blinded
    second.position_text = COMPARISON_TEXT[comparison.origin]
    second.set_image(image)
    if panes.linked_view:
        panes.set_linked_view(True)
    primary = panes.primary
    if panes.linked_window and primary.state != primary.start_state:  # e.g. a window kept in a series
        panes.set_linked_window(True)
