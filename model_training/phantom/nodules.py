"""Nodule shapes: a lobulated soft-edged sphere model, and real projected CT nodules from LIDC (NODE21 method).

Both give a patch of water-equivalent path length (mm) on the target pixel grid, so the same patch can be added to
a phantom's attenuation layers or, scaled to a display contrast, blended into a real radiograph.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import ndimage

NODULE_DENSITY = 1.0  # solid nodule, water-like
LUNG_NODULE_DISPLACEMENT = 0.75  # a nodule replaces lung that already held a quarter of its density
CT_PIXEL_MM = 1.0


@dataclass(frozen=True)
class Nodule:
    """Centre in pixels (x = column, y = row) of the image it lives in, and its diameter in mm."""

    x: float
    y: float
    diameter_mm: float


def sphere_nodule_patch(diameter_mm: float, pixel_mm: float, rng: np.random.Generator) -> np.ndarray:
    """Path length (mm) through a lobulated nodule: radius varies with angle; the rim is softened by a partial-
    volume blur so small nodules do not show a hard disc edge."""
    radius_px = diameter_mm / 2 / pixel_mm
    half = int(np.ceil(radius_px * 1.4)) + 2
    coords = np.arange(-half, half + 1, dtype=np.float32)
    y, x = np.meshgrid(coords, coords, indexing="ij")
    angle = np.arctan2(y, x)
    lobes = int(rng.integers(3, 7))
    wobble = 1 + rng.uniform(0.0, 0.12) * np.sin(lobes * angle + rng.uniform(0, 2 * np.pi))
    stretch = rng.uniform(0.85, 1.15)
    rho = np.sqrt((x * stretch) ** 2 + (y / stretch) ** 2) / (radius_px * wobble)
    sharpness = rng.uniform(0.5, 0.9)
    path = diameter_mm * NODULE_DENSITY * np.clip(1 - rho * rho, 0, None) ** sharpness
    return ndimage.gaussian_filter(path, max(0.5, 0.08 * radius_px)).astype(np.float32)


class CtNoduleLibrary:
    """The projected LIDC nodules of ``$CXR_SHARED/data/ct_nodules`` (anterior–posterior view, nodule only)."""

    def __init__(self, folder: Path) -> None:
        folder = Path(folder)
        table, arrays = folder / "nodules.csv", folder / "projections.npz"
        for path in (table, arrays):
            if not path.is_file():
                raise FileNotFoundError(f"{path}: CT nodule library file is missing")
        with open(table, newline="", encoding="utf-8") as stream:
            rows = list(csv.DictReader(stream))
        self.ids = [row["nodule_id"] for row in rows]
        self.diameters_mm = np.array([float(row["diameter_mm"]) for row in rows])
        self._npz = np.load(arrays)

    def __len__(self) -> int:
        return len(self.ids)

    def patch(self, index: int, pixel_mm: float, diameter_mm: float | None = None, rotate: int = 0) -> np.ndarray:
        """Path length (mm) of nodule ``index`` resampled to ``pixel_mm``, optionally rescaled to ``diameter_mm``."""
        projection = self._npz[f"{self.ids[index]}/ap/nodule"].astype(np.float32)
        zoom = CT_PIXEL_MM / pixel_mm
        if diameter_mm is not None:
            scale = diameter_mm / self.diameters_mm[index]
            zoom *= scale
            projection = projection * scale  # a bigger nodule is proportionally thicker too
        resampled = ndimage.zoom(projection, zoom, order=1, prefilter=False)
        return np.rot90(np.clip(resampled, 0, None), rotate % 4).astype(np.float32)


def add_patch(canvas: np.ndarray, patch: np.ndarray, centre_x: float, centre_y: float) -> None:
    """Add ``patch`` centred at (x, y) into ``canvas`` in place, clipped at the borders."""
    rows, cols = patch.shape
    top, left = int(round(centre_y)) - rows // 2, int(round(centre_x)) - cols // 2
    r0, c0 = max(top, 0), max(left, 0)
    r1, c1 = min(top + rows, canvas.shape[0]), min(left + cols, canvas.shape[1])
    if r1 > r0 and c1 > c0:
        canvas[r0:r1, c0:c1] += patch[r0 - top : r1 - top, c0 - left : c1 - left]


def pick_lung_position(lung_mask: np.ndarray, margin_px: float, rng: np.random.Generator,
                       depth: np.ndarray | None = None) -> tuple[float, float]:
    """A random (x, y) at least ``margin_px`` inside the lung field (anywhere in it when the field is too thin).
    ``depth`` is the mask's distance transform, passed by a caller placing several nodules in one field: on a
    full-size film it costs more than the rest of an insertion."""
    if depth is None:
        depth = ndimage.distance_transform_edt(lung_mask)
    candidates = np.argwhere(depth >= margin_px)
    if candidates.size == 0:
        candidates = np.argwhere(lung_mask)
    if candidates.size == 0:
        raise ValueError("the lung mask is empty: nowhere to place a nodule")
    row, col = candidates[rng.integers(len(candidates))]
    return float(col), float(row)
