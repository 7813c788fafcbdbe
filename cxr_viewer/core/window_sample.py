"""One sorted sample of an image's modality values, from which every window preset's percentiles are read.

The percentiles come from a deterministic strided sample of about 2**18 = 262,144 pixels (every
``size // 2**18``-th pixel in memory order), sorted once. For a random sample of that size the
Dvoretzky–Kiefer–Wolfowitz inequality bounds the error of every percentile at once:
P(any sample percentile is off by more than 0.5 percentage point of rank) ≤ 2·exp(-2·n·0.005²) ≈ 4e-6.
A stride behaves like a random sample unless the image repeats with the stride's period, which a radiograph
(noise, anatomy) does not; ``tests/core/test_window_sampling.py`` checks the 0.5-point rank bound against the
full image on a synthetic chest, RG1 and noise. Images up to 2**19 pixels are used whole.
"""

from __future__ import annotations

import numpy as np

from cxr_viewer.core.image import LoadedImage

_SAMPLE_TARGET = 1 << 18


def _strided(values: np.ndarray, ignore: np.ndarray | None) -> np.ndarray:
    """Every ``step``-th pixel in memory order (about ``_SAMPLE_TARGET`` of them), padding left out."""
    flat = np.asarray(values).reshape(-1)
    step = max(1, flat.size // _SAMPLE_TARGET)
    sample = flat[::step]
    if ignore is not None:
        sample = sample[~np.asarray(ignore).reshape(-1)[::step]]
    return sample


def _sample(image: LoadedImage | np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    """The modality values of the strided sample, in memory order, as float64.

    For a ``LoadedImage`` whose modality array is not built yet, the stored values are sampled and only the
    sample is mapped, so computing presets never materialises the full float32 image.
    """
    if isinstance(image, LoadedImage):
        mask = image.padding_mask if mask is None else mask
        if not image.modality_loaded and image.modality_map is not None:
            sample = image.modality_map.apply(_strided(image.stored, mask))
        else:
            sample = _strided(image.modality, mask)
    else:
        sample = _strided(image, mask)
    return sample.astype(np.float64, copy=False)


def sorted_sample(image: LoadedImage | np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """The sorted, finite modality values of the strided sample (its error bound: the module docstring)."""
    sample = np.sort(_sample(image, mask))
    return sample[np.isfinite(sample)] if sample.size and not np.isfinite(sample[[0, -1]]).all() else sample


def sample_range(image: LoadedImage | np.ndarray) -> tuple[float, float] | None:
    """The lowest and highest finite value of the same sample, None when it has none: what a key press asks of a
    reader's preset, found without sorting the sample."""
    sample = _sample(image, None)
    sample = sample[np.isfinite(sample)]
    return (float(sample.min()), float(sample.max())) if sample.size else None


def percentiles_of_sorted(ordered: np.ndarray, percents: list[float]) -> list[float]:
    """``np.percentile(ordered, percents)`` (its default linear rule) for an already sorted array."""
    positions = (ordered.size - 1) * np.asarray(percents, dtype=np.float64) / 100.0
    below = np.floor(positions).astype(np.intp)
    above = np.minimum(below + 1, ordered.size - 1)
    fraction = positions - below
    return [float(v) for v in ordered[below] + (ordered[above] - ordered[below]) * fraction]
