"""``cxr-ai lungs`` / ``bones`` run only the stages their map needs: the detector ensemble is neither verified nor
run (a lung mask used to cost every detector member), and the maps stay the full pipeline's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image

from cxr_ai.cli import EXIT_OK, main
from cxr_ai.engine import Engine
from cxr_ai.engine.image_input import engine_input
from cxr_ai.engine.intermediates import bones_at_input, mask_at_input
from cxr_ai.inputs import load
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import build_model_set, synthetic_chest


@pytest.fixture(scope="module")
def full_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Lung and bone models at another size than the detector's, so the canvas the maps are made on matters."""
    return build_model_set(tmp_path_factory.mktemp("full"), size=256, lung_size=128)


def _without_detector_files(full: Path, folder: Path, lung_input: str) -> Path:
    """The same manifest (detector pipeline and all) with every detector member's file gone."""
    models = Path(shutil.copytree(full, folder))
    document = json.loads((models / "manifest.json").read_text())
    document["pipeline"]["lung_segmentation"]["input"] = lung_input
    (models / "manifest.json").write_text(json.dumps(document))
    for member in document["pipeline"]["detector"]["members"]:
        (models / f"{member}.onnx").unlink()
    return models


@pytest.mark.parametrize("lung_input", ["image", "bone_suppressed"])
def test_maps_need_no_detector_file_and_equal_the_full_pipeline(full_set: Path, tmp_path: Path,
                                                                lung_input: str) -> None:
    source = write_dx(tmp_path / "film.dcm", synthetic_chest(700, 1000, [(300.0, 400.0, 40.0)]), spacing_mm=0.2,
                      monochrome1=True)
    models = _without_detector_files(full_set, tmp_path / "models", lung_input)
    for command in ("lungs", "bones"):
        code = main([command, str(source), "--out", str(tmp_path / "out"), "--models", str(models), "--device", "cpu"])
        assert code == EXIT_OK, command
    complete = Path(shutil.copytree(full_set, tmp_path / "complete"))
    shutil.copy(models / "manifest.json", complete / "manifest.json")  # the same lung input, detector files kept
    engine = Engine(complete, device="cpu")
    item = engine_input(load(source), None)
    analysis = engine.analyse([item])[0]
    assert analysis.detection_probability.max() > 0.5  # the full pipeline did find the nodule on this film
    expected = {
        "lungs": mask_at_input(analysis.lung_probability, analysis.letterbox, engine.spec.lung_threshold),
        "bones": bones_at_input(item, analysis.canvas, analysis.bone_suppressed, analysis.letterbox),
    }
    for command, pixels in expected.items():
        written = np.asarray(Image.open(tmp_path / "out" / f"film_{command}.png"))
        assert written.shape == (700, 1000) and np.array_equal(written, pixels), command
    assert 0 < np.count_nonzero(expected["lungs"]) < expected["lungs"].size


# what the map means on such a film; they had the detector's "its findings here mean little", though a map has none
MAP_MEANING = {"lungs": "so this mask need not outline any lung",
               "bones": "so this image may have lost or distorted structures that are not ribs"}


def test_maps_of_a_film_that_is_no_chest_radiograph_say_so(model_dir: Path, tmp_path: Path, capsys) -> None:
    """``lungs`` / ``bones`` write no report, so what ``detect`` lists under ``warnings`` must reach stderr: a lung
    mask of a knee film was written without a word. The warning says what the map means there, in its own words."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_dx(folder / "chest.dcm", synthetic_chest(700, 1000, []), spacing_mm=0.2)
    knee = pydicom.dcmread(write_dx(folder / "knee.dcm", synthetic_chest(700, 1000, []), spacing_mm=0.2))
    knee.BodyPartExamined = "KNEE"
    knee.save_as(folder / "knee.dcm")
    for command in ("lungs", "bones"):
        assert main([command, str(folder), "--out", str(tmp_path / command), "--models", str(model_dir)]) == EXIT_OK
        warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
        assert len(warnings) == 1 and str(folder / "knee.dcm") in warnings[0], (command, warnings)
        assert "not a frontal chest radiograph (body part KNEE)" in warnings[0]
        assert MAP_MEANING[command] in warnings[0] and "detector" not in warnings[0] and "findings" not in warnings[0]
        assert (tmp_path / command / f"knee_{command}.png").is_file()  # still written: the user asked for it
