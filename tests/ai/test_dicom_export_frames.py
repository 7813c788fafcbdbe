"""SR and SEG of one frame of a multi-frame film (the viewer runs the AI on the frame shown), read back: each image
reference names that frame and each outline lies on its nodule. The export of a multi-frame fluoroscopy film
failed in highdicom's SEG, for every frame; a tomosynthesis whose frames carry plane positions gets SEGs that
reference the frame; a Digital X-Ray stored with several frames cannot name one, and a later frame is refused
before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import highdicom as hd
import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset

from cxr_ai.cli import main
from cxr_ai.dicom.export import export_dicom
from cxr_ai.engine.image_input import engine_input
from cxr_viewer.core.frames import load_frame
from cxr_viewer.core.loader import load_image
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest
from tests.dicom_validation import dciodvfy_errors

FRAMES, NODULE_FRAME = 4, 3
NODULE = (250.0, 300.0, 40.0)
FLUOROSCOPY = "1.2.840.10008.5.1.4.1.1.12.2"  # X-Ray Radiofluoroscopic Image: a multi-frame SOP Class
TOMOSYNTHESIS = "1.2.840.10008.5.1.4.1.1.13.1.3"  # Breast Tomosynthesis Image: frames placed in space


def write_frames(path: Path, sop_class: str | None = None, planes: bool = False) -> Path:
    """Four frames of a chest, a nodule on frame 3 only; ``planes``: a plane position per frame (5 mm apart)."""
    frames = np.stack([synthetic_chest(500, 600, [NODULE] if k == NODULE_FRAME - 1 else []) for k in range(FRAMES)])
    write_dx(path, frames[0])
    dataset = pydicom.dcmread(path)
    if sop_class is not None:
        dataset.SOPClassUID = dataset.file_meta.MediaStorageSOPClassUID = sop_class
    dataset.NumberOfFrames, dataset.PixelData = FRAMES, frames.astype(np.uint16).tobytes()
    if planes:
        measures, orientation, shared = Dataset(), Dataset(), Dataset()
        measures.PixelSpacing, measures.SliceThickness = [0.2, 0.2], 1.0
        orientation.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        shared.PixelMeasuresSequence, shared.PlaneOrientationSequence = [measures], [orientation]
        dataset.SharedFunctionalGroupsSequence = [shared]
        dataset.PerFrameFunctionalGroupsSequence = [_plane(5.0 * k) for k in range(FRAMES)]
    dataset.save_as(path)
    return path


def _plane(z: float) -> Dataset:
    position, frame = Dataset(), Dataset()
    position.ImagePositionPatient = [0.0, 0.0, z]
    frame.PlanePositionSequence = [position]
    return frame


def export_frame(engine, source: Path, frame: int, out: Path) -> tuple[dict[str, Path], str | None]:
    """Frame ``frame`` (1-based) analysed and exported as the viewer's Save does: the files, and why no SEG."""
    image = load_frame(load_image(source), frame - 1)
    analysis = engine.analyse([engine_input(image)])[0]
    shown = engine.select(analysis.result, "all")
    exported = export_dicom(source, shown, analysis, engine, out, "film", image.frame_index)
    return {path.stem.removeprefix("film_"): path for path in exported.written}, exported.no_seg


def _items(dataset: Dataset):
    for item in dataset.get("ContentSequence", []):
        yield item
        yield from _items(item)


def sr_frames(sr: Dataset) -> list[list[int]]:
    """The Referenced Frame Numbers of each IMAGE reference of the SR (in its outlines and its Image Library)."""
    return [[int(n) for n in np.atleast_1d(item.ReferencedSOPSequence[0].get("ReferencedFrameNumber", []))]
            for item in _items(sr) if item.ValueType == "IMAGE"]


def outline_centres(sr: Dataset) -> list[tuple[float, float]]:
    outlines = [np.asarray(item.GraphicData).reshape(-1, 2) - 0.5 for item in _items(sr) if item.ValueType == "SCOORD"]
    return [tuple(outline[:-1].mean(axis=0)) for outline in outlines]


def near_nodule(centres: list[tuple[float, float]]) -> bool:
    return any(abs(x - NODULE[0]) <= 5 and abs(y - NODULE[1]) <= 5 for x, y in centres)


def test_a_fluoroscopy_frame_is_saved_as_an_sr_that_names_it(engine, tmp_path) -> None:
    source = write_frames(tmp_path / "film.dcm", FLUOROSCOPY)
    paths, no_seg = export_frame(engine, source, NODULE_FRAME, tmp_path / "out")
    assert sorted(paths) == ["sr"]  # no plane positions: highdicom writes no SEG of one of its frames
    assert no_seg.startswith("the source (X-Ray Radiofluoroscopic Image Storage) gives no plane position per frame")
    sr = pydicom.dcmread(paths["sr"])
    assert sr_frames(sr) and all(numbers == [NODULE_FRAME] for numbers in sr_frames(sr))
    assert near_nodule(outline_centres(sr))
    assert hd.sr.Comprehensive3DSR.from_dataset(sr).content.get_planar_roi_measurement_groups()
    assert dciodvfy_errors(paths["sr"]) == []


def test_a_tomosynthesis_frame_gets_segs_that_reference_it(engine, tmp_path) -> None:
    source = write_frames(tmp_path / "film.dcm", TOMOSYNTHESIS, planes=True)
    paths, no_seg = export_frame(engine, source, NODULE_FRAME, tmp_path / "out")
    assert sorted(paths) == ["seg_binary", "seg_fractional", "sr"] and no_seg is None
    sr = pydicom.dcmread(paths["sr"])
    assert all(numbers == [NODULE_FRAME] for numbers in sr_frames(sr)) and near_nodule(outline_centres(sr))
    for kind in ("seg_binary", "seg_fractional"):
        seg = hd.seg.segread(paths[kind])
        sources = [frame.DerivationImageSequence[0].SourceImageSequence[0]
                   for frame in seg.PerFrameFunctionalGroupsSequence]
        assert {int(item.ReferencedFrameNumber) for item in sources} == {NODULE_FRAME}
        assert dciodvfy_errors(paths[kind]) == []
    masks = hd.seg.segread(paths["seg_binary"]).get_pixels_by_source_frame(
        pydicom.dcmread(source).SOPInstanceUID, source_frame_numbers=[NODULE_FRAME])
    rows, cols = np.nonzero(masks[0].any(axis=-1))
    assert abs(cols.mean() - NODULE[0]) <= 5 and abs(rows.mean() - NODULE[1]) <= 5
    assert dciodvfy_errors(paths["sr"]) == []


def test_a_later_frame_of_a_multi_frame_digital_x_ray_is_refused_before_writing(engine, tmp_path) -> None:
    source = write_frames(tmp_path / "film.dcm")
    with pytest.raises(ValueError, match="single-frame SOP Class stored with 4 frames.*cannot name frame 3"):
        export_frame(engine, source, NODULE_FRAME, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    paths, no_seg = export_frame(engine, source, 1, tmp_path / "out")  # frame 1's are written as for any film
    assert no_seg is None
    assert sr_frames(pydicom.dcmread(paths["sr"])) and not any(sr_frames(pydicom.dcmread(paths["sr"])))


def test_cxr_ai_detect_writes_the_sr_of_frame_1_of_a_fluoroscopy_film(model_dir, tmp_path) -> None:
    """``--dicom-out`` analyses frame 1: its SR names frame 1 (it failed in highdicom's SEG, writing nothing)."""
    source, out = write_frames(tmp_path / "film.dcm", FLUOROSCOPY), tmp_path / "dicom"
    assert main(["detect", str(source), "--out", str(tmp_path / "results.json"), "--models", str(model_dir),
                 "--device", "cpu", "--dicom-out", str(out)]) == 0
    assert sorted(path.name for path in out.iterdir()) == ["film_sr.dcm"]
    sr = pydicom.dcmread(out / "film_sr.dcm")
    assert sr_frames(sr) and all(numbers == [1] for numbers in sr_frames(sr))
    warnings = json.loads((tmp_path / "results.json").read_text())["images"][0]["warnings"]
    assert any(w.startswith("--dicom-out: SR written without SEG: the source") for w in warnings), warnings
