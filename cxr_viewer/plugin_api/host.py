"""What the viewer offers its plugins: the :class:`ViewerHost` a plugin's ``activate`` receives.

Everything a plugin may do to the viewer goes through this one class, so the viewer can check each call (a plugin
holding the view, the file's own layers) and a headless host can stand in for the GUI in tests. The viewer catches
and reports anything a plugin raises. What a plugin is, the other side of the contract, is ``plugin_api.plugin``.
"""

from __future__ import annotations

import abc
from typing import Any, Callable, Protocol

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api.layers import Layer


class ProgressReporter(Protocol):
    """Passed to background work: report progress in [0, 1] and poll for cancellation."""

    def report(self, fraction: float, message: str = "") -> None: ...

    @property
    def cancelled(self) -> bool: ...


class TaskHandle(Protocol):
    def cancel(self) -> None: ...

    @property
    def done(self) -> bool: ...


class ViewerHost(abc.ABC):
    """What the viewer offers to plugins. Implemented by the GUI; a headless implementation serves tests."""

    # --- the image -------------------------------------------------------------------------------------
    @abc.abstractmethod
    def current_image(self) -> LoadedImage | None: ...

    @abc.abstractmethod
    def open_paths(self, paths: list[str]) -> None: ...

    @abc.abstractmethod
    def on_image_opened(self, callback: Callable[[LoadedImage], None]) -> None:
        """Call ``callback`` (on the GUI thread) every time a new image is shown."""

    @abc.abstractmethod
    def on_image_closed(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` (on the GUI thread) every time the main view is left empty (:meth:`close_image`).

        A plugin that shows something about the image on screen (a findings list, a count) clears it here: without
        this, a reader-study log-out between blinded cases left the last film's results listed beside an empty view.
        """

    # --- overlay layers ---------------------------------------------------------------------------------
    @abc.abstractmethod
    def add_layer(self, layer: Layer) -> None:
        """Add or replace (same id) a layer over the current image."""

    @abc.abstractmethod
    def remove_layer(self, layer_id: str) -> None: ...

    @abc.abstractmethod
    def layers(self) -> list[Layer]: ...

    @abc.abstractmethod
    def set_layer_visible(self, layer_id: str, visible: bool) -> None: ...

    @abc.abstractmethod
    def on_layer_visibility_chosen(self, callback: Callable[[dict[str, bool]], None]) -> None:
        """Call ``callback({layer_id: visible, ...})`` (on the GUI thread) after the user showed or hid layers in the
        viewer's layer list (a group's box reports each of its layers in one call); not for :meth:`set_layer_visible`.

        A plugin with its own on/off switch for its layers keeps that switch true to what is drawn: the AI's "Show
        AI marks" tick said hidden while the list had shown them again.
        """

    # --- view ---------------------------------------------------------------------------------------------
    @abc.abstractmethod
    def center_on(self, x: float, y: float, zoom: float | None = None) -> None:
        """Centre the view on image pixel (x, y); ``zoom`` in screen pixels per image pixel."""

    def zoom_to(self, x: float, y: float, field: float) -> None:
        """Centre on image point (x, y) and zoom so that ``field`` image pixels span the shorter side of the view.

        Zooms in only: a view already zoomed in further keeps its zoom, so looking at a finding never loses the
        detail the user chose. Hosts without a view size to go by only centre.
        """
        self.center_on(x, y)

    def view_zoom(self) -> float:
        """Screen pixels per image pixel in the main view now (the reader zooms at will, so ask at each use).

        For what must be the same size on screen at every zoom, such as how near a click must fall to a mark to pick
        it: 8 image pixels were 256 screen pixels at 32× and 3 at the fit of a large film. Hosts without a view
        (headless tests) answer 1.0: their screen pixel is an image pixel.
        """
        return 1.0

    @abc.abstractmethod
    def set_window(self, center: float, width: float) -> None:
        """Set the window of the current image in modality units (e.g. a study protocol's fixed window)."""

    @abc.abstractmethod
    def fit(self) -> None:
        """Fit the whole image into the view."""

    @abc.abstractmethod
    def set_metadata_hidden(self, hidden: bool) -> None:
        """Blinded reading: hide patient names, dates, file names and the DICOM tag panel while ``hidden``."""

    @abc.abstractmethod
    def open_image_object(self, image: LoadedImage) -> None:
        """Show an image the plugin already has in memory (it does not join the opened-files list)."""

    @abc.abstractmethod
    def close_image(self) -> None:
        """Show no image (a reader logging out must not leave the next case on screen, unread and unblinded)."""

    # --- interaction ------------------------------------------------------------------------------------
    @abc.abstractmethod
    def add_click_handler(self, callback: Callable[[float, float, str, list[str]], bool]) -> None:
        """Call ``callback(x, y, button, modifiers)`` for clicks on the image, in image pixel coordinates.

        ``button`` is "left", "middle" or "other" (right-button clicks are not reported: right-drag is W/L);
        ``modifiers`` lists "shift", "ctrl", "alt". Returning True consumes the click (later handlers skip it).
        """

    @abc.abstractmethod
    def remove_click_handler(self, callback: Callable[[float, float, str, list[str]], bool]) -> None: ...

    @abc.abstractmethod
    def set_markers_editable(
        self, layer_id: str, editable: bool, on_change: Callable[[Any], None] | None = None
    ) -> None:
        """Let the user drag the markers of MarkerLayer ``layer_id``; ``on_change(layer)`` gets the moved layer."""

    @abc.abstractmethod
    def set_exclusive(self, owner: str | None) -> None:
        """Hand the view to one plugin, for blinded reading; ``None`` gives it back.

        While ``owner`` is set, layers whose id does not start with ``owner + "."`` are removed and refused, and
        actions whose id does not start with ``owner + "."`` are disabled: no other plugin (a live AI, say) can
        draw over a study image or run during an unaided read. The user cannot change what is shown either: the
        viewer's opening, navigation and comparison layout are off and the layer list is locked (a reader must
        not uncover a paused case or hide the AI of an aided one). Checked by the host, not by polling.
        """

    @abc.abstractmethod
    def on_exclusive_changed(self, callback: Callable[[str | None], None]) -> None:
        """Call ``callback(owner)`` (on the GUI thread) when :meth:`set_exclusive` hands the view to another plugin
        or gives it back (``owner`` None), after the host applied the change.

        Plugins whose actions the hold switches off say so, and say it no longer the moment the hold ends (not at
        the next image opened).
        """

    @abc.abstractmethod
    def exclusive_owner(self) -> str | None:
        """The plugin holding the view (see :meth:`set_exclusive`), or None.

        Hooks such as :meth:`on_image_opened` still reach every plugin; one that would compute or look up results
        for an image asks this first, so a blinded read neither triggers work nor reveals that results exist.
        """

    def demo_mode(self) -> bool:
        """True when the viewer was started with ``--demo``.

        A demo exists to show what the workstation does, so a plugin may present its results unasked (the AI runs
        detection on open). Never true in normal use, where work on open is the user's setting to choose.
        """
        return False

    # --- contributions --------------------------------------------------------------------------------
    @abc.abstractmethod
    def add_action(
        self, action_id: str, text: str, callback: Callable[[], None], shortcut: str | None = None,
        menu: str = "Plugins", checkable: bool = False, checked: bool = False,
    ) -> None:
        """A menu entry (and shortcut); a ``checkable`` one shows a tick for an on/off setting the plugin keeps."""

    @abc.abstractmethod
    def set_action_checked(self, action_id: str, checked: bool) -> None:
        """Show a checkable action's tick as the plugin's setting is (the user's click already flips it)."""

    @abc.abstractmethod
    def add_dock_widget(self, title: str, widget: Any, area: str = "right", closable: bool = True) -> None:
        """Dock a QWidget the plugin built; plugins with a UI import Qt themselves.

        ``closable=False`` gives the dock no close button and no View-menu toggle: for a panel the user must not lose
        while it is in use (a reader-study session's Log out and feedback, whose number keys rate even when the
        panel is gone).
        """

    # --- feedback and work ------------------------------------------------------------------------------
    @abc.abstractmethod
    def show_status(self, text: str, permanent: bool = False) -> None: ...

    @abc.abstractmethod
    def show_error(self, title: str, text: str) -> None: ...

    @abc.abstractmethod
    def run_task(
        self,
        work: Callable[[ProgressReporter], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        title: str = "",
    ) -> TaskHandle:
        """Run ``work`` off the GUI thread with a progress bar and cancel; callbacks run on the GUI thread."""

    @abc.abstractmethod
    def settings(self, plugin_id: str) -> dict[str, Any]:
        """A persisted settings dict for this plugin (saved by :meth:`save_settings`)."""

    @abc.abstractmethod
    def save_settings(self, plugin_id: str, values: dict[str, Any]) -> None: ...
