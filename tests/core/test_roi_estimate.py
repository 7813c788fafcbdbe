"""An ROI's figures while dragged (estimates from a bounded sample of the box) and the unit of its values, on real
DICOM written with pydicom."""

from __future__ import annotations

import numpy as np
import pytest

from cxr_viewer.core.loader import load_image
from cxr_viewer.core.roi_stats import roi_stats, roi_text
from cxr_viewer.core.spacing import UNCALIBRATED
from tests import dicom_factory


def test_a_limit_reads_at_most_that_many_pixels_and_says_so(tmp_path):
    pixels = np.random.default_rng(3).integers(0, 1000, (600, 600), dtype=np.uint16)
    film = load_image(dicom_factory.make_cr(tmp_path / "cr.dcm", rows=600, cols=600, spacing=None, pixels=pixels,
                                            RescaleSlope=2, RescaleIntercept=-100))
    box = (10.0, 20.0, 590.0, 580.0)
    exact, estimate = roi_stats(film, box), roi_stats(film, box, limit=10_000)
    assert (exact.step, exact.read) == (1, exact.count) and exact.count > 200_000
    assert estimate.step > 1 and 0 < estimate.read <= 10_000
    assert estimate.count == pytest.approx(exact.count, rel=0.02)  # the sample's count, scaled up
    assert estimate.mean == pytest.approx(exact.mean, rel=0.02) and estimate.low >= exact.low
    assert roi_text(box, UNCALIBRATED, estimate).splitlines()[1].startswith("≈ mean ")
    assert f"n≈{estimate.count}" in roi_text(box, UNCALIBRATED, estimate)
    assert "≈" not in roi_text(box, UNCALIBRATED, exact)
    small = (10.0, 10.0, 60.0, 60.0)  # within the limit: every pixel, no estimate
    assert roi_stats(film, small, limit=10_000) == roi_stats(film, small)


def test_the_figures_carry_the_unit_the_pixel_readout_names(tmp_path):
    ct = load_image(dicom_factory.make_ct_like(tmp_path / "ct.dcm", pixels=np.full((64, 64), 1064, np.int16)))
    text = roi_text((0.0, 0.0, 10.0, 10.0), UNCALIBRATED, roi_stats(ct, (0.0, 0.0, 10.0, 10.0)))
    assert text.endswith("mean 40.0 SD 0.0 min 40 max 40 (HU) n=80")
    cr = load_image(dicom_factory.make_cr(tmp_path / "cr.dcm", rows=20, cols=20, spacing=None,
                                          pixels=np.full((20, 20), 7, np.uint16), RescaleType="US"))
    assert roi_text((0.0, 0.0, 10.0, 10.0), UNCALIBRATED, roi_stats(cr, (0.0, 0.0, 10.0, 10.0))).endswith(
        "mean 7.0 SD 0.0 min 7 max 7 n=80")  # "US" is unspecified: no unit, as in the readout
