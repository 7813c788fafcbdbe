"""Qt widgets for plugin panels, so that plugins with a UI do not each work around the same Qt behaviour.

``FittedLabel``: a word-wrapped label whose minimum height is the height its text needs at its current width. A
QLabel with ``wordWrap`` reports height-for-width, but a QDockWidget's layout does not pass that on: a dock was laid
out at the label's one-line hint, and a reader study's instructions (five lines at a side dock's width) or the AI
findings dock's research note were cut off top and bottom. This label turns its height-for-width into a plain
minimum height, which docks and the main window honour, each time its width or text changes; the dock then takes
the room from the dock above it. Scroll areas are not the answer for such texts: they hide a warning or a button
below their edge just as surely.

Only plugins that build a UI import this module; ``cxr_viewer.plugin_api`` itself stays free of Qt.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class FittedLabel(QLabel):
    """Word-wrapped, and never squeezed below its text's height at its width (see the module)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent, wordWrap=True)
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        super().setText(text)
        self._fit()

    def clear(self) -> None:
        super().clear()
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # a new height alone changes nothing to fit
            self._fit()

    def _fit(self) -> None:
        """The height the text needs at this width; an empty one (the warning, mostly) asks for no more than its
        hint."""
        needed = 0
        if self.text():
            self.setMinimumHeight(0)  # QLabel's height-for-width never answers less than its minimum height
            needed = self.heightForWidth(self.width())
        self.setMinimumHeight(needed)
