"""Probability map → nodule candidates, in the model canvas.

A candidate is a hill of the map. Its peak is a pixel with ``p ≥ candidate_floor`` that no pixel within
``peak_distance_mm`` (along rows and columns, each measured with its own pixel size) exceeds; its region is the
connected part around the peak where ``p ≥ max(floor, region_fraction × peak)`` (a per-candidate threshold
segmentation, so one computation serves every operating point and the FROC list). Peaks are taken from the highest
down, and a peak whose region holds a higher peak already taken is part of that hill, not a finding of its own: two
nodules make two findings only when the map dips below ``region_fraction`` of the lower one between them. That also
keeps a flat or float-rounded top one candidate. Regions smaller than ``min_area_mm2`` are dropped, as are those
whose centroid lies farther than ``lung_dilation_mm`` from the lung mask. The score is the maximum (or, per
manifest, the mean) probability inside the region.

Why hills and not connected components of the floor: a weak or smooth map (an ensemble average) is often above a
low floor over a whole lung, and one component per lung would leave one candidate where the map shows several.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import contourpy
import numpy as np
from scipy import ndimage

from cxr_ai.engine.postprocess_spec import PostProcessing

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


def _peaks(probability: np.ndarray, floor: float, radius_px: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols) of the peaks, highest first (ties by position, for determinism)."""
    # a rectangle (separable, so fast) that holds the disc of that radius in mm: with unequal row and column
    # spacing one radius in pixels would reach farther along the coarse axis and merge nodules set apart there
    window = tuple(2 * max(1, int(radius)) + 1 for radius in radius_px)
    peaks = probability == ndimage.maximum_filter(probability, size=window, mode="constant", cval=-np.inf)
    rows, cols = np.nonzero(peaks & (probability >= floor))
    order = np.lexsort((cols, rows, -probability[rows, cols]))
    return rows[order], cols[order]


def hills(
    probability: np.ndarray, post: PostProcessing, peak_radius_px: tuple[float, float]
) -> Iterator[tuple[tuple[slice, ...], np.ndarray]]:
    """(window, region in that window) of every hill, highest peak first; ``peak_radius_px`` is (rows, cols)."""
    rows, cols = _peaks(probability, post.candidate_floor, peak_radius_px)
    components, _ = ndimage.label(probability >= post.candidate_floor, structure=EIGHT_CONNECTED)
    windows = ndimage.find_objects(components)
    taken = np.zeros(probability.shape, bool)  # a peak in a found hill is a shoulder: skip it without labelling
    summits = np.zeros(probability.shape, bool)
    for row, col in zip(rows, cols):
        if taken[row, col]:
            continue
        window = windows[components[row, col] - 1]
        local = probability[window]
        level = max(post.candidate_floor, post.region_fraction * float(probability[row, col]))
        labels, _ = ndimage.label(local >= level, structure=EIGHT_CONNECTED)
        region = labels == labels[row - window[0].start, col - window[1].start]
        if (region & summits[window]).any():
            continue  # at this peak's level it is a shoulder of a higher hill
        summits[row, col] = True
        taken[window] |= region
        yield window, region


# just below one half, so that marching squares joins the two region pixels of a saddle (a 2 × 2 block whose region
# pixels touch only at a corner), as the 8-connected labelling does; at exactly 0.5 contourpy parts them, and a
# region in pieces that meet only at corners got one outline per piece, of which the drawn one missed the others
_OUTLINE_LEVEL = 0.5 - 2.0**-12


def _outline(region: np.ndarray, top: int, left: int) -> np.ndarray:
    """The outline of the region mask (its iso-0.5 line, pieces meeting at a corner joined there): one closed
    polygon in canvas pixel coordinates around every pixel of the region, holes left inside it."""
    padded = np.pad(region.astype(np.float32), 1)
    lines = contourpy.contour_generator(z=padded).lines(_OUTLINE_LEVEL)
    # an 8-connected region has one outer line and one per hole; the outer one encloses the most area
    outer = max(lines, key=lambda line: abs(_signed_area(line)))
    # back onto the half-pixel grid the iso-0.5 line runs on (the level's offset moved each vertex by 2⁻¹²)
    return np.round(outer * 2.0) / 2.0 + np.array([left - 1, top - 1], np.float64)


def _signed_area(line: np.ndarray) -> float:
    """Shoelace area of a closed line (first point repeated at the end)."""
    x, y = line[:, 0], line[:, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def find_candidates(
    probability: np.ndarray, lung_probability: np.ndarray, lung_threshold: float, pixel_mm: tuple[float, float],
    post: PostProcessing,
) -> list[Candidate]:
    """Candidates sorted by score (highest first); ``pixel_mm`` is the canvas pixel's (row, col) size in mm."""
    lung = lung_probability >= lung_threshold
    if not lung.any():
        return []  # no lung field: every candidate lies outside it
    distance_to_lung: np.ndarray | None = None  # computed at the first candidate that needs it, if one does
    pixel_area = pixel_mm[0] * pixel_mm[1]
    candidates = []
    peak_radius_px = (post.peak_distance_mm / pixel_mm[0], post.peak_distance_mm / pixel_mm[1])
    for window, region in hills(probability, post, peak_radius_px):
        area_px = int(region.sum())
        if area_px * pixel_area < post.min_area_mm2:
            continue
        row, col = ndimage.center_of_mass(region)
        row, col = row + window[0].start, col + window[1].start
        centre = int(round(row)), int(round(col))
        if distance_to_lung is None:
            distance_to_lung = ndimage.distance_transform_edt(~lung, sampling=pixel_mm)
        if distance_to_lung[centre] > post.lung_dilation_mm:
            continue
        inside = probability[window][region]
        score = float(inside.max() if post.score == "max" else inside.mean())
        contour = _outline(region, window[0].start, window[1].start)
        candidates.append(Candidate(float(col), float(row), area_px, area_px * pixel_area, score, contour))
    return sorted(candidates, key=lambda candidate: (-candidate.score, candidate.y, candidate.x))
