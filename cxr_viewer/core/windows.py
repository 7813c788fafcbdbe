"""Window presets: the ones the file carries, and image-relative defaults for radiographs.

CR/DX values are detector exposure indices, not Hounsfield units, so a fixed "lung window" in numbers would be
wrong for every vendor. The defaults are therefore percentiles of the image's own histogram, taken inside the
body (padding and the 0.5 % extremes — collimator edges, raw exposure — left out) and counted in display order
(dark to bright as seen, so MONOCHROME1 is handled by negating):

* Auto: 0.5–99.5 % of all non-padding pixels (the ``auto_window`` default),
* Lung: 2–70 % — the darker part of a chest film, spread over the full grey range,
* Mediastinum: 40–99.8 % — the dense, bright half,
* Bone: 25–99.9 % — a wide window biased to the bright end.

These are heuristics for a first view, labelled ``origin="default"`` so the GUI can say so.

The percentiles come from one sorted sample of the image (``window_sample``, with its error bound).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from cxr_viewer.core.image import LoadedImage, VoiFunction, WindowPreset
from cxr_viewer.core.voi import voi_function
from cxr_viewer.core.window_sample import percentiles_of_sorted, sorted_sample

_MAX_WINDOW = 1e30  # past any modality value; a file's 1e308 overflowed float32 and drew the film black
_DEFAULT_RANGES = (("Lung", 2.0, 70.0), ("Mediastinum", 40.0, 99.8), ("Bone", 25.0, 99.9))


def window_problem(center: float, width: float, function: VoiFunction = VoiFunction.LINEAR) -> str:
    """Why a centre/width cannot be a window, or "" when it can: the one rule for the file's windows and the
    reader's own presets (``window_presets``)."""
    if not (math.isfinite(center) and abs(center) <= _MAX_WINDOW):
        return f"centre {center!r} is not a usable number"
    if not (math.isfinite(width) and 0 < width <= _MAX_WINDOW):
        return f"width {width!r} is not a usable positive number"
    if function is VoiFunction.LINEAR and width < 1:
        return f"width {width!r} is below 1, the narrowest LINEAR window"
    return ""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return [value]
    return list(value)


def dicom_presets(ds: Any) -> list[WindowPreset]:
    """Every Window Center/Width pair in the header with its explanation and the header's VOI LUT Function.

    Pairs that cannot be used (non-numeric, or refused by ``window_problem``) are skipped.
    """
    centers = _as_list(ds.get("WindowCenter"))
    widths = _as_list(ds.get("WindowWidth"))
    explanations = [str(e) for e in _as_list(ds.get("WindowCenterWidthExplanation"))]
    function = voi_function(ds.get("VOILUTFunction", "LINEAR"))
    presets = []
    for number, (raw_center, raw_width) in enumerate(zip(centers, widths), start=1):
        try:
            center, width = float(raw_center), float(raw_width)
        except (TypeError, ValueError):
            continue
        if window_problem(center, width, function):
            continue
        name = explanations[number - 1] if number <= len(explanations) and explanations[number - 1] else ""
        presets.append(WindowPreset(center, width, name or f"DICOM window {number}", function, "dicom"))
    return presets


def _preset_between(low: float, high: float, name: str, origin: str) -> WindowPreset:
    """The LINEAR window whose first and last grey levels fall exactly on ``low`` and ``high``.

    With one value only (a uniform film, a 1×1 image) no window has two ends there: the width-1 window that formula
    gives is a threshold just at that value, which drew the whole film black in a black pane, as if nothing had
    opened. It gets the width-2 window that shows that value mid-grey instead."""
    if high <= low:
        return WindowPreset(center=low + 0.5, width=2.0, name=name, function=VoiFunction.LINEAR, origin=origin)
    width = high - low + 1.0
    return WindowPreset(center=low + width / 2.0, width=width, name=name, function=VoiFunction.LINEAR, origin=origin)


def auto_window(
    values: LoadedImage | np.ndarray, mask: np.ndarray | None = None, low_pct: float = 0.5, high_pct: float = 99.5
) -> WindowPreset:
    """A window spanning the ``low_pct``–``high_pct`` percentiles; ``mask`` marks pixels to IGNORE (padding)."""
    ordered = sorted_sample(values, mask)
    if ordered.size == 0:
        return _preset_between(0.0, 1.0, "Auto", "auto")
    low, high = percentiles_of_sorted(ordered, [low_pct, high_pct])
    return _preset_between(low, high, "Auto", "auto")


def default_presets(
    image: LoadedImage | np.ndarray, mask: np.ndarray | None = None, monochrome1: bool | None = None
) -> list[WindowPreset]:
    """Auto, Lung, Mediastinum and Bone windows computed from this image (see the module docstring).

    Give a ``LoadedImage`` (its padding mask and MONOCHROME1 flag are used) or an array of modality values with
    ``mask`` marking pixels to ignore. RGB images get no presets. One sort of the sample serves all of them.
    """
    if isinstance(image, LoadedImage):
        if image.is_rgb:
            return []
        monochrome1 = image.default_invert if monochrome1 is None else monochrome1
    ordered = sorted_sample(image, mask)
    if ordered.size == 0:
        return []
    shown = -ordered[::-1] if monochrome1 else ordered  # display order, still sorted
    body_low, body_high = percentiles_of_sorted(shown, [0.5, 99.5])
    body = shown[np.searchsorted(shown, body_low, "left") : np.searchsorted(shown, body_high, "right")]
    auto_low, auto_high = percentiles_of_sorted(ordered, [0.5, 99.5])
    presets = [_preset_between(auto_low, auto_high, "Auto", "default")]
    for name, low_pct, high_pct in _DEFAULT_RANGES:
        low, high = percentiles_of_sorted(body, [low_pct, high_pct])
        if monochrome1:
            low, high = -high, -low
        presets.append(_preset_between(low, high, name, "default"))
    return presets
