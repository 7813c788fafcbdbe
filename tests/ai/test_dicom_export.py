"""SR (TID 1500) and SEG written with highdicom, read back with pydicom: the regions land on the nodules."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from matplotlib.path import Path as Polygon
from pydicom.uid import Comprehensive3DSRStorage

from cxr_ai.dicom.export import export_dicom
from cxr_ai.dicom.seg import finding_masks
from cxr_ai.dicom.sr import build_sr
from cxr_ai.engine.image_input import engine_input
from cxr_ai.engine.mapping import to_finding
from cxr_ai.engine.postprocess import find_candidates
from cxr_ai.engine.result import ImageResult
from cxr_ai.engine.postprocess_spec import PostProcessing
from cxr_viewer.core.loader import load_image
from model_training.preprocess import Letterbox
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest
from tests.dicom_validation import dciodvfy_errors

NODULES = [(300.0, 400.0, 40.0), (720.0, 250.0, 25.0)]


@pytest.fixture(scope="module")
def exported(engine, tmp_path_factory: pytest.TempPathFactory) -> tuple[pydicom.Dataset, dict[str, Path], list]:
    folder = tmp_path_factory.mktemp("dicom")
    source_path = write_dx(folder / "chest.dcm", synthetic_chest(700, 1000, NODULES), spacing_mm=0.2)
    analysis = engine.analyse([engine_input(load_image(source_path))])[0]
    shown = engine.select(analysis.result, "sens")
    written = export_dicom(source_path, shown, analysis, engine, folder / "out", "chest").written
    return pydicom.dcmread(source_path), {p.stem.removeprefix("chest_"): p for p in written}, shown.findings


def _items(dataset: pydicom.Dataset):
    for item in dataset.get("ContentSequence", []):
        yield item
        yield from _items(item)


def test_sr_regions_and_measurements_land_on_the_nodules(exported) -> None:
    source, paths, findings = exported
    sr = pydicom.dcmread(paths["sr"])
    assert sr.SOPClassUID == Comprehensive3DSRStorage
    assert sr.ContentTemplateSequence[0].TemplateIdentifier == "1500"
    assert [item.CodingSchemeDesignator for item in sr.CodingSchemeIdentificationSequence] == ["99CXRAI"]
    assert sr.CurrentRequestedProcedureEvidenceSequence[0].ReferencedSeriesSequence[0].ReferencedSOPSequence[
        0].ReferencedSOPInstanceUID == source.SOPInstanceUID
    polygons = [np.asarray(i.GraphicData).reshape(-1, 2) - 0.5 for i in _items(sr) if i.ValueType == "SCOORD"]
    centres = sorted((round(p[:, 0].mean()), round(p[:, 1].mean())) for p in polygons)
    assert len(centres) == 2
    for (x, y), (ex, ey, _) in zip(centres, sorted(NODULES)):
        assert abs(x - ex) <= 4 and abs(y - ey) <= 4
    numbers: dict[str, list[float]] = {}
    for item in _items(sr):
        if item.ValueType == "NUM":
            name = item.ConceptNameCodeSequence[0].CodeMeaning
            numbers.setdefault(name, []).append(float(item.MeasuredValueSequence[0].NumericValue))
    assert sorted(numbers["Diameter"]) == pytest.approx(sorted(f.diameter_mm for f in findings), abs=0.01)
    assert sorted(numbers["AI nodule score"]) == pytest.approx(sorted(f.score for f in findings), abs=1e-4)


def test_binary_seg_covers_each_nodule_and_references_the_source(exported) -> None:
    source, paths, findings = exported
    seg = pydicom.dcmread(paths["seg_binary"])
    assert seg.SegmentationType == "BINARY" and len(seg.SegmentSequence) == len(findings) == 2
    assert seg.ReferencedSeriesSequence[0].ReferencedInstanceSequence[0].ReferencedSOPInstanceUID == \
        source.SOPInstanceUID
    frames = seg.pixel_array
    segment_of_frame = [f.SegmentIdentificationSequence[0].ReferencedSegmentNumber
                        for f in seg.PerFrameFunctionalGroupsSequence]
    assert frames.shape == (2, 700, 1000) and sorted(segment_of_frame) == [1, 2]
    for frame, number in zip(frames, segment_of_frame):
        finding = findings[number - 1]
        assert f"Nodule {finding.id}" in seg.SegmentSequence[number - 1].SegmentLabel
        assert frame[round(finding.y), round(finding.x)] == 1
        assert frame.sum() == pytest.approx(np.pi * (finding.diameter_px / 2) ** 2, rel=0.1)


def test_fractional_seg_holds_the_probability_map(exported, engine) -> None:
    source, paths, findings = exported
    seg = pydicom.dcmread(paths["seg_fractional"])
    assert seg.SegmentationType == "FRACTIONAL" and seg.MaximumFractionalValue == 255
    pixels = seg.pixel_array
    assert pixels.shape == (700, 1000)
    assert pixels[round(findings[0].y), round(findings[0].x)] > 0.9 * 255
    assert pixels[350, 20] == 0  # background: no detection


def test_a_film_without_findings_gets_an_sr_that_says_so(engine, tmp_path) -> None:
    source_path = write_dx(tmp_path / "clear.dcm", synthetic_chest(700, 1000, []), spacing_mm=0.2)
    analysis = engine.analyse([engine_input(load_image(source_path))])[0]
    shown = engine.select(analysis.result, "spec")
    assert shown.findings == []
    written = {p.stem: p for p in export_dicom(source_path, shown, analysis, engine, tmp_path / "out", "clear").written}
    assert "clear_seg_binary" not in written  # a SEG needs a segment
    sr = pydicom.dcmread(written["clear_sr"])
    evaluations = [(i.ConceptNameCodeSequence[0].CodeMeaning, i.ConceptCodeSequence[0].CodeMeaning)
                   for i in _items(sr) if i.ValueType == "CODE"]
    assert ("Nodule", "Absent") in evaluations
    assert not any(i.ValueType == "SCOORD" for i in _items(sr))
    (group,) = [i for i in _items(sr) if i.ConceptNameCodeSequence[0].CodeMeaning == "Measurement Group"]
    images = [i.ReferencedSOPSequence[0].ReferencedSOPInstanceUID for i in _items(group) if i.ValueType == "IMAGE"]
    assert images == [pydicom.dcmread(source_path).SOPInstanceUID]  # the group is about the image


@pytest.mark.parametrize("kind", ["sr", "seg_binary", "seg_fractional"])
def test_exports_pass_the_dicom3tools_validator(exported, kind) -> None:
    """dciodvfy checks each object against the IODs and modules of the standard, beyond what pydicom reads back."""
    _, paths, _ = exported
    errors = dciodvfy_errors(paths[kind])
    assert not errors, "\n".join(errors)


def test_seg_and_sr_regions_cover_a_finding_whose_pixels_touch_only_at_corners(tmp_path) -> None:
    """The SEG fills the finding's contour and the SR draws it: both must hold every pixel of the region, also
    when the region's pieces meet only at a corner (8-connected), not just its largest piece."""
    size = 64
    probability = np.zeros((size, size), np.float32)
    probability[20:28, 20:28] = 0.9
    probability[28:33, 28:33] = 0.9  # touches the first square at one corner
    (candidate,) = find_candidates(probability, np.ones((size, size), np.float32), 0.5, (0.5, 0.5),
                                   PostProcessing(min_area_mm2=1.0))
    finding = to_finding(1, candidate, Letterbox.fit((size, size), size), (0.5, 0.5), {})
    source = pydicom.dcmread(write_dx(tmp_path / "film.dcm", np.zeros((size, size), np.uint16), spacing_mm=0.5))
    result = ImageResult(path="film.dcm", image_key="k", sop_instance_uid=source.SOPInstanceUID, width=size,
                         height=size, pixel_spacing_mm=[0.5, 0.5], spacing_source="PixelSpacing", provider="cpu",
                         model_version="test", preprocessing_version="test", score_rule="max", findings=[finding])
    region = probability > 0
    mask = finding_masks(result)[..., 0]
    assert mask[region].all()
    (polygon,) = [np.asarray(i.GraphicData).reshape(-1, 2) - 0.5 for i in _items(build_sr(source, result))
                  if i.ValueType == "SCOORD"]
    rows, cols = np.nonzero(region)
    assert Polygon(polygon).contains_points(np.c_[cols, rows]).all()


def _film_dated(tmp_path: Path, **dates: str) -> Path:
    path = write_dx(tmp_path / "old.dcm", synthetic_chest(700, 1000, NODULES), spacing_mm=0.2)
    dataset = pydicom.dcmread(path)
    for keyword, value in dates.items():
        setattr(dataset, keyword, value)
    dataset.save_as(path)
    return path


def test_acr_nema_dates_and_times_of_the_source_are_written_in_the_current_form(engine, tmp_path) -> None:
    """Files written before DICOM 3.0 date a study 2024.01.05 at 07:10:00; the time made highdicom refuse the
    whole export, and the date went verbatim into objects that must use YYYYMMDD."""
    source_path = _film_dated(tmp_path, StudyDate="2024.01.05", StudyTime="07:10:00.5",
                              PatientBirthDate="1950.03.02", PatientBirthTime="23:59")
    analysis = engine.analyse([engine_input(load_image(source_path))])[0]
    written = export_dicom(source_path, engine.select(analysis.result, "sens"), analysis, engine,
                           tmp_path / "out", "old").written
    assert sorted(p.stem for p in written) == ["old_seg_binary", "old_seg_fractional", "old_sr"]
    for path in written:
        copied = pydicom.dcmread(path)
        assert (copied.StudyDate, copied.StudyTime) == ("20240105", "071000.5")
        assert (copied.PatientBirthDate, copied.PatientBirthTime) == ("19500302", "2359")
        assert not dciodvfy_errors(path), "\n".join(dciodvfy_errors(path))
    assert pydicom.dcmread(source_path).StudyDate == "2024.01.05"  # the source file is left as it was


def test_a_source_date_or_time_in_no_known_form_is_left_empty_rather_than_refusing_the_export(engine,
                                                                                               tmp_path) -> None:
    source_path = _film_dated(tmp_path, StudyDate="unknown", StudyTime="7h10")
    analysis = engine.analyse([engine_input(load_image(source_path))])[0]
    written = export_dicom(source_path, engine.select(analysis.result, "sens"), analysis, engine,
                           tmp_path / "out", "odd").written
    assert len(written) == 3
    sr = pydicom.dcmread(next(p for p in written if p.stem == "odd_sr"))
    assert (sr.StudyDate, sr.StudyTime) == ("", "")
    assert sr.StudyInstanceUID == pydicom.dcmread(source_path).StudyInstanceUID  # the study is still the source's

