"""The headless host refuses what the viewer refuses (``plugin_api.call_check`` and ``layer_check``), before it
changes anything: it had taken a NaN centre, a zero window width, a 1-D heat map or a float32 setting, so an AI test
passed on a call the viewer would have raised on."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pytest

from cxr_viewer.plugin_api import HeatmapLayer, Marker, MarkerLayer, MaskLayer
from tests.ai.headless_host import HeadlessHost

GOOD_MAP = HeatmapLayer(id="cxr_ai.heatmap", name="Heat map", data=np.zeros((4, 5)))
REFUSED: dict[str, tuple[Callable[[HeadlessHost], None], type[Exception], str]] = {
    "nan centre": (lambda host: host.center_on(math.nan, 5.0), ValueError, "center_on: x must be a finite number"),
    "zero zoom": (lambda host: host.center_on(1.0, 2.0, 0), ValueError, "center_on: zoom must be > 0"),
    "zero field": (lambda host: host.zoom_to(1.0, 2.0, 0.0), ValueError, "zoom_to: field must be > 0"),
    "text width": (lambda host: host.set_window(40.0, "400"), TypeError, "set_window: width must be a number"),
    "zero width": (lambda host: host.set_window(40.0, 0.0), ValueError, "set_window: width must be > 0"),
    "not a layer": (lambda host: host.add_layer({"id": "cxr_ai.heatmap"}), TypeError, "add_layer takes a"),
    "1-D map": (lambda host: host.add_layer(HeatmapLayer(id="cxr_ai.heatmap", name="Map", data=np.arange(10.0))),
                ValueError, "data must be a non-empty 2-D array"),
    "RGB mask": (lambda host: host.add_layer(MaskLayer(id="cxr_ai.heatmap", name="Mask",
                                                       mask=np.ones((8, 8, 3), bool))),
                 ValueError, "mask must be a non-empty 2-D array"),
    "NaN marker": (lambda host: host.add_layer(MarkerLayer(id="cxr_ai.heatmap", name="Marks",
                                                           markers=[Marker(math.nan, 5.0)])),
                   ValueError, "marker 0 has a coordinate that is NaN"),
    "float32 setting": (lambda host: host.save_settings("cxr_ai", {"opacity": np.float32(0.5)}), TypeError,
                        "save_settings('cxr_ai'): ['opacity'] is of type float32, which JSON cannot hold"),
}


@pytest.mark.parametrize("call", REFUSED)
def test_a_call_the_viewer_refuses_is_refused_here_and_changes_nothing(call: str) -> None:
    host = HeadlessHost(settings={"opacity": 0.4})
    host.add_layer(GOOD_MAP)
    act, error, message = REFUSED[call]
    with pytest.raises(error, match=re.escape(message)):
        act(host)
    assert host.layers() == [GOOD_MAP] and host.window is None and host.centred == []
    assert host.settings("cxr_ai") == {"opacity": 0.4}


def test_settings_come_back_as_the_viewer_saves_them() -> None:
    """The viewer keeps what its settings file gives back: a tuple comes back as a list."""
    host = HeadlessHost()
    host.save_settings("cxr_ai", {"window": (40, 400)})
    assert host.settings("cxr_ai") == {"window": [40, 400]}
