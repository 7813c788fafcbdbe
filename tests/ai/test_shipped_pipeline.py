"""The models shipped in resources/models, end to end on a synthetic radiograph (the other engine tests use small
models built in the tests; this one checks what users get: hashes, stages, TTA, post-processing, operating points).
Skipped, with the reason, until a detector ensemble ships."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy import ndimage

from cxr_ai.engine import Engine
from cxr_ai.engine.image_input import EngineInput
from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from cxr_viewer.core.phantom import synthetic_chest

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "models"
SPACING_MM = 0.3


def _has_detector(directory: Path) -> bool:
    manifest = directory / "manifest.json"
    return manifest.is_file() and "pipeline" in json.loads(manifest.read_text(encoding="utf-8"))


pytestmark = pytest.mark.skipif(not _has_detector(SHIPPED),
                                reason="no detector ensemble ships yet (issue 5): resources/models has no pipeline")


def _radiograph() -> EngineInput:
    pixels = synthetic_chest((1100, 1000), SPACING_MM, seed=7)
    spacing = PixelSpacing(SPACING_MM, SPACING_MM, SpacingSource.USER)
    return EngineInput(pixels, False, spacing, "sha256:shipped-pipeline-test", None, "synthetic.dcm")


def test_the_shipped_ensemble_runs_end_to_end_on_a_synthetic_radiograph() -> None:
    engine = Engine(SHIPPED, device="cpu", cache=None)  # verifies every file's SHA-256 against the manifest
    item = _radiograph()
    analysis, again = engine.analyse([item])[0], engine.analyse([item])[0]
    result = analysis.result
    assert result.provider == "CPUExecutionProvider" and result.model_version == engine.model_set.version
    stages = {"preprocess", "lung_segmentation", "detection", "postprocess"}
    if engine.spec.bone_model:
        stages.add("bone_suppression")
    if engine.spec.classifier:
        stages.add("candidate_classifier")
    assert stages <= set(result.timings_ms)
    assert [vars(f) for f in result.findings] == [vars(f) for f in again.result.findings]  # deterministic
    heatmap = analysis.heatmap
    assert np.isfinite(heatmap).all() and 0 <= heatmap.min() and heatmap.max() <= 1
    scores = [finding.score for finding in result.findings]
    assert scores == sorted(scores, reverse=True)
    for finding in result.findings:
        assert 0 <= finding.x < 1000 and 0 <= finding.y < 1100 and len(finding.contour) >= 3
        assert finding.diameter_mm == pytest.approx(finding.diameter_px * SPACING_MM, abs=0.01)


def test_shipped_findings_respect_the_lung_field_and_the_operating_points() -> None:
    engine = Engine(SHIPPED, device="cpu", cache=None)
    item = _radiograph()
    analysis = engine.analyse([item])[0]
    post = engine.spec.post
    lung = analysis.lung_probability >= engine.spec.lung_threshold
    canvas_mm = SPACING_MM / analysis.letterbox.scale
    distance_mm = ndimage.distance_transform_edt(~lung, sampling=canvas_mm) if lung.any() else None
    for finding in analysis.result.findings:
        col, row = analysis.letterbox.to_model(finding.x, finding.y)
        assert distance_mm is not None
        assert distance_mm[int(round(row)), int(round(col))] <= post.lung_dilation_mm + 2 * canvas_mm
    for name, point in engine.spec.operating_points.items():
        shown = engine.select(analysis.result, name).findings
        expected = [f for f in analysis.result.findings if f.score >= point.threshold][: post.max_findings]
        assert [f.id for f in shown] == [f.id for f in expected], name


def test_a_real_nodule_is_still_found_when_the_film_has_non_square_pixels(shared) -> None:
    """JPCLN001 (a development film; 15 mm nodule) with every other column dropped, 0.175 × 0.35 mm pixels: the
    models were shown a squashed chest and found nothing; resampled to square pixels it scores as the original."""
    from model_training import jsrt

    jsrt_dir = shared / "data" / "jsrt"
    [case] = [c for c in jsrt.development_cases(jsrt_dir) if c.case_id == "JPCLN001"]
    image = jsrt.load_image(jsrt_dir, case.case_id)
    to_image = image.shape[1] / 1024
    engine = Engine(SHIPPED, device="cpu", cache=None)

    def nodule_score(pixels: np.ndarray, col_mm: float) -> float:
        item = EngineInput(pixels, False, PixelSpacing(0.175, col_mm, SpacingSource.USER), f"sha256:{col_mm}", None,
                           case.case_id, pixel_aspect=0.175 / col_mm)
        findings = engine.select(engine.analyse([item])[0].result, "sens").findings
        on_nodule = [f.score for f in findings
                     if np.hypot(f.x * col_mm - case.nodule_xy[0] * to_image * 0.175,
                                 (f.y - case.nodule_xy[1] * to_image) * 0.175) <= case.nodule_mm / 2]
        return max(on_nodule, default=0.0)

    square = nodule_score(image, 0.175)
    assert square > 0.5
    assert nodule_score(image[:, ::2], 0.35) == pytest.approx(square, abs=0.02)
