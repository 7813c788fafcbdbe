"""The classifier learns a nodule-like blob from its look-alikes, nested out of fold, and re-scores marks."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

pytest.importorskip("torch")

from model_training.detection.froc import Lesion, Mark  # noqa: E402
from model_training.detection.second_stage.oof import rescored_marks, score_out_of_fold  # noqa: E402
from model_training.detection.second_stage.samples import ImagePatches  # noqa: E402
from model_training.detection.second_stage.settings import SecondStageSettings  # noqa: E402
from model_training.detection.second_stage.train import augment, score_patches, train_classifier  # noqa: E402

SMALL = SecondStageSettings(patch=16, shift=2, epochs=4, samples_per_epoch=512, batch=32)
ONE_STEP = replace(SMALL, epochs=1, samples_per_epoch=32)  # for claims that do not depend on what was learnt


def _patches(count: int, nodule: bool, rng: np.random.Generator, cut: int = 20) -> np.ndarray:
    """A bright round blob at the centre (nodule) or a bright straight line through it (a vessel look-alike)."""
    yy, xx = np.mgrid[:cut, :cut] - (cut - 1) / 2
    out = 0.4 + 0.05 * rng.standard_normal((count, cut, cut))
    for patch in out:
        if nodule:
            patch += 0.3 * np.exp(-(xx ** 2 + yy ** 2) / (2 * rng.uniform(1.5, 3.0) ** 2))
        else:
            angle = rng.uniform(0, np.pi)
            patch += 0.3 * np.exp(-((xx * np.sin(angle) - yy * np.cos(angle)) ** 2) / 2.0)
    return out.astype(np.float32)


def test_augment_crops_to_the_patch_size_and_keeps_the_range_close():
    rng = np.random.default_rng(0)
    out = augment(_patches(8, True, rng), SMALL, rng)
    assert out.shape == (8, 16, 16) and out.dtype == np.float32
    assert -0.2 < out.min() and out.max() < 1.2


def test_classifier_tells_blobs_from_lines_on_unseen_patches():
    rng = np.random.default_rng(1)
    model, history = train_classifier(_patches(60, True, rng), _patches(200, False, rng), SMALL, seed=0)
    assert len(history) == SMALL.epochs and history[-1]["train_loss"] < history[0]["train_loss"]
    nodules, vessels = score_patches(model, _patches(40, True, rng), SMALL), score_patches(
        model, _patches(40, False, rng), SMALL)
    auc = (nodules[:, None] > vessels[None, :]).mean()
    assert auc > 0.9, f"held-out AUC {auc:.2f}"


def _film(case_id: str, fold: int, rng: np.random.Generator) -> ImagePatches:
    labels = np.array([True, False, False])
    patches = np.concatenate([_patches(1, True, rng), _patches(2, False, rng)])
    marks = (Mark(10.0, 10.0, 0.3), Mark(50.0, 50.0, 0.6), Mark(90.0, 90.0, 0.2))
    return ImagePatches(case_id, fold, (Lesion(10.0, 10.0, 5.0, 3.5),), marks, labels, patches,
                        _patches(2, True, rng))


def test_each_fold_is_scored_by_a_classifier_that_never_saw_it(tmp_path):
    rng = np.random.default_rng(2)
    films = [_film(f"case{i}", i % 3, rng) for i in range(12)]
    probabilities, classifiers = score_out_of_fold(films, ONE_STEP, tmp_path)
    assert [c.fold for c in classifiers] == [0, 1, 2]
    for classifier in classifiers:
        held = {film.case_id for film in films if film.fold == classifier.fold}
        assert held.isdisjoint(classifier.training_cases) and len(classifier.training_cases) == 8
        assert (tmp_path / f"fold{classifier.fold}" / "classifier.pt").is_file()
    assert all(p.shape == (3,) and ((0 <= p) & (p <= 1)).all() for p in probabilities)


def test_rescoring_rules_and_the_cap():
    film = _film("case", 0, np.random.default_rng(3))
    probability = np.array([0.9, 0.1, 0.5], np.float32)
    combined = rescored_marks([film], [probability], "combined", cap=2)[0].marks
    assert [m.x for m in combined] == [10.0, 90.0]  # √(0.3·0.9) = 0.52 > √(0.2·0.5) = 0.32 > √(0.6·0.1) = 0.24
    assert combined[0].score == pytest.approx(np.sqrt(0.3 * 0.9))
    alone = rescored_marks([film], [probability], "classifier", cap=3)[0].marks
    assert [m.x for m in alone] == [10.0, 90.0, 50.0]
    stage_one = rescored_marks([film], [probability], "stage1", cap=1)[0].marks
    assert [(m.x, m.score) for m in stage_one] == [(50.0, 0.6)]


def test_reused_classifiers_score_the_same_and_other_settings_are_refused(tmp_path):
    rng = np.random.default_rng(4)
    films = [_film(f"case{i}", i % 2, rng) for i in range(6)]
    tiny = SecondStageSettings(patch=16, shift=2, epochs=1, samples_per_epoch=64, batch=32)
    trained, _ = score_out_of_fold(films, tiny, tmp_path)
    reused, classifiers = score_out_of_fold(films, tiny, tmp_path, reuse=True)
    for first, again in zip(trained, reused):
        np.testing.assert_array_equal(first, again)
    assert classifiers[0].history and classifiers[0].checkpoint.endswith("fold0/classifier.pt")
    with pytest.raises(ValueError, match="other settings or on other films"):
        score_out_of_fold(films, SecondStageSettings(patch=16, shift=2, epochs=2, samples_per_epoch=64, batch=32),
                          tmp_path, reuse=True)
    with pytest.raises(ValueError, match="other settings or on other films"):
        score_out_of_fold(films[:4], tiny, tmp_path, reuse=True)
