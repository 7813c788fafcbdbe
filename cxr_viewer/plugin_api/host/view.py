"""The part of :class:`~cxr_viewer.plugin_api.host.ViewerHost` that moves the main view: where it looks, how close,
and the window (grey levels) it shows the film in."""

from __future__ import annotations

import abc


class ViewControl(abc.ABC):
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
