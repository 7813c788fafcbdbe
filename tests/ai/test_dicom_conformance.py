"""The SR and SEG against the standard's templates and IODs, beyond the round trip of test_dicom_export: the Image
Library TID 1500 requires, a stable device observer, the equipment and model version, CID 7150's current meaning,
a SEG mask that is what the SR's outline encloses, and a clear refusal of a source that cannot be referenced."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pydicom
import pytest
from matplotlib.path import Path as Polygon
from pydicom.data import get_testdata_file

from cxr_ai.dicom.export import export_dicom
from cxr_ai.dicom.source import source_for_export
from cxr_ai.dicom.sr import build_sr
from cxr_ai.engine.image_input import engine_input
from cxr_viewer.core.loader import load_image
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest
from tests.dicom_validation import dciodvfy_errors

NODULES = [(300.0, 400.0, 40.0), (720.0, 250.0, 25.0)]


def _export(engine, source_path: Path, out: Path):
    analysis = engine.analyse([engine_input(load_image(source_path))])[0]
    shown = engine.select(analysis.result, "sens")
    written = export_dicom(source_path, shown, analysis, engine, out, source_path.stem).written
    return {p.stem.removeprefix(f"{source_path.stem}_"): p for p in written}, shown


@pytest.fixture(scope="module")
def dx(engine, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("dx")
    source_path = write_dx(folder / "chest.dcm", synthetic_chest(700, 1000, NODULES), spacing_mm=0.2)
    return source_path, *_export(engine, source_path, folder / "out")


def _items(dataset: pydicom.Dataset):
    for item in dataset.get("ContentSequence", []):
        yield item
        yield from _items(item)


def _named(dataset: pydicom.Dataset, meaning: str) -> list[pydicom.Dataset]:
    return [i for i in _items(dataset) if i.ConceptNameCodeSequence[0].CodeMeaning == meaning]


def _library_entry(sr: pydicom.Dataset) -> tuple[pydicom.Dataset, dict[str, object]]:
    (library,) = _named(sr, "Image Library")
    (group,) = library.ContentSequence
    (image,) = group.ContentSequence
    descriptors = {}
    for item in image.ContentSequence:
        value = {"CODE": lambda i: i.ConceptCodeSequence[0].CodeValue, "TEXT": lambda i: i.TextValue,
                 "UIDREF": lambda i: i.UID,
                 "NUM": lambda i: float(i.MeasuredValueSequence[0].NumericValue)}[item.ValueType](item)
        descriptors[item.ConceptNameCodeSequence[0].CodeMeaning] = value
    return image, descriptors


def test_the_sr_lists_the_source_in_its_image_library(dx) -> None:
    """TID 1500 row 5 (Image Library, mandatory): the source with its class, instance, size and geometry."""
    source_path, paths, _ = dx
    source = pydicom.dcmread(source_path)
    sr = pydicom.dcmread(paths["sr"])
    report = [i.ConceptNameCodeSequence[0].CodeMeaning for i in sr.ContentSequence]
    assert report.index("Image Library") == report.index("Imaging Measurements") - 1  # its row, before row 6
    image, descriptors = _library_entry(sr)
    reference = image.ReferencedSOPSequence[0]
    assert (reference.ReferencedSOPClassUID, reference.ReferencedSOPInstanceUID) == (source.SOPClassUID,
                                                                                     source.SOPInstanceUID)
    assert descriptors == {"Modality": "DX", "Frame of Reference UID": source.FrameOfReferenceUID,
                           "Pixel Data Rows": 700, "Pixel Data Columns": 1000, "Patient Orientation Row": "L",
                           "Patient Orientation Column": "F", "Horizontal Pixel Spacing": 0.2,
                           "Vertical Pixel Spacing": 0.2}


def test_a_real_cr_without_imager_pixel_spacing_is_exported_with_the_library_it_supports(engine, tmp_path) -> None:
    """pydicom-data's RG1_UNCR: a MONOCHROME1 chest CR with a zero Pixel Spacing, no Imager Pixel Spacing and no
    Frame of Reference (highdicom's own library stops on it); the entry leaves out what the source lacks."""
    source_path = Path(shutil.copy(get_testdata_file("RG1_UNCR.dcm"), tmp_path / "cr.dcm"))
    paths, shown = _export(engine, source_path, tmp_path / "out")
    assert shown.findings and all(f.diameter_mm is None for f in shown.findings)  # uncalibrated: no mm figures
    _, descriptors = _library_entry(pydicom.dcmread(paths["sr"]))
    assert descriptors == {"Modality": "CR", "Pixel Data Rows": 1955, "Pixel Data Columns": 1841,
                           "Patient Orientation Row": "L", "Patient Orientation Column": "F"}
    for path in paths.values():
        assert not dciodvfy_errors(path), "\n".join(dciodvfy_errors(path))
    seg = pydicom.dcmread(paths["seg_binary"])
    assert (seg.Rows, seg.Columns, seg.PatientID) == (1955, 1841, "9RG1")


def test_the_device_observer_is_the_same_device_in_every_report(dx) -> None:
    """TID 1004's Device Observer UID identifies the device; a fresh UID per report made each its own device."""
    source_path, paths, shown = dx
    again = build_sr(source_for_export(source_path), shown)
    uids = [_named(sr, "Device Observer UID")[0].UID for sr in (pydicom.dcmread(paths["sr"]), again)]
    assert uids[0] == uids[1]


def test_sr_and_seg_name_their_equipment_and_the_model_version(dx) -> None:
    _, paths, shown = dx
    for kind in ("sr", "seg_binary", "seg_fractional"):
        dataset = pydicom.dcmread(paths[kind])
        assert dataset.ManufacturerModelName == "cxr-ai nodule detector (research use only)"
        assert list(dataset.SoftwareVersions)[1] == shown.model_version


def test_seg_segments_use_cid_7150s_current_meaning_and_name_the_lung(dx) -> None:
    _, paths, _ = dx
    for kind in ("seg_binary", "seg_fractional"):
        for segment in pydicom.dcmread(paths[kind]).SegmentSequence:
            category = segment.SegmentedPropertyCategoryCodeSequence[0]
            assert (category.CodeValue, category.CodeMeaning) == ("49755003", "Morphologically Abnormal Structure")
            assert segment.AnatomicRegionSequence[0].CodeValue == "39607008"


def test_each_binary_segment_is_exactly_what_the_sr_outline_encloses(dx) -> None:
    """Pixel centres inside the SR's polygon (PS3.3 C.18.6.1.1: the centre of the top left pixel is 0.5\\0.5);
    the polygon drawn with its outline added a ring of pixels outside it."""
    source_path, paths, shown = dx
    sr, seg = pydicom.dcmread(paths["sr"]), pydicom.dcmread(paths["seg_binary"])
    outlines = {group_id: np.asarray(item.GraphicData).reshape(-1, 2) - 0.5
                for group in _named(sr, "Measurement Group")
                for group_id in [_named(group, "Tracking Identifier")[0].TextValue]
                for item in _items(group) if item.ValueType == "SCOORD"}
    rows, cols = np.mgrid[0 : seg.Rows, 0 : seg.Columns]
    centres = np.c_[cols.ravel(), rows.ravel()]
    for frame, segment in zip(seg.pixel_array, seg.SegmentSequence):
        outline = outlines[segment.SegmentLabel.split(" (")[0]]
        inside = Polygon(outline).contains_points(centres).reshape(frame.shape)
        assert np.array_equal(frame.astype(bool), inside)


def test_each_finding_reports_its_area_in_square_millimetres(dx) -> None:
    _, paths, shown = dx
    areas = [(float(i.MeasuredValueSequence[0].NumericValue), i.MeasuredValueSequence[0].MeasurementUnitsCodeSequence[
        0].CodeValue) for i in _named(pydicom.dcmread(paths["sr"]), "Area")]
    assert {unit for _, unit in areas} == {"mm2"}
    assert sorted(value for value, _ in areas) == pytest.approx(sorted(f.area_mm2 for f in shown.findings))


@pytest.mark.parametrize(("keyword", "name"), [("StudyInstanceUID", "Study Instance UID"),
                                               ("SeriesInstanceUID", "Series Instance UID"),
                                               ("SOPInstanceUID", "SOP Instance UID")])
def test_a_source_without_the_uids_that_place_it_is_refused_by_name(dx, engine, tmp_path, keyword, name) -> None:
    """An SR or SEG of it could not reference it or join its study: refused, naming what is missing, and nothing
    is written (it stopped on an AttributeError from inside highdicom)."""
    source_path = Path(shutil.copy(dx[0], tmp_path / "film.dcm"))
    dataset = pydicom.dcmread(source_path)
    delattr(dataset, keyword)
    dataset.save_as(source_path)
    with pytest.raises(ValueError, match=f"the source has no {name}"):
        _export(engine, source_path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_non_square_pixels_are_exported_on_the_source_grid(engine, tmp_path) -> None:
    """The engine resamples such a film to square pixels; the SEG masks and the SR outline are on the source's."""
    source_path = write_dx(tmp_path / "narrow.dcm", np.ascontiguousarray(synthetic_chest(700, 1000, NODULES)[:, ::2]))
    dataset = pydicom.dcmread(source_path)
    dataset.PixelSpacing = dataset.ImagerPixelSpacing = [0.2, 0.4]
    dataset.save_as(source_path)
    paths, shown = _export(engine, source_path, tmp_path / "out")
    assert shown.pixel_aspect == 0.5
    binary, fractional = (pydicom.dcmread(paths[kind]) for kind in ("seg_binary", "seg_fractional"))
    assert binary.pixel_array.shape == (2, 700, 500) and fractional.pixel_array.shape == (700, 500)
    centroids = sorted((np.nonzero(frame)[1].mean(), np.nonzero(frame)[0].mean()) for frame in binary.pixel_array)
    for (x, y), (nx, ny, _) in zip(centroids, sorted(NODULES)):
        assert (x, y) == (pytest.approx(nx / 2, abs=1), pytest.approx(ny, abs=1))
