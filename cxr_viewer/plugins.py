"""Finding, loading and guarding plugins.

Plugins are third-party code running inside the viewer; a bug in one must cost the user an error
message, never the session. Every call into plugin code therefore goes through :func:`guarded`,
which hands the exception to a reporter (the GUI shows it in its message panel) and carries on.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Callable

from cxr_viewer.plugin_api.bound_host import BoundHost

log = logging.getLogger(__name__)

PLUGIN_GROUP = "cxr_viewer.plugins"

ErrorReporter = Callable[[str, str], None]  # (title, text)


@dataclass
class PluginRecord:
    """One entry point and what became of it, for the Plugins menu and for diagnosing failures."""

    name: str
    target: str
    plugin: Any = None
    disabled: bool = False
    error: str | None = None

    @property
    def active(self) -> bool:
        return self.plugin is not None and self.error is None


def guarded(report: ErrorReporter, who: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call plugin code; on any exception report it (with traceback in the log) and return None.

    ``sys.exit()`` too (a script's habit carried into a plugin): it ended the whole viewer without a word."""
    try:
        return func(*args, **kwargs)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - plugin code may raise anything; that is the point
        log.error("Plugin %s failed:\n%s", who, traceback.format_exc())
        report(f"Plugin {who} failed", f"{type(exc).__name__}: {exc}")
        return None


def discover(disabled: set[str], group: str = PLUGIN_GROUP) -> list[PluginRecord]:
    """Instantiate every enabled plugin of the entry-point group; disabled ones are listed, not imported."""
    records: list[PluginRecord] = []
    for ep in sorted(entry_points(group=group), key=lambda e: e.name):  # stable: sys.path order among equal names
        first = next((r for r in records if r.name == ep.name), None)
        if first is not None:  # its settings, its switch in the menu and its disabling would all be the first one's
            log.error("Plugin %s (%s) not loaded: %s already has that name", ep.name, ep.value, first.target)
            clash = f"another plugin is already named {ep.name!r} ({first.target}); rename one of the entry points"
            records.append(PluginRecord(ep.name, ep.value, disabled=first.disabled,
                                        error=None if first.disabled else clash))
            continue
        records.append(_load(ep, ep.name in disabled))
    return records


def _load(ep: EntryPoint, disabled: bool) -> PluginRecord:
    record = PluginRecord(name=ep.name, target=ep.value, disabled=disabled)
    if disabled:
        return record
    try:
        record.plugin = ep.load()()
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - a broken plugin install must not stop the viewer
        log.error("Cannot load plugin %s (%s):\n%s", ep.name, ep.value, traceback.format_exc())
        record.error = f"{type(exc).__name__}: {exc}"
    return record


def activate_all(records: list[PluginRecord], host: Any, report: ErrorReporter) -> None:
    """Activate each loaded plugin with the host bound to its id (``BoundHost``: it may take and end only its own
    hold, use only its own settings); one that raises is marked failed and the others still start."""
    ids = {_plugin_id(record): record.name for record in reversed(records) if record.active}  # the first one's id wins
    for record in records:
        if record.error:
            report(f"Plugin {record.name} could not be loaded", record.error)
            continue
        if record.plugin is None:
            continue
        plugin_id = _plugin_id(record)
        if ids[plugin_id] != record.name:  # its hold, settings and ids would be the other plugin's
            record.error = f"plugin {ids[plugin_id]!r} already has the id {plugin_id!r} (info.id); change one of them"
            report(f"Plugin {record.name} could not be loaded", record.error)
            continue
        failures: list[str] = []

        def note(title: str, text: str, _failures: list[str] = failures) -> None:
            _failures.append(text)
            report(title, text)

        guarded(note, record.name, record.plugin.activate, BoundHost(host, plugin_id, ids.keys()))
        if failures:
            record.error = failures[0]


def _plugin_id(record: PluginRecord) -> str:
    """The id the plugin goes by in its calls (``info.id``, the prefix of its layer and action ids); the entry-point
    name for one without a usable ``info``."""
    plugin_id = getattr(getattr(record.plugin, "info", None), "id", None)
    return plugin_id if isinstance(plugin_id, str) and plugin_id else record.name
