"""What the viewer offers its plugins: the :class:`ViewerHost` a plugin's ``activate`` receives.

Everything a plugin may do to the viewer goes through this one class, so the viewer can check each call (a plugin
holding the view, the file's own layers) and a headless host can stand in for the GUI in tests. The viewer catches
and reports anything a plugin raises. What a plugin is, the other side of the contract, is ``plugin_api.plugin``.

The class is put together from one abstract part per kind of call, each in a module of its own so that each can be
read, and grow, alone: the film (``image``), overlay layers (``overlays``), the view (``view``), the mouse on the
image (``clicks``), blinded reading and the keys a holding plugin's panel takes (``hold``), menu entries and docks
(``contributions``), messages and background work (``work``), settings and demo mode (``config``), and sending a
plugin's DICOM files to a PACS (``pacs``).
"""

from cxr_viewer.plugin_api.host.clicks import ClickHost
from cxr_viewer.plugin_api.host.config import ConfigHost
from cxr_viewer.plugin_api.host.contributions import ContributionHost
from cxr_viewer.plugin_api.host.hold import HoldHost, PanelKey
from cxr_viewer.plugin_api.host.image import ImageHost
from cxr_viewer.plugin_api.host.overlays import OverlayHost
from cxr_viewer.plugin_api.host.pacs import PacsHost
from cxr_viewer.plugin_api.host.view import ViewControl
from cxr_viewer.plugin_api.host.work import ProgressReporter, TaskHandle, WorkHost


class ViewerHost(ImageHost, OverlayHost, ViewControl, ClickHost, HoldHost, ContributionHost, WorkHost, ConfigHost,
                 PacsHost):
    """What the viewer offers to plugins. Implemented by the GUI; a headless implementation serves tests."""


__all__ = ["PanelKey", "ProgressReporter", "TaskHandle", "ViewerHost"]
