"""``cxr-ai`` end to end on real files (PNG, DICOM MONOCHROME1/2, with and without spacing) and test-built models."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image

from cxr_ai.cli import EXIT_INPUT, EXIT_NO_MODELS, EXIT_OK, EXIT_REFUSED, build_parser, main
from cxr_ai.commands import run_detect
from cxr_ai.engine import Engine
from cxr_ai.engine.cache import ResultCache
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest

NODULE = (300.0, 400.0, 40.0)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    Image.fromarray(synthetic_chest(700, 1000, [NODULE], bits=8).astype(np.uint8)).save(folder / "plain.png")
    write_dx(folder / "mono1.dcm", synthetic_chest(700, 1000, [NODULE]), spacing_mm=0.2, monochrome1=True)
    write_dx(folder / "nospacing", synthetic_chest(700, 1000, [NODULE]), spacing_mm=None)  # no suffix: found by DICM
    return folder


def test_no_models_exit_2_naming_the_manifest(tmp_path: Path, inputs: Path, capsys) -> None:
    for command in (["detect", str(inputs), "--out", str(tmp_path / "r.json")], ["lungs", str(inputs), "--out", "x"]):
        assert main(command + ["--models", str(tmp_path / "none")]) == EXIT_NO_MODELS
        assert str(tmp_path / "none" / "manifest.json") in capsys.readouterr().err


def test_console_script_module_runs(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "cxr_ai.cli", "bones", str(tmp_path), "--out", str(tmp_path), "--models",
         str(tmp_path / "none")], capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode == EXIT_NO_MODELS and "No AI models are installed" in completed.stderr


def test_detect_writes_findings_overlays_and_dicom(model_dir: Path, inputs: Path, tmp_path: Path) -> None:
    (inputs / "broken.dcm").write_bytes(b"\0" * 128 + b"DICM" + b"garbage")
    out = tmp_path / "results.json"
    code = main(["detect", str(inputs), "--out", str(out), "--models", str(model_dir), "--device", "cpu",
                 "--save-overlays", str(tmp_path / "overlays"), "--dicom-out", str(tmp_path / "dicom")])
    assert code == EXIT_INPUT  # the broken file is reported, the others processed
    report = json.loads(out.read_text())
    assert [Path(e["path"]).name for e in report["errors"]] == ["broken.dcm"]
    assert report["provider"] == "CPUExecutionProvider" and report["model_version"].startswith("test-1+")
    assert report["max_findings_per_image"] >= 1  # what `cxr-train score-detections` caps "all" reports with
    manifest = json.loads((model_dir / "manifest.json").read_text())
    assert report["models"] == {entry["name"]: entry["version"] for entry in manifest["models"]}  # each model's own
    by_name = {Path(image["path"]).name: image for image in report["images"]}
    assert sorted(by_name) == ["mono1.dcm", "nospacing", "plain.png"]
    for name, image in by_name.items():
        (finding,) = image["findings"]
        assert (finding["x"], finding["y"]) == pytest.approx(NODULE[:2], abs=4), name
        assert {"x", "y", "diameter_mm", "score", "contour"} <= finding.keys()
        assert set(image["timings_ms"]) >= {"preprocess", "bone_suppression", "lung_segmentation", "detection"}
    assert by_name["mono1.dcm"]["findings"][0]["diameter_mm"] == pytest.approx(16, abs=1)
    assert by_name["nospacing"]["findings"][0]["diameter_mm"] is None and by_name["nospacing"]["warnings"]
    overlay = Image.open(tmp_path / "overlays" / "plain_ai.png")
    assert overlay.size == (1000, 700) and overlay.mode == "RGB"
    assert sorted(p.name for p in (tmp_path / "dicom").iterdir()) == [
        f"{stem}_{kind}.dcm" for stem in ("mono1", "nospacing") for kind in ("seg_binary", "seg_fractional", "sr")
    ]


def test_a_failed_output_keeps_the_findings_and_an_anonymised_file_exports(model_dir: Path, tmp_path: Path) -> None:
    """An SR/SEG export that failed (highdicom wanted the source's birth date, sex, accession and study time,
    which anonymised files lack) took the image out of the results."""
    folder = tmp_path / "in"
    folder.mkdir()
    bare = pydicom.dcmread(write_dx(folder / "anon.dcm", synthetic_chest(700, 1000, [NODULE]), spacing_mm=0.2))
    for keyword in ("PatientBirthDate", "PatientSex", "AccessionNumber", "StudyTime"):
        delattr(bare, keyword)
    bare.save_as(folder / "anon.dcm")
    (tmp_path / "overlays" / "anon_ai.png").mkdir(parents=True)  # a folder where the overlay file should go
    out = tmp_path / "r.json"
    code = main(["detect", str(folder), "--out", str(out), "--models", str(model_dir), "--no-cache",
                 "--save-overlays", str(tmp_path / "overlays"), "--dicom-out", str(tmp_path / "dicom")])
    report = json.loads(out.read_text())
    assert code == EXIT_INPUT and len(report["images"][0]["findings"]) == 1
    assert [error["error"].split(":")[0] for error in report["errors"]] == ["overlay not written"]
    assert sorted(p.name for p in (tmp_path / "dicom").iterdir()) == [
        "anon_seg_binary.dcm", "anon_seg_fractional.dcm", "anon_sr.dcm"]


def test_bad_output_paths_and_spacings_are_refused_before_any_model_runs(model_dir: Path, inputs: Path,
                                                                         tmp_path: Path, capsys) -> None:
    (tmp_path / "a_file").write_text("x")
    refused = [
        ["detect", str(inputs), "--out", str(tmp_path)],  # a folder as the results file
        ["detect", str(inputs), "--out", str(tmp_path / "r.json"), "--dicom-out", str(tmp_path / "a_file")],
        ["lungs", str(inputs), "--out", str(tmp_path / "a_file")],
        *[["detect", str(inputs), "--out", str(tmp_path / "r.json"), "--pixel-spacing", value]
          for value in ("0", "-1", "nan", "inf", "1e-9", "abc")],
    ]
    for argv in refused:
        with pytest.raises(SystemExit) as stopped:
            main(argv + ["--models", str(model_dir)])
        assert stopped.value.code == 2, argv
    assert "is a folder" in capsys.readouterr().err and not (tmp_path / "r.json").exists()


def test_operating_point_all_keeps_low_candidates(model_dir: Path, tmp_path: Path) -> None:
    pixels = synthetic_chest(700, 1000, [NODULE], bits=8)
    pixels[480:520, 680:720] = round(0.62 * 255)  # a dim square: score between sens and spec thresholds
    Image.fromarray(pixels.astype(np.uint8)).save(tmp_path / "dim.png")
    counts = {}
    for point in ("spec", "sens", "all"):
        out = tmp_path / f"{point}.json"
        assert main(["detect", str(tmp_path / "dim.png"), "--out", str(out), "--models", str(model_dir),
                     "--operating-point", point, "--pixel-spacing", "0.2", "--no-cache"]) == EXIT_OK
        counts[point] = len(json.loads(out.read_text())["images"][0]["findings"])
    assert counts == {"spec": 1, "sens": 2, "all": 2}


def test_lungs_and_bones_match_the_input_size_and_polarity(model_dir: Path, inputs: Path, tmp_path: Path) -> None:
    assert main(["lungs", str(inputs), "--out", str(tmp_path / "lungs"), "--models", str(model_dir)]) == EXIT_OK
    assert main(["bones", str(inputs), "--out", str(tmp_path / "bones"), "--models", str(model_dir)]) == EXIT_OK
    mask = np.asarray(Image.open(tmp_path / "lungs" / "plain_lungs.png"))
    assert mask.shape == (700, 1000) and set(np.unique(mask)) == {0, 255}
    assert mask[350, 500] == 255 and mask[350, 20] == 0 and mask[5, 500] == 0  # lung, background, label strip
    plain = np.asarray(Image.open(tmp_path / "bones" / "plain_bones.png")).astype(float)
    mono1 = np.asarray(Image.open(tmp_path / "bones" / "mono1_bones.png")).astype(float)
    assert plain.shape == mono1.shape == (700, 1000)
    assert plain[350, 500] == pytest.approx((0.9 * 0.4 + 0.05) * 255, abs=2)  # the bone model's y = 0.9x + 0.05
    assert mono1[350, 500] == pytest.approx(255 - plain[350, 500], abs=2)  # MONOCHROME1 stays inverted


def test_tampered_models_exit_3(model_dir: Path, inputs: Path, tmp_path: Path, capsys) -> None:
    models = Path(shutil.copytree(model_dir, tmp_path / "models"))
    (models / "bone.onnx").write_bytes((models / "bone.onnx").read_bytes()[:-1])
    assert main(["detect", str(inputs), "--out", str(tmp_path / "r.json"), "--models", str(models)]) == EXIT_REFUSED
    assert "bone.onnx" in capsys.readouterr().err


def test_lungs_and_bones_run_on_their_own_without_a_detector(model_dir: Path, inputs: Path, tmp_path: Path,
                                                             capsys) -> None:
    """The lung and bone models ship before the detector: their maps must not need it, and must equal what the
    full pipeline gives for them (same preprocessing, thresholds and full-resolution bone rule)."""
    alone = Path(shutil.copytree(model_dir, tmp_path / "alone"))
    document = json.loads((alone / "manifest.json").read_text())
    del document["pipeline"]
    document["models"] = [entry for entry in document["models"] if entry["name"] in ("lung", "bone")]
    (alone / "manifest.json").write_text(json.dumps(document))
    assert main(["detect", str(inputs), "--out", str(tmp_path / "r.json"), "--models", str(alone)]) == EXIT_NO_MODELS
    assert "no nodule detector yet" in capsys.readouterr().err
    for command in ("lungs", "bones"):
        assert main([command, str(inputs), "--out", str(tmp_path / "alone-out"), "--models", str(alone)]) == EXIT_OK
        assert main([command, str(inputs), "--out", str(tmp_path / "full-out"), "--models", str(model_dir)]) == EXIT_OK
    for name in ("plain_lungs.png", "mono1_lungs.png", "plain_bones.png", "mono1_bones.png", "nospacing_bones.png"):
        alone_map = np.asarray(Image.open(tmp_path / "alone-out" / name))
        assert np.array_equal(alone_map, np.asarray(Image.open(tmp_path / "full-out" / name))), name


def test_bones_use_the_bone_model_when_the_pipeline_has_no_bone_stage(model_dir: Path, inputs: Path,
                                                                     tmp_path: Path) -> None:
    """A detector that does not take the bone channel (as the shipped 0.1.0-cpu) must not cost `cxr-ai bones`."""
    no_stage = Path(shutil.copytree(model_dir, tmp_path / "no-stage"))
    document = json.loads((no_stage / "manifest.json").read_text())
    document["pipeline"]["bone_suppression"] = None
    document["pipeline"]["detector"]["inputs"] = ["image", "lung_mask"]
    (no_stage / "manifest.json").write_text(json.dumps(document))
    assert main(["bones", str(inputs), "--out", str(tmp_path / "stage"), "--models", str(model_dir)]) == EXIT_OK
    assert main(["bones", str(inputs), "--out", str(tmp_path / "alone"), "--models", str(no_stage)]) == EXIT_OK
    for name in ("plain_bones.png", "mono1_bones.png"):
        assert np.array_equal(np.asarray(Image.open(tmp_path / "alone" / name)),
                              np.asarray(Image.open(tmp_path / "stage" / name))), name


def test_inputs_sharing_a_stem_get_outputs_of_their_own(model_dir: Path, tmp_path: Path) -> None:
    """SE1/IM0001 and SE2/IM0001 (a DICOM export's usual layout): every output of one must not overwrite the
    other's; a stem no other input has keeps its plain name."""
    folder = tmp_path / "in"
    for series in ("SE1", "SE2"):
        (folder / series).mkdir(parents=True)
        write_dx(folder / series / "IM0001", synthetic_chest(700, 1000, [NODULE]), spacing_mm=0.2)
    write_dx(folder / "other.dcm", synthetic_chest(700, 1000, [NODULE]), spacing_mm=0.2)
    out = tmp_path / "out"
    assert main(["detect", str(folder), "--out", str(out / "r.json"), "--models", str(model_dir), "--no-cache",
                 "--save-overlays", str(out / "overlays"), "--dicom-out", str(out / "dicom")]) == EXIT_OK
    assert main(["lungs", str(folder), "--out", str(out / "lungs"), "--models", str(model_dir)]) == EXIT_OK
    names = ("SE1_IM0001", "SE2_IM0001", "other")
    assert sorted(p.name for p in (out / "overlays").iterdir()) == [f"{name}_ai.png" for name in names]
    assert sorted(p.name for p in (out / "lungs").iterdir()) == [f"{name}_lungs.png" for name in names]
    assert sorted(p.name for p in (out / "dicom").iterdir()) == [
        f"{name}_{kind}.dcm" for name in names for kind in ("seg_binary", "seg_fractional", "sr")]
    sources = {name: pydicom.dcmread(folder / name.replace("_", "/")).SOPInstanceUID for name in names[:2]}
    for name, uid in sources.items():  # each SR refers to its own source image
        evidence = pydicom.dcmread(out / "dicom" / f"{name}_sr.dcm").CurrentRequestedProcedureEvidenceSequence
        assert evidence[0].ReferencedSeriesSequence[0].ReferencedSOPSequence[0].ReferencedSOPInstanceUID == uid


def test_output_stems_are_unique_and_plain_when_nothing_clashes(tmp_path: Path) -> None:
    from cxr_ai.inputs import output_stems

    assert output_stems([tmp_path / "a" / "x.dcm", tmp_path / "b" / "y.png"]) == ["x", "y"]
    given = [tmp_path / "a.png", tmp_path / "a.dcm", tmp_path / "s" / "1" / "IM1", tmp_path / "s" / "2" / "IM1",
             tmp_path / "s_1_IM1.png", tmp_path / "a.png"]
    assert output_stems(given) == ["a", "a_2", "s_1_IM1", "s_2_IM1", "s_1_IM1_2", "a"]


def _detect_arguments(paths: list[Path], out: Path) -> argparse.Namespace:
    return build_parser().parse_args(["detect", *map(str, paths), "--out", str(out), "--device", "cpu"])


def test_detect_runs_the_cache_misses_in_batches_of_the_engine_batch_size(model_dir: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """`gpu_batch_size` reaches `cxr-ai detect`: misses go through Engine.analyse together, results stay in input
    order, each is cached; a failing batch is retried image by image so only the faulty input is reported."""
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    engine.batch_size = 2  # as on a GPU
    batches: list[list[str]] = []
    analyse = engine.analyse

    def recording(items):
        batches.append([Path(item.path).name for item in items])
        if len(items) > 1 and any(Path(item.path).name == "bad.png" for item in items):
            raise RuntimeError("batch failed")
        if [Path(item.path).name for item in items] == ["bad.png"]:
            raise ValueError("this one is bad")
        return analyse(items)

    monkeypatch.setattr(engine, "analyse", recording)
    paths = []
    for index, x in enumerate((300.0, 400.0, 500.0, 600.0)):
        paths.append(write_dx(tmp_path / f"i{index}.dcm", synthetic_chest(700, 1000, [(x, 400.0, 40.0)])))
    run_detect(engine, _detect_arguments(paths[:3], tmp_path / "r.json"))
    report = json.loads((tmp_path / "r.json").read_text())
    assert batches == [["i0.dcm", "i1.dcm"], ["i2.dcm"]]
    assert [Path(image["path"]).name for image in report["images"]] == ["i0.dcm", "i1.dcm", "i2.dcm"]
    assert [image["findings"][0]["x"] for image in report["images"]] == pytest.approx([300, 400, 500], abs=4)
    batches.clear()
    Image.fromarray(synthetic_chest(700, 1000, [], bits=8).astype(np.uint8)).save(tmp_path / "bad.png")
    errors = run_detect(engine, _detect_arguments([paths[0], tmp_path / "bad.png", paths[1], paths[3]],
                                                  tmp_path / "r2.json"))
    assert batches == [["bad.png", "i3.dcm"], ["bad.png"], ["i3.dcm"]]  # i0 and i1 come from the cache
    assert [Path(e["path"]).name for e in errors] == ["bad.png"] and "this one is bad" in errors[0]["error"]
    report = json.loads((tmp_path / "r2.json").read_text())
    assert [(Path(i["path"]).name, i["cached"]) for i in report["images"]] == [
        ("i0.dcm", True), ("i1.dcm", True), ("i3.dcm", False)]


def test_segmentations_beside_the_films_are_reported_not_analysed_as_radiographs(model_dir: Path,
                                                                                  tmp_path: Path) -> None:
    """A study folder holding SEG objects (here the first run's own ``--dicom-out``): their label and probability
    pixels were analysed as films, and their "findings" went into results.json beside the films'."""
    folder = tmp_path / "study"
    folder.mkdir()
    write_dx(folder / "film.dcm", synthetic_chest(700, 1000, [NODULE]), spacing_mm=0.2)
    arguments = ["--models", str(model_dir), "--device", "cpu", "--no-cache"]
    assert main(["detect", str(folder), "--out", str(tmp_path / "first.json"), "--dicom-out", str(folder / "ai"),
                 *arguments]) == EXIT_OK
    assert main(["detect", str(folder), "--out", str(tmp_path / "again.json"), *arguments]) == EXIT_INPUT
    report = json.loads((tmp_path / "again.json").read_text())
    assert [Path(image["path"]).name for image in report["images"]] == ["film.dcm"]
    errors = {Path(error["path"]).name: error["error"] for error in report["errors"]}
    assert sorted(errors) == ["film_seg_binary.dcm", "film_seg_fractional.dcm", "film_sr.dcm"]
    assert "a segmentation (Modality SEG), not a radiograph" in errors["film_seg_fractional.dcm"]
    assert "contains no image" in errors["film_sr.dcm"]
