"""The patch cutter the engine and training share, and the nesting of the classifier's training films."""

from __future__ import annotations

import numpy as np
import pytest
from cxr_ai.engine.patches import cut_patches

from model_training.detection.froc import Lesion, Mark
from model_training.detection.second_stage.samples import ImagePatches, on_a_lesion, training_patches


def test_patch_centre_pixel_is_the_candidate_pixel():
    canvas = np.arange(100 * 120, dtype=np.float32).reshape(100, 120)
    patches = cut_patches(canvas, np.array([[30.2, 40.7], [0, 0]]), 8)
    assert patches.shape == (2, 8, 8)
    assert patches[0, 4, 4] == canvas[41, 30]
    np.testing.assert_array_equal(patches[0], canvas[37:45, 26:34])


def test_patch_outside_the_canvas_is_zero_padding_and_far_centres_are_clipped():
    canvas = np.ones((10, 10), np.float32)
    corner = cut_patches(canvas, np.array([[0.0, 0.0]]), 6)[0]
    assert corner[3:, 3:].min() == 1 and corner[:3].max() == 0 and corner[:, :3].max() == 0
    far = cut_patches(canvas, np.array([[500.0, -40.0]]), 6)[0]
    np.testing.assert_array_equal(far, cut_patches(canvas, np.array([[9.0, 0.0]]), 6)[0])


def test_no_centres_give_no_patches():
    assert cut_patches(np.zeros((8, 8)), np.zeros((0, 2)), 4).shape == (0, 4, 4)


def test_a_candidate_is_on_a_nodule_within_its_radius_only():
    lesion = Lesion(100.0, 100.0, 10.0, 7.0)
    assert on_a_lesion(Mark(107.0, 107.0, 0.5), (lesion,))
    assert not on_a_lesion(Mark(108.0, 108.0, 0.5), (lesion,))
    assert not on_a_lesion(Mark(100.0, 100.0, 0.5), ())


def _image(case_id: str, fold: int, value: float, on_nodule: list[bool]) -> ImagePatches:
    count = len(on_nodule)
    return ImagePatches(case_id, fold, (), tuple(Mark(1.0, 1.0, 0.5) for _ in range(count)),
                        np.array(on_nodule, bool), np.full((count, 4, 4), value, np.float32),
                        np.full((2, 4, 4), value + 0.5, np.float32))


def test_training_patches_leave_out_the_held_out_fold_and_split_by_label():
    images = [_image("a", 0, 1.0, [True, False]), _image("b", 1, 2.0, [False, False, True]),
              _image("c", 2, 3.0, [False])]
    positives, negatives = training_patches(images, held_out_fold=1)
    assert sorted(set(positives[:, 0, 0])) == [1.0, 1.5, 3.5]  # a's candidate and a's and c's extra positives
    assert sorted(negatives[:, 0, 0]) == [1.0, 3.0]
    assert 2.0 not in positives and 2.0 not in negatives and 2.5 not in positives
    with pytest.raises(ValueError, match="no training films"):
        training_patches([_image("a", 0, 1.0, [True])], held_out_fold=0)
