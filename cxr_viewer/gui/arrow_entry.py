"""An arrow's note typed where the arrow is: after the drag, and on a double-click on an arrow to change it.

A field over the film at the arrow's tail, with the keyboard already in it, is quicker than a dialog: the reader types
"nodule?" and presses Enter without moving the eyes or the mouse. Enter, or clicking elsewhere, keeps what is typed;
Escape leaves the note as it was (a new arrow stays, without a note). Single-letter keys are the viewer's commands,
but a line edit takes the keys that type text before any shortcut; Escape, which the window gives to "keyboard back
to the image", is taken here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.arrow_item import ArrowMeasurement

if TYPE_CHECKING:
    from cxr_viewer.gui.measure import MeasureTool

FIELD_NAME = "arrow note"  # the field's object name: an export finds it to leave it out
FIELD_WIDTH = 220  # screen pixels: room for "line tip in the right atrium"


class NoteEntry(QtWidgets.QLineEdit):
    """The field for one arrow's note, at its tail; gone once the note is kept or left."""

    def __init__(self, tool: "MeasureTool", arrow: ArrowMeasurement) -> None:
        view = tool.view
        super().__init__(arrow.note, view.viewport())
        self.setObjectName(FIELD_NAME)
        self.setAccessibleName("Arrow note")
        self.setPlaceholderText("Note, Enter (Esc: none)")
        self._tool, self._arrow, self._done = tool, arrow, False
        self.setFixedWidth(FIELD_WIDTH)
        at = view.mapFromScene(arrow.shaft.mapToScene(arrow.tail))
        area = view.viewport().rect()
        self.move(max(0, min(at.x() + 8, area.width() - self.width())),
                  max(0, min(at.y() - self.sizeHint().height() // 2, area.height() - self.sizeHint().height())))
        self.editingFinished.connect(self._keep)
        tool.deleted.connect(self._taken_down)  # another film, a blinded read: no field left over the next one
        self.show()
        self.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        self.selectAll()

    def event(self, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.ShortcutOverride and event.key() == QtCore.Qt.Key.Key_Escape:
            event.accept()  # Escape is this field's, not the window's "keyboard back to the image"
            return True
        return super().event(event)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt naming
        if event.key() == QtCore.Qt.Key.Key_Escape:
            self._close()
        else:
            super().keyPressEvent(event)

    def _keep(self) -> None:
        """Enter or the focus gone elsewhere: the note is the arrow's, kept with the film and said."""
        if self._done:
            return
        if self._arrow in self._tool.measurements:  # not taken down (another film) while the field was open
            self._arrow.set_note(self.text())
            self._tool.remember()
            self._tool.measured.emit(self._arrow.text)
        self._close()

    def _taken_down(self, _texts: list) -> None:
        if not self._done and self._arrow not in self._tool.measurements:
            self._close()

    def _close(self) -> None:
        self._done = True
        back = self.hasFocus()  # Enter or Escape: the keys go back to the image; a click elsewhere keeps its focus
        view = self._tool.view
        self.hide()
        self.deleteLater()
        if back:
            view.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)


class NoteEditing(QtCore.QObject):
    """A double-click on an arrow opens its note; one per measuring tool (made with it), on its view's viewport."""

    def __init__(self, tool: "MeasureTool") -> None:
        super().__init__(tool)
        self._tool = tool
        tool.view.viewport().installEventFilter(self)

    def eventFilter(self, _watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() != QtCore.QEvent.Type.MouseButtonDblClick or event.button() != QtCore.Qt.MouseButton.LeftButton:
            return False
        picked = self._tool.pick(self._tool.view.mapToScene(event.position().toPoint()))
        if not isinstance(picked, ArrowMeasurement):
            return False
        self._tool.select(picked)
        NoteEntry(self._tool, picked)
        return True

