"""A byte-bounded LRU of decoded images.

Stepping back and forth through a study should not re-decode every file, but a radiograph can be
tens of MB once decoded, so the cache is bounded by bytes (the user's ``cache_limit_mb``), not by count.
Sizes are re-read on every insertion because an image grows when a plugin first asks for its float32
``modality`` array.

A decoded image is only as good as the file it came from: each entry remembers the file's size, modification time
and inode, and ``get`` checks them (one ``stat``), so a file rewritten or replaced on disk since it was decoded is
read again, and one deleted is reported as gone rather than shown from memory.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from cxr_viewer.core.image import LoadedImage

Signature = tuple[int, int, int]  # (size, mtime_ns, inode) of the file an image was decoded from


def file_signature(path: Path) -> Signature | None:
    """What changes when a file is rewritten or replaced; None when it is gone or cannot be examined."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ino


def image_bytes(image: LoadedImage) -> int:
    """Bytes held by the image's arrays now (the lazily built modality array counts once it exists)."""
    return image.nbytes


class ImageCache:
    """Least-recently-used images by path; the newest image is kept even if it alone exceeds the limit."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = int(limit_bytes)
        self._items: OrderedDict[Path, LoadedImage] = OrderedDict()
        self._signatures: dict[Path, Signature | None] = {}

    @property
    def total_bytes(self) -> int:
        return sum(image_bytes(image) for image in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, path: object) -> bool:
        return path in self._items

    def get(self, path: Path) -> LoadedImage | None:
        """The image decoded from ``path``, if held and the file is still the one it was decoded from."""
        image = self._items.get(path)
        if image is None:
            return None
        if file_signature(path) != self._signatures.get(path):
            self.discard(path)  # changed or gone on disk: the caller reads (or reports) it afresh
            return None
        self._items.move_to_end(path)
        return image

    def put(self, path: Path, image: LoadedImage, signature: Signature | None = None) -> None:
        """Hold ``image``; ``signature`` is the file's as it was before decoding (taken now when not given), so a
        file changed while it was being read is not held as if it were the new one."""
        self._items.pop(path, None)
        self._items[path] = image
        self._signatures[path] = signature if signature is not None else file_signature(path)
        self._evict()

    def discard(self, path: Path) -> None:
        self._items.pop(path, None)
        self._signatures.pop(path, None)

    def _evict(self) -> None:
        total = self.total_bytes
        while total > self.limit_bytes and len(self._items) > 1:
            oldest_path, oldest = self._items.popitem(last=False)
            self._signatures.pop(oldest_path, None)
            total -= image_bytes(oldest)
