"""Whether opening a film whose results are not cached runs detection by itself.

Only when the user asked for it (``auto_run``) or in the demo, which should show results, and only on a chest
radiograph: a knee or a lateral view would cost a model run for findings that mean nothing.
"""

from __future__ import annotations

from cxr_ai.engine.chest_view import not_a_chest_film
from cxr_ai.ui.settings import AiSettings
from cxr_ai.ui.status_lines import not_a_chest_line
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api import ViewerHost


def runs_on_open(host: ViewerHost, settings: AiSettings, image: LoadedImage) -> bool:
    """True when a cache miss should run detection; the status bar says why another image was left alone (D
    still runs)."""
    if not (settings.auto_run or host.demo_mode()):
        return False
    reason = not_a_chest_film(image)
    if reason is not None:
        host.show_status(not_a_chest_line(reason))
    return reason is None
