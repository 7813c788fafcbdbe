"""The real bone-suppression pairs of ``$CXR_SHARED/data/bone_pairs``: loaded, polarity-fixed, aligned, and the
lung region in which a suppressed image is compared with its reference.

The pairs come from two sources with different conventions: BSE-JSRT is stored with bones dark (inverted here to
the usual bones-bright polarity), some DES images are RGB, and several standard/soft-tissue images differ by one
to a few pixels in size (pairs 101 and 131 the most), so each pair is cropped to the common size and the reference
is shifted by the integer offset that best correlates it with the input.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

MAX_SHIFT_PX = 6


@dataclass(frozen=True)
class RealPair:
    name: str
    image: np.ndarray  # float32 grey, bones bright
    target: np.ndarray  # its soft-tissue (bone-free) reference, same shape, aligned
    shift: tuple[int, int]  # (rows, cols) applied to the reference


def read_grey(path: Path) -> np.ndarray:
    """Any 8-bit image as float32 grey (RGB copies of grey images are averaged by PIL's L conversion)."""
    try:
        with Image.open(path) as image:
            return np.asarray(image.convert("L"), dtype=np.float32)
    except OSError as error:
        raise OSError(f"{path}: cannot read bone-pair image ({error})") from error


def align(image: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    """Both cropped to their common size less a margin, the target shifted by the best integer offset."""
    rows, cols = min(image.shape[0], target.shape[0]), min(image.shape[1], target.shape[1])
    m = MAX_SHIFT_PX
    reference = image[m : rows - m, m : cols - m]
    centred = (reference - reference.mean()) / max(float(reference.std()), 1e-6)
    best, best_score = (0, 0), -np.inf
    for dy in range(-m, m + 1):
        for dx in range(-m, m + 1):
            moved = target[m + dy : rows - m + dy, m + dx : cols - m + dx]
            score = float(np.mean(centred * (moved - moved.mean()))) / max(float(moved.std()), 1e-6)
            if score > best_score:
                best, best_score = (dy, dx), score
    dy, dx = best
    return reference, target[m + dy : rows - m + dy, m + dx : cols - m + dx], best


def load_real_pairs(shared: Path) -> list[RealPair]:
    folder = Path(shared) / "data" / "bone_pairs"
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: bone-pair folder not found (set CXR_SHARED or --shared)")
    sources: list[tuple[str, Path, Path, bool]] = []
    bse = folder / "bse_jsrt"
    if (bse / "JPCLN139_1_input.png").exists():
        sources.append(("bse_jsrt/JPCLN139", bse / "JPCLN139_1_input.png", bse / "JPCLN139_1_suppressed.png", True))
    for source in sorted((folder / "des" / "authentic").glob("*.jpg")):
        reference = folder / "des" / "des" / source.name
        if not reference.exists():
            raise FileNotFoundError(f"{reference}: soft-tissue image for {source.name} is missing")
        sources.append((f"des/{source.stem}", source, reference, False))
    pairs = []
    for name, source, reference, inverted in sources:
        image, target = read_grey(source), read_grey(reference)
        if inverted:  # BSE-JSRT stores bones dark
            image, target = 255 - image, 255 - target
        image, target, shift = align(image, target)
        pairs.append(RealPair(name, image, target, shift))
    return pairs


def fallback_lung_region(shape: tuple[int, int]) -> np.ndarray:
    """Where both lungs lie on almost any PA film, used when no lung model is available: two boxes over the
    upper and middle zones (rows 20–70 %, columns 15–40 % and 60–85 %), clear of mediastinum and diaphragm."""
    rows, cols = np.indices(shape)
    band = (rows > 0.2 * shape[0]) & (rows < 0.7 * shape[0])
    left = (cols > 0.15 * shape[1]) & (cols < 0.4 * shape[1])
    right = (cols > 0.6 * shape[1]) & (cols < 0.85 * shape[1])
    return band & (left | right)
