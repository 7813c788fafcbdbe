"""Probability map → nodule candidates, in the model canvas.

A candidate is a connected component of ``p ≥ candidate_floor``; its region is the part of that component around
the peak where ``p ≥ max(floor, region_fraction × peak)`` (a per-candidate threshold segmentation, so that one
computation serves every operating point and the FROC list). Regions smaller than ``min_area_mm2`` are dropped,
as are those whose centroid lies farther than ``lung_dilation_mm`` from the lung mask. The score is the maximum
(or, per manifest, the mean) probability inside the region.
"""

from __future__ import annotations

from dataclasses import dataclass

import contourpy
import numpy as np
from scipy import ndimage

from cxr_ai.engine.spec import PostProcessing

EIGHT_CONNECTED = np.ones((3, 3), bool)


@dataclass(frozen=True)
class Candidate:
    """A candidate in canvas pixels (x = column, y = row) with its area in canvas pixels and mm²."""

    x: float
    y: float
    area_px: int
    area_mm2: float
    score: float
    contour: np.ndarray  # (N, 2) canvas x, y, closed polygon


def _region_around_peak(probability: np.ndarray, component: np.ndarray, post: PostProcessing) -> np.ndarray:
    values = np.where(component, probability, 0.0)
    peak_index = np.unravel_index(np.argmax(values), values.shape)
    level = max(post.candidate_floor, post.region_fraction * float(values[peak_index]))
    labels, _ = ndimage.label(values >= level, structure=EIGHT_CONNECTED)
    return labels == labels[peak_index]


def _outline(region: np.ndarray, top: int, left: int) -> np.ndarray:
    """Longest iso-0.5 line of the region mask: a closed polygon in canvas pixel coordinates."""
    padded = np.pad(region.astype(np.float32), 1)
    lines = contourpy.contour_generator(z=padded).lines(0.5)
    longest = max(lines, key=len)
    return longest + np.array([left - 1, top - 1], np.float64)


def find_candidates(
    probability: np.ndarray, lung_probability: np.ndarray, lung_threshold: float, pixel_mm: tuple[float, float],
    post: PostProcessing,
) -> list[Candidate]:
    """Candidates sorted by score (highest first); ``pixel_mm`` is the canvas pixel's (row, col) size in mm."""
    components, count = ndimage.label(probability >= post.candidate_floor, structure=EIGHT_CONNECTED)
    if count == 0:
        return []
    lung = lung_probability >= lung_threshold
    distance_to_lung = ndimage.distance_transform_edt(~lung, sampling=pixel_mm) if lung.any() else None
    pixel_area = pixel_mm[0] * pixel_mm[1]
    candidates = []
    for index, window in enumerate(ndimage.find_objects(components), start=1):
        component = components[window] == index
        region = _region_around_peak(probability[window], component, post)
        area_px = int(region.sum())
        if area_px * pixel_area < post.min_area_mm2:
            continue
        row, col = ndimage.center_of_mass(region)
        row, col = row + window[0].start, col + window[1].start
        centre = int(round(row)), int(round(col))
        if distance_to_lung is None or distance_to_lung[centre] > post.lung_dilation_mm:
            continue
        inside = probability[window][region]
        score = float(inside.max() if post.score == "max" else inside.mean())
        contour = _outline(region, window[0].start, window[1].start)
        candidates.append(Candidate(float(col), float(row), area_px, area_px * pixel_area, score, contour))
    return sorted(candidates, key=lambda candidate: (-candidate.score, candidate.y, candidate.x))
