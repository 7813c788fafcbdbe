"""The window's controls over both panes at once, and what the panes tell the status bar.

The corner text, the measuring tools (distance, CTR) and the links are switched for both panes, the hidden comparison pane too, so a
prior shown later looks and measures like the film beside it. The panes' cursor readout and measured distances go
to the window's status bar; a window preset missing for this image says so there rather than doing nothing. The
per-pane display commands (invert, rotate …) act on the active pane and are bound in ``actions`` directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cxr_viewer.gui import status_bar

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow


class PaneControls:
    def __init__(self, window: "MainWindow") -> None:
        """Bind every pane (the prior's too: a nodule's size then and now) to the status bar and the text setting."""
        self._window = window
        for pane in window.layout_panes.panes:
            pane.cursor_text.connect(window.cursor_label.setText)
            pane.corners.set_visible(window.settings.show_text_overlays)
            pane.measure.measured.connect(lambda text: status_bar.show_distance(window.statusBar(), text))
            pane.measure.deleted.connect(lambda texts: status_bar.forget_distances(window.statusBar(), texts))

    def _checked(self, command_id: str) -> bool:
        return self._window.actions[command_id].isChecked()

    def apply_preset(self, number: int) -> None:
        if not self._window.layout_panes.active.apply_preset(number):
            self._window.statusBar().showMessage(f"No window preset {number} for this image", 4000)

    def toggle_measure(self) -> None:
        self._set_tool("distance", "measure", "ctr", "Measure: left-drag on the image", "Measure off")

    def toggle_ctr(self) -> None:
        self._set_tool("ctr", "ctr", "measure", "CTR: drag the heart's widest width, then the chest's inner width",
                       "CTR off")

    def _set_tool(self, mode: str, command_id: str, other_id: str, on_text: str, off_text: str) -> None:
        """One tool at a time, in every pane: turning one on turns the other's menu check off."""
        active = self._checked(command_id)
        if active:
            self._window.actions[other_id].setChecked(False)
        for pane in self._window.layout_panes.panes:
            pane.measure.set_mode(mode if active else "")
        self._window.statusBar().showMessage(on_text if active else off_text, 4000)

    def toggle_text(self) -> None:
        for pane in self._window.layout_panes.panes:
            pane.corners.set_visible(self._checked("toggle_text"))

    def toggle_link_view(self) -> None:
        self._window.layout_panes.set_linked_view(self._checked("link_view"))

    def toggle_link_window(self) -> None:
        self._window.layout_panes.set_linked_window(self._checked("link_window"))
