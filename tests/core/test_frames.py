"""Any frame of a multi-frame DICOM file, decoded alone and read with its own functional groups."""

from __future__ import annotations

import numpy as np
import pytest
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from cxr_viewer.core.loader import load_image
from tests import dicom_factory


def _group(intercept: float, spacing: float, center: float) -> Dataset:
    """One Per-frame Functional Groups item: pixel measures, pixel value transformation, frame VOI LUT."""
    measures, transform, voi, item = Dataset(), Dataset(), Dataset(), Dataset()
    measures.PixelSpacing = [spacing, spacing]
    transform.RescaleIntercept, transform.RescaleSlope, transform.RescaleType = intercept, 1, "US"
    voi.WindowCenter, voi.WindowWidth = center, 200
    item.PixelMeasuresSequence = Sequence([measures])
    item.PixelValueTransformationSequence = Sequence([transform])
    item.FrameVOILUTSequence = Sequence([voi])
    return item


def _enhanced(path):
    ds = dicom_factory.new_dataset("1.2.840.10008.5.1.4.1.1.7.3", "OT")
    frames = np.stack([np.full((8, 10), 100 * (k + 1), np.uint16) for k in range(3)])
    dicom_factory.set_pixels(ds, frames, 12, "MONOCHROME2")
    ds.NumberOfFrames = 3
    ds.PerFrameFunctionalGroupsSequence = Sequence([_group(-10.0 * k, 0.1 * (k + 1), 50.0 * k) for k in range(3)])
    return dicom_factory.save(ds, path)


def test_each_frame_reads_its_own_pixels_and_functional_groups(tmp_path):
    from cxr_viewer.core.frames import load_frame

    first = load_image(_enhanced(tmp_path / "enhanced.dcm"))
    third = load_frame(first, 2)
    assert (third.frame_index, third.frame_count) == (2, 3)
    assert (third.stored == 300).all()
    assert third.value_at(0, 0) == pytest.approx(300 - 20)  # frame 3's intercept, not frame 1's
    assert third.spacing.row_mm == pytest.approx(0.3)
    assert third.windows[0].center == pytest.approx(100.0)
    assert first.value_at(0, 0) == pytest.approx(100) and first.spacing.row_mm == pytest.approx(0.1)


def test_a_frame_past_the_end_is_refused(tmp_path):
    from cxr_viewer.core.frames import load_frame

    first = load_image(_enhanced(tmp_path / "enhanced.dcm"))
    with pytest.raises(ValueError, match="no frame 4 of 3"):
        load_frame(first, 3)
