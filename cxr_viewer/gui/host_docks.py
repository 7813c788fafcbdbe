"""The plugin API's dock calls (``add_dock_widget``, ``remove_dock_widget``): a plugin's panel docked and taken away.

``GuiHost`` takes them in as a base class. Docking goes through ``PluginContributions`` (the side, the View-menu
toggle), which names each plugin dock "plugin-dock-…"; that name is what lets ``remove_dock_widget`` tell a plugin's
dock from the viewer's own, which no plugin may take away. A panel the reader must not lose while using it (the
reader-study dock) is docked without its close button (``window_docks.keep_open``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets

from cxr_viewer.gui import window_docks
from cxr_viewer.gui.gui_thread import on_gui_thread

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow
    from cxr_viewer.gui.plugin_contributions import PluginContributions


class PluginDockCalls:
    _window: "MainWindow"
    _contributions: "PluginContributions"

    def add_dock_widget(self, title: str, widget: Any, area: str = "right", closable: bool = True) -> None:
        on_gui_thread(self._window, "add_dock_widget")  # a dock made off the GUI thread may crash the viewer later
        self._contributions.add_dock_widget(title, widget, area)
        if not closable:
            window_docks.keep_open(widget.parentWidget())  # the dock it was just put into

    def remove_dock_widget(self, widget: Any) -> None:
        """Only a plugin's dock (``add_dock_widget`` names it "plugin-dock-…"): the viewer's own are not a plugin's."""
        on_gui_thread(self._window, "remove_dock_widget")
        dock = widget.parentWidget() if isinstance(widget, QtWidgets.QWidget) else None
        if not isinstance(dock, QtWidgets.QDockWidget) or not dock.objectName().startswith("plugin-dock-"):
            raise ValueError(f"remove_dock_widget: {widget!r} is not a panel a plugin docked with add_dock_widget")
        self._window.menus["&View"].removeAction(dock.toggleViewAction())
        self._window.removeDockWidget(dock)
        dock.deleteLater()  # the widget with it
