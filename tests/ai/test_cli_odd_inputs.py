"""``cxr-ai`` on inputs a batch script meets: a folder with no image in it, and films that are no frontal chest
radiograph (a lateral), which it runs on as asked but must flag."""

from __future__ import annotations

import json
from pathlib import Path

import pydicom
import pytest

from cxr_ai.cli import EXIT_INPUT, main
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest
from tests.ai.viewer_helpers import chest_with_dim_nodule, open_and_settle, plugin, settle

NOT_CHEST = "not a frontal chest radiograph (view LL)"
NO_IMAGES = "no DICOM, PNG or JPEG file in this folder"


def _lateral(path: Path) -> Path:
    write_dx(path, synthetic_chest(300, 400, [(150.0, 200.0, 25.0)]))
    dataset = pydicom.dcmread(path)
    dataset.ViewPosition, dataset.PatientOrientation = "LL", ["P", "F"]
    dataset.save_as(path)
    return path


def test_a_folder_without_images_is_an_error_by_name(model_dir: Path, tmp_path: Path, capsys) -> None:
    """It read as success: exit 0, no image and no error, so a mistyped folder went unnoticed."""
    empty, tiffs = tmp_path / "empty", tmp_path / "tiffs"
    empty.mkdir(), tiffs.mkdir()
    (tiffs / "film.tif").write_bytes(b"II*\0")
    film = write_dx(tmp_path / "film.dcm", synthetic_chest(300, 400, []))
    out = tmp_path / "r.json"
    code = main(["detect", str(empty), str(tiffs), str(film), "--out", str(out), "--models", str(model_dir),
                 "--device", "cpu", "--no-cache"])
    report = json.loads(out.read_text())
    assert code == EXIT_INPUT and len(report["images"]) == 1  # the film is still read
    assert [(e["path"], e["error"]) for e in report["errors"]] == [(str(empty), NO_IMAGES), (str(tiffs), NO_IMAGES)]
    assert f"cxr-ai: {empty}: {NO_IMAGES}" in capsys.readouterr().err
    assert main(["lungs", str(empty), "--out", str(tmp_path / "masks"), "--models", str(model_dir)]) == EXIT_INPUT


def test_a_lateral_is_detected_on_but_flagged_also_from_the_cache(model_dir: Path, tmp_path: Path,
                                                                   monkeypatch) -> None:
    monkeypatch.setenv("CXR_AI_CACHE_DIR", str(tmp_path / "cache"))
    lateral = _lateral(tmp_path / "lateral.dcm")
    frontal = write_dx(tmp_path / "frontal.dcm", synthetic_chest(300, 400, [(150.0, 200.0, 25.0)]))
    for run in ("first", "cached"):
        out = tmp_path / f"{run}.json"
        main(["detect", str(lateral), str(frontal), "--out", str(out), "--models", str(model_dir), "--device", "cpu"])
        lateral_result, frontal_result = json.loads(out.read_text())["images"]
        assert lateral_result["cached"] is (run == "cached")
        assert any(warning.startswith(NOT_CHEST) and warning.endswith("so its findings here mean little")
                   for warning in lateral_result["warnings"])  # the detector's wording, not the maps'
        assert lateral_result["findings"]  # run as asked: the flag is the caveat, not a refusal
        assert not any("frontal" in warning for warning in frontal_result["warnings"])


@pytest.mark.gui
def test_d_on_a_lateral_says_so_beside_the_findings(viewer, tmp_path: Path, qtbot) -> None:
    lateral = write_dx(tmp_path / "lateral.dcm", chest_with_dim_nodule())
    dataset = pydicom.dcmread(lateral)
    dataset.ViewPosition = "LL"
    dataset.save_as(lateral)
    window = viewer()
    open_and_settle(qtbot, window, lateral)
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    dock = plugin(window).dock
    assert dock.list.count() == 2 and NOT_CHEST in dock.summary.text()
