"""Reading a plain image's size and colour without decoding it (PNG/JPEG with Pillow, MHA/NRRD/NIfTI with ITK).

Kept apart from the DICOM header reading (``headers``), which dispatches here by file name; small PNG/JPEG files are
refused as icons here, since only their size tells them from radiographs.
"""

from __future__ import annotations

from pathlib import Path

from cxr_viewer.index.records import InstanceRecord, NotARadiograph, UnreadableFile, plain_image_record

MIN_PLAIN_IMAGE_SIDE = 256
"""PNG and JPEG files whose shorter side has fewer pixels are icons or logos (a patient CD's viewer software ships
dozens), not radiographs: they are skipped rather than filed as pseudo patients named after their folder."""


def read_plain_image(path: Path, *, min_plain_side: int = MIN_PLAIN_IMAGE_SIDE) -> InstanceRecord:
    name = path.name.lower()
    if name.endswith((".png", ".jpg", ".jpeg")):
        rows, cols, photometric = _pillow_header(path)
        if min(rows, cols) < min_plain_side:
            raise NotARadiograph(
                f"{cols}×{rows} pixels: a PNG/JPEG under {min_plain_side} pixels on its shorter side is taken for"
                " an icon or logo, not a radiograph"
            )
    else:  # MHA/NRRD/NIfTI are research formats that no viewer software uses for its icons
        rows, cols, photometric = _itk_header(path)
    return plain_image_record(path, rows, cols, photometric)


def _pillow_header(path: Path) -> tuple[int, int, str]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            cols, rows = image.size
            grey = len(image.getbands()) == 1 and image.mode != "P"
    except (UnidentifiedImageError, OSError) as exc:
        raise UnreadableFile(f"unreadable image: {exc}") from None
    return rows, cols, "MONOCHROME2" if grey else "RGB"


def _itk_header(path: Path) -> tuple[int, int, str]:
    import SimpleITK as sitk

    reader = sitk.ImageFileReader()
    reader.SetFileName(str(path))
    try:
        reader.ReadImageInformation()
    except RuntimeError as exc:
        first_line = next((line for line in str(exc).splitlines() if line.strip()), "no detail")
        raise UnreadableFile(f"unreadable image header: {first_line.strip()}") from None
    size = reader.GetSize()
    if len(size) > 2 and any(extent > 1 for extent in size[2:]):
        raise UnreadableFile(f"not a 2-D image (size {'x'.join(map(str, size))})")
    photometric = "MONOCHROME2" if reader.GetNumberOfComponents() == 1 else "RGB"
    return int(size[1]), int(size[0]), photometric
