"""The part of :class:`~cxr_viewer.plugin_api.host.ViewerHost` through which a plugin adds to the window: menu
entries with their keys, and docked panels."""

from __future__ import annotations

import abc
from typing import Any, Callable


class ContributionHost(abc.ABC):
    @abc.abstractmethod
    def add_action(
        self, action_id: str, text: str, callback: Callable[[], None], shortcut: str | None = None,
        menu: str = "Plugins", checkable: bool = False, checked: bool = False,
    ) -> None:
        """A menu entry (and shortcut); a ``checkable`` one shows a tick for an on/off setting the plugin keeps."""

    @abc.abstractmethod
    def set_action_checked(self, action_id: str, checked: bool) -> None:
        """Show a checkable action's tick as the plugin's setting is (the user's click already flips it)."""

    def set_action_enabled(self, action_id: str, enabled: bool) -> None:
        """Grey out (or give back) a menu entry while it has nothing to act on, as a save with nothing to save: a
        radiologist expects that greyed, not an entry that only says why once chosen. The plugin's wish and another
        plugin's hold both switch an entry off, so one the plugin switched off stays off when a hold ends, and one it
        switches on during another plugin's hold waits for the hold to end. The plugin still refuses the command
        itself (a key, or a race, can reach it). A no-op by default: a host without menus (a headless test host)
        greys nothing, and hosts written before this call keep working."""

    @abc.abstractmethod
    def add_dock_widget(self, title: str, widget: Any, area: str = "right", closable: bool = True) -> None:
        """Dock a QWidget the plugin built; plugins with a UI import Qt themselves.

        ``closable=False`` gives the dock no close button and no View-menu toggle: for a panel the user must not lose
        while it is in use (a reader-study session's Log out and feedback, whose number keys rate even when the
        panel is gone).
        """

    def remove_dock_widget(self, widget: Any) -> None:
        """Take away the dock :meth:`add_dock_widget` put ``widget`` into, with its View-menu toggle; the widget is
        deleted with it, so the plugin drops its references and builds a new one to dock again. For a panel whose
        work is over (a closed reader study), so the plugin can start again without a restart of the viewer.
        ``ValueError`` for a widget that is not in a dock a plugin added. A no-op by default: a host without docks
        (a headless test host) has none to take away, and hosts written before this call keep working."""
