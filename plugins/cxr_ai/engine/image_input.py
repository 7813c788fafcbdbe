"""What the engine needs from a viewer image: grey pixels, polarity, spacing and a stable identity for the cache."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from cxr_ai.engine.chest_view import not_a_chest_film
from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.spacing import display_aspect


@dataclass(frozen=True)
class EngineInput:
    pixels: np.ndarray  # the viewer's modality values (grey or RGB); preprocessing turns them to [0, 1]
    monochrome1: bool
    spacing: PixelSpacing
    key: str  # "sop:<SOP Instance UID>|pixels:<pixel hash>" or "sha256:<file or pixel hash>"
    sop_instance_uid: str | None
    path: str
    frame_count: int = 1  # of the file
    pixel_aspect: float = 1.0  # row spacing / column spacing (or Pixel Aspect Ratio): resampled to square for the models
    not_chest: str | None = None  # why the header says it is no frontal chest film ("view LL"), else None
    frame_index: int = 0  # the frame analysed (0-based): the viewer shows any frame of a multi-frame file
    padded: bool = False  # padding pixels (Pixel Padding Value) were given the film's darkest value, as shown


def film_prefix(image: LoadedImage) -> str | None:
    """The start of the cache key that every frame of the film shares (``sop:<UID>|``), None without a UID: cheap
    to ask, where the key's pixel digest costs tens of ms a frame (``Engine.may_have_cached``)."""
    uid = getattr(image.dataset, "SOPInstanceUID", None) if image.dataset is not None else None
    return f"sop:{uid}|" if uid else None


def _image_key(image: LoadedImage) -> tuple[str, str | None]:
    """The UID names the film for a reader, but a copy edited under it (a nodule inserted or removed for a study,
    an annotation blanked, a lossy re-compression) keeps it while its pixels change: the key adds a digest of the
    values the models see, or the original's findings and heat map were served for the copy. Computed on the
    worker, with the models (tens of ms for a large film)."""
    prefix = film_prefix(image)
    if prefix:
        pixels = np.ascontiguousarray(image.modality)
        digest = hashlib.sha256(f"{pixels.shape} {pixels.dtype} ".encode())
        digest.update(pixels.data)
        return f"{prefix}pixels:{digest.hexdigest()}", str(image.dataset.SOPInstanceUID)
    digest = hashlib.sha256()
    if image.path is not None and image.path.is_file():
        with open(image.path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    else:
        digest.update(np.ascontiguousarray(image.modality).tobytes())
    frame = f"#frame:{image.frame_index}" if image.frame_count > 1 else ""  # one file's frames share its hash
    return f"sha256:{digest.hexdigest()}{frame}", None


def shown_pixels(image: LoadedImage) -> tuple[np.ndarray, bool]:
    """The modality values with padding pixels at the film's darkest value (the lowest, the highest when inverted),
    and whether there were any. Padding (Pixel Padding Value, often -32768 or 65535 beside 12-bit values) is no
    part of the picture and the viewer draws it black; left in, it set the preprocessing's 0.5 or 99.5 percentile,
    squeezed the film into a sliver of [0, 1] and every finding was lost."""
    mask, pixels = image.padding_mask, image.modality
    if mask is None or mask.all():  # colour pictures have no padding mask
        return pixels, False
    picture = pixels[~mask]
    filled = pixels.copy()
    filled[mask] = picture.max() if image.default_invert else picture.min()
    return filled, True


def engine_input(image: LoadedImage, pixel_spacing_mm: float | None = None) -> EngineInput:
    """``pixel_spacing_mm`` (the user's ``--pixel-spacing``) overrides whatever the file says."""
    spacing = image.spacing
    if pixel_spacing_mm is not None:
        if pixel_spacing_mm <= 0:
            raise ValueError(f"pixel spacing must be positive, got {pixel_spacing_mm}")
        spacing = PixelSpacing(pixel_spacing_mm, pixel_spacing_mm, SpacingSource.USER)
    key, uid = _image_key(image)
    path = str(image.path) if image.path is not None else image.display_name
    aspect = 1.0 / display_aspect(spacing, image.dataset)  # as the viewer draws it: spacing, else Pixel Aspect Ratio
    pixels, padded = shown_pixels(image)
    return EngineInput(pixels, image.default_invert, spacing, key, uid, path, image.frame_count, aspect,
                       not_a_chest_film(image), image.frame_index, padded)
