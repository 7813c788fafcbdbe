"""``timings_ms`` lists the stages that ran: a model set without a bone stage reported ``bone_suppression: 0.0``,
which reads as a stage that took no time, in ``results.json`` and in the benchmark's stage table."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cxr_ai.cli import EXIT_OK, main
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest


def _timings(models: Path, film: Path, out: Path) -> dict[str, float]:
    assert main(["detect", str(film), "--out", str(out), "--models", str(models), "--device", "cpu",
                 "--no-cache"]) == EXIT_OK
    (image,) = json.loads(out.read_text())["images"]
    return image["timings_ms"]


def test_a_stage_the_model_set_lacks_has_no_timing(model_dir: Path, tmp_path: Path) -> None:
    film = write_dx(tmp_path / "film.dcm", synthetic_chest(700, 1000, [(300.0, 400.0, 40.0)]), spacing_mm=0.2)
    no_stage = Path(shutil.copytree(model_dir, tmp_path / "no-bone-stage"))
    document = json.loads((no_stage / "manifest.json").read_text())
    document["pipeline"]["bone_suppression"] = None
    document["pipeline"]["detector"]["inputs"] = ["image", "lung_mask"]
    (no_stage / "manifest.json").write_text(json.dumps(document))
    without = _timings(no_stage, film, tmp_path / "without.json")
    assert "bone_suppression" not in without
    assert {"preprocess", "lung_segmentation", "detection", "postprocess", "total"} <= set(without)
    assert "bone_suppression" in _timings(model_dir, film, tmp_path / "with.json")
