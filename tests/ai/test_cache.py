"""The SQLite result cache: a second look is served from it; another model version or calibration recomputes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cxr_ai.engine import Engine
from cxr_ai.engine.cache import CACHE_DIR_ENV, ResultCache, default_cache_dir
from cxr_ai.engine.image_input import engine_input
from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from tests.ai.conftest import loaded_image
from tests.ai.model_factory import build_model_set, synthetic_chest


@pytest.fixture
def item():
    return engine_input(loaded_image(synthetic_chest(480, 640, [(200.0, 250.0, 25.0)])))


def test_second_detection_is_a_cache_hit_with_the_same_findings(model_dir: Path, tmp_path: Path, item) -> None:
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    first = engine.detect(item, "sens")
    second = engine.detect(item, "sens")
    assert not first.cached and second.cached
    assert second.findings == first.findings and len(first.findings) == 1
    reopened = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))  # a new session, same file
    assert reopened.detect(item, "spec").cached


def test_new_model_version_recomputes(model_dir: Path, tmp_path: Path, item) -> None:
    cache = ResultCache(tmp_path / "cache")
    Engine(model_dir, device="cpu", cache=cache).detect(item)
    newer = Engine(build_model_set(tmp_path / "v2", version="test-2"), device="cpu", cache=cache)
    result = newer.detect(item)
    assert not result.cached and result.model_version.startswith("test-2+")
    assert newer.detect(item).cached


def test_other_calibration_recomputes(model_dir: Path, tmp_path: Path) -> None:
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    image = loaded_image(synthetic_chest(480, 640, [(200.0, 250.0, 25.0)]))
    engine.detect(engine_input(image))
    assert not engine.detect(engine_input(image, pixel_spacing_mm=0.3)).cached


def test_cache_dir_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "elsewhere"))
    assert default_cache_dir() == tmp_path / "elsewhere"
    assert ResultCache().path == tmp_path / "elsewhere" / "results.sqlite"


def test_heatmap_comes_back_from_the_cache(model_dir: Path, tmp_path: Path, item) -> None:
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    computed, computed_map = engine.detect_with_heatmap(item, "all")
    cached, cached_map = engine.detect_with_heatmap(item, "all")
    assert cached.cached and cached_map == pytest.approx(computed_map, abs=1e-3)
    # the map covers the image content only: 640 × 480 letterboxed into 256 → 256 × 192
    assert computed_map.shape == (192, 256)
    (finding,) = computed.findings
    row, col = round(finding.y * 192 / 480), round(finding.x * 256 / 640)
    assert computed_map[row, col] > 0.9


def test_retuned_pipeline_without_a_version_bump_recomputes(tmp_path: Path, item) -> None:
    """The cached findings carry the operating points they were selected with: a threshold re-tuned in the manifest
    (pipeline.version left as it was) must not bring them back."""
    import json

    directory = build_model_set(tmp_path / "models")
    cache = ResultCache(tmp_path / "cache")
    before = Engine(directory, device="cpu", cache=cache)
    assert len(before.detect(item, "spec").findings) == 1
    manifest = directory / "manifest.json"
    document = json.loads(manifest.read_text())
    document["pipeline"]["operating_points"]["spec"]["threshold"] = 1.0  # nothing reaches it
    manifest.write_text(json.dumps(document))
    after = Engine(directory, device="cpu", cache=cache)
    assert after.model_set.version.startswith("test-1+") and after.model_set.version != before.model_set.version
    result = after.detect(item, "spec")
    assert not result.cached and result.findings == []


def test_cache_hit_reports_this_inputs_spacing_source(model_dir: Path, tmp_path: Path) -> None:
    """The file's own 0.2 mm and a user's --pixel-spacing 0.2 share a cache entry; each says where its spacing came
    from."""
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    image = loaded_image(synthetic_chest(480, 640, [(200.0, 250.0, 25.0)]), spacing_mm=0.2)
    from_file = engine.detect(engine_input(image))
    from_user = engine.detect(engine_input(image, pixel_spacing_mm=0.2))
    assert from_user.cached and from_user.spacing_source == SpacingSource.USER.value
    assert from_file.spacing_source == SpacingSource.PIXEL_SPACING.value
    assert engine.detect(engine_input(image)).spacing_source == SpacingSource.PIXEL_SPACING.value


def test_a_file_cropped_under_its_old_uid_is_analysed_afresh(model_dir: Path, tmp_path: Path, item) -> None:
    """A crop that kept its SOP Instance UID was served the uncropped film's findings, some outside the image."""
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    engine.detect(item)
    cropped = dataclasses.replace(item, pixels=item.pixels[:, :500])
    result = engine.detect(cropped)
    assert not result.cached and (result.height, result.width) == (480, 500)


def test_a_result_cached_before_the_input_warnings_existed_gets_them(model_dir: Path, tmp_path: Path, item) -> None:
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    several_frames = dataclasses.replace(item, frame_count=3)
    engine.detect(several_frames)
    _, heatmap = engine.cached(several_frames)
    old = dataclasses.replace(engine.detect(several_frames), warnings=[])  # as an earlier version stored it
    engine.cache.put(old, engine._calibration(several_frames), heatmap=heatmap)
    result = engine.detect(several_frames)
    assert result.cached and any("only frame 1 of 3" in warning for warning in result.warnings)


def test_findings_of_a_stretched_film_cached_before_resampling_are_not_served(model_dir: Path, tmp_path: Path,
                                                                               item) -> None:
    """Before non-square pixels were resampled, such a film's findings came from the stretched canvas and were
    cached under its spacing alone; that entry must miss now."""
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    stretched = dataclasses.replace(item, spacing=PixelSpacing(0.175, 0.35, SpacingSource.PIXEL_SPACING),
                                    pixel_aspect=0.5)
    fresh, heatmap = engine.detect_with_heatmap(stretched)
    assert fresh.findings
    stale = dataclasses.replace(fresh, findings=[], pixel_aspect=1.0)
    engine.cache.put(stale, "0.175x0.35", heatmap=heatmap)  # the key such a film had
    assert engine.cached(stretched)[0].findings == engine.select(fresh, "sens").findings


def test_findings_of_an_inverse_film_cached_before_its_polarity_was_honoured_are_not_served(model_dir: Path,
                                                                                         tmp_path: Path, item) -> None:
    """A MONOCHROME2 film with Presentation LUT Shape INVERSE reached the models as a negative before it started
    inverted; its findings were cached under the same key as now, so the negative's findings kept being shown."""
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    inverse = dataclasses.replace(item, monochrome1=True)
    fresh, heatmap = engine.detect_with_heatmap(inverse)
    assert fresh.findings
    as_negative = dataclasses.replace(inverse, monochrome1=False)
    engine.cache.put(dataclasses.replace(fresh, findings=[]), engine._calibration(as_negative), heatmap=heatmap)
    assert engine.cached(as_negative)[0].findings == []  # the negative's own entry
    hit = engine.cached(inverse)
    assert hit is not None and hit[0].findings == engine.select(fresh, "sens").findings


def test_a_film_edited_under_its_old_uid_is_not_served_the_originals_findings(model_dir: Path,
                                                                               tmp_path: Path) -> None:
    """A copy whose pixels changed but whose SOP Instance UID and size did not (a nodule removed or inserted for a
    study, an annotation blanked, a lossy re-compression) was served the original's findings and heat map."""
    from pydicom import dcmread

    from cxr_viewer.core.loader import load_image
    from tests.ai.dicom_factory import write_dx

    original = write_dx(tmp_path / "original.dcm", synthetic_chest(480, 640, [(200.0, 250.0, 25.0)]))
    edited = dcmread(original)
    edited.PixelData = synthetic_chest(480, 640, []).astype("uint16").tobytes()  # the nodule taken out
    edited.save_as(tmp_path / "edited.dcm")
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    assert len(engine.detect(engine_input(load_image(original))).findings) == 1
    result = engine.detect(engine_input(load_image(tmp_path / "edited.dcm")))
    assert not result.cached and result.findings == []
    assert result.sop_instance_uid == edited.SOPInstanceUID  # still named by its UID
    assert engine.detect(engine_input(load_image(original))).cached  # the original's own entry still serves it
