"""Whether another plugin holds the view (a reader study between its cases), and saying so.

While it does, the AI does no work and draws nothing; every hook of ``AiLogic`` asks here first.
"""

from __future__ import annotations

from cxr_ai.ui.report import FilmReport
from cxr_viewer.plugin_api import ViewerHost


class ViewHold:
    def __init__(self, host: ViewerHost, plugin_id: str, report: FilmReport) -> None:
        self._host, self._plugin_id, self._report = host, plugin_id, report

    def other_holder(self) -> str | None:
        """The plugin holding the view, None when nobody or this plugin does."""
        owner = self._host.exclusive_owner()
        return None if owner in (None, self._plugin_id) else owner

    def held_by_another(self) -> bool:
        """True while another plugin holds the view; the status then says the AI is off (``held_line``)."""
        owner = self.other_holder()
        if owner is not None:
            self._report.held(owner)
        return owner is not None
