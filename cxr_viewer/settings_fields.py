"""Checking each field of a hand-edited ``viewer.json`` as the settings are read.

Kept apart from the settings themselves (:mod:`cxr_viewer.settings`): users edit the file by hand, so each field
has a converter that takes what parses and says in words why a value was refused; one bad value then costs that
field, not the whole file.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from cxr_viewer.core.window_presets import read_presets

if TYPE_CHECKING:
    from cxr_viewer.core.image import WindowPreset
    from cxr_viewer.settings import Settings

log = logging.getLogger(__name__)

# The window's chrome (gui/theme.py). Light stays the default: it is the viewer's look so far, and a dark room is the
# reader's to choose; "system" follows the desktop's light or dark scheme.
THEMES = ("light", "dark", "system")


def note_problem(settings: Settings, text: str) -> None:
    """Log a problem found in the file and keep it in ``settings.problems``: a log line alone is never seen."""
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
            note_problem(settings, f"plugin_settings[{plugin!r}] ignored ({values!r} is not an object)")
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


def _window_presets(value: Any, _default: list, settings: Settings) -> list[WindowPreset]:
    """The reader's presets (``core.window_presets``): a bad entry is named and skipped, the others kept."""
    kept, skipped = read_presets(value)
    for sentence in skipped:
        note_problem(settings, f"window_presets: {sentence}")
    return kept


FIELDS: dict[str, Any] = {"shortcuts": _shortcuts, "disabled_plugins": _string_list, "cache_limit_mb": _strict_int,
                          "show_text_overlays": _strict_bool, "plugin_settings": _plugin_settings,
                          "window_layout": _string_dict, "last_folder": _text, "export_folder": _text,
                          "theme": _theme,
                          "window_presets": _window_presets}
