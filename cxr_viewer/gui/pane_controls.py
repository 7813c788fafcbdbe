"""The window's controls over both panes at once, and what the panes tell the status bar.

The corner text, the measuring tools (distance, CTR, angle, ROI) and the links are switched for both panes, the hidden comparison pane too, so a
prior shown later looks and measures like the film beside it. The panes' cursor readout and measured distances go
to the window's status bar; a window preset says there which window it chose, and one missing for this image says so
rather than doing nothing. Ctrl+C on a pane copies its measurements' figures. The
per-pane display commands (invert, rotate …) act on the active pane and are bound in ``actions`` directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets

from cxr_viewer.gui import status_bar
from cxr_viewer.gui.copy_key import CopyKey

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

NOTHING_TO_UNDO = "Nothing to undo on this image: no measurement deleted or adjusted"
TOOL_COMMANDS = {"measure": "distance", "ctr": "ctr", "angle": "angle", "roi": "roi", "arrow": "arrow"}  # id → tool


class PaneControls:
    def __init__(self, window: "MainWindow") -> None:
        """Bind every pane (the prior's too: a nodule's size then and now) to the status bar and the text setting."""
        self._window = window
        for pane in window.layout_panes.panes:
            pane.cursor_text.connect(window.cursor_label.setText)
            pane.corners.set_visible(window.settings.show_text_overlays)
            pane.measure.measured.connect(lambda text: status_bar.show_distance(window.statusBar(), text))
            pane.measure.deleted.connect(lambda texts: status_bar.forget_distances(window.statusBar(), texts))
            CopyKey(pane, lambda pane=pane: self._copy_measurements(pane))

    def _checked(self, command_id: str) -> bool:
        return self._window.actions[command_id].isChecked()

    def apply_preset(self, number: int) -> None:
        """The preset, named in the status bar: which window a number key gives depends on the file's own windows."""
        pane = self._window.layout_panes.active
        if pane.apply_preset(number):
            self._window.statusBar().showMessage(f"Window preset {number}: {pane.windowing.preset_name(number)}", 4000)
        elif pane.image is not None and pane.image.is_rgb:  # the menu names the reader's presets whatever the film
            self._window.statusBar().showMessage(f"No window preset {number}: a colour picture has no window", 4000)
        else:
            self._window.statusBar().showMessage(f"No window preset {number} for this image", 4000)

    def undo_delete(self) -> None:
        """Ctrl+Z: the last Delete, Shift+Delete or handle drag on the active pane's film undone."""
        count = self._window.layout_panes.active.measure.undo()
        if count == 0:
            self._window.statusBar().showMessage(NOTHING_TO_UNDO, 4000)
        elif count > 1:  # one alone is named by its figure, as when it was drawn
            self._window.statusBar().showMessage(f"Undo: {count} measurements back", 4000)

    def _copy_measurements(self, pane) -> None:
        """Ctrl+C on the image: the selected measurement's figure, else all of this film's, one a line, for the
        report (a status bar message cannot be selected, and retyping a figure invites a slip). On a film of several
        frames each line names its frame: measurements belong to one frame, and "Distance 8.0 mm" pasted from
        slice 23 of a tomosynthesis did not say where to find it."""
        shown = pane.measure.measurements
        chosen = [m for m in shown if m.selected] or shown
        image = pane.image
        frame = f" (frame {image.frame_index + 1} of {image.frame_count})" if image and image.frame_count > 1 else ""
        lines = [status_bar.measured_message(m.text) + frame for m in chosen if m is not pane.measure.unfinished]
        if not lines:
            self._window.statusBar().showMessage("No measurement on this image to copy", 4000)
            return
        QtWidgets.QApplication.clipboard().setText("\n".join(lines))
        copied = lines[0] if len(lines) == 1 else f"{len(lines)} measurements"
        self._window.statusBar().showMessage(f"Copied {copied}", 4000)

    def toggle_measure(self) -> None:
        self._set_tool("measure", "Measure: left-drag on the image", "Measure off")

    def toggle_ctr(self) -> None:
        self._set_tool("ctr", "CTR: drag the heart's widest width, then the chest's inner width", "CTR off")

    def toggle_angle(self) -> None:
        self._set_tool("angle", "Angle: drag the first arm to the vertex, then drag the second arm out of it",
                       "Angle off")

    def toggle_roi(self) -> None:
        self._set_tool("roi", "ROI: drag the box the ellipse fits in", "ROI off")

    def toggle_arrow(self) -> None:
        self._set_tool("arrow", "Arrow: drag from the finding (the tip) to where the note goes", "Arrow off")

    def _set_tool(self, command_id: str, on_text: str, off_text: str) -> None:
        """One tool at a time, in every pane: turning one on turns the others' menu checks off."""
        active = self._checked(command_id)
        if active:
            for other_id in TOOL_COMMANDS.keys() - {command_id}:
                self._window.actions[other_id].setChecked(False)
        for pane in self._window.layout_panes.panes:
            pane.measure.set_mode(TOOL_COMMANDS[command_id] if active else "")
        self._window.statusBar().showMessage(on_text if active else off_text, 4000)

    def cycle_edge(self) -> None:
        """S: the active pane's edge enhancement one step on (off, +1, +2, +3); with Link window/level in 1×2 the
        other pane takes the same step, as it takes the window: the two films are compared as one picture."""
        layout = self._window.layout_panes
        strength = layout.active.cycle_edge()
        if layout.linked_window and layout.mode == "1x2":
            for pane in layout.panes:
                if pane is not layout.active:
                    pane.set_edge(strength)
        said = f"+{strength.level}" if strength.level else "off"
        self._window.statusBar().showMessage(f"Edge enhancement {said}", 4000)

    def toggle_text(self) -> None:
        for pane in self._window.layout_panes.panes:
            pane.corners.set_visible(self._checked("toggle_text"))

    def toggle_link_view(self) -> None:
        self._window.layout_panes.set_linked_view(self._checked("link_view"))

    def toggle_link_window(self) -> None:
        self._window.layout_panes.set_linked_window(self._checked("link_window"))
