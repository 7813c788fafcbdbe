"""``--save-overlays`` PNGs drawn as the viewer draws the result: a faint heat map barely tints the film, the
strong one shows, and each label stands beside its contour instead of over the nodule it names."""

from __future__ import annotations

import numpy as np
import pytest

from cxr_ai.engine.image_input import engine_input
from cxr_ai.layers import NODULE_COLOUR
from cxr_ai.overlays import render_overlay
from model_training.preprocess import normalise_intensity
from tests.ai.conftest import loaded_image
from tests.ai.model_factory import synthetic_chest

NODULE = (300.0, 400.0, 40.0)


@pytest.fixture(scope="module")
def drawn(engine):
    """The overlay, the film's grey values and the probability map, all at the image's size (floats in [0, 1])."""
    item = engine_input(loaded_image(synthetic_chest(700, 1000, [NODULE])))
    analysis = engine.analyse([item])[0]
    overlay = render_overlay(item.pixels, item.monochrome1, analysis, engine.select(analysis.result, "sens"),
                             engine.spec.post.candidate_floor)
    probability = np.clip(analysis.letterbox.unletterbox(analysis.detection_probability), 0.0, 1.0)
    grey = normalise_intensity(item.pixels, monochrome1=item.monochrome1)
    return np.asarray(overlay, np.float64) / 255, grey, probability, engine.spec.post.candidate_floor


def test_a_faint_heat_map_barely_tints_the_film_and_a_strong_one_shows(drawn) -> None:
    """A flat 45 % over every pixel above the floor laid dark patches over the lungs (the viewer ramps it)."""
    overlay, grey, probability, floor = drawn
    change = np.abs(overlay - grey[..., None]).max(axis=-1)
    faint = (probability >= floor) & (probability < floor + 0.05)
    strong = probability >= 0.9
    assert faint.sum() > 50 and strong.sum() > 1000
    assert np.median(change[faint]) < 0.03  # a few grey levels
    assert np.median(change[strong]) > 0.2


def test_a_label_stands_beside_its_contour_not_over_the_nodule(drawn) -> None:
    overlay, _, _, _ = drawn
    colour = np.array([int(NODULE_COLOUR[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    lettering = (np.abs(overlay - colour) < 0.15).all(axis=-1)
    x, y, radius = NODULE
    rows, cols = np.mgrid[0 : overlay.shape[0], 0 : overlay.shape[1]]
    inside = (cols - x) ** 2 + (rows - y) ** 2 <= (0.8 * radius) ** 2
    assert not lettering[inside].any()
    beside = (cols > x + radius) & (cols < x + radius + 120) & (np.abs(rows - y) < 15)
    assert lettering[beside].sum() > 20  # the label is there, right of the contour
