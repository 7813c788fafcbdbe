"""The JSRT data layer: k-fold split and the guarded test split (needs ../shared)."""

import numpy as np
import pytest

from model_training import jsrt

pytestmark = pytest.mark.shared


def test_kfold_is_deterministic_stratified_and_never_sees_test(shared):
    cases = jsrt.development_cases(shared / "data" / "jsrt")
    assert len(cases) == 196 and all(case.split != "test" for case in cases)
    folds = [jsrt.kfold(cases, 5, fold, seed=0)[1] for fold in range(5)]
    ids = [case.case_id for fold in folds for case in fold]
    assert sorted(ids) == sorted(case.case_id for case in cases)  # each case held out exactly once
    for held_out in folds:
        share = sum(case.has_nodule for case in held_out) / len(held_out)
        assert abs(share - 124 / 196) < 0.06
    assert [c.case_id for c in jsrt.kfold(cases, 5, 2, seed=0)[1]] == [c.case_id for c in folds[2]]


def test_test_split_needs_the_explicit_flag(shared):
    jsrt_dir = shared / "data" / "jsrt"
    with pytest.raises(jsrt.TestSplitRefused):
        jsrt.test_cases(jsrt_dir)
    test = jsrt.test_cases(jsrt_dir, evaluate_on_test=True)
    assert len(test) == 51
    with pytest.raises(jsrt.TestSplitRefused):
        jsrt.kfold(test, 5, 0)


def test_images_and_masks_load(shared):
    jsrt_dir = shared / "data" / "jsrt"
    image, mask = jsrt.load_image(jsrt_dir, "JPCLN002"), jsrt.load_lung_mask(jsrt_dir, "JPCLN002")
    assert image.shape == mask.shape == (1024, 1024) and 0.15 < mask.mean() < 0.5
    with pytest.raises(OSError, match="NOPE"):
        jsrt.load_image(jsrt_dir, "NOPE")


def test_mass_copies_keep_the_reference_mask_and_add_density_in_the_lungs(shared):
    from model_training.config import load_config
    from model_training.datasets import jsrt_lung_arrays, jsrt_lung_arrays_with_masses

    jsrt_dir = shared / "data" / "jsrt"
    cases = jsrt.development_cases(jsrt_dir)[:3]
    settings = load_config("lung_masses")["masses"]
    plain_images, plain_masks = jsrt_lung_arrays(jsrt_dir, cases, 128)
    images, masks = jsrt_lung_arrays_with_masses(jsrt_dir, cases, 128, settings)
    assert images.shape == plain_images.shape and np.array_equal(masks, plain_masks)
    for image, plain, mask in zip(images, plain_images, masks):
        added = image - plain
        assert added[mask > 0.5].sum() > 0  # denser inside the lung field
        peak = np.unravel_index(np.argmax(added), added.shape)
        assert mask[peak] > 0.5  # the densest change is a mass centre, which lies in the lung
    again, _ = jsrt_lung_arrays_with_masses(jsrt_dir, cases, 128, settings)
    assert np.array_equal(images, again)  # seeded: a training run can be repeated
