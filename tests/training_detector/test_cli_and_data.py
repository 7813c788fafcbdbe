"""The cxr-train detector commands end to end on phantom folds, the test-split guard, and JSRT detection data."""

import json

import numpy as np
import pytest

pytest.importorskip("torch")

from model_training import cli, jsrt  # noqa: E402
from model_training.detection.commands import parse_overrides  # noqa: E402
from model_training.detection.evaluate import evaluate_test  # noqa: E402
from tests.conftest import shared_dir  # noqa: E402
from tests.training_detector.conftest import tiny_toml  # noqa: E402

TINY_TOML = tiny_toml(phantom_cases=6)


def test_cli_trains_all_folds_resumes_and_evaluates_with_a_report(tmp_path, capsys):
    config = tmp_path / "tiny.toml"
    config.write_text(TINY_TOML)
    common = ["--config", str(config), "--device", "cpu", "--run-root", str(tmp_path / "runs"),
              "--results-dir", str(tmp_path / "results")]
    assert cli.main(["detector", *common, "--all-folds", "--set", "mixup.enabled=true"]) == 0
    assert json.loads(capsys.readouterr().out)["fold1"]["epochs_done"] == 1
    assert cli.main(["detector", *common, "--all-folds", "--resume"]) == 0
    assert json.loads(capsys.readouterr().out)["fold1"] == "already finished"
    assert cli.main(["evaluate", "detector", str(tmp_path / "runs"), "--replicates", "10", "--tta", "identity",
                     "--no-lung-fp-reduction", "--results-dir", str(tmp_path / "results")]) == 0
    records = sorted((tmp_path / "results").glob("detector-oof-*.json"))
    record = json.loads(records[0].read_text())
    assert record["images"] == 6 and record["switches"]["lung_fp_reduction"] is False
    assert records[0].with_suffix(".md").read_text().startswith("# Detection evaluation")
    assert cli.main(["ablation-table", str(records[0]), "--out", str(tmp_path / "table.md")]) == 0
    assert "| runs | oof | 1 | identity | image | no |" in (tmp_path / "table.md").read_text()


def test_bad_override_and_missing_run_root_fail_with_a_message(tmp_path, capsys):
    with pytest.raises(ValueError, match="section.key=value"):
        parse_overrides(["epochs=3"])
    assert parse_overrides(["run.epochs=3", "detector.target=disc"]) == {"run": {"epochs": 3},
                                                                          "detector": {"target": "disc"}}
    assert cli.main(["evaluate", "detector", str(tmp_path / "nothing")]) == 2
    assert "no fold*/checkpoint.pt" in capsys.readouterr().err
    assert cli.main(["evaluate", "detector", str(tmp_path / "nothing"), "--fold", "1", "--partial"]) == 2
    assert "--fold is for the lung evaluation" in capsys.readouterr().err  # not silently ignored


def test_test_split_needs_the_explicit_flag(tmp_path):
    with pytest.raises(jsrt.TestSplitRefused):
        evaluate_test(tmp_path / "models", tmp_path, evaluate_on_test=False)


@pytest.mark.skipif(shared_dir() is None, reason="needs the team's shared folder with JSRT (CXR_SHARED)")
def test_jsrt_detection_data_places_targets_at_the_nodule():
    from model_training.detection.data import jsrt_detection_data

    jsrt_dir = shared_dir() / "data" / "jsrt"
    cases = [case for case in jsrt.development_cases(jsrt_dir) if case.has_nodule][:2]
    data = jsrt_detection_data(jsrt_dir, cases, 128)
    lesion = data.lesions[0][0]
    assert lesion.radius_px == pytest.approx(cases[0].nodule_mm / 2 / 0.35)
    maps = data.target_maps("disc")
    row, col = np.unravel_index(np.argmax(maps[0]), maps[0].shape)
    x, y = data.boxes[0].to_model(lesion.x, lesion.y)
    assert abs(col - x) <= lesion.radius_px * data.boxes[0].scale and abs(row - y) <= lesion.radius_px * 0.125
    assert maps[0].sum() == pytest.approx(np.pi * (lesion.radius_px / 8) ** 2, rel=0.25)


@pytest.mark.skipif(shared_dir() is None, reason="needs the team's shared folder with JSRT (CXR_SHARED)")
def test_insertion_switch_adds_one_synthetic_nodule_per_copy():
    from model_training.detection.data import ct_library, synthetic_positives

    jsrt_dir = shared_dir() / "data" / "jsrt"
    cases = [case for case in jsrt.development_cases(jsrt_dir) if not case.has_nodule][:2]
    settings = {"copies": 2, "contrast": [0.1, 0.1], "diameter_mm": [12.0, 12.0]}
    added = synthetic_positives(jsrt_dir, cases, 128, settings, seed=0, ct_library=ct_library(shared_dir()))
    assert len(added.case_ids) == 4 and added.labels.all()
    lesion = added.lesions[0][0]
    assert lesion.diameter_mm == pytest.approx(12.0) and lesion.radius_px == pytest.approx(12 / 2 / 0.35)
    original = jsrt_detection_canvas(jsrt_dir, cases[0], 128)
    x, y = added.boxes[0].to_model(lesion.x, lesion.y)
    window = (slice(int(y) - 2, int(y) + 3), slice(int(x) - 2, int(x) + 3))
    assert added.canvases[0][window].mean() > original[window].mean()  # the nodule brightens its own spot


def jsrt_detection_canvas(jsrt_dir, case, size):
    from model_training.detection.data import jsrt_detection_data

    return jsrt_detection_data(jsrt_dir, [case], size).canvases[0]
