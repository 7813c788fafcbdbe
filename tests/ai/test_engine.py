"""The whole engine on synthetic radiographs: coordinates back in the input grid for odd sizes and aspect ratios,
polarity, calibration, determinism, preprocessing parity and the operating points."""

from __future__ import annotations

import dataclasses

import numpy as np
import pydicom
import pytest
from model_training.preprocess import preprocess

from cxr_ai.engine import Engine
from cxr_ai.engine.image_input import engine_input
from cxr_ai.layers import heatmap_extent
from cxr_viewer.core.frames import load_frame
from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from cxr_viewer.core.loader import load_image
from tests import dicom_factory
from tests.ai.conftest import loaded_image
from tests.ai.model_factory import build_model_set, synthetic_chest


@pytest.mark.parametrize(
    ("rows", "cols", "nodules"),
    [
        (700, 1000, [(300.0, 400.0, 40.0), (720.0, 250.0, 25.0)]),  # landscape 1000 × 700
        (1000, 700, [(250.0, 700.0, 30.0)]),  # portrait
        (517, 333, [(101.0, 250.0, 20.0)]),  # odd sizes
    ],
)
def test_findings_land_on_the_nodules_in_input_pixels(engine, rows, cols, nodules) -> None:
    image = loaded_image(synthetic_chest(rows, cols, nodules), spacing_mm=0.2)
    result = engine.detect(engine_input(image), "all")
    found = sorted((f.x, f.y, f.diameter_px, f.diameter_mm) for f in result.findings)
    expected = sorted(nodules)
    assert len(found) == len(expected), result.findings
    tolerance = 1.5 / (engine.model_set.input_size / max(rows, cols))  # 1.5 canvas pixels in image pixels
    for (x, y, diameter_px, diameter_mm), (ex, ey, radius) in zip(found, expected):
        assert (x, y) == pytest.approx((ex, ey), abs=tolerance)
        assert diameter_px == pytest.approx(2 * radius, abs=2 * tolerance)
        assert diameter_mm == pytest.approx(2 * radius * 0.2, abs=2 * tolerance * 0.2)
    assert (result.width, result.height) == (cols, rows)
    assert result.provider == "CPUExecutionProvider" and result.warnings == []


def test_non_square_pixels_are_resampled_so_the_models_see_true_proportions(engine) -> None:
    """A film with every other row dropped (0.4 × 0.2 mm pixels) showed the models a squashed chest, and its
    nodule was lost on a real film; now the canvas equals the square film's and findings map back to its grid."""
    square = loaded_image(synthetic_chest(700, 1000, [(300.0, 400.0, 40.0)]), spacing_mm=0.2)
    squashed = dataclasses.replace(square, stored=square.stored[::2], modality=square.modality[::2],
                                   spacing=PixelSpacing(0.4, 0.2, SpacingSource.PIXEL_SPACING))
    reference, analysis = engine.analyse([engine_input(square), engine_input(squashed)])
    assert np.abs(analysis.canvas - reference.canvas).mean() < 0.01
    assert analysis.result.pixel_aspect == 2.0 and (analysis.result.height, analysis.result.width) == (350, 1000)
    [finding] = analysis.result.findings
    [expected] = reference.result.findings
    assert (finding.x, finding.y) == pytest.approx((expected.x, expected.y / 2), abs=2.0)
    assert finding.diameter_mm == pytest.approx(expected.diameter_mm, rel=0.05)
    contour = np.asarray(finding.contour)
    assert np.ptp(contour[:, 0]) == pytest.approx(2 * np.ptp(contour[:, 1]), rel=0.15)  # a circle in mm
    width, height = heatmap_extent(analysis.heatmap.shape, (350, 1000), analysis.result.pixel_aspect)
    assert (width, height) == pytest.approx((1000, 350), abs=1.5)


def test_extra_frames_are_warned_of(engine) -> None:
    """The loader decodes the first frame only: that was silent."""
    item = engine_input(loaded_image(synthetic_chest(700, 1000, [(300.0, 400.0, 40.0)]), spacing_mm=0.2))
    warnings = engine.detect(dataclasses.replace(item, frame_count=3), "all").warnings
    assert any("only frame 1 of 3" in warning for warning in warnings)


def test_each_frame_shown_is_its_own_input_and_named_in_the_warning(engine, tmp_path) -> None:
    """The viewer steps through frames: a file without a SOP Instance UID was keyed by its file's hash alone, so
    frame 1's cached findings would have been served on frame 3, under a warning naming frame 1."""
    frames = np.stack([synthetic_chest(128, 128, [(40.0 + 20 * i, 60.0, 8.0)]) for i in range(3)]).astype(np.uint16)
    path = dicom_factory.make_cr(tmp_path / "frames.dcm", rows=128, cols=128, NumberOfFrames=3,
                                 PixelData=frames.tobytes())
    ds = pydicom.dcmread(path)
    del ds.SOPInstanceUID
    ds.save_as(path)
    first = load_image(path)
    third = load_frame(first, 2)
    keys = {engine_input(image).key for image in (first, load_frame(first, 1), third)}
    assert len(keys) == 3
    warnings = engine.detect(engine_input(third), "all").warnings
    assert any("only frame 3 of 3 was analysed" in warning for warning in warnings)


def test_label_strip_outside_the_lungs_is_dropped(engine) -> None:
    """The bright strip is detected by the detector model but lies > 10 mm from the lung mask."""
    image = loaded_image(synthetic_chest(700, 1000, []), spacing_mm=0.2)
    analysis = engine.analyse([engine_input(image)])[0]
    assert analysis.detection_probability.max() > 0.9  # the detector did fire on the strip
    assert analysis.result.findings == []


def test_monochrome1_gives_the_same_findings(engine) -> None:
    pixels = synthetic_chest(600, 800, [(500.0, 300.0, 30.0)])
    normal = engine.detect(engine_input(loaded_image(pixels)), "all")
    inverted = engine.detect(engine_input(loaded_image(pixels, monochrome1=True)), "all")
    assert [(f.x, f.y, f.score) for f in inverted.findings] == [(f.x, f.y, f.score) for f in normal.findings]
    assert len(normal.findings) == 1


def test_uncalibrated_image_reports_pixels_and_a_warning(engine) -> None:
    image = loaded_image(synthetic_chest(700, 1000, [(300.0, 400.0, 40.0)]), spacing_mm=None)
    result = engine.detect(engine_input(image), "all")
    (finding,) = result.findings
    assert finding.diameter_mm is None and finding.x_mm is None
    assert finding.diameter_px == pytest.approx(80, abs=6)
    assert result.pixel_spacing_mm is None and "no pixel spacing" in result.warnings[0]


def test_mm_filters_work_at_the_detector_plane_and_sizes_are_reported_corrected(engine) -> None:
    """Imager Pixel Spacing 0.2 mm with an estimated magnification of 1.25: the filters were tuned on JSRT's films
    (the detector plane), so a 13 mm² blob there must pass the 10 mm² floor as it does on the uncorrected film; it was
    dropped as 8.6 mm² in the corrected plane. Its reported size is the corrected one, as the viewer measures."""
    film = loaded_image(synthetic_chest(700, 1000, [(300.0, 400.0, 11.0)]), spacing_mm=0.2)
    at_detector = dataclasses.replace(film, spacing=PixelSpacing(0.2, 0.2, SpacingSource.IMAGER_AT_DETECTOR))
    corrected = dataclasses.replace(film, spacing=PixelSpacing(0.16, 0.16, SpacingSource.IMAGER_CORRECTED,
                                                               magnification=1.25))
    (plain,) = engine.detect(engine_input(at_detector), "all").findings
    (finding,) = engine.detect(engine_input(corrected), "all").findings
    assert (finding.x, finding.y, finding.score) == (plain.x, plain.y, plain.score)
    assert plain.area_mm2 > 10 > plain.area_mm2 / 1.25**2  # the case that tells the planes apart
    assert finding.diameter_mm == pytest.approx(plain.diameter_mm / 1.25, abs=0.01)
    assert finding.area_mm2 == pytest.approx(plain.area_mm2 / 1.25**2, abs=0.01)
    assert finding.x_mm == pytest.approx(finding.x * 0.16, abs=0.01)


def test_user_pixel_spacing_overrides_the_file(engine) -> None:
    image = loaded_image(synthetic_chest(700, 1000, [(300.0, 400.0, 40.0)]), spacing_mm=None)
    (finding,) = engine.detect(engine_input(image, pixel_spacing_mm=0.5), "all").findings
    assert finding.diameter_mm == pytest.approx(40, abs=3)
    assert finding.x_mm == pytest.approx(finding.x * 0.5, abs=0.01)


def test_same_input_same_result(engine) -> None:
    item = engine_input(loaded_image(synthetic_chest(640, 480, [(200.0, 300.0, 25.0)])))
    first, second = engine.analyse([item])[0], engine.analyse([item])[0]
    assert np.array_equal(first.detection_probability, second.detection_probability)
    assert first.result.findings == second.result.findings


def test_engine_feeds_the_training_preprocessing(engine) -> None:
    """The canvas equals model_training.preprocess, and the bone stage (y = 0.9x + 0.05) received exactly it."""
    pixels = synthetic_chest(517, 333, [(101.0, 250.0, 20.0)])
    analysis = engine.analyse([engine_input(loaded_image(pixels, monochrome1=True))])[0]
    expected, box = preprocess(4095 - pixels, engine.model_set.input_size, monochrome1=True)
    assert np.array_equal(analysis.canvas, expected)
    assert analysis.letterbox == box
    assert analysis.bone_suppressed == pytest.approx(0.9 * expected + 0.05, abs=1e-5)


def _three_nodules() -> np.ndarray:
    """Two bright nodules (score ≈ 0.99) and a dim one at (500, 500).

    The dim one's bone output is 0.9 · 0.62 + 0.05 = 0.608, so its score is about sigmoid(40 · (0.608 − 0.62)) ≈ 0.38.
    """
    pixels = synthetic_chest(700, 1000, [(300.0, 400.0, 30.0), (700.0, 300.0, 30.0)])
    yy, xx = np.mgrid[:700, :1000]
    pixels[(xx - 500) ** 2 + (yy - 500) ** 2 <= 30**2] = round(0.62 * 4095)
    return pixels


def test_operating_points_filter_the_candidates(engine) -> None:
    item = engine_input(loaded_image(_three_nodules()))
    everything = engine.detect(item, "all")
    assert len(everything.findings) == 3
    dim = min(everything.findings, key=lambda f: f.score)
    assert 0.3 <= dim.score < 0.7 and dim.operating_points == ["sens"]
    assert (round(dim.x), round(dim.y)) == (500, 500)
    assert len(engine.detect(item, "sens").findings) == 3
    spec = engine.detect(item, "spec")
    assert len(spec.findings) == 2 and all(f.score >= 0.7 for f in spec.findings)


def test_per_image_cap_keeps_the_highest_scores(tmp_path) -> None:
    capped = Engine(build_model_set(tmp_path / "cap", post={"max_findings": 2}), device="cpu")
    item = engine_input(loaded_image(_three_nodules()))
    kept = capped.detect(item, "sens").findings
    assert len(kept) == 2 and min(f.score for f in kept) > 0.9
    assert len(capped.detect(item, "all").findings) == 3  # FROC output is not capped


def test_image_without_lung_field_warns(engine) -> None:
    pixels = np.zeros((300, 400), np.uint16)
    pixels[:, 200:] = 4095  # black and white halves: nothing in the lung grey-level band
    result = engine.detect(engine_input(loaded_image(pixels)), "all")
    assert result.findings == [] and any("no lung field" in warning for warning in result.warnings)


def test_lung_and_bone_models_run_at_their_own_size(tmp_path) -> None:
    """A 128 px lung model in a 256 px detector pipeline: same findings as an all-256 set, and the lung map comes
    back on the detector's canvas (the resampling is the one training uses)."""
    mixed = Engine(build_model_set(tmp_path / "mixed", lung_size=128), device="cpu")
    same = Engine(build_model_set(tmp_path / "same"), device="cpu")
    nodules = [(300.0, 400.0, 40.0), (720.0, 250.0, 25.0)]
    item = engine_input(loaded_image(synthetic_chest(700, 1000, nodules), spacing_mm=0.2))
    mixed_analysis, same_analysis = mixed.analyse([item])[0], same.analyse([item])[0]
    assert mixed_analysis.lung_probability.shape == (256, 256)
    agreement = np.mean((mixed_analysis.lung_probability >= 0.5) == (same_analysis.lung_probability >= 0.5))
    assert agreement > 0.98
    found = np.array(sorted((f.x, f.y) for f in mixed_analysis.result.findings))
    expected = np.array(sorted((f.x, f.y) for f in same_analysis.result.findings))
    assert found.shape == (len(nodules), 2)
    assert np.abs(found - expected).max() < 6  # image pixels: 1.5 canvas pixels at 1000 → 256


def test_detector_members_of_different_sizes_are_refused(tmp_path) -> None:
    import json

    from cxr_ai.engine import PipelineSpecError

    directory = build_model_set(tmp_path / "models")
    manifest = directory / "manifest.json"
    document = json.loads(manifest.read_text())
    next(e for e in document["models"] if e["name"] == "detector1")["input"]["size"] = 128
    manifest.write_text(json.dumps(document))
    with pytest.raises(PipelineSpecError, match="detector members must share one input size"):
        Engine(directory, device="cpu")


def test_the_pixel_aspect_comes_from_the_spacing_or_the_pixel_aspect_ratio() -> None:
    """As the viewer draws the film: row/column spacing, else Pixel Aspect Ratio (vertical\\horizontal); a user's
    --pixel-spacing is one square size and overrides both."""
    from pydicom.dataset import Dataset

    pixels = synthetic_chest(100, 120, [])
    tall = dataclasses.replace(loaded_image(pixels), spacing=PixelSpacing(0.3, 0.15, SpacingSource.PIXEL_SPACING))
    assert engine_input(tall).pixel_aspect == 2.0
    ratio = Dataset()
    ratio.PixelAspectRatio = [1, 2]
    wide = dataclasses.replace(loaded_image(pixels, spacing_mm=None), dataset=ratio)
    assert engine_input(wide).pixel_aspect == 0.5
    assert engine_input(tall, pixel_spacing_mm=0.2).pixel_aspect == 1.0
