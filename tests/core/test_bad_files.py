"""Every kind of unusable file is refused with an ImageLoadError that names the file and says why."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image
from pydicom.encaps import encapsulate

from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.core.loader import load_image
from tests.dicom_factory import make_cr, make_encapsulated_pdf, make_sr


def refusal(path: Path, **kwargs) -> str:
    with pytest.raises(ImageLoadError) as caught:
        load_image(path, **kwargs)
    error = caught.value
    assert error.path == path
    assert str(error) == f"{path.name}: {error.reason}"
    return error.reason


def test_pixel_data_cut_short_is_called_truncated(tmp_path):
    whole = make_cr(tmp_path / "whole.dcm", rows=100, cols=100).read_bytes()
    cut = tmp_path / "cut.dcm"
    cut.write_bytes(whole[:-500])
    reason = refusal(cut)
    assert "truncated" in reason and "PixelData has 19,500 of its 20,000 bytes" in reason


def test_file_cut_inside_the_header_is_called_truncated(tmp_path):
    whole = make_cr(tmp_path / "whole.dcm").read_bytes()
    for length, name in ((370, "mid_element.dcm"), (250, "meta_only.dcm")):
        cut = tmp_path / name
        cut.write_bytes(whole[:length])
        assert "truncated" in refusal(cut)


def test_structured_report_contains_no_image(tmp_path):
    reason = refusal(make_sr(tmp_path / "report.dcm"))
    assert reason == "contains no image (SOP class Basic Text SR Storage, 1.2.840.10008.5.1.4.1.1.88.11)"


def test_encapsulated_pdf_contains_no_image(tmp_path):
    reason = refusal(make_encapsulated_pdf(tmp_path / "letter.dcm"))
    assert reason == "contains no image (SOP class Encapsulated PDF Storage, 1.2.840.10008.5.1.4.1.1.104.1)"


@pytest.mark.parametrize(
    ("syntax", "expected"),
    [
        ("1.2.840.10008.1.2.4.100", "unsupported transfer syntax MPEG2 Main Profile / Main Level (1.2.840.10008.1.2.4.100)"),
        ("1.2.3.4.5.6", "unsupported transfer syntax 1.2.3.4.5.6"),
    ],
)
def test_unsupported_transfer_syntax(tmp_path, syntax, expected):
    ds = pydicom.dcmread(make_cr(tmp_path / "plain.dcm"))
    ds.file_meta.TransferSyntaxUID = syntax
    ds.PixelData = encapsulate([b"\x00\x01" * 64])
    ds["PixelData"].VR = "OB"
    path = tmp_path / "video.dcm"
    ds.save_as(path, enforce_file_format=True)
    assert refusal(path) == expected


def test_garbage_bytes(tmp_path):
    noise = np.random.default_rng(0).integers(0, 256, 5000, dtype=np.uint8).tobytes()
    for name, expected in (("noise.dcm", "not a DICOM file"), ("noise", "not a DICOM file"),
                           ("noise.png", "not a readable .png image")):
        path = tmp_path / name
        path.write_bytes(noise)
        assert expected in refusal(path)


def test_a_few_bytes_of_text_are_not_called_a_truncated_dicom_file(tmp_path):
    """Read as a bare data set (no 'DICM' mark), five bytes of text parse to no element at all; that said "file is
    truncated: no data set follows the file meta information", of a file that has no file meta information."""
    for name in ("notes.txt", "notes"):
        path = tmp_path / name
        path.write_text("hello")
        assert refusal(path) == "not a DICOM file or a supported image format"


def test_a_jpeg_cut_short_is_refused_not_shown_with_grey_rows(tmp_path):
    """libjpeg decodes a cut JPEG with a warning on stderr only; the missing rows came back grey."""
    whole = tmp_path / "whole.jpg"
    Image.fromarray(np.random.default_rng(0).integers(0, 256, (300, 200), dtype=np.uint8)).save(whole, quality=90)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 9 // 10])
    assert load_image(whole).shape == (300, 200)
    assert "cut short" in refusal(cut)


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.dcm"
    empty.touch()
    assert refusal(empty) == "file is empty (0 bytes)"
    assert refusal(tmp_path / "gone.dcm") == "file not found"
    assert refusal(tmp_path) == "is a folder, not a file"


def test_huge_image_is_refused_from_its_header(tmp_path):
    """20000×20000 declared, 128 bytes present: the size check must fire before any decoding is attempted."""
    path = make_cr(tmp_path / "huge.dcm", pixels=np.zeros((8, 8), np.uint16), Rows=20000, Columns=20000)
    reason = refusal(path)
    assert reason == "image is too large: 20000×20000 = 400,000,000 pixels (800 MB), over the limit of 100,000,000"
    assert "too large" in refusal(make_cr(tmp_path / "small.dcm", rows=20, cols=20), max_pixels=399)


def test_image_class_without_pixel_data(tmp_path):
    path = make_cr(tmp_path / "no_pixels.dcm", PixelData=None)
    assert refusal(path) == (
        "has no Pixel Data (SOP class Computed Radiography Image Storage, 1.2.840.10008.5.1.4.1.1.1)"
    )


def test_error_pickles_and_reads_well():
    error = ImageLoadError(Path("/data/x/img.dcm"), "file is empty (0 bytes)")
    assert str(error) == "img.dcm: file is empty (0 bytes)"
    import pickle

    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason) == (error.path, error.reason)


def test_garbage_after_the_dicm_mark_is_called_damaged(tmp_path):
    """pydicom parses the garbage as elements; the last one's absurd length read as "truncated: (8A1F,0408) has 392
    of its 1,236,547,076 bytes", which told the user nothing."""
    noise = np.random.default_rng(1).integers(0, 256, 5000, dtype=np.uint8).tobytes()
    path = tmp_path / "damaged.dcm"
    path.write_bytes(b"\0" * 128 + b"DICM" + noise)
    assert refusal(path) == "damaged: the 'DICM' mark is there but no readable DICOM header follows it"
