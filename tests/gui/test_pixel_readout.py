"""The status bar's readout of the pixel under the cursor (``gui.pixel_readout``, Qt-free), worked out by hand.

The films are real DICOM files written with pydicom and decoded by the viewer's loader. Pixel (c, r) covers
[c, c+1) × [r, r+1), so the readout floors the point; the modality value is the stored one through the Rescale
Slope/Intercept, with its unit when the file names one (Rescale Type, Modality LUT Type). The readout gives no
millimetres (those are the distance tool's), so a calibrated and an uncalibrated film read alike.
"""

from __future__ import annotations

import numpy as np
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from cxr_viewer.core.loader import load_image
from cxr_viewer.gui.pixel_readout import pixel_readout
from tests import dicom_factory

RAMP = np.arange(100, dtype=np.uint16).reshape(10, 10)  # pixel (c, r) holds 10·r + c


def test_a_point_reads_the_pixel_drawn_under_it_stored_and_modality_value(tmp_path):
    image = load_image(dicom_factory.make_cr(tmp_path / "a.dcm", rows=10, cols=10, pixels=RAMP, RescaleSlope=2,
                                             RescaleIntercept=-1000))
    # (2.7, 3.2) lies in pixel column 2, row 3: stored 32, value 2·32 − 1000 = −936
    assert pixel_readout(image, 2.7, 3.2) == "x 2  y 3   stored 32   value -936"
    assert pixel_readout(image, 2.0, 3.999) == "x 2  y 3   stored 32   value -936"  # floored, never rounded up
    assert pixel_readout(image, 9.99, 9.99) == "x 9  y 9   stored 99   value -802"  # the last pixel: 198 − 1000


def test_a_fractional_modality_value_is_shown_as_it_is(tmp_path):
    image = load_image(dicom_factory.make_cr(tmp_path / "a.dcm", rows=10, cols=10, pixels=RAMP, RescaleSlope=0.5,
                                             RescaleIntercept=0))
    assert pixel_readout(image, 3.5, 0.5) == "x 3  y 0   stored 3   value 1.5"


def test_outside_the_film_there_is_no_readout(tmp_path):
    image = load_image(dicom_factory.make_cr(tmp_path / "a.dcm", rows=10, cols=10, pixels=RAMP))
    for x, y in ((-0.01, 5), (5, -0.5), (10.0, 5), (5, 10.0), (-3, 12)):
        assert pixel_readout(image, x, y) == "", (x, y)
    assert pixel_readout(image, 0.0, 0.0) == "x 0  y 0   stored 0   value 0"  # the first pixel's corner is inside


def test_a_colour_pixel_reads_its_three_samples(tmp_path):
    pixels = np.zeros((2, 3, 3), np.uint8)
    pixels[0, 1] = (10, 20, 255)
    image = load_image(dicom_factory.make_rgb(tmp_path / "rgb.dcm", pixels=pixels))
    assert pixel_readout(image, 1.5, 0.5) == "x 1  y 0   stored [10, 20, 255]   value [ 10  20 255]"


def test_calibration_does_not_change_the_readout(tmp_path):
    calibrated = load_image(dicom_factory.make_cr(tmp_path / "mm.dcm", rows=10, cols=10, pixels=RAMP, spacing=0.2))
    uncalibrated = load_image(dicom_factory.make_cr(tmp_path / "px.dcm", rows=10, cols=10, pixels=RAMP, spacing=None))
    assert calibrated.spacing.calibrated and not uncalibrated.spacing.calibrated
    assert pixel_readout(calibrated, 4.5, 6.5) == pixel_readout(uncalibrated, 4.5, 6.5) == (
        "x 4  y 6   stored 64   value 64")


def test_the_modality_value_carries_its_unit(tmp_path):
    """Rescale Type (0028,1054), or Modality LUT Type (0028,3004) with a table, names the modality value's unit;
    "US" means unspecified and adds nothing."""
    pixels = RAMP.astype(np.int16)
    hounsfield = load_image(dicom_factory.make_ct_like(tmp_path / "ct.dcm", rows=10, cols=10, pixels=pixels))
    assert pixel_readout(hounsfield, 2.5, 3.5) == "x 2  y 3   stored 32   value -992 HU"  # 32 − 1024
    unspecified = load_image(dicom_factory.make_cr(tmp_path / "us.dcm", rows=10, cols=10, pixels=RAMP, RescaleSlope=2,
                                                   RescaleIntercept=0, RescaleType="US"))
    assert pixel_readout(unspecified, 2.5, 3.5) == "x 2  y 3   stored 32   value 64"
    item = Dataset()
    item.LUTDescriptor = [100, 0, 16]
    item.ModalityLUTType = "OD"
    item.add_new(0x00283006, "US", list(range(0, 1000, 10)))  # LUT Data: stored v → 10·v
    table = load_image(dicom_factory.make_cr(tmp_path / "od.dcm", rows=10, cols=10, pixels=RAMP,
                                             ModalityLUTSequence=Sequence([item])))
    assert pixel_readout(table, 2.5, 3.5) == "x 2  y 3   stored 32   value 320 OD"
