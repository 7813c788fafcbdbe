"""A decoded DICOM frame plus its header → ``LoadedImage``.

Both the first frame (on opening) and any other (when the reader steps to it, ``frames``) are decoded by
``frame_source`` and go through ``image_from_frame``, so every frame is mapped to display values by the same rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from pydicom.dataset import Dataset
from pydicom.uid import UID

from cxr_viewer.core.dicom_lut import voi_luts
from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.core.header import extract_metadata, frame_header
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.modality import modality_map
from cxr_viewer.core.palette import palette_rgb
from cxr_viewer.core.pixels import padding_mask, stored_values
from cxr_viewer.core.presentation import starts_inverted
from cxr_viewer.core.spacing import pixel_spacing
from cxr_viewer.core.windows import default_presets, dicom_presets

if TYPE_CHECKING:
    from cxr_viewer.core.frame_source import FrameSource


def _rgb_uint8(pixels: np.ndarray, bits_stored: int) -> np.ndarray:
    if pixels.dtype == np.uint8:
        return pixels
    shift = max(bits_stored - 8, 0)
    return np.clip(np.right_shift(pixels.astype(np.uint32), shift), 0, 255).astype(np.uint8)


def image_from_frame(path: Path, ds: Dataset, decoded: np.ndarray, index: int, source: FrameSource) -> LoadedImage:
    """Frame ``index`` of the file, decoded, with the header read for that frame (``frame_header``): each frame
    of an enhanced object may carry its own pixel spacing, rescale, window and VOI LUT. ``source`` reads the
    file's other frames (``frames.load_frame``)."""
    header = frame_header(ds, index)
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
        frame_count=max(int(ds.get("NumberOfFrames", 1) or 1), 1),
        frame_index=index,
        modality_map=mapping,
        frame_source=source,
    )
    image.windows = (dicom_presets(header) if mapping is not None else []) + default_presets(image)
    return image


