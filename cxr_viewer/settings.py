"""The user's viewer configuration: keyboard shortcuts, disabled plugins, cache size, plugin settings.

Stored as one JSON file in the platform's user config folder so users can edit it by hand; the
``CXR_VIEWER_CONFIG_DIR`` variable moves it (the test suite points it at a temporary folder).
A damaged file must never stop the viewer from starting, so it falls back to defaults and says why.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxr_viewer.settings_file import SETTINGS_FILE, config_dir, keep_aside, read_object

log = logging.getLogger(__name__)

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
    "ctr": "C",
    "delete_measurement": "Delete",
    "clear_measurements": "Shift+Delete",
    "undo_delete": "Ctrl+Z",
    "toggle_text": "O",
    "next_image": "PgDown",
    "prev_image": "PgUp",
    "next_study": "Ctrl+PgDown",
    "prev_study": "Ctrl+PgUp",
    "prev_frame": ",",
    "next_frame": ".",
    "layout_1x1": "Ctrl+1",
    "layout_1x2": "Ctrl+2",
    "shortcut_help": "F1",
    **{f"preset_{n}": str(n) for n in range(1, 10)},
}

# The window's chrome (gui/theme.py). Light stays the default: it is the viewer's look so far, and a dark room is the
# reader's to choose; "system" follows the desktop's light or dark scheme.
THEMES = ("light", "dark", "system")


@dataclass
class Settings:
    """Everything the user can configure; unknown keys in the file are ignored, missing ones defaulted."""

    shortcuts: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SHORTCUTS))
    disabled_plugins: list[str] = field(default_factory=list)
    cache_limit_mb: int = 512  # decoded-image LRU; see docs/viewer.md "Opening, navigation, cache"
    show_text_overlays: bool = True
    plugin_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    window_layout: dict[str, str] = field(default_factory=dict)  # the window's place and docks (gui/window_layout.py)
    last_folder: str = ""  # where File > Open last found something: the next Open dialog starts there
    theme: str = "light"  # one of THEMES, chosen in View > Theme
    # What reading the file found wrong, for the window to list in Messages: a log line alone is never seen.
    problems: list[str] = field(default_factory=list, compare=False, repr=False)

    def shortcut(self, command: str) -> str:
        return self.shortcuts.get(command, DEFAULT_SHORTCUTS.get(command, ""))


def load_settings(directory: Path | None = None) -> Settings:
    """Read the file, keeping every field that parses: one bad value costs that field, not the user's file.

    A file that is not JSON at all is copied aside (``viewer.json.unreadable``) before defaults are used, because
    the next change the user makes in the viewer rewrites ``viewer.json`` and would otherwise lose their edits.
    Each problem is logged and kept in ``Settings.problems`` for the window to list.
    """
    path = (directory or config_dir()) / SETTINGS_FILE
    settings = Settings()
    try:
        raw = read_object(path)
    except (OSError, ValueError) as exc:
        kept = keep_aside(path)
        _problem(settings, f"{path} could not be read ({exc}); the viewer starts with its default settings"
                           + (f" (your file is kept as {kept})" if kept else ""))
        return settings
    for name, convert in _FIELDS.items():
        if name in raw:
            try:
                setattr(settings, name, convert(raw[name], getattr(settings, name), settings))
            except (TypeError, ValueError, AttributeError) as exc:
                _problem(settings, f"{path}: {name!r} ignored ({type(exc).__name__}: {exc}); using the default")
    return settings


def _problem(settings: Settings, text: str) -> None:
    log.warning("Settings: %s", text)
    settings.problems.append(text)


def _shortcuts(value: Any, defaults: dict[str, str], _settings: Settings) -> dict[str, str]:
    return defaults | {str(command): str(keys) for command, keys in value.items()}


def _strict_int(value: Any, _default: int, _settings: Settings) -> int:
    number = None if isinstance(value, bool) else int(value)  # "512" is read as 512; "big" raises
    if number is None or number < 0:
        raise ValueError(f"{value!r} is not a non-negative whole number")
    return number


def _strict_bool(value: Any, _default: bool, _settings: Settings) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{value!r} is not true or false")
    return value


def _string_list(value: Any, _default: list[str], _settings: Settings) -> list[str]:
    if not isinstance(value, list):
        raise TypeError(f"{value!r} is not a list")
    return [str(item) for item in value]


def _plugin_settings(value: Any, _default: dict, settings: Settings) -> dict[str, dict[str, Any]]:
    kept = {}
    for plugin, values in value.items():
        if isinstance(values, dict):
            kept[str(plugin)] = values
        else:
            _problem(settings, f"plugin_settings[{plugin!r}] ignored ({values!r} is not an object)")
    return kept


def _text(value: Any, _default: str, _settings: Settings) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a text")
    return value


def _theme(value: Any, _default: str, _settings: Settings) -> str:
    if value not in THEMES:  # a hand edit's "Dark" or "blue": the default, said in Messages, not a dark guess
        raise ValueError(f"{value!r} is not one of {', '.join(map(repr, THEMES))}")
    return value


def _string_dict(value: Any, _default: dict, _settings: Settings) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise TypeError(f"{value!r} is not an object of texts")
    return {str(key): v for key, v in value.items()}


_FIELDS: dict[str, Any] = {"shortcuts": _shortcuts, "disabled_plugins": _string_list, "cache_limit_mb": _strict_int,
                           "show_text_overlays": _strict_bool, "plugin_settings": _plugin_settings,
                           "window_layout": _string_dict, "last_folder": _text, "theme": _theme}


__all__ = ["SETTINGS_FILE", "THEMES", "Settings", "config_dir", "load_settings"]
