"""The part of :class:`~cxr_viewer.plugin_api.host.ViewerHost` about how the viewer is set up: each plugin's
persisted settings, and whether the viewer runs as a demo."""

from __future__ import annotations

import abc
from typing import Any


class ConfigHost(abc.ABC):
    @abc.abstractmethod
    def settings(self, plugin_id: str) -> dict[str, Any]:
        """A persisted settings dict for this plugin (saved by :meth:`save_settings`)."""

    @abc.abstractmethod
    def save_settings(self, plugin_id: str, values: dict[str, Any]) -> None: ...

    def demo_mode(self) -> bool:
        """True when the viewer was started with ``--demo``.

        A demo exists to show what the workstation does, so a plugin may present its results unasked (the AI runs
        detection on open). Never true in normal use, where work on open is the user's setting to choose.
        """
        return False
