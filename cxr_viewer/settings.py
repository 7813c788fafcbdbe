"""The user's viewer configuration: keyboard shortcuts, disabled plugins, cache size, plugin settings.

Stored as one JSON file in the platform's user config folder so users can edit it by hand; the
``CXR_VIEWER_CONFIG_DIR`` variable moves it (the test suite points it at a temporary folder).
A damaged file must never stop the viewer from starting, so it falls back to defaults and says why.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

log = logging.getLogger(__name__)

SETTINGS_FILE = "viewer.json"

DEFAULT_SHORTCUTS: dict[str, str] = {
    "open_files": "Ctrl+O",
    "open_folder": "Ctrl+Shift+O",
    "export_png": "Ctrl+E",
    "invert": "I",
    "fit": "F",
    "one_to_one": "0",
    "reset": "R",
    "auto_window": "W",
    "rotate_cw": "T",
    "rotate_ccw": "Shift+T",
    "flip_h": "H",
    "flip_v": "V",
    "measure": "M",
    "delete_measurement": "Delete",
    "clear_measurements": "Shift+Delete",
    "toggle_text": "O",
    "next_image": "PgDown",
    "prev_image": "PgUp",
    "next_study": "Ctrl+PgDown",
    "prev_study": "Ctrl+PgUp",
    "layout_1x1": "Ctrl+1",
    "layout_1x2": "Ctrl+2",
    **{f"preset_{n}": str(n) for n in range(1, 10)},
}


def config_dir() -> Path:
    override = os.environ.get("CXR_VIEWER_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("cxr-viewer", appauthor=False))


@dataclass
class Settings:
    """Everything the user can configure; unknown keys in the file are ignored, missing ones defaulted."""

    shortcuts: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SHORTCUTS))
    disabled_plugins: list[str] = field(default_factory=list)
    cache_limit_mb: int = 512  # decoded-image LRU; see docs/viewer.md "Opening, navigation, cache"
    show_text_overlays: bool = True
    plugin_settings: dict[str, dict[str, Any]] = field(default_factory=dict)

    def shortcut(self, command: str) -> str:
        return self.shortcuts.get(command, DEFAULT_SHORTCUTS.get(command, ""))


def load_settings(directory: Path | None = None) -> Settings:
    """Read the file, keeping every field that parses: one bad value costs that field, not the user's file.

    A file that is not JSON at all is copied aside (``viewer.json.unreadable``) before defaults are used, because
    the next change the user makes in the viewer rewrites ``viewer.json`` and would otherwise lose their edits.
    """
    path = (directory or config_dir()) / SETTINGS_FILE
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("top level is not a JSON object")
    except (OSError, ValueError) as exc:
        kept = path.with_name(SETTINGS_FILE + ".unreadable")
        try:
            shutil.copyfile(path, kept)
        except OSError:
            kept = None
        log.warning("Ignoring unreadable settings file %s: %s%s", path, exc, f" (copy kept as {kept})" if kept else "")
        return Settings()
    settings = Settings()
    for name, convert in _FIELDS.items():
        if name in raw:
            try:
                setattr(settings, name, convert(raw[name], getattr(settings, name)))
            except (TypeError, ValueError, AttributeError) as exc:
                log.warning("Settings file %s: ignoring %r (%s: %s); using the default", path, name,
                            type(exc).__name__, exc)
    return settings


def _shortcuts(value: Any, defaults: dict[str, str]) -> dict[str, str]:
    return defaults | {str(command): str(keys) for command, keys in value.items()}


def _strict_int(value: Any, _default: int) -> int:
    number = None if isinstance(value, bool) else int(value)  # "512" is read as 512; "big" raises
    if number is None or number < 0:
        raise ValueError(f"{value!r} is not a non-negative whole number")
    return number


def _strict_bool(value: Any, _default: bool) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{value!r} is not true or false")
    return value


def _string_list(value: Any, _default: list[str]) -> list[str]:
    if not isinstance(value, list):
        raise TypeError(f"{value!r} is not a list")
    return [str(item) for item in value]


def _plugin_settings(value: Any, _default: dict) -> dict[str, dict[str, Any]]:
    kept = {}
    for plugin, values in value.items():
        if isinstance(values, dict):
            kept[str(plugin)] = values
        else:
            log.warning("Settings file: ignoring plugin_settings[%r] (%r is not an object)", plugin, values)
    return kept


_FIELDS: dict[str, Any] = {"shortcuts": _shortcuts, "disabled_plugins": _string_list, "cache_limit_mb": _strict_int,
                           "show_text_overlays": _strict_bool, "plugin_settings": _plugin_settings}


def save_settings(settings: Settings, directory: Path | None = None) -> Path:
    """Write atomically (temp file + rename) so a crash mid-write cannot corrupt the file."""
    folder = directory or config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SETTINGS_FILE
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(path)
    return path
