"""What plugins add to the main window: menu entries with their shortcuts, docks, and status-bar text.

A plugin's entries go into the window's menus and ``plugin_actions`` beside the viewer's own, so the hold on the view
(``view_hold``) can switch off every one but its holder's: an entry added while another plugin holds the view starts
off. A plugin greys its own entry (``set_action_enabled``) by a property on the action, ``PLUGIN_OFF``, which the hold
reads too: an entry is on only while both its plugin and the hold allow it (``ViewHold.allows``). Their callbacks run
guarded, like every call into plugin code. A dock gets its View-menu toggle like the viewer's own (``window_docks``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6 import QtCore, QtGui

from cxr_viewer.gui.gui_thread import on_gui_thread
from cxr_viewer.gui.shortcut_keys import bound_keys, key_owner, key_text
from cxr_viewer.plugins import guarded

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

PLUGIN_OFF = "plugin_off"  # a plugin action's property: its plugin switched it off (set_action_enabled)

_DOCK_AREAS = {
    "right": QtCore.Qt.DockWidgetArea.RightDockWidgetArea,
    "left": QtCore.Qt.DockWidgetArea.LeftDockWidgetArea,
    "bottom": QtCore.Qt.DockWidgetArea.BottomDockWidgetArea,
    "top": QtCore.Qt.DockWidgetArea.TopDockWidgetArea,
}


class PluginContributions:
    def __init__(self, window: "MainWindow", report: Callable[[str, str], None]) -> None:
        self._window = window
        self._report = report

    def add_action(self, action_id: str, text: str, callback: Callable[[], None], shortcut: str | None, menu: str,
                   checkable: bool, checked: bool) -> None:
        """A second entry with an id already taken is refused (``plugin_actions`` and ``--overlay`` know one per id),
        and a key already bound, the viewer's or an earlier plugin's, is not given again: Qt would fire neither.
        The user rebinds a plugin's key under its action id in the settings' ``shortcuts`` (``"cxr_ai.detect":
        "Shift+D"``, ``""`` for none), as the viewer's own: otherwise a key taken by a rebound viewer command left
        the plugin's entry with no key and no way to give it one."""
        shortcut = self._window.settings.shortcuts.get(action_id, shortcut)
        if action_id in self._window.plugin_actions:
            self._report(f"Plugin action {action_id} not added",
                         f"{text!r}: another plugin's entry already has the id {action_id!r}")
            return
        on_gui_thread(self._window, "add_action")
        owner = key_owner(shortcut, bound_keys(self._window))
        if shortcut and not key_text(shortcut):  # Qt reads "Ctlr+J" as no key at all: the entry had none, unsaid
            self._report(f"Plugin action {action_id}: no shortcut",
                         f"{shortcut!r} for {text!r} is not a key (write it as \"Ctrl+J\", \"Shift+F5\"); the entry is "
                         f"in the {menu} menu without a key")
            shortcut = None
        elif owner is not None:
            self._report(f"Plugin action {action_id}: no shortcut",
                         f"{key_text(shortcut)} for {text!r} is already {owner!r}; the entry is in the {menu} menu "
                         "without a key")
            shortcut = None
        action = QtGui.QAction(text, self._window)
        action.setObjectName(action_id)
        action.setCheckable(checkable)
        action.setChecked(checkable and checked)
        if shortcut:
            action.setShortcut(QtGui.QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: guarded(self._report, f"action {action_id}", callback))
        self._window.menu_named(menu).addAction(action)
        self._window.addAction(action)
        self._window.plugin_actions[action_id] = action
        action.setEnabled(self._window.hold.allows(action_id, action))

    def set_action_checked(self, action_id: str, checked: bool) -> None:
        self._window.plugin_actions[action_id].setChecked(checked)

    def set_action_enabled(self, action_id: str, enabled: bool) -> None:
        """The plugin's wish is kept on the action, so that the end of another plugin's hold gives back only the
        entries their plugins left on."""
        action = self._window.plugin_actions.get(action_id)
        if action is None:
            raise ValueError(f"set_action_enabled: no action {action_id!r} was added (add_action first)")
        on_gui_thread(self._window, "set_action_enabled")
        action.setProperty(PLUGIN_OFF, not enabled)
        action.setEnabled(self._window.hold.allows(action_id, action))

    def add_dock_widget(self, title: str, widget: Any, area: str) -> None:
        """On the named side; an unknown name docks on the right."""
        self._window.add_dock(title, widget, _DOCK_AREAS.get(area, _DOCK_AREAS["right"]), name_prefix="plugin-dock")

    def show_status(self, text: str, permanent: bool) -> None:
        """A permanent status (e.g. "research use only" and the model version) has its own label, which the
        viewer's passing messages (measure on, window preset, errors) cannot erase."""
        on_gui_thread(self._window, "show_status")
        if permanent:
            self._window.plugin_status.setText(text)
            self._window.plugin_status.setToolTip(text)  # the label may be clipped in a narrow window
        else:
            self._window.statusBar().showMessage(text, 8000)
