"""The sharpened copies of the films on screen, kept so each is computed once per film (frame) and strength (Qt-free).

An unsharp mask of a 2000×2000 film costs about 0.2 s on the 2-core VM (``benchmarks/bench_edge.py``): far too much
for the right-drag, which only rebuilds a table, and too much to pay again on stepping back to the film read a
moment ago. A few copies are kept, most recent first; each is as large as its film's stored pixels, so the number
is small. A copy is found by the film object itself (each frame is its own ``LoadedImage``) and goes when that film
goes (a weak reference's callback): a film the image cache let go, or one decoded again from a rewritten file, is a
new object and gets a new copy. All copies go when no display shows one any more (edge switched off in every pane,
the window closed): copies had stayed in memory, each the size of a film, until edge was switched on again.
"""

from __future__ import annotations

import weakref

from cxr_viewer.core.edge_enhance import Strength, sharpened_film
from cxr_viewer.core.image import LoadedImage

KEPT = 4  # both panes of 1×2 at two strengths, or the last few films of a list read with it on


class EdgeFilms:
    def __init__(self) -> None:
        self._kept: list[tuple[weakref.ref[LoadedImage], int, LoadedImage]] = []
        self._showing = 0  # displays alive with edge on (``film``'s ``shown_by``): the copies go with the last one
        self.computed = 0  # how many copies were made: the tests count them

    @property
    def kept(self) -> int:
        """How many copies are held (the tests check that they go)."""
        return len(self._kept)

    def film(self, image: LoadedImage, strength: Strength, shown_by: object) -> LoadedImage:
        """What ``shown_by`` (a display pipeline) shows for ``image`` at ``strength``: the film itself when off. The
        copies are held while some display with edge on is alive."""
        if strength.amount == 0 or image.is_rgb:
            return image
        self._showing += 1
        weakref.finalize(shown_by, self._shown_no_more).atexit = False
        for entry in self._kept:
            if entry[0]() is image and entry[1] == strength.level:
                self._kept.remove(entry)
                self._kept.insert(0, entry)
                return entry[2]
        sharp = sharpened_film(image, strength)
        self.computed += 1
        self._kept = [(weakref.ref(image, self._film_gone), strength.level, sharp), *self._kept][:KEPT]
        return sharp

    def _film_gone(self, gone: weakref.ref[LoadedImage]) -> None:
        self._kept = [entry for entry in self._kept if entry[0] is not gone]

    def _shown_no_more(self) -> None:
        self._showing -= 1
        if not self._showing:
            self._kept = []


EDGE_FILMS = EdgeFilms()  # one for the window: its panes may show the same film
