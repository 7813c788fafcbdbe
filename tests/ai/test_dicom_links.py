"""What ties the exported objects together and says what their numbers rest on: a nodule's SR region and its
binary SEG segment share a tracking identity, the SR lists its SEGs as evidence, and the pixel spacing behind the
mm figures (the user's ``--pixel-spacing`` on an uncalibrated CR included) is named in the SR and the JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import highdicom as hd
import numpy as np
import pydicom
import pytest
from matplotlib.path import Path as Polygon
from pydicom.data import get_testdata_file

from cxr_ai.cli import EXIT_OK, main
from cxr_ai.dicom.export import export_dicom
from cxr_ai.engine.image_input import engine_input
from cxr_viewer.core.loader import load_image
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest
from tests.dicom_validation import dciodvfy_errors

NODULES = [(300.0, 400.0, 40.0), (720.0, 250.0, 25.0)]


@pytest.fixture(scope="module")
def dx(engine, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("links")
    source_path = write_dx(folder / "chest.dcm", synthetic_chest(700, 1000, NODULES), spacing_mm=0.2)
    analysis = engine.analyse([engine_input(load_image(source_path))])[0]
    written = export_dicom(source_path, engine.select(analysis.result, "sens"), analysis, engine, folder / "out",
                           "chest").written
    return source_path, {p.stem.removeprefix("chest_"): p for p in written}


def _algorithm_parameters(sr: pydicom.Dataset, measurement: str) -> list[list[str]]:
    """The Algorithm Parameters (TID 4019) under each NUM item named ``measurement``."""
    def items(dataset):
        for item in dataset.get("ContentSequence", []):
            yield item
            yield from items(item)
    return [[i.TextValue for i in items(num) if i.ConceptNameCodeSequence[0].CodeMeaning == "Algorithm Parameters"]
            for num in items(sr) if num.ConceptNameCodeSequence[0].CodeMeaning == measurement]


def test_each_sr_region_and_its_seg_segment_share_one_tracking_identity(dx) -> None:
    """A viewer pairs a finding's SR group and SEG segment by Tracking UID: each SR group finds exactly one
    segment, with the same tracking identifier, and that segment is the region the group's outline encloses."""
    _, paths = dx
    sr, seg = hd.sr.srread(paths["sr"]), hd.seg.segread(paths["seg_binary"])
    groups = sr.content.get_planar_roi_measurement_groups()
    assert len(groups) == len(NODULES)
    rows, cols = np.mgrid[0 : seg.Rows, 0 : seg.Columns]
    centres = np.c_[cols.ravel(), rows.ravel()]
    masks = seg.pixel_array
    for group in groups:
        (number,) = seg.get_segment_numbers(tracking_uid=group.tracking_uid)
        description = seg.get_segment_description(number)
        assert description.tracking_id == group.tracking_identifier
        assert description.segment_label.startswith(group.tracking_identifier)
        outline = np.asarray(group.roi.value).reshape(-1, 2) - 0.5
        inside = Polygon(outline).contains_points(centres).reshape(masks.shape[1:])
        assert np.array_equal(masks[number - 1].astype(bool), inside)
    assert len({group.tracking_uid for group in groups}) == len(groups)


def test_the_sr_lists_the_source_and_both_segs_as_evidence(dx) -> None:
    source_path, paths = dx
    expected = {pydicom.dcmread(path).SOPInstanceUID
                for path in (source_path, paths["seg_binary"], paths["seg_fractional"])}
    evidence = hd.sr.srread(paths["sr"]).get_evidence()
    assert {uid for _, _, uid, _ in evidence} == expected
    for path in paths.values():
        assert not dciodvfy_errors(path), "\n".join(dciodvfy_errors(path))


def test_the_sr_names_the_files_own_spacing_behind_its_mm_figures(dx) -> None:
    _, paths = dx
    parameters = _algorithm_parameters(pydicom.dcmread(paths["sr"]), "Diameter")
    assert parameters and all(p == [parameters[0][0]] for p in parameters)
    assert "0.2\\0.2 mm" in parameters[0][0] and "given by the user" not in parameters[0][0]


def test_a_users_pixel_spacing_on_an_uncalibrated_cr_is_recorded_in_the_sr_and_the_json(model_dir: Path,
                                                                                         tmp_path: Path) -> None:
    """pydicom-data's RG1_UNCR has Pixel Spacing 0\\0: with ``--pixel-spacing 0.3`` the SR's diameters and areas
    are the user's millimetres, so the SR must say so (it said nothing), and the JSON as well."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(get_testdata_file("RG1_UNCR.dcm"), inputs / "cr.dcm")
    out = tmp_path / "out"
    assert main(["detect", str(inputs), "--out", str(out / "results.json"), "--models", str(model_dir),
                 "--device", "cpu", "--no-cache", "--pixel-spacing", "0.3", "--dicom-out", str(out)]) == EXIT_OK
    (image,) = json.loads((out / "results.json").read_text())["images"]
    assert image["pixel_spacing_mm"] == [0.3, 0.3] and image["spacing_source"] == "given by the user"
    assert image["findings"] and all(f["diameter_mm"] is not None for f in image["findings"])
    sr = pydicom.dcmread(out / "cr_sr.dcm")
    for measurement in ("Diameter", "Area"):
        parameters = _algorithm_parameters(sr, measurement)
        assert len(parameters) == len(image["findings"])
        assert all(p == ["pixel spacing (row\\column) 0.3\\0.3 mm; source: given by the user"] for p in parameters)
    units = {i.MeasuredValueSequence[0].MeasurementUnitsCodeSequence[0].CodeValue
             for i in sr.ContentSequence[-1].ContentSequence[0].ContentSequence if i.ValueType == "NUM"}
    assert units == {"1", "mm", "mm2"}  # still UCUM millimetres, now with their basis named
    library = [i for i in sr.ContentSequence if i.ConceptNameCodeSequence[0].CodeMeaning == "Image Library"]
    descriptors = {i.ConceptNameCodeSequence[0].CodeMeaning
                   for i in library[0].ContentSequence[0].ContentSequence[0].ContentSequence}
    assert not descriptors & {"Horizontal Pixel Spacing", "Vertical Pixel Spacing"}  # the image's, which it lacks
    for path in sorted(out.glob("*.dcm")):
        assert not dciodvfy_errors(path), "\n".join(dciodvfy_errors(path))
