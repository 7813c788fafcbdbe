"""Decoding real files: pydicom-data radiographs in every codec, colour, multi-frame and the shared MONOCHROME1 twin."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset
from pydicom.pixels import apply_voi_lut
from pydicom.uid import JPEGLSLossless, RLELossless

from cxr_viewer.core.calibration import SpacingSource
from cxr_viewer.core.loader import load_image
from cxr_viewer.core.pixels import render_uint8
from tests.dicom_factory import make_cr, make_ct_like, make_multiframe, make_rgb


def pydicom_data_file(name: str) -> Path:
    path = get_testdata_file(name)
    if path is None:
        pytest.skip(f"pydicom-data does not provide {name}")
    return Path(path)


@pytest.fixture(scope="module")
def rg1():
    return load_image(pydicom_data_file("RG1_UNCR.dcm"))


def test_rg1_uncompressed_matches_pydicom_and_its_header(rg1):
    reference = pydicom.dcmread(pydicom_data_file("RG1_UNCR.dcm")).pixel_array
    assert rg1.shape == (1955, 1841)
    assert np.array_equal(rg1.stored, reference)
    assert rg1.photometric == "MONOCHROME1" and rg1.default_invert
    assert rg1.spacing.source is SpacingSource.NONE  # its PixelSpacing is "0\0"
    assert (rg1.windows[0].center, rg1.windows[0].width, rg1.windows[0].origin) == (15000.0, 30000.0, "dicom")
    assert rg1.dataset is not None and "PixelData" not in rg1.dataset
    assert rg1.metadata["Rows"] == 1955 and rg1.metadata["BitsStored"] == 15
    assert rg1.metadata["PatientName"] == "CompressedSamples^RG1"


def test_lossless_jpeg2000_decodes_identically(rg1):
    assert np.array_equal(load_image(pydicom_data_file("RG1_J2KR.dcm")).stored, rg1.stored)


def test_lossy_jpeg2000_is_close_and_matches_its_uncompressed_copy(rg1):
    """RG1_UNCI is the decoded lossy image stored uncompressed, so J2KI must reproduce it exactly."""
    lossy = load_image(pydicom_data_file("RG1_J2KI.dcm"))
    assert np.array_equal(lossy.stored, load_image(pydicom_data_file("RG1_UNCI.dcm")).stored)
    difference = np.abs(lossy.modality - rg1.modality)
    assert 0 < difference.mean() < 0.01 * float(rg1.modality.max())


@pytest.mark.parametrize(("syntax", "plugin"), [(RLELossless, "pylibjpeg"), (JPEGLSLossless, "pyjpegls")])
def test_reencoded_rg1_decodes_identically(tmp_path, rg1, syntax, plugin):
    ds = pydicom.dcmread(pydicom_data_file("RG1_UNCR.dcm"))
    try:
        ds.compress(syntax, encoding_plugin=plugin)
    except (RuntimeError, ValueError) as error:
        pytest.skip(f"no {plugin} encoder for {syntax.name}: {error}")
    path = tmp_path / "rg1_reencoded.dcm"
    ds.save_as(path, enforce_file_format=True)
    assert np.array_equal(load_image(path).stored, rg1.stored)


def test_rg1_voi_lut_window_matches_pydicom(rg1):
    """pydicom's own LINEAR windowing (output in the stored range) agrees with ours to one grey level."""
    ds = pydicom.dcmread(pydicom_data_file("RG1_UNCR.dcm"))
    theirs = apply_voi_lut(ds.pixel_array.astype(np.float64), ds, prefer_lut=False)
    theirs_unit = theirs / (2**ds.BitsStored - 1)  # pydicom maps the window onto the stored range
    ours = render_uint8(rg1, 15000, 30000, invert=False).astype(float) / 255
    assert np.abs(ours - theirs_unit).max() <= 1 / 255 + 1e-6


def test_odd_high_bit_through_the_loader(tmp_path):
    words = (np.arange(16, dtype=np.uint16).reshape(4, 4) * 100) << 4 | 0x000F  # junk in the low 4 bits
    path = make_cr(tmp_path / "high.dcm", pixels=words, bits_stored=12, HighBit=15)
    assert load_image(path).stored.tolist() == (np.arange(16).reshape(4, 4) * 100).tolist()


def test_signed_ct_goes_through_rescale(tmp_path):
    pixels = np.array([[-1000, 0], [24, 3000]], np.int16)
    image = load_image(make_ct_like(tmp_path / "ct.dcm", pixels=pixels, slope=1, intercept=-1024))
    assert image.stored.tolist() == pixels.tolist()
    assert image.modality.tolist() == [[-2024.0, -1024.0], [-1000.0, 1976.0]]
    assert [w.name for w in image.windows[:2]] == ["LUNG", "MEDIASTINUM"]


@pytest.mark.parametrize("planar", [0, 1])
def test_rgb_secondary_capture_either_planar_configuration(tmp_path, planar):
    pixels = np.random.default_rng(4).integers(0, 256, (6, 5, 3), dtype=np.uint8)
    image = load_image(make_rgb(tmp_path / f"rgb{planar}.dcm", pixels=pixels, planar=planar))
    assert image.is_rgb and image.modality.dtype == np.uint8
    assert np.array_equal(image.modality, pixels)
    assert np.array_equal(render_uint8(image, 0, 1, invert=False), pixels)


def test_ybr_colour_is_converted_to_rgb():
    image = load_image(pydicom_data_file("SC_ybr_full_422_uncompressed.dcm"))
    reference = load_image(pydicom_data_file("SC_rgb.dcm"))
    assert image.is_rgb and image.photometric == "RGB"
    difference = np.abs(image.modality.astype(int) - reference.modality.astype(int))
    assert difference.max() <= 8 and difference.mean() < 1  # the YBR copy went through JPEG once


def test_multiframe_shows_the_first_frame(tmp_path):
    image = load_image(make_multiframe(tmp_path / "frames.dcm", frames=3))
    assert image.frame_count == 3
    assert image.shape == (16, 16) and set(np.unique(image.modality)) == {100.0}


def test_metadata_is_plain_and_complete(tmp_path):
    image = load_image(make_cr(tmp_path / "meta.dcm", rows=10, cols=12, PatientName="Doe^Jane", AccessionNumber=None))
    meta = image.metadata
    assert meta["PatientName"] == "Doe^Jane" and meta["AccessionNumber"] == ""
    assert (meta["Rows"], meta["Columns"], meta["SeriesNumber"], meta["Modality"]) == (10, 12, 1, "CR")
    for key in ("PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "SeriesInstanceUID",
                "SOPInstanceUID", "SOPClassUID", "StudyDate", "StudyTime", "StudyDescription", "SeriesDescription",
                "InstanceNumber", "BodyPartExamined", "ViewPosition", "BitsStored"):
        assert isinstance(meta[key], (str, int)) and meta[key] != ""


def test_shared_monochrome1_twin_renders_as_the_negative(shared):
    folder = shared / "data" / "dicom"
    mono2 = load_image(folder / "1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819.dcm")
    mono1 = load_image(folder / "Fake_MONOHR1.dcm")
    assert (mono2.photometric, mono1.photometric) == ("MONOCHROME2", "MONOCHROME1")
    shown2 = render_uint8(mono2, 128, 256, invert=mono2.default_invert).astype(int)
    shown1 = render_uint8(mono1, 128, 256, invert=mono1.default_invert).astype(int)
    assert shown2.std() > 10
    assert np.abs(shown1 + shown2 - 255).max() <= 1


def test_voi_lut_sequence_and_padding_come_through_the_loader(tmp_path):
    lut_item = Dataset()
    lut_item.LUTDescriptor = [3, 100, 8]
    lut_item.LUTData = np.array([0, 128, 255], "<u2").tobytes()  # OW, 8-bit entries in 16-bit words
    lut_item.LUTExplanation = "SOFT"
    pixels = np.array([[0, 100, 101], [102, 500, 0]], np.uint16)
    image = load_image(make_cr(tmp_path / "voi.dcm", pixels=pixels, VOILUTSequence=[lut_item], PixelPaddingValue=0))
    assert [(lut.name, lut.first_mapped, lut.bits, lut.table.tolist()) for lut in image.voi_luts] == [
        ("SOFT", 100, 8, [0, 128, 255])]
    assert image.padding_mask.tolist() == [[True, False, False], [False, False, True]]
    shown = render_uint8(image, 0, 1, invert=False, voi_lut=image.voi_luts[0])
    assert shown.tolist() == [[0, 0, 128], [255, 255, 0]]


def test_enhanced_functional_groups_supply_spacing_and_rescale(tmp_path):
    measures, transform, group = Dataset(), Dataset(), Dataset()
    measures.PixelSpacing = [0.4, 0.5]
    transform.RescaleSlope, transform.RescaleIntercept, transform.RescaleType = 2, 10, "US"
    group.PixelMeasuresSequence = [measures]
    group.PixelValueTransformationSequence = [transform]
    image = load_image(make_multiframe(tmp_path / "enhanced.dcm", frames=2, SharedFunctionalGroupsSequence=[group]))
    assert image.spacing.source is SpacingSource.PIXEL_SPACING and image.spacing.col_mm == 0.5
    assert set(np.unique(image.modality)) == {210.0}
    assert "RescaleSlope" not in image.dataset  # the top level of the file itself is left as it was
