"""The nested TPE search over the two-stage post-processing: it finds settings that matter and never lets a fold's
films choose their own settings."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("optuna")

import torch  # noqa: E402
from cxr_ai.engine.patches import cut_patches  # noqa: E402
from model_training.detection.candidates import image_marks  # noqa: E402
from model_training.detection.data import DetectionData  # noqa: E402
from model_training.detection.froc import Lesion  # noqa: E402
from model_training.detection.froc_summary import summarise  # noqa: E402
from model_training.detection.oof import OofPredictions  # noqa: E402
from model_training.detection.second_stage import search as search_module  # noqa: E402
from model_training.detection.second_stage.network import CandidateClassifier  # noqa: E402
from model_training.detection.second_stage.samples import patch_centres  # noqa: E402
from model_training.detection.second_stage.search import TwoStageScorer, nested_search, search, \
    stage_one_post  # noqa: E402
from model_training.detection.second_stage.settings import SecondStageSettings  # noqa: E402
from model_training.detection.second_stage.train import score_patches  # noqa: E402
from model_training.preprocess import Letterbox, preprocess  # noqa: E402

SIZE = 128
SETTINGS = SecondStageSettings(canvas=SIZE, patch=16, shift=2)
POST = {"candidate_floor": 0.05, "region_fraction": 0.5, "peak_distance_mm": 5.0, "min_area_mm2": 10.0,
        "lung_dilation_mm": 30.0, "max_findings": 5, "score": "max", "lung_fp_reduction": True}
NODULE, OUTSIDE = (35.0, 64.0), (80.0, 64.0)  # the look-alike lies 20 mm outside the lung field (cols 10–60)


def _blob(x: float, y: float, peak: float) -> np.ndarray:
    yy, xx = np.mgrid[:SIZE, :SIZE]
    return peak * np.exp(-((xx - x) ** 2 + (yy - y) ** 2) / (2 * 4.0 ** 2))


@pytest.fixture(scope="module")
def scorer() -> TwoStageScorer:
    """Nine films in three folds at 1 mm per pixel: a nodule in the lung scored 0.5, and a brighter hill outside it
    (0.9), so only lung-field FP reduction tighter than 20 mm lets the nodules rank first."""
    films = 9
    lung = np.zeros((SIZE, SIZE), np.float32)
    lung[20:108, 10:61] = 1.0
    maps = np.stack([_blob(*NODULE, 0.5) + _blob(*OUTSIDE, 0.9) for _ in range(films)]).astype(np.float32)
    box = Letterbox.fit((SIZE, SIZE), SIZE)
    data = DetectionData([f"case{i}" for i in range(films)], np.zeros((films, SIZE, SIZE), np.float32),
                         np.stack([lung] * films), [(Lesion(*NODULE, 5.0, 10.0),)] * films, [box] * films,
                         [1.0] * films)
    predictions = OofPredictions(data, maps, np.stack([lung] * films), {"post": POST}, 1, "")
    rng = np.random.default_rng(0)
    canvases = [preprocess(rng.random((SIZE, SIZE)).astype(np.float32), SIZE) for _ in range(films)]
    torch.manual_seed(0)
    classifiers = {fold: CandidateClassifier().eval() for fold in range(3)}
    return TwoStageScorer(predictions, [i % 3 for i in range(films)], canvases, classifiers, SETTINGS, POST)


def test_the_classifier_weight_is_not_a_stage_one_setting():
    post = stage_one_post(POST, {"region_fraction": 0.4, "classifier_weight": 0.7}, 30)
    assert post["region_fraction"] == 0.4 and post["max_findings"] == 30 and "classifier_weight" not in post


def test_weights_zero_and_one_give_stage_one_and_classifier_scores(scorer):
    params = {"region_fraction": 0.5, "min_area_mm2": 10.0, "lung_dilation_mm": 30.0, "peak_distance_mm": 5.0,
              "score": "max"}
    expected = image_marks(scorer.predictions.data.subset([0]), scorer.predictions.maps[[0]],
                           scorer.predictions.lungs[[0]], stage_one_post(POST, params, 5))[0]
    stage_one = scorer.marks(params | {"classifier_weight": 0.0}, [0])[0]
    assert [(m.x, m.y, m.score) for m in stage_one.marks] == [(m.x, m.y, m.score) for m in expected.marks]
    assert len(stage_one.marks) == 2
    alone = scorer.marks(params | {"classifier_weight": 1.0}, [0])[0]
    canvas, box = scorer.canvases[0]
    for mark in alone.marks:
        patch = cut_patches(canvas, patch_centres(box, [(mark.x, mark.y)]), SETTINGS.cut)
        assert mark.score == pytest.approx(float(score_patches(scorer.classifiers[0], patch, SETTINGS)[0]), abs=1e-6)
    cached = len(scorer._cache)
    assert scorer.marks(params | {"classifier_weight": 1.0}, [0])[0] == alone and len(scorer._cache) == cached


def test_the_search_finds_the_lung_field_setting_that_drops_the_look_alike(scorer):
    params, cpm = search(scorer, range(9), trials=12, seed=0)
    assert params["lung_dilation_mm"] < 20.0 and cpm == pytest.approx(1.0)
    shipped = summarise(scorer.marks(params | {"lung_dilation_mm": 30.0}, range(9)), replicates=0)["metrics"]["cpm"]
    assert shipped < 0.7  # the look-alike outranks every nodule: nothing found below 1 FP/image


def test_each_fold_is_scored_with_settings_chosen_on_the_other_folds(scorer, monkeypatch):
    seen = []
    original = search_module.search

    def recording(inner_scorer, indices, trials, seed):
        seen.append(sorted(indices))
        return original(inner_scorer, indices, trials, seed)

    monkeypatch.setattr(search_module, "search", recording)
    marks, chosen = nested_search(scorer, trials=12, seed=0)
    assert [film.case_id for film in marks] == [f"case{i}" for i in range(9)]
    for record, indices in zip(chosen, seen):
        held = [i for i in range(9) if i % 3 == record["held_out_fold"]]
        assert set(held).isdisjoint(indices) and len(indices) == 6
    assert summarise(marks, replicates=0)["metrics"]["cpm"] == pytest.approx(1.0)
