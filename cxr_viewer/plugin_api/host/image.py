"""The part of :class:`~cxr_viewer.plugin_api.host.ViewerHost` about the film itself: which image is shown, showing
another or none, and hearing when that changes."""

from __future__ import annotations

import abc
from typing import Callable

from cxr_viewer.core.image import LoadedImage


class ImageHost(abc.ABC):
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

    @abc.abstractmethod
    def open_image_object(self, image: LoadedImage) -> None:
        """Show an image the plugin already has in memory (it does not join the opened-files list)."""

    @abc.abstractmethod
    def close_image(self) -> None:
        """Show no image (a reader logging out must not leave the next case on screen, unread and unblinded)."""
