"""Another frame of a multi-frame DICOM file, decoded from the file when the reader steps to it.

Opening a multi-frame file reads and decodes its first frame only (``dicom_reader``): a 60-frame 3000×3000
tomosynthesis is 1 GB. The header kept with the first frame (``LoadedImage.dataset``, without pixel data) already
passed every check of ``check_readable`` (size limits per frame, transfer syntax, length), and its
``frame_source`` knows where the pixel data lies, so a later frame reads only its own bytes (a deflated file's
data set is inflated again, once, within the limit it was opened with); nothing is parsed again.
"""

from __future__ import annotations

from cxr_viewer.core.dicom_image import image_from_frame
from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.core.image import LoadedImage


def load_frame(first: LoadedImage, index: int) -> LoadedImage:
    """Frame ``index`` (0-based) of the DICOM file ``first`` (any frame of it) was decoded from, as its own image
    with that frame's functional groups (``dicom_image.image_from_frame``)."""
    ds, path, source = first.dataset, first.path, first.frame_source
    if ds is None or path is None or source is None:
        raise ValueError(f"{first.display_name}: no DICOM file to read another frame from")
    if not 0 <= index < first.frame_count:
        raise ValueError(f"{first.display_name}: no frame {index + 1} of {first.frame_count}")
    try:
        decoded = source.read(ds, index)
    except OSError as error:
        raise ImageLoadError(path, f"cannot read frame {index + 1} ({error.strerror or error})") from None
    return image_from_frame(path, ds, decoded, index, source)
