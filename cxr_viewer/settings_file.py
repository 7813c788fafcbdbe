"""Reading and writing ``viewer.json`` itself: where it lives, and changing it without losing what the viewer does
not own.

Every write re-reads the file and changes only what was asked, so keys written by a newer version, a second viewer
running beside this one, and the user's own edits all survive it; a file that cannot be read is copied aside before
it is ever replaced. Qt-free, like the rest of the settings.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any, Callable

import platformdirs

SETTINGS_FILE = "viewer.json"


def config_dir() -> Path:
    override = os.environ.get("CXR_VIEWER_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("cxr-viewer", appauthor=False))


def read_object(path: Path) -> dict[str, Any]:
    """The file's JSON object; {} when there is no file. Raises OSError or ValueError for one that cannot be used."""
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError("top level is not a JSON object")
    return raw


def keep_aside(path: Path) -> Path | None:
    """Copy an unusable settings file to ``viewer.json.unreadable`` (or a dated name when an older, different copy
    is already there) before anything may replace it; None when it could not be copied."""
    kept = path.with_name(SETTINGS_FILE + ".unreadable")
    try:
        if kept.exists() and kept.read_bytes() != path.read_bytes():
            kept = path.with_name(f"{SETTINGS_FILE}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
        shutil.copyfile(path, kept)
    except OSError:
        return None
    return kept


def update_settings_file(change: Callable[[dict[str, Any]], None], directory: Path | None = None) -> Path:
    """Read the file as it is now, apply ``change`` to its JSON object and write it atomically (temp file + rename).

    Re-reading rather than writing the viewer's copy keeps what the viewer does not own: keys of a newer version,
    another running viewer's change, the user's hand edits. A file that cannot be read is copied aside first and
    never replaced without that copy (OSError then). Raises OSError when the folder cannot be written.
    """
    folder = directory or config_dir()
    path = folder / SETTINGS_FILE
    try:
        raw = read_object(path)
    except (OSError, ValueError) as exc:
        if path.exists() and keep_aside(path) is None:
            raise OSError(f"{path} cannot be read ({exc}) nor copied aside, so it is not replaced") from exc
        raw = {}
    change(raw)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{SETTINGS_FILE}.{os.getpid()}.tmp")  # one per process: two viewers may save at once
    try:
        tmp.write_text(json.dumps(raw, indent=2, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def save_plugin_settings(plugin_id: str, values: dict[str, Any], directory: Path | None = None) -> Path:
    """Change one plugin's entry only, so a second viewer's or a hand edit's other settings stay as the file has them."""

    def change(raw: dict[str, Any]) -> None:
        plugins = raw.get("plugin_settings")
        raw["plugin_settings"] = (plugins if isinstance(plugins, dict) else {}) | {plugin_id: values}

    return update_settings_file(change, directory)


def save_plugin_enabled(name: str, enabled: bool, directory: Path | None = None) -> Path:
    """Add or remove one entry-point name in ``disabled_plugins`` as the file has it now."""

    def change(raw: dict[str, Any]) -> None:
        listed = raw.get("disabled_plugins")
        disabled = [str(n) for n in listed if str(n) != name] if isinstance(listed, list) else []
        raw["disabled_plugins"] = disabled + ([] if enabled else [name])

    return update_settings_file(change, directory)
