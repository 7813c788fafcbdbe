"""The user's viewer configuration: keyboard shortcuts, disabled plugins, cache size, plugin settings.

Stored as one JSON file in the platform's user config folder so users can edit it by hand; the
``CXR_VIEWER_CONFIG_DIR`` variable moves it (the test suite points it at a temporary folder).
A damaged file must never stop the viewer from starting, so it falls back to defaults and says why.
"""

from __future__ import annotations

import json
import logging
import os
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
    path = (directory or config_dir()) / SETTINGS_FILE
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("top level is not a JSON object")
    except (OSError, ValueError) as exc:
        log.warning("Ignoring unreadable settings file %s: %s", path, exc)
        return Settings()
    settings = Settings()
    settings.shortcuts.update({str(k): str(v) for k, v in dict(raw.get("shortcuts", {})).items()})
    settings.disabled_plugins = [str(p) for p in raw.get("disabled_plugins", [])]
    settings.cache_limit_mb = int(raw.get("cache_limit_mb", settings.cache_limit_mb))
    settings.show_text_overlays = bool(raw.get("show_text_overlays", True))
    settings.plugin_settings = {str(k): dict(v) for k, v in dict(raw.get("plugin_settings", {})).items()}
    return settings


def save_settings(settings: Settings, directory: Path | None = None) -> Path:
    """Write atomically (temp file + rename) so a crash mid-write cannot corrupt the file."""
    folder = directory or config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SETTINGS_FILE
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(path)
    return path
