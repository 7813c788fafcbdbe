"""``FilmSession``: what the AI shows for the film on screen, and the rules for it, apart from the viewer (Qt-free).

It keeps the film's detection (every candidate, so a switch of the operating point needs no model run), its bone
and lung views, the findings actually drawn, and whether A hid the marks. It decides which task results are taken
and what may be listed and counted; the plugin tells it what the viewer shows (the film on screen, who holds the
view) and applies what it decides, so these rules are tested without a window (``tests/ai/test_ui_session.py``).

A task's result is taken only while its film is still the one on screen (the user may have moved on while it ran)
and no other plugin holds the view: a blinded reader must not be told that the film has findings. A hides the
marks for the rest of the session, not for one film: a reader who hides them to read unaided first must not meet
them again on the next film. While hidden, the findings are not listed or counted either (a count tells what the
marks would). The viewer's layer list is the same switch: showing an AI layer there turns the marks on, hiding
the last one turns them off (``follow_layer_list``), so the tick never says hidden over drawn marks.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from cxr_ai.engine.result import ImageResult
from cxr_ai.layers import CONTOURS_ID
from cxr_ai.ui.worker_data import Detection, Views
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api import Layer


def is_for_the_view(image: LoadedImage, on_screen: LoadedImage | None, other_holder: str | None) -> bool:
    """Whether a result for ``image`` may be shown: it is the film on screen (the same object: the viewer's cache
    hands out one per file, and a closed view has none) and no other plugin holds the view."""
    return image is on_screen and other_holder is None


class FilmSession:
    def __init__(self, detection_changed: Callable[[bool], None] | None = None) -> None:
        """``detection_changed(has)``: told each time the film's detection is taken or dropped, the one place where
        what there is to save changes (the menu's "Save findings as DICOM" follows it); the rules' own tests pass
        none."""
        self.marks_hidden = False  # A: for the whole session (module docstring)
        self._detection_changed = detection_changed
        self._detection: Detection | None = None
        self._views: list[Layer] = []
        self.views_wanted = False  # the bone and lung views switched on for this film (B), drawn or on their way
        self._shown: ImageResult | None = None  # the findings drawn now: what the dock lists and the status counts

    def forget_film(self) -> None:
        """Another film, none, or another plugin took the view: nothing of this film may be drawn again by a later
        switch of the operating point."""
        self._set_detection(None)
        self._views, self._shown = [], None
        self.views_wanted = False

    def want_views(self, wanted: bool) -> None:
        """The views switched on (their task is asked for) or off: the original film again, and a result still
        on its way is not taken."""
        self.views_wanted = wanted
        if not wanted:
            self._views = []

    @property
    def has_detection(self) -> bool:
        return self._detection is not None

    @property
    def detection(self) -> Detection | None:
        """The film's detection (every candidate), for saving it as DICOM; None before one was taken."""
        return self._detection

    def take_detection(self, detection: Detection | None, on_screen: LoadedImage | None,
                       other_holder: str | None) -> bool:
        """Keep ``detection`` if it is for the view (None: nothing cached, or the task was cancelled)."""
        if detection is None or not is_for_the_view(detection.image, on_screen, other_holder):
            return False
        self._set_detection(detection)
        return True

    def _set_detection(self, detection: Detection | None) -> None:
        self._detection = detection
        if self._detection_changed is not None:
            self._detection_changed(detection is not None)

    def take_views(self, views: Views | None, on_screen: LoadedImage | None, other_holder: str | None) -> bool:
        """Keep the bone and lung views if they are still wanted and for the view; they are drawn under the
        findings."""
        if views is None or not self.views_wanted or not is_for_the_view(views.image, on_screen, other_holder):
            return False
        self._views = views.layers
        return True

    def to_draw(self, operating_point: str) -> tuple[ImageResult | None, list[Layer]]:
        """The findings at ``operating_point`` (None without a detection) and every layer, bottom to top: the views
        under the heat map and the finding contours."""
        result, found = self._detection.at(operating_point) if self._detection else (None, [])
        return result, self._views + found

    def drawn(self, result: ImageResult | None, ids_on_view: Collection[str]) -> None:
        """After drawing: ``result``'s findings count as shown only if the host took their contours (it refuses
        layers while another plugin holds the view)."""
        self._shown = result if CONTOURS_ID in ids_on_view else None

    def toggle_marks(self) -> None:
        self.marks_hidden = not self.marks_hidden

    def follow_layer_list(self, any_shown: bool) -> bool:
        """The user showed or hid some of our layers in the viewer's layer list, after which ``any_shown`` of them
        is visible: showing one turns the marks on for the session, hiding the last one turns them off, as A would.
        Returns whether that changed the state (the tick and the status then follow)."""
        changed = self.marks_hidden == any_shown
        self.marks_hidden = not any_shown
        return changed

    def threshold(self, operating_point: str) -> float | None:
        """The score a finding needs at ``operating_point`` under this film's models (None without a detection)."""
        return self._detection.threshold(operating_point) if self._detection else None

    def listed(self) -> ImageResult | None:
        """The findings the dock may list and the status bar count: those drawn, unless A hid the marks."""
        return None if self.marks_hidden else self._shown
