"""A config mistake fails loudly before any training: misspelt keys (in ``--set`` or a file), wrong types, values out
of range, unknown config names, and a ``--resume`` under another config. Each of these used to run silently with
something other than what was asked, which invalidates an ablation row without anyone noticing."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from model_training import cli  # noqa: E402
from model_training.config import load_config  # noqa: E402
from model_training.detection.settings import load_detector_config  # noqa: E402
from model_training.trainer import train  # noqa: E402

TINY = {"run": {"task": "lung", "epochs": 1, "batch_size": 2, "max_steps_per_epoch": 1},
        "model": {"width": 4, "depth": 2}, "data": {"source": "phantom", "size": 64, "phantom_cases": 6,
                                                   "validation_cases": 2}}


@pytest.mark.parametrize("setting, message", [
    ("mixup.enabeld=true", "unknown key 'mixup.enabeld' (did you mean 'mixup.enabled'?)"),
    ("agumentation.noise=0.1", "unknown key 'agumentation' (did you mean 'augment'?)"),
    ("mixup.enabled=False", "'mixup.enabled' must be true or false"),  # not JSON: the string "False" is true
    ("run.epochs=ten", "'run.epochs' must be a whole number"),
    ("run.learning_rate=-0.001", "'run.learning_rate' = -0.001 is outside"),
    ("mixup.probability=1.5", "'mixup.probability' = 1.5 is outside [0.0, 1.0]"),
    ("data.fold=5", "'data.fold' = 5 must be below data.folds = 5"),
    ("loss.focal_normalise=\"positive\"", "must be one of pixels, positives"),
])
def test_a_wrong_set_override_stops_the_detector_command_before_training(setting, message, tmp_path, capsys):
    code = cli.main(["detector", "--config", "detector_smoke", "--run-root", str(tmp_path / "runs"), "--device",
                     "cpu", "--shared", str(tmp_path / "no-shared"), "--results-dir", str(tmp_path / "results"),
                     "--set", setting])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "runs").exists() and not (tmp_path / "results").exists()


def test_a_misspelt_key_in_a_config_file_that_extends_another_is_named_with_its_file(tmp_path):
    path = tmp_path / "my_ablation.toml"
    path.write_text('extends = "detector_positives"\n[randaugment]\nenabled = true\nmagnitud = 9\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"my_ablation.toml: unknown key 'randaugment.magnitud' "
                                         r"\(did you mean 'randaugment.magnitude'\?\)"):
        load_detector_config(path)


def test_the_lung_and_bone_configs_are_checked_key_by_key_too(tmp_path):
    path = tmp_path / "lung_ablation.toml"
    path.write_text('[augment]\nrotate_degs = 0.0\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"unknown key 'augment.rotate_degs' \(did you mean 'augment.rotate_deg'\?\)"):
        load_config(path)
    with pytest.raises(ValueError, match=r"'data.source' = 'phantm' must be one of jsrt, phantom"):
        load_config("lung", {"data": {"source": "phantm"}})
    assert load_config("lung", {"data": {"max_cases": 3}})["data"]["max_cases"] == 3  # what --max-cases sets


def test_an_unknown_config_name_is_refused_with_the_closest_known_one(capsys):
    assert cli.main(["lung", "--config", "lung_mases", "--epochs", "1"]) == 2
    assert "did you mean 'lung_masses'?" in capsys.readouterr().err
    with pytest.raises(ValueError, match="did you mean 'detector_positives'"):
        load_detector_config("detector_positive")


def test_every_shipped_config_passes_the_checks():
    from model_training.config import CONFIG_DIR

    for path in sorted(CONFIG_DIR.glob("*.toml")):
        if path.stem.startswith("detector"):
            load_detector_config(path, {"detector": {"bone_model": "bone.onnx"}})
        else:
            load_config(path)


def test_resume_under_another_config_is_refused_and_names_the_change(tmp_path):
    first = load_config(None, TINY)
    train(first, tmp_path / "run", "cpu", results_dir=tmp_path / "results")
    changed = load_config(None, {**TINY, "augment": {"enabled": False}, "run": {**TINY["run"], "epochs": 2}})
    with pytest.raises(ValueError, match=r"--resume refused.*augment.enabled: True → False"):
        train(changed, tmp_path / "run", "cpu", resume=True, results_dir=tmp_path / "results")
    longer = load_config(None, {**TINY, "run": {**TINY["run"], "epochs": 2, "max_minutes": 5.0}})
    assert train(longer, tmp_path / "run", "cpu", resume=True, results_dir=tmp_path / "results")["epochs_done"] == 2


def test_lung_and_bone_take_set_overrides_checked_like_the_detector_s(tmp_path, capsys):
    common = ["--run-dir", str(tmp_path / "run"), "--results-dir", str(tmp_path / "results"), "--device", "cpu"]
    assert cli.main(["lung", "--config", "smoke", "--set", "augment.rotate_degs=3", *common]) == 2
    assert "did you mean 'augment.rotate_deg'?" in capsys.readouterr().err
    assert cli.main(["bone", "--config", "smoke", "--set", 'run.task="lung"', *common]) == 2
    assert "this is 'cxr-train bone'" in capsys.readouterr().err
    assert not (tmp_path / "results").exists()


def test_a_detector_fold_outside_the_folds_is_refused_even_on_phantom_data(tmp_path, capsys):
    """JSRT's k-fold refuses it; a phantom fold of 9 of 2 was an empty held-out set, silently."""
    assert cli.main(["detector", "--config", "detector_smoke", "--set", 'data.source="phantom"', "--set",
                     "data.folds=2", "--set", "data.phantom_cases=4", "--set", "run.max_steps_per_epoch=1", "--size",
                     "64", "--epochs", "1", "--fold", "9", "--run-root", str(tmp_path / "runs"), "--device", "cpu",
                     "--results-dir", str(tmp_path / "results")]) == 2
    assert "--fold 9: must be in 0..1" in capsys.readouterr().err
    assert not (tmp_path / "results").exists()
