"""A byte-bounded LRU of decoded images.

Stepping back and forth through a study should not re-decode every file, but a radiograph can be
tens of MB once decoded, so the cache is bounded by bytes (the user's ``cache_limit_mb``), not by count.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from cxr_viewer.core.image import LoadedImage


def image_bytes(image: LoadedImage) -> int:
    """Bytes held by the arrays of an image (arrays that share memory are still counted once each)."""
    total = image.stored.nbytes
    if image.modality is not image.stored:
        total += image.modality.nbytes
    if image.padding_mask is not None:
        total += image.padding_mask.nbytes
    return int(total)


class ImageCache:
    """Least-recently-used images by path; the newest image is kept even if it alone exceeds the limit."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = int(limit_bytes)
        self._items: OrderedDict[Path, tuple[LoadedImage, int]] = OrderedDict()
        self._total = 0

    @property
    def total_bytes(self) -> int:
        return self._total

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, path: object) -> bool:
        return path in self._items

    def get(self, path: Path) -> LoadedImage | None:
        entry = self._items.get(path)
        if entry is None:
            return None
        self._items.move_to_end(path)
        return entry[0]

    def put(self, path: Path, image: LoadedImage) -> None:
        self.discard(path)
        size = image_bytes(image)
        self._items[path] = (image, size)
        self._total += size
        self._evict()

    def discard(self, path: Path) -> None:
        entry = self._items.pop(path, None)
        if entry is not None:
            self._total -= entry[1]

    def set_limit(self, limit_bytes: int) -> None:
        self.limit_bytes = int(limit_bytes)
        self._evict()

    def _evict(self) -> None:
        while self._total > self.limit_bytes and len(self._items) > 1:
            _, (_, size) = self._items.popitem(last=False)
            self._total -= size
