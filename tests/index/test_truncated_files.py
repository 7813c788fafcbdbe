"""A DICOM file cut short (an interrupted copy) is reported as truncated, wherever the cut falls, and never indexed.

Before, a cut inside the header was reported by its symptom ("DICOM header lacks StudyInstanceUID", "not an
image"), and a cut inside the pixel data was not noticed at all: the file was indexed (or called a duplicate copy of
its whole original) and failed only when the radiologist opened it.
"""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file
from pydicom.uid import RLELossless

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from tests.dicom_factory import make_cr
from tests.index.conftest import count


def _rle_cr(path: Path) -> Path:
    """A real RLE Lossless (encapsulated, fragment by fragment) CR file."""
    make_cr(path, rows=64, cols=64)
    ds = pydicom.dcmread(path)
    ds.compress(RLELossless)
    ds.save_as(path)
    return path


def _cut(source: Path, target: Path, keep: int) -> Path:
    data = source.read_bytes()
    assert 0 < keep < len(data)
    target.write_bytes(data[:keep])
    return target


def _pixel_data_offset(path: Path) -> int:
    """Where the Pixel Data element's value starts in the file."""
    return int(pydicom.dcmread(path)["PixelData"].file_tell)


@pytest.mark.parametrize("where", ["file meta", "header", "pixel data"])
@pytest.mark.parametrize("encoding", ["native", "rle"])
def test_a_file_cut_anywhere_is_reported_as_truncated(index: StudyIndex, tmp_path: Path, where: str,
                                                      encoding: str) -> None:
    whole = tmp_path / "whole" / "cr.dcm"
    whole.parent.mkdir()
    _rle_cr(whole) if encoding == "rle" else make_cr(whole, rows=64, cols=64)
    pixels = _pixel_data_offset(whole)
    keep = {"file meta": 150, "header": (150 + pixels) // 2, "pixel data": pixels + 100}[where]
    cut = _cut(whole, tmp_path / f"cut_{keep}.dcm", keep)
    report = import_paths(index, [cut])
    assert report.added == 0
    [(path, reason)] = report.failed
    assert path == cut and reason.startswith(("truncated file", "truncated or damaged file")), reason
    assert "lacks" not in reason and "not an image" not in reason


def test_whole_files_of_both_encodings_still_import(index: StudyIndex, tmp_path: Path) -> None:
    make_cr(tmp_path / "native.dcm", rows=64, cols=64)
    _rle_cr(tmp_path / "rle.dcm")
    report = import_paths(index, [tmp_path])
    assert report.added == 2 and not report.failed


def test_a_cut_copy_of_an_indexed_file_is_truncated_not_a_duplicate(index: StudyIndex, tmp_path: Path) -> None:
    whole = make_cr(tmp_path / "a_whole.dcm", rows=64, cols=64)
    _cut(whole, tmp_path / "b_copy.dcm", whole.stat().st_size - 10)
    report = import_paths(index, [tmp_path])
    assert report.added == 1 and report.duplicates == []
    assert [(path.name, reason.split(":")[0]) for path, reason in report.failed] == [("b_copy.dcm", "truncated file")]
    assert count(index, "instance") == 1


@pytest.mark.parametrize("name", ["SC_rgb_jpeg.dcm", "MR_small_bigendian.dcm", "MR_small_implicit.dcm", "CT_small.dcm",
                                  "JPEG2000.dcm", "image_dfl.dcm"])
def test_whole_files_of_odd_encodings_are_not_called_truncated(index: StudyIndex, tmp_path: Path, name: str) -> None:
    """pydicom's own sample files: big endian, implicit VR, deflated, and a JPEG file declared explicit VR whose
    Pixel Data element is written implicit (the check reads the element header as it is, not as declared)."""
    report = import_paths(index, [get_testdata_file(name)])
    assert report.added == 1 and not report.failed, report.failed


@pytest.mark.parametrize("name", ["MR_truncated.dcm", "rtplan_truncated.dcm"])
def test_pydicoms_truncated_samples_are_reported(index: StudyIndex, name: str) -> None:
    [(_, reason)] = import_paths(index, [get_testdata_file(name)]).failed
    assert reason.startswith("truncated file"), reason
