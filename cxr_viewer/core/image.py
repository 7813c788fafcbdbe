"""The decoded image as every part of the workstation sees it.

One immutable record per opened image, so that the GUI, the plugins and the CLIs all agree on
what was decoded, how it maps to modality values and how big a pixel is.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from cxr_viewer.core.calibration import PixelSpacing

if TYPE_CHECKING:
    from cxr_viewer.core.frame_source import FrameSource
    from cxr_viewer.core.modality import ModalityMap


class VoiFunction(enum.Enum):
    LINEAR = "LINEAR"
    LINEAR_EXACT = "LINEAR_EXACT"
    SIGMOID = "SIGMOID"


@dataclass(frozen=True)
class WindowPreset:
    """A window in modality units; ``origin`` tells the user whether it came from the file or a default."""

    center: float
    width: float
    name: str
    function: VoiFunction = VoiFunction.LINEAR
    origin: str = "dicom"


@dataclass(frozen=True)
class VoiLut:
    """A VOI LUT Sequence item: ``first_mapped`` is the first modality value the table covers."""

    first_mapped: int
    table: np.ndarray
    bits: int
    name: str = "VOI LUT"


@dataclass
class LoadedImage:
    """A decoded 2-D image ready for display.

    ``stored`` keeps the raw stored values (for the cursor readout); ``modality`` holds the values after the
    Modality LUT (float32, greyscale) or the RGB pixels (uint8, H×W×3). ``default_invert`` is True for
    MONOCHROME1, whose low values are white, and for MONOCHROME2 with Presentation LUT Shape INVERSE
    (``core.presentation.starts_inverted``).

    ``modality`` may be given as None together with ``modality_map``: it is then computed from ``stored`` on
    first use and kept. The viewer itself never needs the full float32 copy (it windows the stored values
    through a table), so an image that no plugin reads costs one copy of its pixels instead of two.
    """

    path: Path | None
    stored: np.ndarray
    modality: np.ndarray | None = field(repr=False)  # repr must not build the lazy array
    photometric: str
    spacing: PixelSpacing
    windows: list[WindowPreset] = field(default_factory=list)
    voi_luts: list[VoiLut] = field(default_factory=list)
    default_invert: bool = False
    padding_mask: np.ndarray | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    dataset: Any = None  # the pydicom Dataset (without pixel data) for the tag panel; None for non-DICOM
    frame_count: int = 1
    frame_index: int = 0  # which frame of a multi-frame file this is (0-based); each is its own LoadedImage
    modality_map: ModalityMap | None = None  # how ``modality`` follows from ``stored`` (greyscale only)
    frame_source: FrameSource | None = field(default=None, repr=False)  # a DICOM file's frames, shared by all of them

    @property
    def modality_loaded(self) -> bool:
        """Whether the float32 modality array exists yet (it is built lazily when ``modality_map`` is set)."""
        return self._modality is not None

    def value_at(self, row: int, col: int) -> Any:
        """The modality value of one pixel, without building the whole modality array."""
        if self._modality is not None or self.modality_map is None:
            return self.modality[row, col]
        return self.modality_map.apply(self.stored[row : row + 1, col : col + 1])[0, 0]

    @property
    def is_rgb(self) -> bool:
        return (self._modality if self._modality is not None else self.stored).ndim == 3

    @property
    def shape(self) -> tuple[int, int]:
        return int(self.stored.shape[0]), int(self.stored.shape[1])

    @property
    def nbytes(self) -> int:
        """Bytes held by its arrays now (shared arrays counted once); grows when ``modality`` is first built."""
        total = self.stored.nbytes
        if self._modality is not None and self._modality is not self.stored:
            total += self._modality.nbytes
        if self.padding_mask is not None:
            total += self.padding_mask.nbytes
        return int(total)

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else "(in memory)"


def _get_modality(image: LoadedImage) -> np.ndarray:
    if image._modality is None:
        if image.modality_map is None:
            raise ValueError(f"{image.display_name}: no modality values and no modality map to compute them")
        image._modality = image.modality_map.apply(image.stored)
    return image._modality


def _set_modality(image: LoadedImage, values: np.ndarray | None) -> None:
    image._modality = values


# Installed after the dataclass is built so that ``modality`` stays an ordinary (positional) init argument.
LoadedImage.modality = property(_get_modality, _set_modality, doc="Modality values; see the class docstring.")
