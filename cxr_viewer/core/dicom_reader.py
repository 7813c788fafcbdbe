"""DICOM file → LoadedImage, refusing anything unusable with a reason a user can act on.

Checks run cheapest first and all before decoding: is it an image at all, is the file whole, is the image a
sane size, can this installation decode the transfer syntax. Only then is the first frame decoded.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.datadict import keyword_for_tag
from pydicom.errors import InvalidDicomError
from pydicom.pixels import get_decoder, pixel_array
from pydicom.uid import UID, ExplicitVRLittleEndian, ImplicitVRLittleEndian, JPEG2000TransferSyntaxes

from cxr_viewer.core.deflate_guard import DEFAULT_INFLATED_LIMIT, inflated_size_over
from cxr_viewer.core.dicom_lut import voi_luts
from cxr_viewer.core.errors import DAMAGED_AFTER_DICM, NOT_AN_IMAGE_FILE, ImageLoadError
from cxr_viewer.core.header import extract_metadata, frame_header, has_pixels, is_image_sop_class, sop_class_label
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.modality import modality_map
from cxr_viewer.core.palette import palette_rgb
from cxr_viewer.core.pixel_data_size import check_j2k_size, check_native_length
from cxr_viewer.core.pixels import padding_mask, stored_values
from cxr_viewer.core.presentation import starts_inverted
from cxr_viewer.core.size_limits import bytes_limit, check_frame_size
from cxr_viewer.core.spacing import pixel_spacing
from cxr_viewer.core.windows import default_presets, dicom_presets

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


def _rgb_uint8(pixels: np.ndarray, bits_stored: int) -> np.ndarray:
    if pixels.dtype == np.uint8:
        return pixels
    shift = max(bits_stored - 8, 0)
    return np.clip(np.right_shift(pixels.astype(np.uint32), shift), 0, 255).astype(np.uint8)


def _decode_first_frame(path: Path, ds: Dataset) -> np.ndarray:
    syntax = UID(ds.file_meta.TransferSyntaxUID)
    try:
        return pixel_array(ds, index=0, correct_unused_bits=False)
    except Exception as error:  # codecs raise assorted types; the user needs the syntax and the codec's words
        raise ImageLoadError(path, f"could not decode the {syntax.name} pixel data: {error}") from error


def image_from_dataset(path: Path, ds: Dataset) -> LoadedImage:
    """Decode the first frame of a dataset ``check_readable`` passed; afterwards ``ds`` holds no pixel data."""
    header = frame_header(ds)
    decoded = _decode_first_frame(path, ds)
    photometric = str(ds.get("PhotometricInterpretation", "MONOCHROME2")).strip().upper()
    bits_stored = int(ds.get("BitsStored", decoded.dtype.itemsize * 8))
    if decoded.ndim == 3 or photometric == "PALETTE COLOR":
        colour = palette_rgb(decoded, ds) if decoded.ndim == 2 else decoded
        bits = 16 if colour.dtype.itemsize > 1 and decoded.ndim == 2 else bits_stored
        stored, modality, mask, photometric = decoded, _rgb_uint8(colour, bits), None, "RGB"
        mapping = None
    else:
        native = not UID(ds.file_meta.TransferSyntaxUID).is_encapsulated
        signed = int(ds.get("PixelRepresentation", 0) or 0) == 1
        high_bit = int(ds.get("HighBit", bits_stored - 1)) if native else None
        try:
            stored = stored_values(decoded, bits_stored, high_bit, signed)
        except ValueError as error:
            raise ImageLoadError(path, str(error)) from None
        modality, mapping = None, modality_map(header)  # the float32 array is built only when asked for
        mask = padding_mask(stored, header)
    metadata = extract_metadata(ds)
    for keyword in ("PixelData", "FloatPixelData", "DoubleFloatPixelData"):
        if keyword in ds:
            delattr(ds, keyword)
    image = LoadedImage(
        path=path,
        stored=stored,
        modality=modality,
        photometric=photometric,
        spacing=pixel_spacing(header),
        voi_luts=voi_luts(header) if mapping is not None else [],
        default_invert=starts_inverted(photometric, ds),
        padding_mask=mask,
        metadata=metadata,
        dataset=ds,
        frame_count=int(ds.get("NumberOfFrames", 1) or 1),
        modality_map=mapping,
    )
    image.windows = (dicom_presets(header) if mapping is not None else []) + default_presets(image)
    return image


def read_dicom(path: Path, max_pixels: int, force: bool = False) -> LoadedImage:
    ds = read_dataset(path, force, bytes_limit(max_pixels))
    check_readable(path, ds, max_pixels)
    return image_from_dataset(path, ds)
