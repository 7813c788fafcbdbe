"""Exported classifiers in the engine score a candidate exactly as the training code scored it."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("torch")

import torch  # noqa: E402
from cxr_ai.engine import Engine  # noqa: E402
from cxr_ai.engine.postprocess import Candidate  # noqa: E402
from model_training.detection.froc import Lesion, Mark  # noqa: E402
from model_training.detection.second_stage.export import export_classifiers  # noqa: E402
from model_training.detection.second_stage.network import CandidateClassifier  # noqa: E402
from model_training.detection.second_stage.oof import score_out_of_fold  # noqa: E402
from model_training.detection.second_stage.samples import image_patches  # noqa: E402
from model_training.detection.second_stage.settings import SecondStageSettings  # noqa: E402
from model_training.detection.second_stage.train import score_patches  # noqa: E402
from model_training.manifest import MANIFEST_NAME  # noqa: E402
from model_training.preprocess import Letterbox, normalise_intensity  # noqa: E402
from tests.ai.model_factory import build_model_set, synthetic_chest  # noqa: E402

SETTINGS = SecondStageSettings(canvas=256, patch=16, shift=2, epochs=1, samples_per_epoch=64, batch=32)


def _film(case_id: str, fold: int, rng: np.random.Generator):
    pixels = synthetic_chest(300, 400, [(120.0, 150.0, 10.0)], bits=8).astype(np.uint8)
    lung = np.zeros(pixels.shape, bool)
    lung[60:240, 60:340] = True
    marks = (Mark(120.0, 150.0, 0.6), Mark(250.0, 100.0, 0.3))
    return image_patches(case_id, fold, pixels, lung, 0.5, marks, (Lesion(120.0, 150.0, 10.0, 10.0),), SETTINGS,
                         rng, None), pixels


@pytest.mark.parametrize("float16_weights, tolerance", [(False, 1e-5), (True, 3e-3)])
def test_engine_rescorer_equals_the_training_scores(tmp_path, float16_weights, tolerance):
    rng = np.random.default_rng(0)
    films = [_film(f"case{i}", i % 2, rng) for i in range(4)]
    score_out_of_fold([film for film, _ in films], SETTINGS, tmp_path / "classifiers")
    models = build_model_set(tmp_path / "models")
    section = export_classifiers(tmp_path / "classifiers", models, "0.0.1-test", tmp_path / "record.json",
                                 float16_weights=float16_weights, classifier_weight=0.8)
    document = json.loads((models / MANIFEST_NAME).read_text())
    stored = {entry["weights_stored_as"] for entry in document["models"] if entry["name"].startswith("nodule-cls")}
    assert stored == {"float16" if float16_weights else "float32"}
    document["pipeline"]["candidate_classifier"] = section
    (models / MANIFEST_NAME).write_text(json.dumps(document))
    assert section["members"] == ["nodule-cls-m0", "nodule-cls-m1"] and section["canvas"] == 256
    assert section["classifier_weight"] == 0.8

    film, pixels = films[0]
    expected = np.zeros(len(film.candidates))
    for fold in (0, 1):
        state = torch.load(tmp_path / "classifiers" / f"fold{fold}" / "classifier.pt", weights_only=False)
        model = CandidateClassifier()
        model.load_state_dict(state["model"])
        expected += score_patches(model.eval(), film.candidate_patches, SETTINGS) / 2

    engine = Engine(models, device="cpu")
    box = Letterbox.fit(pixels.shape, 256)  # the detector canvas of build_model_set
    candidates = [Candidate(*(float(v) for v in box.to_model(mark.x, mark.y)), 10, 10.0, mark.score, np.zeros((0, 2)))
                  for mark in film.candidates]
    scored = engine.rescorer.probabilities(normalise_intensity(pixels), box, candidates)
    np.testing.assert_allclose(scored, expected, atol=tolerance)
    assert len(set(np.round(expected, 4))) == 2  # two different patches: a mapping error could not pass by luck
    rescored = {(c.x, c.y): c.score for c in engine.rescorer.rescore(normalise_intensity(pixels), box, candidates)}
    for candidate, probability in zip(candidates, expected):  # the exported weight is the classifier's exponent
        assert rescored[(candidate.x, candidate.y)] == pytest.approx(candidate.score ** 0.2 * probability ** 0.8,
                                                                     abs=tolerance)


@pytest.mark.parametrize("second_stage, classifiers", [(None, True), ({"score": "combined"}, False),
                                                       ({"score": "classifier"}, True)])
def test_export_pairs_classifiers_only_with_their_combined_score_record(tmp_path, second_stage, classifiers):
    from model_training.detection.export import export_ensemble

    record = {"kind": "oof", "partial": False, "tuned": {"postprocessing": {}, "operating_points": {}}}
    if second_stage:
        record["second_stage"] = second_stage
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record))
    with pytest.raises(ValueError, match="second-stage export needs"):
        export_ensemble([], tmp_path, path, "0.0.1", "lung", classifiers=tmp_path if classifiers else None)
