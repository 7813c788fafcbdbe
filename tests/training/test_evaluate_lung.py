"""``cxr-train evaluate lung``: the shipped lung model on a few held-out films, plain and with inserted masses
(needs ../shared)."""

from pathlib import Path

import pytest

from model_training.config import load_config
from model_training.evaluate import evaluate_lung

pytestmark = pytest.mark.shared
SHIPPED_LUNG = Path(__file__).resolve().parents[2] / "resources" / "models" / "lung_unet.onnx"


def test_masses_change_the_films_but_not_the_reference(shared):
    masses = load_config("lung_masses")["masses"]
    plain = evaluate_lung(SHIPPED_LUNG, shared, False, fold=0, folds=20)  # 20 folds: about 10 held-out films
    with_masses = evaluate_lung(SHIPPED_LUNG, shared, False, fold=0, folds=20, masses=masses)
    assert plain["per_case"].keys() == with_masses["per_case"].keys() and len(plain["per_case"]) >= 8
    assert with_masses["split"] == "train+val fold 0 of 20 with inserted masses"
    assert plain["metrics"]["dice"] > 0.95  # the shipped model on JSRT films
    assert plain["metrics"]["dice"] != with_masses["metrics"]["dice"]
    assert 0.5 < with_masses["metrics"]["dice"] <= 1.0
