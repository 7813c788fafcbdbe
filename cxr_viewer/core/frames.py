"""Another frame of a multi-frame DICOM file, decoded from the file when the reader steps to it.

Opening a multi-frame file decodes its first frame only (``dicom_reader``): a 60-frame 3000×3000 tomosynthesis is
1 GB decoded. The header kept with the first frame (``LoadedImage.dataset``, without pixel data) already passed every
check of ``check_readable`` (size limits per frame, transfer syntax, length), so a later frame needs only its own
bytes: pydicom reads just that frame from the file. Files it cannot seek that way (deflated, or without the DICOM
preamble) are parsed again, and the one frame decoded from that.
"""

from __future__ import annotations

from pydicom.uid import UID, DeflatedExplicitVRLittleEndian

from cxr_viewer.core.dicom_image import decode_frame, image_from_frame
from cxr_viewer.core.dicom_reader import read_dataset
from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.core.image import LoadedImage


def load_frame(first: LoadedImage, index: int) -> LoadedImage:
    """Frame ``index`` (0-based) of the DICOM file ``first`` (any frame of it) was decoded from, as its own image
    with that frame's functional groups (``dicom_image.image_from_frame``)."""
    ds, path = first.dataset, first.path
    if ds is None or path is None:
        raise ValueError(f"{first.display_name}: no DICOM file to read another frame from")
    if not 0 <= index < first.frame_count:
        raise ValueError(f"{first.display_name}: no frame {index + 1} of {first.frame_count}")
    syntax = UID(ds.file_meta.TransferSyntaxUID)
    try:
        if syntax == DeflatedExplicitVRLittleEndian or getattr(ds, "preamble", None) is None:
            decoded = decode_frame(path, read_dataset(path, force=True), syntax, index)
        else:
            decoded = decode_frame(path, path, syntax, index)
    except OSError as error:
        raise ImageLoadError(path, f"cannot read frame {index + 1} ({error.strerror or error})") from None
    return image_from_frame(path, ds, decoded, index)
