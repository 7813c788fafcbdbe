"""Refusing a Deflated Explicit VR Little Endian file that inflates past a limit, before pydicom inflates it.

pydicom inflates a deflated data set whole, in memory, even to read its header: a 1 MB file inflating to 1 GB took
2.2 GB and 4 s for the folder scan alone, and a larger one gets the viewer killed. Here the data set is inflated
in chunks that are counted and dropped, so the check holds one chunk at a time and stops at the limit.
"""

from __future__ import annotations

import struct
import zlib
from typing import BinaryIO

from pydicom.uid import DeflatedExplicitVRLittleEndian

from cxr_viewer.core.size_limits import MAX_PIXELS, bytes_limit, megabytes

DEFAULT_INFLATED_LIMIT = bytes_limit(MAX_PIXELS)
_DEFLATED = DeflatedExplicitVRLittleEndian.encode()
_HEAD = 4096  # the file meta group of a real file is a few hundred bytes
_CHUNK = 1 << 20
_LONG_VRS = {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"}


def _meta_end(head: bytes) -> int | None:
    """Where the file meta group (explicit VR little endian, after the preamble and 'DICM') ends."""
    offset = 132
    while offset + 8 <= len(head) and head[offset:offset + 2] == b"\x02\x00":
        vr = head[offset + 4:offset + 6]
        if vr in _LONG_VRS:
            offset += 12 + struct.unpack_from("<I", head, offset + 8)[0]
        else:
            offset += 8 + struct.unpack_from("<H", head, offset + 6)[0]
    return offset if offset <= len(head) else None


def inflated_size_over(stream: BinaryIO, limit: int = DEFAULT_INFLATED_LIMIT) -> str | None:
    """Why the file open in ``stream`` (a deflated DICOM file) is refused, 'image is too large: … inflates to over
    … MB'; None for any other file or one within ``limit`` bytes (and for a stream that is not valid deflate, which
    pydicom names). Reads from the start and leaves the stream there, so the caller's one open serves both."""
    stream.seek(0)
    head = stream.read(_HEAD)
    start = _meta_end(head) if head[128:132] == b"DICM" and _DEFLATED in head else None
    total = 0
    if start is not None:
        stream.seek(start)
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            while not inflater.eof and total <= limit:
                data = inflater.unconsumed_tail or stream.read(_CHUNK)
                if not data:
                    break
                total += len(inflater.decompress(data, _CHUNK))
        except zlib.error:
            total = 0
    stream.seek(0)
    if total <= limit:
        return None
    return f"image is too large: its deflated data set inflates to over {megabytes(limit)} (damaged or hostile)"
