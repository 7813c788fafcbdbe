"""The byte order of a DICOM file's OW data, which pydicom hands back as the file's raw bytes.

OW values (palette tables, bit-packed overlay planes) are 16-bit words in the file's byte order; pydicom keeps
them as ``bytes`` and its helpers read them in the machine's order, so an Explicit VR Big Endian file needs its
words swapped first.
"""

from __future__ import annotations

import numpy as np
from pydicom.dataset import Dataset
from pydicom.uid import UID


def is_big_endian(ds: Dataset) -> bool:
    """Whether the file was big-endian: its transfer syntax, or for a file without meta how it was read."""
    syntax = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
    if syntax is not None:
        return not UID(str(syntax)).is_little_endian
    return getattr(ds, "original_encoding", (None, None))[1] is False


def native_words(data: bytes) -> bytes:
    """Big-endian 16-bit words as the machine's own (an odd last byte, which OW cannot hold, is dropped)."""
    return np.frombuffer(data[: len(data) // 2 * 2], ">u2").astype("=u2").tobytes()
