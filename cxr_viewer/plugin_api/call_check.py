"""The plain arguments of host calls (view numbers, settings), checked before the host acts on them.

A plugin's NaN centre or zero zoom reached pyqtgraph, which said "Cannot set range [nan, nan]" without naming the
call; a zero window width became 1 without a word. A setting JSON cannot hold raised only after the session's copy
had changed, so the running viewer and the file disagreed. Each is now refused in the plugin's own call, naming the
argument, before anything changes. Qt-free, so a headless host can check as the viewer does.
"""

from __future__ import annotations

import json
import math
from numbers import Real
from typing import Any

JSON_VALUES = (str, int, float, bool, type(None))  # NumPy's float64 is a float; its float32 and int64 are not


def check_number(call: str, name: str, value: Any, positive: bool = False) -> None:
    """Raise TypeError for what is not a number, ValueError for NaN, infinity or (``positive``) one ≤ 0."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{call}: {name} must be a number, not {type(value).__name__} {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{call}: {name} must be a finite number, not {value!r}")
    if positive and value <= 0:
        raise ValueError(f"{call}: {name} must be > 0, not {value!r}")


def settings_as_saved(plugin_id: str, values: Any) -> dict[str, Any]:
    """``values`` as the settings file will give them back (a tuple as a list, an int key as a str), so the session's
    copy is the file's; TypeError naming the first key JSON cannot hold, before anything is changed."""
    where = f"save_settings({plugin_id!r})"
    if not isinstance(values, dict):
        raise TypeError(f"{where}: values must be a dict, not {type(values).__name__}")
    _check_json(where, "", values)
    return json.loads(json.dumps(values))


def _check_json(where: str, path: str, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, JSON_VALUES):
                raise TypeError(f"{where}: {path or 'values'} has the key {key!r} of type {type(key).__name__}; "
                                "JSON keys are str")
            _check_json(where, f"{path}[{key!r}]", item)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _check_json(where, f"{path}[{index}]", item)
    elif not isinstance(value, JSON_VALUES):
        raise TypeError(f"{where}: {path} is of type {type(value).__name__}, which JSON cannot hold; convert it "
                        "(float(), int(), list(), .tolist())")
