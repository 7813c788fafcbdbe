"""The reader's own window presets: checked as read from ``viewer.json``, written back, and where they sit on 1–9.

A radiologist keeps a few windows of their own ("Bone 2200/4000", "Soft tissue 400/40"). Each is a centre and width
in modality units (the stored values on a CR/DX film without a rescale), applied as given to any greyscale film:
the numbers mean the same on every film of one kind, and the status bar names what a key chose, so a preset made for
CT values on a CR film is seen for what it is rather than hidden. They come FIRST on the number keys, before the
file's windows, its VOI LUT tables and the defaults: the file's own windows and the defaults shift with each film
(Lung is 2 on one film, 4 on the next), while a reader's preset keeps its key on every film, which is what a hand
that reaches for 1 for "my bone window" needs; the film still opens with its own window and R returns to it.

A preset holds its name and its numbers only: nothing of the film it was made on (no UID, patient, path or the
file's window explanation), so ``viewer.json`` never carries a patient's data. Hand edits are checked entry by
entry: a bad one is named and skipped, the others kept. Qt-free.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cxr_viewer.core.image import LoadedImage, VoiFunction, VoiLut, WindowPreset
from cxr_viewer.core.window_sample import sample_range
from cxr_viewer.core.windows import default_presets, window_problem

USER_ORIGIN = "user"
MAX_USER_PRESETS = 9  # one per number key: more could never be chosen
MAX_NAME = 40  # fits the menu and the status bar


def name_problem(name: str, taken: Sequence[str]) -> str:
    """Why ``name`` cannot name a new preset, or "": one name per preset, so the status bar's name says which."""
    if not name.strip():
        return "a preset needs a name"
    if len(name.strip()) > MAX_NAME:
        return f"a name of at most {MAX_NAME} characters"
    if name.strip().casefold() in {other.casefold() for other in taken}:
        return f"{name.strip()!r} is already a preset's name"
    return ""


def user_preset(name: str, center: float, width: float, function: VoiFunction = VoiFunction.LINEAR) -> WindowPreset:
    """A reader's preset; ValueError when its numbers could not be shown as a window."""
    problem = window_problem(float(center), float(width), function)
    if problem:
        raise ValueError(problem)
    return WindowPreset(float(center), float(width), name.strip(), function, USER_ORIGIN)


def next_name(taken: Sequence[str]) -> str:
    """The name the Save dialog offers: "Custom 1", or the first "Custom n" not yet taken."""
    number = 1
    while name_problem(f"Custom {number}", taken):
        number += 1
    return f"Custom {number}"


def _number(entry: dict[str, Any], key: str) -> float:
    if key not in entry:  # a hand edit's "centre" or "level": say what the entry has, so the typo shows
        raise ValueError(f"no {key!r} (it has {', '.join(map(repr, sorted(entry)))})")
    value = entry[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{key} {value!r} is not a number")
    return float(value)


def _entry(entry: Any, taken: list[str]) -> WindowPreset:
    if not isinstance(entry, dict):
        raise ValueError(f"{entry!r} is not an object with name, center and width")
    name = entry.get("name")
    if not isinstance(name, str):
        raise ValueError(f"name {name!r} is not a text")
    problem = name_problem(name, taken)
    if problem:
        raise ValueError(problem)
    try:
        function = VoiFunction(entry.get("function", "LINEAR"))
    except ValueError:
        raise ValueError(f"function {entry.get('function')!r} is not one of LINEAR, LINEAR_EXACT, SIGMOID") from None
    return user_preset(name, _number(entry, "center"), _number(entry, "width"), function)


def read_presets(value: Any) -> tuple[list[WindowPreset], list[str]]:
    """The presets ``viewer.json``'s ``window_presets`` holds, and a sentence for each entry skipped.

    TypeError when the field is not a list at all (the settings reader then names the field and uses none)."""
    if not isinstance(value, list):
        raise TypeError(f"{value!r} is not a list of presets")
    kept: list[WindowPreset] = []
    skipped: list[str] = []
    for number, entry in enumerate(value, start=1):
        if len(kept) == MAX_USER_PRESETS:
            skipped.append(f"entry {number} and after skipped: only {MAX_USER_PRESETS} number keys")
            break
        try:
            kept.append(_entry(entry, [preset.name for preset in kept]))
        except ValueError as exc:
            named = f" ({entry['name']!r})" if isinstance(entry, dict) and isinstance(entry.get("name"), str) else ""
            skipped.append(f"entry {number}{named} skipped: {exc}")
    return kept, skipped


def presets_as_json(presets: Sequence[WindowPreset]) -> list[dict[str, Any]]:
    """What ``viewer.json`` keeps of each: name, centre and width, and the function when it is not LINEAR."""
    written = []
    for preset in presets:
        entry: dict[str, Any] = {"name": preset.name, "center": preset.center, "width": preset.width}
        if preset.function is not VoiFunction.LINEAR:
            entry["function"] = preset.function.value
        written.append(entry)
    return written


def presets_for(image: LoadedImage, user: Sequence[WindowPreset] = ()) -> list[WindowPreset | VoiLut]:
    """The presets in the order of keys 1, 2, …: the reader's own (none on a colour film, which has no window),
    then the file's windows, its VOI LUT tables, then the defaults (the module docstring says why in this order)."""
    file_windows = [preset for preset in image.windows if preset.origin != "default"]
    defaults = [preset for preset in image.windows if preset.origin == "default"]
    if not image.is_rgb and not defaults:
        defaults = default_presets(image)
    return [*(() if image.is_rgb else user), *file_windows, *image.voi_luts, *defaults]


def outside_values(preset: WindowPreset, image: LoadedImage) -> str:
    """Why the reader's ``preset`` shows ``image`` as one flat grey level, or "" when some of its values fall in the
    window. A preset taken on CT values (-600/1500 HU) lies below every value of a CR's stored 1000–3000: applied as
    given, the film turns flat white, which looks like a broken film unless the status bar says why. The film's
    values are those of the presets' sample (``window_sample.sample_range``), so no key press reads every pixel."""
    values_range = None if image.is_rgb else sample_range(image)
    if values_range is None:
        return ""
    low, high = values_range
    if preset.center + preset.width / 2 >= low and preset.center - preset.width / 2 <= high:
        return ""
    values = f"{low:g}" if low == high else f"{low:g} to {high:g}"  # a uniform film or frame: one value
    return f"is outside this film's values ({values})"


def key_label(preset: WindowPreset | VoiLut) -> str:
    """A preset's name as the status bar and the menu give it; the reader's own are marked, since a reader's
    "Bone" and the default Bone are different windows."""
    if isinstance(preset, WindowPreset) and preset.origin == USER_ORIGIN:
        return f"{preset.name} (yours)"
    return preset.name
