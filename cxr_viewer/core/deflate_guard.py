"""Refusing a Deflated Explicit VR Little Endian file that inflates past a limit, before pydicom inflates it.

pydicom inflates a deflated data set whole, in memory, even to read its header: a 1 MB file inflating to 1 GB took
2.2 GB and 4 s for the folder scan alone, and a larger one gets the viewer killed. Here the data set is inflated
in chunks that are counted and dropped, so the check holds one chunk at a time and stops at the limit. The viewer,
which needs the data set anyway, keeps the chunks instead (``inflated_data_set``) and parses them: one inflation,
where checking and then letting pydicom inflate took two.
"""

from __future__ import annotations

import io
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


def _inflate(stream: BinaryIO, limit: int, sink: io.BytesIO | None) -> int | None:
    """Inflate the data set of the deflated DICOM file open in ``stream`` into ``sink`` (or count and drop it when
    None), stopping once past ``limit`` bytes; the bytes inflated, or None for a file that is not deflated or not
    valid deflate (pydicom then names the problem). Leaves the stream at its start."""
    stream.seek(0)
    head = stream.read(_HEAD)
    start = _meta_end(head) if head[128:132] == b"DICM" and _DEFLATED in head else None
    total = None
    if start is not None:
        stream.seek(start)
        inflater, total = zlib.decompressobj(-zlib.MAX_WBITS), 0
        try:
            while not inflater.eof and total <= limit:
                data = inflater.unconsumed_tail or stream.read(_CHUNK)
                if not data:
                    break
                chunk = inflater.decompress(data, _CHUNK)
                total += len(chunk)
                if sink is not None:
                    sink.write(chunk)
        except zlib.error:
            total = None
    stream.seek(0)
    return total


def _too_large(limit: int) -> str:
    return f"image is too large: its deflated data set inflates to over {megabytes(limit)} (damaged or hostile)"


def inflated_size_over(stream: BinaryIO, limit: int = DEFAULT_INFLATED_LIMIT) -> str | None:
    """Why the file open in ``stream`` (a deflated DICOM file) is refused, 'image is too large: … inflates to over
    … MB'; None for any other file or one within ``limit`` bytes (and for a stream that is not valid deflate, which
    pydicom names). Reads from the start and leaves the stream there, so the caller's one open serves both."""
    total = _inflate(stream, limit, None)
    return _too_large(limit) if total is not None and total > limit else None


def inflated_data_set(stream: BinaryIO, limit: int = DEFAULT_INFLATED_LIMIT) -> io.BytesIO | None:
    """The data set of the deflated DICOM file open in ``stream``, inflated once, within ``limit`` bytes (the
    viewer parses it from there instead of letting pydicom inflate the file a second time, unbounded); None for any
    other file or invalid deflate. Raises ``InflatedTooLarge`` past the limit."""
    sink = io.BytesIO()
    total = _inflate(stream, limit, sink)
    if total is None:
        return None
    if total > limit:
        raise InflatedTooLarge(_too_large(limit))
    sink.seek(0)
    return sink


class InflatedTooLarge(ValueError):
    """A deflated data set that inflates past the limit; ``str()`` is the reason for the reader."""
