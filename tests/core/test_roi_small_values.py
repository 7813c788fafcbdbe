"""An ROI's mean and SD on a film whose modality values are small: as many decimals as the values need.

The mean and SD were written with one decimal whatever the values, so on a film with Rescale Slope 0.00001 (stored
0–995, modality values 0–0.00995) an ROI read ``mean 0.0 SD 0.0 min 0.001 max 0.00595``: a mean below the minimum
and no spread, while the corner text and the readout show such films in full. Found in an integration review (an
ROI on a film whose modality values differ from a CR's). A CR written with pydicom, read by the viewer's loader.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from cxr_viewer.core.loader import load_image
from cxr_viewer.core.roi_stats import roi_stats, roi_text
from tests import dicom_factory

BOX = (20, 20, 120, 120)
RAMP = np.tile(np.arange(200, dtype=np.uint16) * 5, (200, 1))  # each column its own value


def _figures(tmp_path, slope: float, pixels: np.ndarray = RAMP) -> tuple[dict[str, float], str, object]:
    path = dicom_factory.make_cr(tmp_path / "film.dcm", rows=200, cols=200, spacing=0.2, pixels=pixels,
                                 RescaleSlope=slope, RescaleIntercept=0)
    image = load_image(path)
    stats = roi_stats(image, BOX)
    line = roi_text(BOX, image.spacing, stats).splitlines()[1]
    return {name: float(value) for name, value in re.findall(r"(mean|SD|min|max) (\S+)", line)}, line, stats


@pytest.mark.parametrize("slope", [1e-5, 1e-3])
def test_small_values_keep_their_mean_and_spread(tmp_path, slope):
    shown, line, stats = _figures(tmp_path, slope)
    assert shown["min"] <= shown["mean"] <= shown["max"], line
    assert shown["mean"] == pytest.approx(stats.mean, rel=0.02), line  # two significant digits at least
    assert shown["SD"] == pytest.approx(stats.sd, rel=0.05), line


def test_a_uniform_small_value_is_shown_not_rounded_away(tmp_path):
    shown, line, _stats = _figures(tmp_path, 1e-5, np.full((200, 200), 500, np.uint16))
    assert line.startswith("mean 0.0050 SD 0.0000 min 0.005 max 0.005 n=")


def test_values_of_one_and_more_keep_one_decimal(tmp_path):
    _shown, line, _stats = _figures(tmp_path, 1.0)
    assert re.match(r"mean \d+\.\d SD \d+\.\d min \d+ max \d+ n=7860$", line), line
