"""The documented surface through which plugins talk to the viewer.

Plugins import from here and nowhere else in ``cxr_viewer`` (except ``cxr_viewer.core`` for the image
record). The layer models are Qt-free so that headless code (the AI engine, the reader-study scoring)
can build them; the viewer draws them.
"""

from cxr_viewer.plugin_api.layers import (
    BoxLayer,
    Contour,
    ContourLayer,
    HeatmapLayer,
    Layer,
    Marker,
    MarkerLayer,
    MaskLayer,
)
from cxr_viewer.plugin_api.host import PanelKey, ViewerHost, TaskHandle, ProgressReporter
from cxr_viewer.plugin_api.plugin import PluginInfo, Plugin

__all__ = [
    "BoxLayer",
    "Contour",
    "ContourLayer",
    "HeatmapLayer",
    "Layer",
    "Marker",
    "MarkerLayer",
    "MaskLayer",
    "PanelKey",
    "Plugin",
    "PluginInfo",
    "ProgressReporter",
    "TaskHandle",
    "ViewerHost",
]
