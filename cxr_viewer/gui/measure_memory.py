"""The session's memory of measurements (distances, cardiothoracic ratios, angles, ROIs), per image (Qt-free).

A reader who measures a film, steps on through the list and comes back expects the calipers still on it, as on
a film hung on the light box. Nothing is written to disk: the memory lives as long as the window. It holds only
images that have measurements (deleting the last one forgets the image) and at most ``limit`` of them, the least
recently used dropped first, so a viewer left open for weeks does not grow without end.

An image is known by its SOP Instance UID (the same film opened from another folder or a PACS retrieve is the
same film), else by its file's path, and a frame of a multi-frame file by that and its frame number (a distance
drawn on slice 12 of a tomosynthesis belongs to slice 12); an image with neither (a blinded reader-study case, stripped of both) has
no key and keeps nothing. Deletions and adjustments (an end dragged) go to an undo list (the last ``UNDO_DEPTH``),
so that a Delete or Shift+Delete pressed by mistake, which wipes a film's ratio and distances at once, or an end
dragged too far can be taken back. Each is kept as the marks it took away and the marks it put in their place (none
for a deletion), so undoing either is one rule: the second go, the first come back. While
``suspended`` (a blinded read) nothing is recalled or kept: a measurement made before must not show in a read that
asked for a clean view, nor one made in it outlive the read.
"""

from __future__ import annotations

from collections import OrderedDict

from cxr_viewer.core.image import LoadedImage

Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 in image pixel coordinates
# a distance's ends, a ratio's heart and chest widths (``core.ctr``), or a later kind's tag and points
# (``gui/measure_tools``: ("angle", x, y, x, y, x, y), ("roi", x0, y0, x1, y1))
Mark = Segment | tuple[Segment, Segment] | tuple[str | float, ...]
DEFAULT_LIMIT = 1000
UNDO_DEPTH = 50


def image_key(image: LoadedImage | None) -> str | None:
    """The key measurements of ``image`` are kept under, or None when it has no identity to keep them by."""
    if image is None:
        return None
    uid = str(image.metadata.get("SOPInstanceUID", "") or "").strip()
    frame = f"#frame:{image.frame_index + 1}" if image.frame_count > 1 else ""  # a mark belongs to its frame
    if uid:
        return f"sop:{uid}{frame}"
    return f"path:{image.path.resolve()}{frame}" if image.path is not None else None


class MeasurementMemory:
    """Marks per image key; only non-empty lists are held."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = limit
        self.suspended = False
        self._kept: OrderedDict[str, tuple[Mark, ...]] = OrderedDict()
        self._undo: list[tuple[str, tuple[Mark, ...], tuple[Mark, ...]]] = []  # (image key, before, after), oldest first

    def keep(self, key: str | None, segments: list[Mark]) -> None:
        """Replace what is kept for ``key`` (an empty list forgets it)."""
        if self.suspended or key is None:
            return
        self._kept.pop(key, None)
        if segments:
            self._kept[key] = tuple(segments)
            while len(self._kept) > self.limit:
                self._kept.popitem(last=False)

    def recall(self, key: str | None) -> tuple[Mark, ...]:
        if self.suspended or key is None or key not in self._kept:
            return ()
        self._kept.move_to_end(key)
        return self._kept[key]

    def discard(self, key: str | None, marks: list[Mark]) -> None:
        """Note that the reader just deleted these marks from ``key``'s image."""
        if marks:
            self._push(key, tuple(marks), ())

    def adjusted(self, key: str | None, before: Mark, after: Mark) -> None:
        """Note that the reader dragged a point of ``key``'s measurement ``before``, which is now ``after``."""
        if before != after:
            self._push(key, (before,), (after,))

    def _push(self, key: str | None, before: tuple[Mark, ...], after: tuple[Mark, ...]) -> None:
        if self.suspended or key is None:
            return
        self._undo.append((key, before, after))
        del self._undo[:-UNDO_DEPTH]

    def take_back(self, key: str | None) -> tuple[tuple[Mark, ...], tuple[Mark, ...]]:
        """The last deletion or adjustment on ``key``'s image, out of the list: the marks to bring back and the
        marks to take away; none when there is none (or while suspended: a blinded read undoes nothing)."""
        if self.suspended or key is None:
            return (), ()
        for index in range(len(self._undo) - 1, -1, -1):
            if self._undo[index][0] == key:
                return self._undo.pop(index)[1:]
        return (), ()

    def __len__(self) -> int:
        return len(self._kept)
