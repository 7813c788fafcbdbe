"""Blinded reading and a plugin's hold on the view: what the window hides and locks while a plugin reads with it.

A reader study hides who and when (``set_metadata_hidden``) and takes the view for itself (``set_owner``); either
call changes the window (panes, docks, menus, the layer list) and the plugin side (which layers and actions are
allowed) at once, so the two are kept here together rather than half in the window and half in the host. The host
calls the plugins' exclusive-changed hooks itself, after ``set_owner`` has applied the change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtGui

from cxr_viewer.gui import shortcut_help
from cxr_viewer.gui.file_layers import FILE_LAYER_PREFIX
from cxr_viewer.gui.gsps_overlay import LAYER_ID as GSPS_LAYER_ID
from cxr_viewer.gui.plugin_contributions import PLUGIN_OFF

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

VIEW_CHANGING_COMMANDS = ("open_files", "open_folder", "open_dicomdir", "prev_image", "next_image",
                          "prev_study", "next_study", "layout_1x2",
                          "prev_frame", "next_frame")  # a step takes the holder's layers off (a pause cover too)
BLINDED_OFF_COMMANDS = ("export_png",)  # off while a plugin holds the view with names hidden (``_lock_blinded``)
# off under either hold (``_lock_naming``): Query/Retrieve lists patients and files; U and Shift+U act on the index
NAMING_COMMANDS = ("pacs", "next_unread", "toggle_read")


class ViewHold:
    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        self.owner: str | None = None  # the plugin holding the view, if any
        self.metadata_hidden = False

    @property
    def blinded(self) -> bool:
        """Either call holds: a plugin's hold or names hidden."""
        return self.owner is not None or self.metadata_hidden

    def owns(self, item_id: str) -> bool:
        """Whether a layer or action id may be shown or used: all may while no plugin holds the view."""
        return self.owner is None or item_id.startswith(self.owner + ".")

    def allows(self, action_id: str, action: QtGui.QAction) -> bool:
        """Whether a plugin's entry is on: the hold leaves it to its plugin, and its plugin has not greyed it
        (``set_action_enabled``). Ending a hold switched every entry back on, a Save with nothing to save included."""
        return self.owns(action_id) and not action.property(PLUGIN_OFF)

    def set_owner(self, owner: str | None) -> bool:
        """Hand the view to ``owner`` (None gives it back); True when the holder changed.

        Other plugins' layers go and their actions are switched off; the file's own shutter and overlay planes are
        the film, not a result, and stay, as do another system's presentation-state annotations (hidden in a blinded
        read by ``_lock_blinded``, back when it ends).
        """
        changed, self.owner = owner != self.owner, owner
        overlays = self._window.layout_panes.primary.overlays
        if owner is not None:
            for layer in overlays.layers():
                if not (self.owns(layer.id) or layer.id.startswith(FILE_LAYER_PREFIX) or layer.id == GSPS_LAYER_ID):
                    overlays.remove(layer.id)
        for action_id, action in self._window.plugin_actions.items():
            action.setEnabled(self.allows(action_id, action))
        self._lock_view(owner)
        self._lock_naming()
        self._lock_blinded()
        self._keep_measurements_unless_blinded()
        self._window.film.refresh_position()
        shortcut_help.refresh(self._window)  # an F1 list left open greys what the hold switched off, and no more
        return changed

    def _lock_view(self, owner: str | None) -> None:
        """While a plugin holds the view (blinded reading), the user cannot change what is shown: no opening or
        navigating, no comparison pane (it would show another study), no layer toggles."""
        window = self._window
        window.opener.locked_by = owner
        if owner is not None:
            window.set_layout("1x1")
        for command_id in VIEW_CHANGING_COMMANDS:
            window.actions[command_id].setEnabled(owner is None)
        window.layer_panel.setEnabled(owner is None)
        window.layout_panes.primary.empty_hint.set_allowed(owner is None)  # no "open a file" while opening is off

    def set_metadata_hidden(self, hidden: bool) -> None:
        """Hide names, dates and file names: the panes' corner text, the tags, the Studies dock, the Messages dock
        (earlier messages name files and folders: "/data/DOE_JOHN_19600101/…", a folder called "nodules") and the
        title. Messages that arrive meanwhile are kept and shown with the dock afterwards."""
        window = self._window
        self.metadata_hidden = hidden
        for pane in window.layout_panes.panes:
            pane.blinded = hidden
            pane.refresh_text()
        window.tag_panel.setEnabled(not hidden)
        for dock in ("tags", "messages"):
            window.docks[dock].setVisible(not hidden)
            window.docks[dock].toggleViewAction().setEnabled(not hidden)
        if hidden and window.messages.details is not None:  # one message in full, in a window of its own
            window.messages.details.hide()
        if hidden:  # a message still passing there named a file ("Could not open: /data/DOE_JOHN_19600101/…")
            window.statusBar().clearMessage()
        window.task_progress.set_blinded(hidden)  # a running task's title names its folder ("Opening …/DOE_JOHN")
        if window.browser is not None:
            window.docks["browser"].setVisible(not hidden)
            window.docks["browser"].toggleViewAction().setEnabled(not hidden)
        window.film.update_title(window.layout_panes.primary.image)
        window.film.comparison.relabel(hidden)  # its corner line carries the comparison's date
        self._lock_naming()
        self._lock_blinded()
        self._keep_measurements_unless_blinded()
        shortcut_help.refresh(window)  # Export view as PNG greyed or back

    def announce(self, title: str, text: str) -> None:
        """A new message's first line in the status bar, and the Messages dock brought up; during a blinded read
        neither (both would name files, the dock the earlier messages too): it is listed for afterwards."""
        window = self._window
        if self.metadata_hidden:
            window.statusBar().showMessage("A message is kept in Messages for after the blinded read", 15000)
            return
        window.statusBar().showMessage(f"{title}: {text.split(chr(10), 1)[0]}", 15000)
        window.docks["messages"].show()

    def _lock_naming(self) -> None:
        """Query/Retrieve off under either hold, and its window closed if left open: it lists patients' names (the
        results of the last query) and the files on screen, and retrieves other studies. As the Studies dock."""
        for command_id in NAMING_COMMANDS:
            self._window.actions[command_id].setEnabled(not self.blinded)
        if self.blinded and self._window.pacs.dialog is not None:
            self._window.pacs.dialog.hide()  # kept, as its close button keeps it
        if self._window.browser is not None:  # time on screen counts again from a hold's end (``browser_read``)
            self._window.browser.read_status.hold_changed(self.blinded)

    def _lock_blinded(self) -> None:
        """A blinded hold (a plugin holds the view and names are hidden: a reader-study session) also takes Export
        view as PNG away: its file dialog browses the disk, the study folder with its truth table (``cases.csv``)
        included, and the export would carry the case off the station."""
        blinded = self.owner is not None and self.metadata_hidden
        for command_id in BLINDED_OFF_COMMANDS:
            self._window.actions[command_id].setEnabled(not blinded)

    def _keep_measurements_unless_blinded(self) -> None:
        """A blinded read (either call) asks for a clean view: measurements kept from an earlier look at the same
        film must not show in it, nor those drawn in it be kept (``MeasurementMemory``); a presentation state's
        annotations hide with them (``gsps_overlay``)."""
        blinded = self.blinded
        panes = self._window.layout_panes
        if panes.measurement_memory.suspended == blinded:  # no change: leave the lines (a selection, a drag) alone
            return
        panes.measurement_memory.suspended = blinded
        self._window.layer_panel.lock(frozenset({GSPS_LAYER_ID}) if blinded else frozenset())  # no ticking it back
        for pane in panes.panes:
            pane.overlays.set_visible(GSPS_LAYER_ID, not blinded)
            pane.show_kept_measurements()
