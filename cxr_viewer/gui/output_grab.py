"""A picture of panes for output (Export view, ``--screenshot``) without what only serves the reader's hand.

The selected measurement's handles and an arrow note's field while it is being typed are tools on the screen, not
part of the film's annotation: a key image sent to a colleague or pasted into a report must not carry white squares
on the caliper ends or a half-typed "nod|" in a text box. They are made invisible for the grab alone, so the screen
is left as it was: the selection, its handles, and the field with its text, cursor, selection and keyboard focus
(hiding the field would take its focus away, which keeps its note and closes it). The lens of the magnifying glass
needs nothing here: it lies over the pane, outside what is grabbed; it shows the handles, since it is the screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6 import QtGui, QtWidgets

from cxr_viewer.gui.arrow_entry import FIELD_NAME

if TYPE_CHECKING:
    from cxr_viewer.gui.image_view import ImagePane


def grab_for_output(widget: QtWidgets.QWidget, panes: Iterable["ImagePane"]) -> QtGui.QPixmap:
    """``widget`` grabbed as on screen, except the handles and note fields of ``panes`` (those it shows)."""
    with _hand_tools_hidden(panes):
        return widget.grab()


@contextmanager
def _hand_tools_hidden(panes: Iterable["ImagePane"]) -> Iterator[None]:
    handles = [item for pane in panes for item in pane.measure.adjuster.handles.items if item.isVisible()]
    fields = [field for pane in panes for field in pane.viewport().findChildren(QtWidgets.QLineEdit, FIELD_NAME)
              if field.isVisible()]
    for item in handles:
        item.setVisible(False)
    for field in fields:  # drawn through a fully transparent effect: still shown, focused and typed in
        effect = QtWidgets.QGraphicsOpacityEffect(field)
        effect.setOpacity(0.0)
        field.setGraphicsEffect(effect)
    try:
        yield
    finally:
        for item in handles:
            item.setVisible(True)
        for field in fields:
            field.setGraphicsEffect(None)
