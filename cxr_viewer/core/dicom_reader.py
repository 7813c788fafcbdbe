"""DICOM file → LoadedImage, refusing anything unusable with a reason a user can act on.

Checks run cheapest first and all before decoding: is it an image at all, is the file whole, is the image a
sane size, can this installation decode the transfer syntax. Only then is the first frame decoded
(``dicom_image`` turns it into a ``LoadedImage``; ``frames`` decodes the others when the reader steps to them).
"""

from __future__ import annotations

from pathlib import Path

import pydicom
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.datadict import keyword_for_tag
from pydicom.errors import InvalidDicomError
from pydicom.pixels import get_decoder
from pydicom.uid import UID, ExplicitVRLittleEndian, ImplicitVRLittleEndian, JPEG2000TransferSyntaxes

from cxr_viewer.core.deflate_guard import DEFAULT_INFLATED_LIMIT, inflated_size_over
from cxr_viewer.core.dicom_image import decode_frame, image_from_frame
from cxr_viewer.core.errors import DAMAGED_AFTER_DICM, NOT_AN_IMAGE_FILE, ImageLoadError
from cxr_viewer.core.header import has_pixels, is_image_sop_class, sop_class_label
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.pixel_data_size import check_j2k_size, check_native_length
from cxr_viewer.core.size_limits import bytes_limit, check_frame_size

_UNDEFINED_LENGTH = 0xFFFFFFFF


def read_dataset(path: Path, force: bool, inflated_limit: int = DEFAULT_INFLATED_LIMIT) -> Dataset:
    """Parse the whole file; ``force`` accepts files without the 128-byte preamble and 'DICM' prefix. A deflated
    file that would inflate past ``inflated_limit`` bytes is refused first (``deflate_guard``)."""
    with path.open("rb") as stream:
        too_large = inflated_size_over(stream, inflated_limit)
        if too_large:
            raise ImageLoadError(path, too_large)
        try:
            ds = pydicom.dcmread(stream, force=force)
        except InvalidDicomError as error:
            raise ImageLoadError(path, "not a DICOM file (no 'DICM' prefix after the 128-byte preamble)") from error
        except RecursionError:
            raise ImageLoadError(path, "damaged: its sequences are nested too deeply to read") from None
        except MemoryError:
            raise
        except Exception as error:  # pydicom raises many types on garbage; all mean the same to the user
            raise ImageLoadError(path, f"not a readable DICOM file ({type(error).__name__}: {error})") from error
    if not ("SOPClassUID" in ds or "Rows" in ds or "PixelData" in ds or len(ds) == 0):
        # garbage parsed as elements; with the 'DICM' mark it read as "truncated: (8A1F,0408) has 392 of its
        # 1,236,547,076 bytes", which tells the user nothing (an empty data set is a truncation: _truncation)
        raise ImageLoadError(path, NOT_AN_IMAGE_FILE if force else DAMAGED_AFTER_DICM)
    return ds


def _truncation(ds: Dataset) -> str | None:
    """Why the file looks cut short: pydicom reads short values silently, so compare what arrived with what was due.

    Only works while the last element is still raw (unconverted), so it must run before anything reads it.
    """
    if len(ds) == 0:
        return "file is truncated: no data set follows the file meta information"
    last = ds.get_item(max(ds.keys()))
    if not isinstance(last, RawDataElement) or last.value is None or last.length == _UNDEFINED_LENGTH:
        return None
    if len(last.value) < last.length:
        name = keyword_for_tag(last.tag) or str(last.tag)
        return f"file is truncated: {name} has {len(last.value):,} of its {last.length:,} bytes"
    return None


def check_readable(path: Path, ds: Dataset, max_pixels: int) -> None:
    """Refuse non-images, cut-off files, oversized images and undecodable syntaxes, all from the header."""
    truncated = _truncation(ds)  # first: reading any element below would hide the evidence
    if truncated:
        raise ImageLoadError(path, truncated)
    _ensure_transfer_syntax(ds)
    if not has_pixels(ds):
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
    if syntax in JPEG2000TransferSyntaxes:
        check_j2k_size(path, ds, cols, rows)
    elif not syntax.is_encapsulated:
        check_native_length(path, ds, cols, rows, _int(ds, "NumberOfFrames") or 1)


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


def image_from_dataset(path: Path, ds: Dataset) -> LoadedImage:
    """Decode the first frame of a dataset ``check_readable`` passed; afterwards ``ds`` holds no pixel data (the
    other frames of a multi-frame file are decoded from the file when shown: ``frames.load_frame``)."""
    decoded = decode_frame(path, ds, UID(ds.file_meta.TransferSyntaxUID), 0)
    for keyword in ("PixelData", "FloatPixelData", "DoubleFloatPixelData"):
        if keyword in ds:
            delattr(ds, keyword)
    return image_from_frame(path, ds, decoded, 0)


def read_dicom(path: Path, max_pixels: int, force: bool = False) -> LoadedImage:
    ds = read_dataset(path, force, bytes_limit(max_pixels))
    check_readable(path, ds, max_pixels)
    return image_from_dataset(path, ds)
