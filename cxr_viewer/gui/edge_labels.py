"""The orientation letters at the middles of the image area's edges (R, L, H, F on a PA chest), as clinical viewers
show them.

Like the corner text they are plain labels over the viewport: they keep their size and stay upright while the film
turns, and the export's ``grab`` includes them. Which letter goes where is ``core.orientation``'s job; this places
them and keeps them clear of the corner text, which in a narrow or short pane can reach an edge's middle: a letter
that would touch a corner's box moves inwards past it, never over it, and one that would have to cross the middle
of the area is left out.
"""

from __future__ import annotations

from typing import Callable

from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.orientation import EdgeLetters

# the corner text's dark box, with larger bold letters: they are read at a glance, before any corner line
_STYLE = ("color: #f0f0f0; background: rgba(0, 0, 0, 170); padding: 1px 3px; font-family: monospace; "
          "font-size: 13px; font-weight: bold;")
MARGIN = 4  # screen pixels from the image area's edge, and between a letter and a corner's box it had to pass
EDGES = ("left", "right", "top", "bottom")


class EdgeLabels:
    def __init__(self, viewport_owner: QtWidgets.QWidget, area: Callable[[], QtCore.QRect]) -> None:
        self._area = area
        self.labels: dict[str, QtWidgets.QLabel] = {}
        for edge in EDGES:
            label = QtWidgets.QLabel(viewport_owner)
            label.setStyleSheet(_STYLE)
            label.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.hide()
            self.labels[edge] = label
        self.letters: EdgeLetters | None = None

    def texts(self) -> dict[str, str]:
        """What each edge says, shown or not ("" everywhere for a film without a usable Patient Orientation)."""
        return {edge: getattr(self.letters, edge) if self.letters else "" for edge in EDGES}

    def place(self, visible: bool, keep_clear_of: list[QtCore.QRect]) -> None:
        area = self._area()
        for edge, text in self.texts().items():
            label = self.labels[edge]
            if label.text() != text:  # placed on every W/L step: the letters themselves change only with a turn
                label.setText(text)
                label.ensurePolished()  # the style sheet's font and padding decide the size
                label.adjustSize()
            box = _spot(edge, label.size(), area, keep_clear_of) if visible and text else None
            label.setVisible(box is not None and _on_its_side(box, edge, area))
            if box is not None:
                label.move(box.topLeft())


def _spot(edge: str, size: QtCore.QSize, area: QtCore.QRect, keep_clear_of: list[QtCore.QRect]) -> QtCore.QRect:
    """The letter's box: at the middle of its edge, moved inwards past each corner's box it would touch."""
    box = QtCore.QRect(QtCore.QPoint(0, 0), size)
    if edge in ("left", "right"):
        x = area.left() + MARGIN if edge == "left" else area.right() - size.width() - MARGIN
        box.moveTo(x, area.center().y() - size.height() // 2)
    else:
        y = area.top() + MARGIN if edge == "top" else area.bottom() - size.height() - MARGIN
        box.moveTo(area.center().x() - size.width() // 2, y)
    for obstacle in sorted(keep_clear_of, key=lambda rect: _inwards(edge, rect)):
        if box.intersects(obstacle.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)):
            _move_past(box, edge, obstacle)
    return box


def _on_its_side(box: QtCore.QRect, edge: str, area: QtCore.QRect) -> bool:
    """Whether a letter pushed inwards still lies in its own half of the area: past the middle (a pane too short or
    narrow for it beside the corner text) it would sit nearer the opposite edge and be read as that edge's, so it is
    left out instead."""
    centre, middle = box.center(), area.center()
    return {"left": centre.x() < middle.x(), "right": centre.x() > middle.x(),
            "top": centre.y() < middle.y(), "bottom": centre.y() > middle.y()}[edge]


def _inwards(edge: str, rect: QtCore.QRect) -> int:
    """How far a box lies from ``edge`` towards the middle: the nearer ones are passed first."""
    return {"left": rect.left(), "right": -rect.right(), "top": rect.top(), "bottom": -rect.bottom()}[edge]


def _move_past(box: QtCore.QRect, edge: str, obstacle: QtCore.QRect) -> None:
    """Move ``box`` away from its edge until it clears ``obstacle`` by the margin."""
    if edge == "left":
        box.moveLeft(obstacle.right() + 1 + MARGIN)
    elif edge == "right":
        box.moveRight(obstacle.left() - 1 - MARGIN)
    elif edge == "top":
        box.moveTop(obstacle.bottom() + 1 + MARGIN)
    else:
        box.moveBottom(obstacle.top() - 1 - MARGIN)
