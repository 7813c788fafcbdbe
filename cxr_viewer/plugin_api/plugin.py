"""What a plugin is: the object the viewer builds from an entry point and starts, the plugin's side of the contract.

The viewer builds it with no arguments (an entry point in the group ``cxr_viewer.plugins``), calls ``activate(host)``
once and ``deactivate()`` once when the main window closes (docs/plugin-api.md). Everything the plugin may do to the
viewer is the other side, the :class:`~cxr_viewer.plugin_api.host.ViewerHost` that ``activate`` receives. ``info``
names the plugin; its ``id`` is the prefix of the plugin's layer and action ids (``hello.mark_centre``), which is what
``ViewerHost.set_exclusive`` goes by, and the id the host ``activate`` receives is bound to (``bound_host``): the
plugin's own hold, settings and ids are the only ones it may change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cxr_viewer.plugin_api.host import ViewerHost


@dataclass(frozen=True)
class PluginInfo:
    id: str
    name: str
    version: str
    description: str = ""


class Plugin(Protocol):
    info: PluginInfo

    def activate(self, host: ViewerHost) -> None: ...

    def deactivate(self) -> None: ...
