"""Calibration sources, distances and window presets."""

from __future__ import annotations

import numpy as np
import pytest
from pydicom.dataset import Dataset

from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from cxr_viewer.core.image import VoiFunction
from cxr_viewer.core.spacing import UNCALIBRATED, display_aspect, distance, pixel_spacing
from cxr_viewer.core.voi import window_to_unit
from cxr_viewer.core.windows import auto_window, default_presets, dicom_presets


def header(**tags) -> Dataset:
    ds = Dataset()
    for keyword, value in tags.items():
        setattr(ds, keyword, value)
    return ds


def test_pixel_spacing_different_from_imager_spacing_wins_as_calibrated():
    spacing = pixel_spacing(header(PixelSpacing=[0.2, 0.25], ImagerPixelSpacing=[0.3, 0.3]))
    assert spacing == PixelSpacing(0.2, 0.25, SpacingSource.CALIBRATED)


def test_imager_spacing_corrected_by_magnification():
    spacing = pixel_spacing(header(ImagerPixelSpacing=[0.165, 0.132], EstimatedRadiographicMagnificationFactor=1.1))
    assert spacing.source is SpacingSource.IMAGER_CORRECTED
    assert (spacing.row_mm, spacing.col_mm) == pytest.approx((0.15, 0.12))


def test_imager_spacing_at_the_detector():
    spacing = pixel_spacing(header(ImagerPixelSpacing=[0.14, 0.14], EstimatedRadiographicMagnificationFactor=0))
    assert spacing == PixelSpacing(0.14, 0.14, SpacingSource.IMAGER_AT_DETECTOR)


@pytest.mark.parametrize("bad", [[0, 0], [-0.1, 0.1], [0.1], [0.1, 0.1, 0.1], "0\\0"])
def test_unusable_values_mean_uncalibrated(bad):
    spacing = pixel_spacing(header(PixelSpacing=bad))
    assert spacing == PixelSpacing(None, None, SpacingSource.NONE) and not spacing.calibrated


def test_rg1_zero_spacing_falls_back_to_imager_spacing_when_present():
    assert pixel_spacing(header(PixelSpacing="0\\0")).source is SpacingSource.NONE
    assert pixel_spacing(header(PixelSpacing="0\\0", ImagerPixelSpacing=[0.1, 0.1])).source is (
        SpacingSource.IMAGER_AT_DETECTOR)
    assert pixel_spacing(header()).source is SpacingSource.NONE


def test_distance_in_mm_and_in_pixels():
    calibrated = PixelSpacing(0.5, 0.2, SpacingSource.PIXEL_SPACING)
    assert distance((0, 0), (30, 0), calibrated) == (pytest.approx(6.0), "mm")  # 30 columns × 0.2 mm
    assert distance((0, 0), (0, 8), calibrated) == (pytest.approx(4.0), "mm")  # 8 rows × 0.5 mm
    assert distance((1, 1), (4, 5), PixelSpacing(None, None, SpacingSource.NONE)) == (5.0, "px")


def test_display_aspect_from_spacing_then_pixel_aspect_ratio():
    assert display_aspect(PixelSpacing(0.2, 0.1, SpacingSource.PIXEL_SPACING)) == pytest.approx(0.5)
    assert display_aspect(UNCALIBRATED, header(PixelAspectRatio=[5, 4])) == pytest.approx(0.8)  # vertical\horizontal
    assert display_aspect(UNCALIBRATED, header(PixelAspectRatio=[0, 4])) == 1.0
    assert display_aspect(UNCALIBRATED, None) == 1.0


def test_dicom_presets_keep_every_pair_with_its_explanation_and_function():
    ds = header(WindowCenter=[40, -600, 5], WindowWidth=[400, 1500, 0],
                WindowCenterWidthExplanation=["MEDIASTINUM", "LUNG", "BROKEN"], VOILUTFunction="SIGMOID")
    presets = dicom_presets(ds)
    assert [(p.center, p.width, p.name, p.function) for p in presets] == [
        (40.0, 400.0, "MEDIASTINUM", VoiFunction.SIGMOID), (-600.0, 1500.0, "LUNG", VoiFunction.SIGMOID)]
    single = dicom_presets(header(WindowCenter=100, WindowWidth=50))
    assert [(p.name, p.function, p.origin) for p in single] == [("DICOM window 1", VoiFunction.LINEAR, "dicom")]
    assert dicom_presets(header()) == []


def test_auto_window_spans_the_percentiles_and_ignores_padding():
    values = np.arange(1000, dtype=np.float32).reshape(25, 40)
    padding = values >= 900
    preset = auto_window(values, padding, low_pct=0, high_pct=100)
    assert window_to_unit(np.array([0.0, 899.0]), preset.center, preset.width).tolist() == [0.0, 1.0]
    assert preset.origin == "auto"


def test_default_presets_follow_display_order_for_monochrome1():
    rng = np.random.default_rng(1)
    values = rng.normal(2000, 500, (200, 200)).astype(np.float32)
    plain = {p.name: p for p in default_presets(values)}
    assert list(plain) == ["Auto", "Lung", "Mediastinum", "Bone"]
    assert all(p.origin == "default" for p in plain.values())
    assert plain["Lung"].center < plain["Auto"].center < plain["Mediastinum"].center
    negated = {p.name: p for p in default_presets(-values, monochrome1=True)}
    assert negated["Lung"].center == pytest.approx(-plain["Lung"].center + 1, abs=2)
    assert negated["Lung"].width == pytest.approx(plain["Lung"].width, rel=1e-3)
