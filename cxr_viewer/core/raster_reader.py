"""Non-DICOM images (PNG, JPEG, TIFF, BMP, MHA/MHD, NRRD, NIfTI) → LoadedImage, via SimpleITK, else Pillow.

Research data sets such as JSRT ship as plain images, so the viewer opens them too. Only the medical formats
(MHA, NRRD, NIfTI) carry a pixel size the viewer trusts; PNG/JPEG are uncalibrated. Volumes show their first
slice, and RGB files whose three channels are identical are treated as greyscale so they can be windowed.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image
from pydicom.dataset import Dataset

from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.core.header import extract_metadata
from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.modality import IDENTITY
from cxr_viewer.core.size_limits import check_frame_size, check_volume_size
from cxr_viewer.core.spacing import UNCALIBRATED
from cxr_viewer.core.windows import default_presets

if TYPE_CHECKING:  # imported in _read_sitk: SimpleITK takes about 70 ms to import, which every start of the viewer
    import SimpleITK as sitk  # paid (the loader imports this module) though most readers never open an MHA or NRRD

CALIBRATED_SUFFIXES = frozenset({".mha", ".mhd", ".nrrd", ".nhdr", ".nii", ".nii.gz"})
PILLOW_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"})
RASTER_SUFFIXES = CALIBRATED_SUFFIXES | PILLOW_SUFFIXES
STREAMED_SUFFIXES = frozenset({".mha", ".mhd"})  # SimpleITK reads only the first slice of these; NRRD/NIfTI all


def raster_suffix(path: Path) -> str:
    name = path.name.lower()
    return ".nii.gz" if name.endswith(".nii.gz") else path.suffix.lower()


def _sitk_pixel_bits(reader: sitk.ImageFileReader) -> int:
    """Bits of one pixel (all components) of the image the reader describes, known before it reads any."""
    import SimpleITK as sitk  # already imported by _read_sitk, its only caller

    components = reader.GetNumberOfComponents()
    return 8 * sitk.Image([1, 1], reader.GetPixelID(), components).GetSizeOfPixelComponent() * components


def _read_sitk(path: Path, max_pixels: int) -> tuple[np.ndarray, tuple[float, ...]]:
    import SimpleITK as sitk  # on the first non-DICOM film, not at start-up (see the note at the top)

    reader = sitk.ImageFileReader()
    reader.SetFileName(str(path))
    reader.ReadImageInformation()
    size = reader.GetSize()
    cols, rows, slices = size[0], size[1] if len(size) > 1 else 1, math.prod(size[2:])
    bits = _sitk_pixel_bits(reader)
    check_frame_size(path, cols, rows, bits, max_pixels)
    if raster_suffix(path) not in STREAMED_SUFFIXES:  # read whole to extract the first slice
        check_volume_size(path, (cols, rows, slices), bits, max_pixels)
    if len(size) == 3 and size[2] > 1:
        reader.SetExtractIndex([0, 0, 0])
        reader.SetExtractSize([size[0], size[1], 0])
    image = reader.Execute()
    pixels = sitk.GetArrayFromImage(image)
    while pixels.ndim > 2 and pixels.shape[0] == 1 and image.GetNumberOfComponentsPerPixel() == 1:
        pixels = pixels[0]
    return pixels, tuple(image.GetSpacing())


def _read_pillow(path: Path, max_pixels: int) -> np.ndarray:
    with Image.open(path) as picture:
        check_frame_size(path, picture.width, picture.height, 0, max_pixels)
        if picture.mode in ("P", "PA", "RGBA", "CMYK", "YCbCr", "LAB", "HSV"):
            picture = picture.convert("RGB")
        elif picture.mode == "LA":
            picture = picture.convert("L")
        return np.asarray(picture)


def _greyscale_or_rgb(pixels: np.ndarray) -> np.ndarray:
    """H×W stays; H×W×C keeps the colour channels, collapsing to H×W when they are all equal."""
    if pixels.ndim == 2:
        return pixels
    colour = pixels[..., :3] if pixels.shape[-1] >= 3 else pixels[..., :1]
    if colour.shape[-1] == 1 or (np.array_equal(colour[..., 0], colour[..., 1])
                                 and np.array_equal(colour[..., 0], colour[..., 2])):
        return np.ascontiguousarray(colour[..., 0])
    if colour.dtype != np.uint8:
        top = float(colour.max()) or 1.0
        colour = np.clip(colour.astype(np.float32) * (255.0 / top), 0, 255).astype(np.uint8)
    return np.ascontiguousarray(colour)


def _jpeg_is_complete(path: Path) -> bool:
    """Whether the file's end holds the JPEG end-of-image marker. libjpeg decodes a cut file with only a warning
    on stderr, filling the missing rows with grey: a reader (or the AI) would see a picture that is not the film."""
    with path.open("rb") as stream:
        stream.seek(max(0, path.stat().st_size - 2048))
        return b"\xff\xd9" in stream.read()


def read_raster(path: Path, max_pixels: int) -> LoadedImage:
    suffix = raster_suffix(path)
    if suffix in (".jpg", ".jpeg") and not _jpeg_is_complete(path):
        raise ImageLoadError(path, "the JPEG file is cut short (no end-of-image marker): part of the picture is missing")
    spacing = UNCALIBRATED
    try:
        pixels, xy_spacing = _read_sitk(path, max_pixels)
        if suffix in CALIBRATED_SUFFIXES and len(xy_spacing) >= 2 and min(xy_spacing[:2]) > 0:
            spacing = PixelSpacing(float(xy_spacing[1]), float(xy_spacing[0]), SpacingSource.PIXEL_SPACING)
    except ImageLoadError:
        raise
    except RuntimeError as sitk_error:
        if suffix not in PILLOW_SUFFIXES:
            first_line = str(sitk_error).strip().splitlines()[-1] if str(sitk_error).strip() else "unreadable"
            raise ImageLoadError(path, f"not a readable {suffix} image ({first_line})") from None
        try:
            pixels = _read_pillow(path, max_pixels)
        except ImageLoadError:
            raise
        except Exception as error:  # Pillow raises OSError, SyntaxError, ValueError… for broken files
            raise ImageLoadError(path, f"not a readable {suffix} image ({error})") from None
    pixels = _greyscale_or_rgb(pixels)
    is_rgb = pixels.ndim == 3
    metadata = extract_metadata(Dataset())
    metadata.update(Rows=int(pixels.shape[0]), Columns=int(pixels.shape[1]), BitsStored=pixels.dtype.itemsize * 8,
                    PhotometricInterpretation="RGB" if is_rgb else "MONOCHROME2")
    image = LoadedImage(
        path=path,
        stored=pixels,
        modality=pixels if is_rgb else None,  # greyscale: float32 built on first use
        modality_map=None if is_rgb else IDENTITY,
        photometric="RGB" if is_rgb else "MONOCHROME2",
        spacing=spacing,
        metadata=metadata,
    )
    image.windows = default_presets(image)
    return image
