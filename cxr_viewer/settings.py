"""The user's viewer configuration: keyboard shortcuts, disabled plugins, cache size, plugin settings.

Stored as one JSON file in the platform's user config folder so users can edit it by hand; the
``CXR_VIEWER_CONFIG_DIR`` variable moves it (the test suite points it at a temporary folder).
A damaged file must never stop the viewer from starting, so it falls back to defaults and says why (each field's
check is in :mod:`cxr_viewer.settings_fields`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxr_viewer.core.image import WindowPreset
from cxr_viewer.settings_fields import FIELDS, THEMES, note_problem
from cxr_viewer.settings_file import SETTINGS_FILE, config_dir, keep_aside, read_object

DEFAULT_SHORTCUTS: dict[str, str] = {
    "open_files": "Ctrl+O",
    "open_folder": "Ctrl+Shift+O",
    "export_png": "Ctrl+E",
    "invert": "I",
    "fit": "F",
    "one_to_one": "0",
    "reset": "R",
    "magnifier": "L",
    "edge_enhance": "S",
    "auto_window": "W",
    "rotate_cw": "T",
    "rotate_ccw": "Shift+T",
    "flip_h": "H",
    "flip_v": "V",
    "measure": "M",
    "ctr": "C",
    "angle": "G",
    "roi": "E",
    "arrow": "N",
    "delete_measurement": "Delete",
    "clear_measurements": "Shift+Delete",
    "undo_delete": "Ctrl+Z",
    "toggle_text": "O",
    "next_image": "PgDown",
    "prev_image": "PgUp",
    "next_study": "Ctrl+PgDown",
    "next_unread": "U",
    "toggle_read": "Shift+U",
    "prev_study": "Ctrl+PgUp",
    "prev_frame": ",",
    "next_frame": ".",
    "layout_1x1": "Ctrl+1",
    "layout_1x2": "Ctrl+2",
    "shortcut_help": "F1",
    **{f"preset_{n}": str(n) for n in range(1, 10)},
}

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
    export_folder: str = ""  # where Export view last wrote: the next export's dialog starts there
    theme: str = "light"  # one of THEMES, chosen in View > Theme
    window_presets: list[WindowPreset] = field(default_factory=list)  # the reader's own, first on keys 1–9
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
        note_problem(settings, f"{path} could not be read ({exc}); the viewer starts with its default settings"
                               + (f" (your file is kept as {kept})" if kept else ""))
        return settings
    for name, convert in FIELDS.items():
        if name in raw:
            try:
                setattr(settings, name, convert(raw[name], getattr(settings, name), settings))
            except (TypeError, ValueError, AttributeError) as exc:
                note_problem(settings, f"{path}: {name!r} ignored ({type(exc).__name__}: {exc}); using the default")
    return settings


__all__ = ["SETTINGS_FILE", "THEMES", "Settings", "config_dir", "load_settings"]
