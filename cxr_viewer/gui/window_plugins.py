"""The main window's plugins: found and activated at start, switched on or off for the next start, deactivated once.

Every call into plugin code goes through ``plugins.guarded``, so a plugin that raises is listed in Messages and the
viewer carries on. Enabling or disabling one takes effect at the next start only: a plugin cannot be unloaded from a
running viewer (its layers, actions and threads would stay behind). Closing the window deactivates each active
plugin exactly once, so plugins close their files and end their threads even when another one raises.
"""

from __future__ import annotations

from typing import Callable

from PySide6 import QtWidgets

from cxr_viewer.plugin_api.host import ViewerHost
from cxr_viewer.plugins import ErrorReporter, PluginRecord, activate_all, discover, guarded
from cxr_viewer.settings import Settings
from cxr_viewer.settings_file import save_plugin_enabled


class WindowPlugins:
    def __init__(self, settings: Settings, report_error: ErrorReporter, show_message: Callable[[str, int], None]) -> None:
        self._settings = settings
        self._report_error = report_error
        self._show_message = show_message
        self.records: list[PluginRecord] = []
        self._deactivated = False

    def load(self, host: ViewerHost, plugins_menu: QtWidgets.QMenu) -> None:
        """Discover and activate the plugins not disabled in the settings; list every one found, a failed one with
        its error, under "Enabled plugins (at next start)"."""
        self.records = discover(set(self._settings.disabled_plugins))
        activate_all(self.records, host, self._report_error)
        enabled_menu = plugins_menu.addMenu("Enabled plugins (at next start)")
        for record in self.records:
            toggle = enabled_menu.addAction(record.name + (f"  — failed: {record.error}" if record.error else ""))
            toggle.setCheckable(True)
            toggle.setChecked(not record.disabled)
            toggle.toggled.connect(lambda on, name=record.name: self._set_enabled(name, on))

    def _set_enabled(self, name: str, enabled: bool) -> None:
        disabled = [n for n in self._settings.disabled_plugins if n != name] + ([] if enabled else [name])
        self._settings.disabled_plugins = disabled
        try:
            save_plugin_enabled(name, enabled)
        except OSError as exc:  # a read-only config folder: say so, rather than a tick that promises the next start
            self._report_error("Settings not saved", f"Plugin {name} stays {'disabled' if enabled else 'enabled'} "
                                                     f"at the next start: {exc}")
            return
        self._show_message(f"Plugin {name} {'enabled' if enabled else 'disabled'} from the next start", 6000)

    def deactivate(self) -> None:
        """Call each active plugin's ``deactivate`` once (it closes its files, ends its threads); one that raises
        is reported and the others, and the closing, go on."""
        if self._deactivated:
            return
        self._deactivated = True
        for record in self.records:
            if record.active:
                guarded(self._report_error, f"{record.name} deactivate", record.plugin.deactivate)
