"""The part of :class:`~cxr_viewer.plugin_api.host.ViewerHost` for blinded reading: a plugin holding the view for
itself, hiding who and when, and declaring the keys its own panel takes meanwhile (:class:`PanelKey`).

The keys are declared rather than handed to the host to route because a reading panel must take them before any
viewer shortcut sees them (a reader study installs its own event filter); what the viewer needs is to know them, so
that its shortcut list (F1) can say what each key does during the hold instead of the viewer's meaning, which the
panel has overruled. Plain data, no Qt, as napari's plugin manifests declare their key bindings.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class PanelKey:
    """One key a plugin's panel takes while the plugin holds the view, and what it does there.

    ``key`` is spelled as the viewer's settings spell keys (Qt's portable text: ``"1"``, ``"Return"``, ``"Del"``,
    ``"Ctrl+K"``); ``description`` is what the user reads in F1 ("Rate the case: 1 … 5").
    """

    key: str
    description: str


class HoldHost(abc.ABC):
    @abc.abstractmethod
    def set_metadata_hidden(self, hidden: bool) -> None:
        """Blinded reading: hide patient names, dates, file names and the DICOM tag panel while ``hidden``."""

    @abc.abstractmethod
    def set_exclusive(self, owner: str | None) -> None:
        """Hand the view to one plugin, for blinded reading; ``None`` gives it back.

        While ``owner`` is set, layers whose id does not start with ``owner + "."`` are removed and refused, and
        actions whose id does not start with ``owner + "."`` are disabled: no other plugin (a live AI, say) can
        draw over a study image or run during an unaided read. The user cannot change what is shown either: the
        viewer's opening, navigation and comparison layout are off and the layer list is locked (a reader must
        not uncover a paused case or hide the AI of an aided one). Checked by the host, not by polling.

        A plugin hands the view only to itself and ends only its own hold (``bound_host``): another plugin's
        ``set_exclusive(None)`` had ended a reader study's blinded read in the middle of a case.
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

    def set_pixel_readout_hidden(self, hidden: bool) -> None:
        """While ``hidden``, the viewer reads nothing of the main pane's film under the pointer: the status bar's
        pixel readout (position, stored and modality value) stays empty. ``False`` brings it back at once.

        For a plugin that covers the film with a layer of its own (a paused read): the cover hides the pixels, but the
        readout named them under the pointer all the same. Hosts without a readout (headless tests) ignore it.
        """

    def declare_panel_keys(self, plugin_id: str, keys: Sequence[PanelKey]) -> None:
        """Declare the keys ``plugin_id``'s panel takes while that plugin holds the view (:meth:`set_exclusive`);
        a later call replaces the list, an empty one withdraws it. Declare once, when the panel is built.

        During the hold the viewer lists them under the plugin's name in its shortcut list (F1) and shows its own
        commands on the same keys as unavailable. Only a declaration: taking the keys stays the plugin's job. Hosts
        without a shortcut list (headless tests) have nothing to show them in and ignore them.
        """
