"""The engine's second stage: stage 1's candidates re-scored by the candidate classifier ensemble."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from model_training.preprocess import Letterbox, normalise_intensity, preprocess

from cxr_ai.engine import Engine
from cxr_ai.engine.errors import PipelineSpecError
from cxr_ai.engine.image_input import engine_input
from cxr_ai.engine.patches import cut_patches
from tests.ai.conftest import loaded_image
from tests.ai.model_factory import add_classifier, build_model_set, synthetic_chest

NODULES = [(150.0, 200.0, 14.0), (420.0, 330.0, 18.0), (300.0, 400.0, 12.0)]


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """The same model set without and with the classifier stage."""
    plain = build_model_set(tmp_path_factory.mktemp("plain"))
    two_stage = tmp_path_factory.mktemp("two_stage")
    shutil.copytree(plain, two_stage, dirs_exist_ok=True)
    return Engine(plain, device="cpu"), Engine(add_classifier(two_stage), device="cpu")


def _expected_probability(pixels: np.ndarray, x: float, y: float) -> float:
    """The two patch-mean classifiers by hand, on a 16-pixel patch of the image preprocessed at 512."""
    canvas, box = preprocess(pixels, 512)
    patch = cut_patches(canvas, np.array([box.to_model(x, y)]), 16)[0]
    # hflip leaves a patch mean unchanged, so TTA averages two equal scores per member
    return float(np.mean([1 / (1 + np.exp(-8.0 * (patch.mean() - offset))) for offset in (0.45, 0.50)]))


def test_classifier_scores_are_the_geometric_mean_with_stage_one(pair):
    plain, two_stage = pair
    item = engine_input(loaded_image(synthetic_chest(500, 600, NODULES)))
    stage_one = plain.detect(item, "all").findings
    rescored = two_stage.detect(item, "all").findings
    assert len(rescored) == len(stage_one) == 3
    by_place = {(f.x, f.y): f.score for f in stage_one}
    for finding in rescored:
        # the classifier sees the image at its own 512 canvas: the finding's image position is its patch centre
        expected = np.sqrt(by_place[(finding.x, finding.y)] * _expected_probability(item.pixels, finding.x, finding.y))
        assert finding.score == pytest.approx(expected, abs=2e-4)
    assert [f.score for f in rescored] == sorted((f.score for f in rescored), reverse=True)
    assert two_stage.detect(item, "all").score_rule == "geometric_mean(max, classifier, w=0.5)"
    assert "candidate_classifier" in two_stage.analyse([item])[0].result.timings_ms


@pytest.mark.parametrize("weight", [0.0, 0.8, 1.0])
def test_the_classifier_weight_is_the_exponent_of_the_weighted_geometric_mean(pair, tmp_path, weight):
    plain, _ = pair
    weighted = Engine(add_classifier(build_model_set(tmp_path / "models"), {"classifier_weight": weight}),
                      device="cpu")
    item = engine_input(loaded_image(synthetic_chest(500, 600, NODULES)))
    by_place = {(f.x, f.y): f.score for f in plain.detect(item, "all").findings}
    findings = weighted.detect(item, "all").findings
    assert len(findings) == 3
    for finding in findings:
        stage_one = by_place[(finding.x, finding.y)]
        probability = _expected_probability(item.pixels, finding.x, finding.y)
        expected = stage_one ** (1 - weight) * probability ** weight  # w = 0: stage 1 alone; w = 1: classifier alone
        assert finding.score == pytest.approx(expected, abs=2e-4)
    assert weighted.score_rule == f"geometric_mean(max, classifier, w={weight:g})"


def test_only_the_best_candidates_are_rescored(pair, tmp_path):
    plain, _ = pair
    directory = add_classifier(build_model_set(tmp_path / "models"), {"candidates": 1})
    item = engine_input(loaded_image(synthetic_chest(500, 600, NODULES)))
    best = plain.detect(item, "all").findings
    kept = Engine(directory, device="cpu").detect(item, "all").findings
    assert len(best) == 3 and [(f.x, f.y) for f in kept] == [(best[0].x, best[0].y)]


def test_rescorer_maps_detector_canvas_centres_to_the_patch_canvas(pair):
    _, two_stage = pair
    pixels = synthetic_chest(300, 700, [(200.0, 150.0, 12.0)])
    box = Letterbox.fit(pixels.shape, 256)
    from cxr_ai.engine.postprocess import Candidate

    x, y = box.to_model(200.0, 150.0)
    candidate = Candidate(float(x), float(y), 10, 10.0, 0.5, np.zeros((0, 2)))
    probability = two_stage.rescorer.probabilities(normalise_intensity(pixels), box, [candidate])
    assert probability[0] == pytest.approx(_expected_probability(pixels, 200.0, 150.0), abs=1e-5)


def test_a_tampered_classifier_is_refused(tmp_path):
    directory = add_classifier(build_model_set(tmp_path / "models"))
    with open(directory / "classifier1.onnx", "ab") as stream:
        stream.write(b"\0")
    with pytest.raises(Exception, match="classifier1"):
        Engine(directory, device="cpu")


@pytest.mark.parametrize("section, message", [
    ({"members": []}, "members"), ({"tta": ["vflip"]}, "tta"), ({"canvas": 0}, "canvas"),
    ({"patch": 1.5}, "patch"), ({"score": "product"}, "score"), ({"candidates": True}, "candidates"),
    ({"classifier_weight": 1.5}, "classifier_weight"), ({"classifier_weight": "half"}, "classifier_weight"),
])
def test_bad_classifier_sections_are_refused_with_the_setting_named(tmp_path, section, message):
    directory = add_classifier(build_model_set(tmp_path / "models"), section)
    with pytest.raises(PipelineSpecError, match=f"candidate_classifier.*{message}"):
        Engine(directory, device="cpu")
