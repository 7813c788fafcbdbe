"""Steps shared by the AI plugin's main-window tests: the plugin instance, waiting for tasks, the AI layers."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from cxr_ai.layers import GROUP
from cxr_viewer.core.loader import load_image
from tests.ai.model_factory import synthetic_chest

DIM_LEVEL = 0.633  # detector score ≈ 0.5: above the 'sens' threshold (0.3), below 'spec' (0.7)


def chest_with_dim_nodule() -> np.ndarray:
    """Two nodules: an obvious one (passes sens and spec) and a faint one (passes sens only)."""
    pixels = synthetic_chest(700, 1000, [(300.0, 400.0, 40.0)])
    yy, xx = np.mgrid[0:700, 0:1000]
    pixels[(xx - 720) ** 2 + (yy - 250) ** 2 <= 25**2] = round(DIM_LEVEL * 4095)
    return pixels


def plugin(window):
    return next(record.plugin for record in window.plugin_records if record.name == "ai")


def settle(qtbot, window) -> None:
    """Wait until every task finished and delivered its callback (a task leaves ``running`` just before)."""
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=30000)


def ai_layers(window) -> dict:
    return {layer.id: layer for layer in window.host.layers() if layer.group == GROUP}


def status(window) -> str:
    """What the status bar says: the plugins' permanent status and the passing message."""
    return f"{window.plugin_status.text()} | {window.statusBar().currentMessage()}"


def open_and_settle(qtbot, window, path: Path) -> None:
    """As a user opens a file; while a plugin holds the view (a reader study), as that plugin shows its case."""
    if window.host.exclusive_owner() is None:
        window.open_paths([path])
    else:
        window.host.open_image_object(load_image(path))
    settle(qtbot, window)
