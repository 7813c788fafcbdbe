"""A byte-bounded LRU of decoded images.

Stepping back and forth through a study should not re-decode every file, but a radiograph can be
tens of MB once decoded, so the cache is bounded by bytes (the user's ``cache_limit_mb``), not by count.
Sizes are re-read on every insertion because an image grows when a plugin first asks for its float32
``modality`` array.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from cxr_viewer.core.image import LoadedImage


def image_bytes(image: LoadedImage) -> int:
    """Bytes held by the image's arrays now (the lazily built modality array counts once it exists)."""
    return image.nbytes


class ImageCache:
    """Least-recently-used images by path; the newest image is kept even if it alone exceeds the limit."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = int(limit_bytes)
        self._items: OrderedDict[Path, LoadedImage] = OrderedDict()

    @property
    def total_bytes(self) -> int:
        return sum(image_bytes(image) for image in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, path: object) -> bool:
        return path in self._items

    def get(self, path: Path) -> LoadedImage | None:
        image = self._items.get(path)
        if image is not None:
            self._items.move_to_end(path)
        return image

    def put(self, path: Path, image: LoadedImage) -> None:
        self._items.pop(path, None)
        self._items[path] = image
        self._evict()

    def discard(self, path: Path) -> None:
        self._items.pop(path, None)

    def _evict(self) -> None:
        total = self.total_bytes
        while total > self.limit_bytes and len(self._items) > 1:
            _, oldest = self._items.popitem(last=False)
            total -= image_bytes(oldest)
