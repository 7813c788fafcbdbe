"""``FilmReport``: says what the AI shows for the film, in the status bar's permanent label and in the dock at once.

The status bar is shared with other plugins' and the viewer's messages, so the dock repeats why nothing is listed
(models missing or refused, marks hidden). The lines themselves are in ``status_lines``; this binds them to the host
and the dock (Qt-free itself: the dock is reached through ``FindingsView``).
"""

from __future__ import annotations

from typing import Protocol

from cxr_ai.engine.errors import ModelsNotInstalledError
from cxr_ai.engine.model_set import missing_for_detection
from cxr_ai.engine.result import ImageResult
from cxr_ai.ui.settings import AiSettings
from cxr_ai.ui.status_lines import findings_line, held_line, held_note, idle_line, unavailable_line, unavailable_note
from cxr_viewer.plugin_api import ViewerHost


class FindingsView(Protocol):
    """What the report needs of the findings dock (``FindingsDock``), so that this module stays free of Qt."""

    def show_result(self, result: ImageResult, threshold: float | None = None) -> None: ...

    def show_idle(self, missing: str | None, marks_hidden: bool) -> None: ...

    def clear(self) -> None: ...

    def set_held(self, note: str | None) -> None: ...


class FilmReport:
    def __init__(self, host: ViewerHost, settings: AiSettings, dock: FindingsView, title: str) -> None:
        self._host, self._settings, self._dock, self._title = host, settings, dock, title

    def listed(self, result: ImageResult | None, marks_hidden: bool, threshold: float | None = None) -> None:
        """The findings listed now (``FilmSession.listed``) in the dock and the status bar, else the idle line;
        ``threshold``, the operating point's, is named when there are none (``negative``)."""
        if result is None:
            self.idle(marks_hidden)
            return
        self._dock.show_result(result, threshold)
        self._host.show_status(findings_line(result, threshold), permanent=True)

    def idle(self, marks_hidden: bool) -> bool:
        """Say whether a complete model set is installed (and return it), and whether A hid the marks. The model
        folder is read each time: a model set installed meanwhile counts at once."""
        missing = missing_for_detection(self._settings.manifest.parent)
        self._host.show_status(idle_line(missing, marks_hidden), permanent=True)
        self._dock.show_idle(missing, marks_hidden)
        return missing is None

    def forget_film(self) -> None:
        """The film changed: empty the list at once, before anything is known of the next one."""
        self._dock.clear()

    def held(self, owner: str) -> None:
        """Another plugin holds the view: the status and the dock say the AI is off, and the dock's choices are."""
        self._host.show_status(held_line(owner), permanent=True)
        self._dock.set_held(held_note(owner))

    def released(self) -> None:
        """No other plugin holds the view: the dock's choices work again."""
        self._dock.set_held(None)

    def unavailable(self, error: BaseException) -> None:
        """The look-up on open failed (a model file missing or altered, say): a status line, not a dialog per image
        opened, and the dock says it too, or its empty list would read as a film the AI found nothing on."""
        self._host.show_status(unavailable_line(error), permanent=True)
        self._dock.show_idle(unavailable_note(error), marks_hidden=False)

    def failed(self, error: BaseException) -> None:
        """A task the user asked for (D, the views) failed: a dialog, since the user waits for its result."""
        advice = "\n\nThe viewer works as usual without AI." if isinstance(error, ModelsNotInstalledError) else ""
        self._host.show_error(self._title, f"AI analysis failed: {error}{advice}")
