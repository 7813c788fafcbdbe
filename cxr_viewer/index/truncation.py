"""Telling a DICOM file that was cut short (an interrupted copy, download or CD read) from one that is whole.

pydicom reads a truncated file without complaint: a header cut in the middle yields a data set that simply lacks
the later tags, and a header-only read never looks at the pixel data. Without this check the user was told that a
file cut short "lacks StudyInstanceUID" or is "not an image", or the cut copy was indexed and only failed when
opened. The check stays cheap: it reads the few bytes of element headers after the place where the header read
stopped (the Pixel Data element, and for compressed images each fragment's 8-byte item header), never the pixels.
"""

from __future__ import annotations

import struct
from typing import Any, BinaryIO

from pydicom.dataelem import RawDataElement
from pydicom.uid import DeflatedExplicitVRLittleEndian

_PIXEL_TAGS = {0x7FE00010, 0x7FE00009, 0x7FE00008}  # Pixel Data, Double and Float Pixel Data
_ITEM, _SEQUENCE_END = 0xFFFEE000, 0xFFFEE0DD
_UNDEFINED = 0xFFFFFFFF
_PIXEL_VRS = (b"OB", b"OW", b"OF", b"OD", b"UN")  # an explicit VR Pixel Data element's VR: a 4-byte length follows
_META_START = 132  # the 128-byte preamble and 'DICM'
_ADVICE = "the file was cut short (an interrupted copy or download); copy it again from its source"


def truncation_problem(fp: BinaryIO, ds: Any, size: int) -> str | None:
    """Why the file read into ``ds`` from ``fp`` is truncated or damaged, or None when it is whole.

    ``fp`` must stand where a header-only read (``stop_before_pixels``) left it: at the Pixel Data element, or at
    the end of the file when the read never met one. ``size`` is the file's size in bytes.
    """
    transfer_syntax = getattr(ds.get("file_meta"), "TransferSyntaxUID", None)
    if transfer_syntax == DeflatedExplicitVRLittleEndian:
        return None  # pydicom inflated it into memory: positions in ``fp`` say nothing
    start = fp.tell()
    if start > size or any(element.value_tell + element.length > size for element in _raw_elements(ds)):
        return cut_short_reason(size)
    endian = "<" if ds.original_encoding[1] is not False else ">"
    head = fp.read(8)
    if not head:  # the read met no Pixel Data element before the end of the file
        return _no_pixel_data(ds, size)
    if len(head) < 8:
        return f"truncated file: it ends inside a DICOM element header, at byte {size}; {_ADVICE}"
    group, element = struct.unpack(f"{endian}HH", head[:4])
    if (group << 16 | element) not in _PIXEL_TAGS:
        return None  # the read stopped for another reason (pydicom's own): nothing to check here
    if head[4:6] not in _PIXEL_VRS:  # implicit VR, as declared or as some writers switch to (pydicom copes too)
        length = struct.unpack(f"{endian}L", head[4:8])[0]
    else:
        more = fp.read(4)
        if len(more) < 4:
            return f"truncated file: it ends inside its Pixel Data element header; {_ADVICE}"
        length = struct.unpack(f"{endian}L", more)[0]
    if length != _UNDEFINED:
        end = fp.tell() + length
        return None if end <= size else (f"truncated file: its image data needs {end} bytes but the file has "
                                         f"{size}; {_ADVICE}")
    return _fragments_problem(fp, size)


def cut_short_reason(size: int) -> str:
    """The reason given for a file whose header runs past its end."""
    return f"truncated file: it ends inside its DICOM header, at byte {size}; {_ADVICE}"


def _raw_elements(ds: Any) -> list[RawDataElement]:
    """The top-level elements still as read (values not yet decoded), those whose length is given."""
    return [element for element in ds.elements()
            if isinstance(element, RawDataElement) and element.length != _UNDEFINED]


def _no_pixel_data(ds: Any, size: int) -> str | None:
    """A file that ends in its file meta, or an image storage instance without Pixel Data (type 1): it ended early."""
    sop_class = getattr(ds.get("file_meta"), "MediaStorageSOPClassUID", None) or ds.get("SOPClassUID")
    if _ends_in_file_meta(ds, size):
        return f"truncated file: it ends at byte {size}, before its data set; {_ADVICE}"
    if "Image Storage" not in str(getattr(sop_class, "name", "")):
        return None  # an SR, a PDF, a presentation state: no pixels to expect
    return (f"truncated or damaged file: it ends at byte {size} with no image data, which a {sop_class.name} file "
            "must hold (cut short by an interrupted copy or download, or written wrongly); copy it again from its "
            "source")


def _ends_in_file_meta(ds: Any, size: int) -> bool:
    """Whether a Part 10 file ends within its file meta information (whose length its first element gives) or with
    no meta at all after the 'DICM' marker. The data set read cannot tell: only the indexed tags are kept."""
    meta = ds.get("file_meta")
    if getattr(ds, "preamble", None) is None or meta is None:
        return False  # a bare data set: no file meta to end in
    group_length = meta.get("FileMetaInformationGroupLength")
    if group_length is None:
        return len(meta) == 0
    return size <= _META_START + 12 + int(group_length)  # the group length element itself is 12 bytes


def _fragments_problem(fp: BinaryIO, size: int) -> str | None:
    """Walk the item headers of encapsulated (compressed) pixel data up to its sequence delimiter."""
    while True:
        head = fp.read(8)
        if len(head) < 8:
            return f"truncated file: its compressed image data ends before its last fragment; {_ADVICE}"
        group, element, length = struct.unpack("<HHL", head)
        tag = group << 16 | element
        if tag == _SEQUENCE_END:
            return None
        if tag != _ITEM or length == _UNDEFINED:
            return f"damaged file: unexpected data ({group:04X},{element:04X}) inside its compressed image data"
        if fp.tell() + length > size:
            return (f"truncated file: an image data fragment needs {fp.tell() + length} bytes but the file has "
                    f"{size}; {_ADVICE}")
        fp.seek(length, 1)
