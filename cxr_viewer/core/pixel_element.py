"""Where a DICOM file's pixel data lies, found while reading the header, so that no byte of it is read before a frame is.

The header is parsed up to the pixel data (``dcmread(stop_before_pixels=True)``, which leaves the stream at the
element's tag); this reads the element's own 8 or 12 header bytes for its keyword, VR, declared length and the
offset of its value. Frames are then read from that offset (``frame_source``): a 60-frame 3000×3000 tomosynthesis
no longer reads its 1 GB to show frame 1. ``available`` is what the file really holds from there, so a file cut
short is told from the header alone, as ``dcmread`` reading the short value used to tell it.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from typing import BinaryIO

UNDEFINED_LENGTH = 0xFFFFFFFF  # encapsulated pixel data: items up to a sequence delimiter
PIXEL_KEYWORDS = {0x7FE00010: "PixelData", 0x7FE00008: "FloatPixelData", 0x7FE00009: "DoubleFloatPixelData"}


@dataclass(frozen=True)
class PixelElement:
    """The top-level pixel data element of a file (or of a deflated file's data set inflated in memory)."""

    keyword: str
    vr: str | None  # None for implicit VR (pydicom then assumes OW or OB from Bits Allocated)
    offset: int  # where the value starts in the stream
    length: int  # as declared; UNDEFINED_LENGTH for encapsulated data
    available: int  # bytes the stream holds from ``offset``, up to ``length``

    @property
    def encapsulated(self) -> bool:
        return self.length == UNDEFINED_LENGTH

    @property
    def cut_short(self) -> bool:
        return not self.encapsulated and self.available < self.length


def is_pixel_tag(tag: int, vr: str | None = None, length: int = 0) -> bool:
    """A ``stop_when`` for pydicom's ``read_dataset``: stop the header at the pixel data."""
    return int(tag) in PIXEL_KEYWORDS


def locate_pixels(stream: BinaryIO, implicit_vr: bool, little_endian: bool) -> PixelElement | None:
    """The pixel data element starting at the stream's position; None when none starts there (a file without
    pixels, or one cut short inside the element's header). Leaves the stream just after the element's header."""
    head = stream.read(8)
    if len(head) < 8:
        return None
    order = "<" if little_endian else ">"
    group, element = struct.unpack_from(f"{order}HH", head)
    keyword = PIXEL_KEYWORDS.get(group << 16 | element)
    if keyword is None:
        return None
    if implicit_vr:
        vr, (length,) = None, struct.unpack_from(f"{order}I", head, 4)
    else:
        extra = stream.read(4)  # pixel data VRs (OB, OW, OF, OD) take 2 reserved bytes and a 4-byte length
        if len(extra) < 4:
            return None
        vr, (length,) = head[4:6].decode("ascii", "replace"), struct.unpack(f"{order}I", extra)
    offset = stream.tell()
    end = stream.seek(0, io.SEEK_END)
    stream.seek(offset)
    held = max(end - offset, 0)
    return PixelElement(keyword, vr, offset, length, held if length == UNDEFINED_LENGTH else min(held, length))
