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


def test_a_cached_image_reports_its_lookup_not_the_stages_of_the_run_that_cached_it(model_dir: Path, tmp_path: Path,
                                                                                    monkeypatch) -> None:
    """It showed the first run's stage times beside ``cached: true``, as if the models had run again."""
    monkeypatch.setenv("CXR_AI_CACHE_DIR", str(tmp_path / "cache"))
    film = write_dx(tmp_path / "film.dcm", synthetic_chest(700, 1000, [(300.0, 400.0, 40.0)]), spacing_mm=0.2)
    images = []
    for run in ("first", "cached"):
        out = tmp_path / f"{run}.json"
        assert main(["detect", str(film), "--out", str(out), "--models", str(model_dir), "--device", "cpu"]) == EXIT_OK
        images += json.loads(out.read_text())["images"]
    first, cached = images
    assert not first["cached"] and {"preprocess", "detection", "total"} <= set(first["timings_ms"])
    assert cached["cached"] and set(cached["timings_ms"]) == {"cache_lookup", "total"}
    assert cached["timings_ms"]["total"] == cached["timings_ms"]["cache_lookup"]
    assert cached["findings"] == first["findings"]  # the same result, looked up
