"""Image > Magnifying glass (L): a lens that follows the pointer over the film, for the search for small nodules.

Radiologists sweep a loupe over the whole chest rather than zooming in and panning: the film stays whole on screen
and the eye keeps its place. The key (or the menu entry) turns the lens on and off, in either pane of 1×2 (it
shows in the pane under the pointer); Escape ends it too. While it is on, the wheel over the film and the + and −
keys change its power among ``POWERS`` instead of zooming, and the status bar names the power; it stops at each
end, as the zoom does at its limits. 2× is the default: a fitted chest film is shown at about a third of its
pixels, so 2× brings a small opacity near its real detail while the lens still holds a rib space or two.

Everything else goes on as without it: the pointer's readout, measuring drags, window/level and the keys act on
the pane under the lens (``Lens`` takes no mouse event). What the lens draws is ``magnifier_lens``'s job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui

from cxr_viewer.gui.magnifier_lens import Lens

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

COMMAND = "magnifier"
TEXT = "Magnifying glass"
POWERS = (1.5, 2.0, 3.0, 4.0)
DEFAULT_POWER = 2.0
_UP_KEYS = {QtCore.Qt.Key.Key_Plus, QtCore.Qt.Key.Key_Equal}  # "=" is + without Shift on many keyboards
_DOWN_KEYS = {QtCore.Qt.Key.Key_Minus}
_END_KEYS = {QtCore.Qt.Key.Key_Escape}
_POINTER_EVENTS = {QtCore.QEvent.Type.MouseMove, QtCore.QEvent.Type.Leave, QtCore.QEvent.Type.Wheel}
_KEY_EVENTS = {QtCore.QEvent.Type.ShortcutOverride, QtCore.QEvent.Type.KeyPress}


def step_power(power: float, steps: int) -> float:
    """The power ``steps`` notches up (down when negative) from ``power``, held at the ends of ``POWERS``."""
    index = POWERS.index(power) + steps
    return POWERS[min(max(index, 0), len(POWERS) - 1)]


class Magnifier(QtCore.QObject):
    def __init__(self, window: "MainWindow", action: QtGui.QAction) -> None:
        super().__init__(window)
        self._window = window
        self._action = action
        self.power = DEFAULT_POWER
        self._live = False  # the lenses follow the pointer and their scenes
        self._pointer: dict[Lens, QtCore.QPointF] = {}  # the screen point where the pointer rests over a pane
        self.lenses = [Lens(frame.pane, frame, self.power) for frame in window.layout_panes.frames]
        # looked up by the watched object itself: while the window closes, a pane's viewport still has events
        # after the pane's own C++ object is gone, so nothing may be asked of the pane to find its lens
        self._by_viewport = {lens.pane.viewport(): lens for lens in self.lenses}
        self._by_pane = {lens.pane: lens for lens in self.lenses}
        for viewport, pane in zip(self._by_viewport, self._by_pane):
            viewport.installEventFilter(self)  # pointer moves, leaving, the wheel
            pane.installEventFilter(self)  # keys: the pane has the keyboard focus

    @property
    def on(self) -> bool:
        return self._action.isChecked()

    def follow_action(self) -> None:
        """The entry or its key was used: switch the lens as the entry's check now says."""
        self._switch(self.on)

    def _switch(self, on: bool) -> None:
        if on == self._live:
            return
        self._live = on
        for lens in self.lenses:
            scene = lens.pane.scene()
            if on:  # the film under a still lens changes too: a window drag, a turn, a layer switched off
                scene.changed.connect(lens.update)
            else:
                scene.changed.disconnect(lens.update)
                lens.hide()
        if on:
            self._show_under_pointer()
        self._say("Magnifying glass {power}: the wheel or + and − change it, L or Escape ends it" if on
                  else "Magnifying glass off")

    def _show_under_pointer(self) -> None:
        """Turned on with the pointer already over a film: the lens is there at once, not at the first move."""
        for lens, where in self._pointer.items():
            self._follow(lens, where)

    def _follow(self, lens: Lens, spot: QtCore.QPointF) -> None:
        if lens.pane.image is None:
            lens.hide()
        else:
            lens.show_over(spot)

    def _set_power(self, power: float) -> None:
        self.power = power
        for lens in self.lenses:
            lens.power = power
            lens.update()
        self._say("Magnifying glass {power}")

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text.format(power=f"{self.power:g}×"), 3000)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt naming
        kind = event.type()
        if kind in _POINTER_EVENTS and watched in self._by_viewport:
            lens = self._by_viewport[watched]
            if kind == QtCore.QEvent.Type.MouseMove:
                self._pointer[lens] = event.globalPosition()  # kept while off; on the screen, as the pointer
                if self.on:
                    self._follow(lens, event.globalPosition())
            elif kind == QtCore.QEvent.Type.Leave:
                self._pointer.pop(lens, None)
                lens.hide()
            elif self.on:  # the wheel
                self._set_power(step_power(self.power, 1 if event.angleDelta().y() > 0 else -1))
                return True  # no zoom while the lens is on
        elif kind in _KEY_EVENTS and self.on and watched in self._by_pane:
            return self._key(event, kind == QtCore.QEvent.Type.KeyPress)
        return False

    def _key(self, event: QtGui.QKeyEvent, pressed: bool) -> bool:
        """+, − and Escape belong to the lens while it is on (Escape otherwise hands the keyboard to the image,
        where it already is)."""
        key = event.key()
        if key not in _UP_KEYS | _DOWN_KEYS | _END_KEYS:
            return False
        if not pressed:  # ShortcutOverride: claim the key, so that it arrives here as a key press
            event.accept()
            return True
        if key in _END_KEYS:
            self._action.setChecked(False)
            self._switch(False)
        else:
            self._set_power(step_power(self.power, 1 if key in _UP_KEYS else -1))
        return True


def attach(window: "MainWindow", action: QtGui.QAction) -> None:
    """Give the window its magnifying glass, switched by ``action`` (checkable; the command table's entry)."""
    Magnifier(window, action)


def toggle(window: "MainWindow") -> None:
    """The command table's handler: the entry's check has just changed."""
    window.findChild(Magnifier).follow_action()
