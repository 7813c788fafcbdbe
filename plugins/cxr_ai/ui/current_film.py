"""The AI's work for the film on screen, on the host's workers.

The image and the model choice are read when the work is asked for, not when it runs, so a result is always for
the film that was shown then (``FilmSession`` drops it if another is shown by the time it arrives).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxr_ai.ui.cancellable import FilmTasks
from cxr_ai.ui.settings import AiSettings
from cxr_ai.ui.status_lines import NO_IMAGE, already_running
from cxr_viewer.plugin_api import ViewerHost


class CurrentFilmWork:
    def __init__(self, host: ViewerHost, settings: AiSettings, tasks: FilmTasks,
                 failed: Callable[[BaseException], None]) -> None:
        self._host, self._settings, self._tasks, self._failed = host, settings, tasks, failed

    def run(self, work: Callable[..., Any], on_done: Callable[[Any], None], title: str,
            on_error: Callable[[BaseException], None] | None = None, cancel_with_film: bool = False,
            once_per_film: bool = False, on_cancel: Callable[[], None] | None = None) -> bool:
        """``work(image, model choice, progress)`` on a worker, for the image shown now; False when there is none
        (the status says so). ``once_per_film``: not while the same work (title) runs for this film already, as
        a second D pressed while the first computes: two model runs side by side only made both slower.
        ``on_cancel``: called instead of ``on_done`` when the task was cancelled."""
        image, choice = self._host.current_image(), self._settings.choice
        if image is None:
            self._host.show_status(NO_IMAGE)
            return False
        if once_per_film and self._tasks.running_for(title, image):
            self._host.show_status(already_running(title))
            return False
        self._tasks.run(lambda progress: work(image, choice, progress), on_done, on_error or self._failed,
                        title, cancel_with_film, once_for=image if once_per_film else None, on_cancel=on_cancel)
        return True
