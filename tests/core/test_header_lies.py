"""Header values that pass a type check but would draw the film black or white, or measure it in "inf mm", are
ignored the way a missing value is: the film opens with the viewer's own windows, uncalibrated, without the table."""

from __future__ import annotations

import numpy as np
import pytest
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from cxr_viewer.core.calibration import SpacingSource
from cxr_viewer.core.loader import load_image
from cxr_viewer.core.render import render_uint8
from tests.dicom_factory import make_cr


def _lut_item(descriptor: list[int], data: list[int]) -> Dataset:
    item = Dataset()
    item.LUTDescriptor = descriptor
    item.LUTData = data
    item["LUTData"].VR = "US"
    return item


def test_a_window_of_1e308_is_not_offered(tmp_path):
    image = load_image(make_cr(tmp_path / "w.dcm", rows=16, cols=16, WindowCenter="1e308", WindowWidth="1e308"))
    first = image.windows[0]
    assert first.origin == "default"
    shown = render_uint8(image, first.center, first.width, False)
    assert shown.min() < shown.max()  # the 1e308 window overflowed float32 and drew every pixel black


@pytest.mark.parametrize("value", ["1e308\\1e308", "500\\500"])
def test_a_pixel_spacing_no_radiograph_has_means_uncalibrated(tmp_path, value):
    image = load_image(make_cr(tmp_path / "s.dcm", rows=16, cols=16, PixelSpacing=value))
    assert image.spacing.source is SpacingSource.NONE


@pytest.mark.parametrize(("descriptor", "data"), [
    ([10, 0, 0], list(range(10))),  # 0 bits: scaled by 2**0 - 1, every pixel white
    ([10, 0, 99], list(range(10))),  # 99 bits: almost black
    ([4, 0, 16], list(range(4096))),  # the descriptor keeps 4 of 4,096 entries: black
], ids=["bits-0", "bits-99", "descriptor-shorter-than-data"])
def test_a_voi_lut_whose_descriptor_lies_is_skipped(tmp_path, descriptor, data):
    path = make_cr(tmp_path / "v.dcm", rows=16, cols=16, VOILUTSequence=Sequence([_lut_item(descriptor, data)]))
    assert load_image(path).voi_luts == []


def test_a_modality_lut_shorter_in_its_descriptor_than_its_data_falls_back_to_rescale(tmp_path):
    pixels = np.arange(16, dtype=np.uint16).reshape(4, 4) * 200
    item = _lut_item([4, 0, 16], list(range(4096)))
    image = load_image(make_cr(tmp_path / "m.dcm", rows=4, cols=4, pixels=pixels,
                               ModalityLUTSequence=Sequence([item])))
    assert np.array_equal(image.modality, pixels.astype(np.float32))
