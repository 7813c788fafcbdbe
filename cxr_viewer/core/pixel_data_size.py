"""Whether the pixel data agrees with the header's image size, checked before decoding.

Two lies the decoders do not catch in time: native pixel data shorter than Rows × Columns × frames call for (pydicom
refuses it, in words about group 0028 a reader cannot act on), and a JPEG 2000 codestream whose own header (SIZ)
declares another size than Rows/Columns. OpenJPEG allocates what the codestream declares: a 5 KB fragment claiming
30,000×30,000 made it take 2 GB before failing, whatever the DICOM header said; each frame's codestream is checked
as it is read (``frame_source``), since any frame of a multi-frame file can lie.
"""

from __future__ import annotations

import struct
from pathlib import Path

from pydicom.dataset import Dataset

from cxr_viewer.core.errors import ImageLoadError

_JP2_SIGNATURE = b"\x00\x00\x00\x0cjP  "
_SOC_SIZ = b"\xff\x4f\xff\x51"


def _codestream_start(head: bytes) -> int:
    """Where the J2K codestream begins: 0, or inside a JP2 file's 'jp2c' box (headers before it are small)."""
    if not head.startswith(_JP2_SIGNATURE):
        return 0
    offset = 0
    while offset + 8 <= len(head):
        length, kind = struct.unpack_from(">I4s", head, offset)
        if kind == b"jp2c":
            return offset + 8
        if length < 8:
            break
        offset += length
    return -1


def j2k_size(head: bytes) -> tuple[int, int] | None:
    """(columns, rows) a JPEG 2000 codestream (or JP2 file) declares in its SIZ marker; None when unreadable."""
    start = _codestream_start(head)
    if start < 0 or head[start:start + 4] != _SOC_SIZ or len(head) < start + 24:
        return None
    width, height, left, top = struct.unpack_from(">IIII", head, start + 8)
    return width - left, height - top


def check_j2k_size(path: Path, frame: bytes, cols: int, rows: int) -> None:
    """Refuse a JPEG 2000 frame (its fragments joined) whose codestream declares another size than Rows/Columns."""
    declared = j2k_size(frame[:1024])
    if declared is not None and declared != (cols, rows):
        raise ImageLoadError(path, f"damaged: the JPEG 2000 data declares {declared[0]}×{declared[1]} pixels but "
                                   f"the header says {cols}×{rows}")


def check_native_length(path: Path, ds: Dataset, held: int, cols: int, rows: int, frames: int) -> None:
    """Refuse native pixel data of ``held`` bytes too short for the header's image, in words a reader can act on."""
    samples = int(ds.get("SamplesPerPixel", 1) or 1)
    if str(ds.get("PhotometricInterpretation", "")).strip().upper() == "YBR_FULL_422":
        samples = 2  # the two chroma samples are shared by each pair of pixels
    bits = int(ds.get("BitsAllocated", 0) or 0) * samples
    needed = (cols * rows * frames * bits + 7) // 8
    if held < needed:
        frames_text = f" × {frames} frames" if frames > 1 else ""
        raise ImageLoadError(path, f"the pixel data is too short: {held:,} bytes, where the header's {cols}×{rows}"
                                   f"{frames_text} of {bits} bits need {needed:,} (damaged, or the header is wrong)")
