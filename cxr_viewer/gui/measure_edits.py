"""What the reader does to a film's finished measurements besides drawing them: Delete, Shift+Delete and Ctrl+Z.

Apart from ``MeasureTool`` (the drawing, showing, picking and selecting), whose base it is: each edit is written
through to the session's memory, which keeps what it took away and what it put in place (``measure_memory``), so
Ctrl+Z undoes a deletion and a handle drag (``measure_adjust``) alike: what the edit made goes, what it took comes
back, where it was in the list.
"""

from __future__ import annotations

from PySide6 import QtCore

from cxr_viewer.gui.measure_adjust import Adjuster
from cxr_viewer.gui.measure_memory import MeasurementMemory
from cxr_viewer.gui.measure_tools import Item, redraw


class MeasurementEdits:
    """Delete, clear and undo over ``MeasureTool``'s measurements (the attributes below are the tool's)."""

    measurements: list[Item]
    memory: MeasurementMemory
    key: str | None
    adjuster: Adjuster
    _current: Item | None
    measured: QtCore.SignalInstance
    deleted: QtCore.SignalInstance

    def delete_selected(self) -> int:
        doomed = [m for m in self.measurements if m.selected]
        self.memory.discard(self.key, [m.mark for m in doomed if m is not self._current])  # an unfinished one: none
        for m in doomed:
            m.remove()
            self.measurements.remove(m)
            if m is self._current:
                self._current = None
        if doomed:
            self.adjuster.show_for(None)
            self.remember()
            self.deleted.emit([m.text for m in doomed])
        return len(doomed)

    def clear(self) -> None:
        """Delete every measurement of this image (the user's Shift+Delete): it is forgotten too, noted for Ctrl+Z."""
        self.memory.discard(self.key, [m.mark for m in self.measurements if m is not self._current])
        self._take_down()
        self.remember()

    def undo(self) -> int:
        """Undo the last Delete, Shift+Delete or handle drag on this image: what it took away comes back (in the
        place of what a drag made of it), the last one selected; how many came back."""
        marks, made = self.memory.take_back(self.key)
        at = len(self.measurements)
        for mark in made:  # an adjusted measurement, found by what the drag left it as
            found = next((m for m in self.measurements if m is not self._current and m.mark == mark), None)
            if found is not None:
                at = self.measurements.index(found)
                found.remove()
                self.measurements.remove(found)
        back = [redraw(self, mark) for mark in marks]
        self.measurements[at:at] = back
        if back:
            self.remember()
            self.select(back[-1])
            self.measured.emit(back[-1].text)
        return len(back)
