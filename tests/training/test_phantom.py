"""The digital phantom: layers add up, masks and nodules where it says, seeds reproduce; nodule insertion."""

import numpy as np
import pytest

from model_training.phantom import generate_case
from model_training.phantom.insertion import insert_nodule
from model_training.phantom.render import BONE_LAYERS, WATER_MU_PER_MM


def test_layers_add_up_to_the_projection_and_bone_is_the_only_difference():
    case = generate_case(3, size=128, nodule_count=1)
    total = sum(case.layers.values())
    soft = total - sum(case.layers[name] for name in BONE_LAYERS)
    # the images are noisy log images of these line integrals; noise is shared, so their difference is bone alone
    difference = case.image - case.soft_tissue
    bone = WATER_MU_PER_MM * (total - soft)
    inside = case.lung_mask
    assert np.corrcoef(difference[inside], bone[inside])[0, 1] > 0.9
    assert abs(np.median(difference[inside]) - np.median(bone[inside])) < 0.05
    assert case.layers["lungs"].max() <= 0 and case.layers["ribs"].min() >= 0


def test_seeds_reproduce_and_differ():
    a, b, c = generate_case(7, size=64), generate_case(7, size=64), generate_case(8, size=64)
    assert np.array_equal(a.image, b.image) and a.nodules == b.nodules
    assert not np.array_equal(a.image, c.image)
    assert a.anatomy != c.anatomy


def test_nodules_lie_in_the_lungs_where_the_list_says():
    case = generate_case(11, size=256, nodule_count=2)
    assert len(case.nodules) == 2
    for nodule in case.nodules:
        assert case.lung_mask[int(round(nodule.y)), int(round(nodule.x))]
        assert 5 <= nodule.diameter_mm <= 30
        assert case.layers["nodules"][int(round(nodule.y)), int(round(nodule.x))] > 0
    assert case.lung_mask.mean() > 0.15  # both lungs take a sizeable part of a PA film


def test_nodule_insertion_into_a_radiograph():
    rng = np.random.default_rng(0)
    image = np.random.default_rng(1).normal(100, 5, (200, 200)).astype(np.float32)
    mask = np.zeros((200, 200), bool)
    mask[40:160, 30:90] = True
    output, nodule = insert_nodule(image, mask, 15.0, 0.2, 0.7, rng)
    assert mask[int(nodule.y), int(nodule.x)]
    rise = output - image
    assert rise[int(nodule.y), int(nodule.x)] > 0.15 * (np.percentile(image, 99.5) - np.percentile(image, 0.5))
    assert rise[~mask].max() < 1e-3 + rise.max() * 0.05  # all but the soft rim stays in the lung box
    with pytest.raises(ValueError, match="contrast"):
        insert_nodule(image, mask, 15.0, 2.0, 0.7, rng)


@pytest.mark.shared
def test_ct_nodule_library_shapes(shared):
    from model_training.phantom import CtNoduleLibrary

    library = CtNoduleLibrary(shared / "data" / "ct_nodules")
    assert len(library) == 1186
    patch = library.patch(0, pixel_mm=0.7, diameter_mm=12.0)
    assert patch.max() > 0 and patch.shape[0] > 30


def test_population_shows_breast_shadows_in_some_cases_and_shoulder_bone_is_bone():
    cases = [generate_case(seed, size=64) for seed in range(12)]
    with_breasts = [case.layers["breasts"].max() > 0 for case in cases]
    assert any(with_breasts) and not all(with_breasts)
    assert "shoulders" in BONE_LAYERS and all(case.layers["shoulders"].max() > 0 for case in cases)
    assert all(case.layers["airways"].max() <= 0 for case in cases)  # gas only removes attenuation


def test_nodule_contrast_calibration():
    from model_training.phantom.calibration import JSRT_CONTRAST_DECILES, nodule_contrast, sample_nodule_contrast

    rng = np.random.default_rng(0)
    samples = np.array([sample_nodule_contrast(rng) for _ in range(2000)])
    assert samples.min() >= 0.01 and samples.max() <= JSRT_CONTRAST_DECILES[-1]
    assert abs(np.median(samples) - JSRT_CONTRAST_DECILES[5]) < 0.006
    flat = np.random.default_rng(1).normal(100, 0.5, (200, 200)).astype(np.float32)
    mask = np.ones_like(flat, bool)
    inserted, nodule = insert_nodule(flat, mask, 20.0, 0.05, 0.7, rng, centre_xy=(100.0, 100.0))
    measured = nodule_contrast(inserted, (nodule.x, nodule.y), nodule.diameter_mm / 2 / 0.7)
    assert 0.6 * 0.05 < measured <= 0.05  # the core mean sits a little under the peak the insertion sets


def test_vessel_points_are_a_linspace_along_each_segment():
    """The vessel layer deposits all segments' points in one pass; they must be exactly those of a ``linspace``
    per segment (the phantoms, and every tiny training run on them, stay as they were before that change)."""
    from model_training.phantom.vessels import _segment_pixels

    rng = np.random.default_rng(0)
    segments = [(rng.uniform(-0.2, 1.2, 2), rng.uniform(-0.2, 1.2, 2)) for _ in range(200)]
    segments.append(((0.3, 0.3), (0.3, 0.3)))  # zero length: still two points
    segments.append(((0.0, 0.25), (0.390625, 0.25)))  # 50 points, 49 × (1/49) < 1: the end must still be exact
    size = 64
    rows, cols = _segment_pixels(segments, size)
    expected = []
    for start, end in segments:
        start, end = np.asarray(start, float), np.asarray(end, float)
        steps = max(2, int(np.hypot(*(end - start)) * size * 2))
        expected.append(start[None, :] + np.linspace(0, 1, steps)[:, None] * (end - start)[None, :])
    points = np.concatenate(expected)
    assert np.array_equal(cols, np.clip((points[:, 0] * size).astype(int), 0, size - 1))
    assert np.array_equal(rows, np.clip((points[:, 1] * size).astype(int), 0, size - 1))
