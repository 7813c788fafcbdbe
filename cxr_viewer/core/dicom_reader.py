"""DICOM file → LoadedImage, refusing anything unusable with a reason a user can act on.

Checks run cheapest first and all before decoding: is it an image at all, is the file whole, is the image a
sane size, can this installation decode the transfer syntax. The header is read up to the pixel data, whose place
the checks judge without reading it (``pixel_element``); only then is the first frame read and decoded
(``frame_source``; ``dicom_image`` turns it into a ``LoadedImage``; ``frames`` reads the others when the reader
steps to them). A 60-frame tomosynthesis reads one frame's bytes to open, not its gigabyte.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pydicom
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset, FileDataset
from pydicom.datadict import keyword_for_tag
from pydicom.errors import InvalidDicomError
from pydicom.filereader import read_dataset as parse_data_set, read_file_meta_info
from pydicom.pixels import get_decoder
from pydicom.uid import UID, ExplicitVRLittleEndian, ImplicitVRLittleEndian

from cxr_viewer.core.deflate_guard import InflatedTooLarge, inflated_data_set
from cxr_viewer.core.dicom_image import image_from_frame
from cxr_viewer.core.errors import DAMAGED_AFTER_DICM, NOT_AN_IMAGE_FILE, ImageLoadError
from cxr_viewer.core.frame_source import FrameSource
from cxr_viewer.core.header import is_image_sop_class, sop_class_label
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.pixel_data_size import check_native_length
from cxr_viewer.core.pixel_element import UNDEFINED_LENGTH, PixelElement, is_pixel_tag, locate_pixels
from cxr_viewer.core.size_limits import bytes_limit, check_frame_size


def read_header(path: Path, file: BinaryIO, force: bool, inflated_limit: int) -> tuple[Dataset, BinaryIO]:
    """The data set up to its pixel data, and the stream left at the pixel data element: the file itself or, for a
    deflated file, its data set inflated once, within ``inflated_limit`` bytes (``deflate_guard``; pydicom would
    inflate it again, whole and unbounded). ``force`` accepts files without the preamble and 'DICM' prefix."""
    try:
        inflated = inflated_data_set(file, inflated_limit)
    except InflatedTooLarge as error:
        raise ImageLoadError(path, str(error)) from None
    try:
        if inflated is None:
            return pydicom.dcmread(file, force=force, stop_before_pixels=True), file
        body = parse_data_set(inflated, is_implicit_VR=False, is_little_endian=True, stop_when=is_pixel_tag)
        meta = read_file_meta_info(path)
        return FileDataset(path, body, file.read(128), meta, is_implicit_VR=False, is_little_endian=True), inflated
    except InvalidDicomError as error:
        raise ImageLoadError(path, "not a DICOM file (no 'DICM' prefix after the 128-byte preamble)") from error
    except RecursionError:
        raise ImageLoadError(path, "damaged: its sequences are nested too deeply to read") from None
    except MemoryError:
        raise
    except Exception as error:  # pydicom raises many types on garbage; all mean the same to the user
        raise ImageLoadError(path, f"not a readable DICOM file ({type(error).__name__}: {error})") from error


def _pixel_element(path: Path, ds: Dataset, stream: BinaryIO, force: bool) -> PixelElement | None:
    """The pixel data element where ``read_header`` left the stream, after refusing garbage parsed as elements: with
    the 'DICM' mark it read as "truncated: (8A1F,0408) has 392 of its 1,236,547,076 bytes", which tells the user
    nothing (an empty data set after the 'DICM' mark is a truncation: ``_truncation``; read without the mark, it is
    no DICOM at all)."""
    implicit, little = ds.original_encoding
    element = locate_pixels(stream, implicit is not False, little is not False)
    if not ("SOPClassUID" in ds or "Rows" in ds or element is not None or (len(ds) == 0 and not force)):
        raise ImageLoadError(path, NOT_AN_IMAGE_FILE if force else DAMAGED_AFTER_DICM)
    return element


def _truncation(ds: Dataset, element: PixelElement | None) -> str | None:
    """Why the file looks cut short: pydicom reads short values silently, so compare what arrived with what was due.

    For header elements this only works while the last one is still raw (unconverted), so it must run before
    anything reads it; the pixel data's own length is compared with what the file holds from where it starts.
    """
    if element is not None and element.cut_short:
        return f"file is truncated: {element.keyword} has {element.available:,} of its {element.length:,} bytes"
    if len(ds) == 0:
        return None if element is not None else "file is truncated: no data set follows the file meta information"
    last = ds.get_item(max(ds.keys()))
    if not isinstance(last, RawDataElement) or last.value is None or last.length == UNDEFINED_LENGTH:
        return None
    if len(last.value) < last.length:
        name = keyword_for_tag(last.tag) or str(last.tag)
        return f"file is truncated: {name} has {len(last.value):,} of its {last.length:,} bytes"
    return None


def check_readable(path: Path, ds: Dataset, element: PixelElement | None, max_pixels: int) -> None:
    """Refuse non-images, cut-off files, oversized images and undecodable syntaxes, all from the header and where
    its pixel data ``element`` lies (a JPEG 2000 frame's own declared size is checked as it is read)."""
    truncated = _truncation(ds, element)  # first: reading any element below would hide the evidence
    if truncated:
        raise ImageLoadError(path, truncated)
    _ensure_transfer_syntax(ds)
    if element is None:
        if not is_image_sop_class(ds):
            raise ImageLoadError(path, f"contains no image (SOP class {sop_class_label(ds)})")
        raise ImageLoadError(path, f"has no Pixel Data (SOP class {sop_class_label(ds)})")
    try:
        rows, cols = int(ds.Rows), int(ds.Columns)
    except (AttributeError, TypeError, ValueError):
        raise ImageLoadError(path, "has pixel data but no usable Rows/Columns") from None
    if rows <= 0 or cols <= 0:
        raise ImageLoadError(path, f"has an empty image ({cols}×{rows})")
    check_frame_size(path, cols, rows, _int(ds, "BitsAllocated") * (_int(ds, "SamplesPerPixel") or 1), max_pixels)
    syntax = UID(ds.file_meta.TransferSyntaxUID)
    label = f"{syntax.name} ({syntax})" if syntax.name != str(syntax) else str(syntax)
    try:
        decoder = get_decoder(syntax)
    except NotImplementedError:
        raise ImageLoadError(path, f"unsupported transfer syntax {label}") from None
    if not decoder.is_available:
        raise ImageLoadError(path, f"no decoder installed for transfer syntax {label}")
    if not syntax.is_encapsulated:
        check_native_length(path, ds, element.available, cols, rows, _int(ds, "NumberOfFrames") or 1)


def _int(ds: Dataset, keyword: str) -> int:
    """An integer header value, 0 when absent or unreadable (the decoder then names what is wrong)."""
    try:
        return int(ds.get(keyword, 0) or 0)
    except (TypeError, ValueError):
        return 0


def _ensure_transfer_syntax(ds: Dataset) -> None:
    """Files read with ``force`` may lack file meta; their encoding tells which native syntax they use."""
    if "TransferSyntaxUID" in getattr(ds, "file_meta", {}):
        return
    implicit = ds.original_encoding[0] is not False
    ds.ensure_file_meta()
    ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian if implicit else ExplicitVRLittleEndian


def read_dicom(path: Path, max_pixels: int, force: bool = False) -> LoadedImage:
    """The first frame of a DICOM file, its other frames left in the file for ``frames.load_frame``; the data set
    kept with it holds everything before the pixel data."""
    limit = bytes_limit(max_pixels)
    with path.open("rb") as file:
        ds, stream = read_header(path, file, force, limit)
        element = _pixel_element(path, ds, stream, force)
        check_readable(path, ds, element, max_pixels)
        assert element is not None  # check_readable refuses a file without pixel data
        source = FrameSource(path, element, None if stream is file else limit)
        decoded = source.decode(stream, ds, 0)
    return image_from_frame(path, ds, decoded, 0, source)
