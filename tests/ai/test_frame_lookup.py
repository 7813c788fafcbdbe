"""The cache look-up on each frame step of a multi-frame film. It digested the frame's pixels for the key (24 ms a
step for a 2500×2000 frame) even on a film with nothing cached; the cache now says first whether it holds any frame
of the film. The findings shown after stepping must still be those of the frame shown, never those of a frame
looked up before, and a frame cached earlier must come back from the cache."""

from __future__ import annotations

import pytest

from cxr_ai.engine import Engine
from cxr_ai.engine.cache import ResultCache
from cxr_ai.engine.image_input import engine_input, film_prefix
from cxr_viewer.core.frames import load_frame
from cxr_viewer.core.loader import load_image
from tests.ai.conftest import loaded_image
from tests.ai.model_factory import synthetic_chest
from tests.ai.test_dicom_export_frames import FLUOROSCOPY, NODULE_FRAME, write_frames
from tests.ai.viewer_helpers import ai_layers, open_and_settle, plugin, settle


def test_the_cache_tells_a_film_it_holds_nothing_of_without_the_pixel_digest(model_dir, tmp_path) -> None:
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    film = load_image(write_frames(tmp_path / "film.dcm", FLUOROSCOPY))
    other = load_image(write_frames(tmp_path / "other.dcm", FLUOROSCOPY))
    assert not engine.may_have_cached(film_prefix(film))
    engine.detect_with_heatmap(engine_input(load_frame(film, NODULE_FRAME - 1)))
    assert engine.may_have_cached(film_prefix(load_frame(film, 0)))  # another frame of it: the digest decides
    assert not engine.may_have_cached(film_prefix(other))
    assert engine.may_have_cached(film_prefix(loaded_image(synthetic_chest(300, 400, []))))  # no UID: cannot tell


def _step_to(window, frame: int) -> None:
    """Frame ``frame`` (1-based) shown, by the frame stepper's actions, without waiting for the AI's tasks."""
    while window.layout_panes.primary.image.frame_index < frame - 1:
        window.actions["next_frame"].trigger()
    while window.layout_panes.primary.image.frame_index > frame - 1:
        window.actions["prev_frame"].trigger()


def _shown(window) -> tuple[int, str]:
    dock = plugin(window).dock
    return dock.list.count(), dock.summary.text()


@pytest.mark.gui
def test_the_findings_shown_after_stepping_are_those_of_the_frame_shown(viewer, qtbot, tmp_path) -> None:
    window = viewer()
    open_and_settle(qtbot, window, write_frames(tmp_path / "film.dcm", FLUOROSCOPY))
    for frame in (2, 3, 4):  # nothing cached: nothing drawn on any frame
        _step_to(window, frame)
        settle(qtbot, window)
        assert _shown(window)[0] == 0 and ai_layers(window) == {}
    _step_to(window, NODULE_FRAME)
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    count, summary = _shown(window)
    assert count >= 1 and f"frame {NODULE_FRAME} of 4" in summary
    for there_and_back in ((4, 3, 4), (2, 3, 2, 3, 1)):  # frame 3's look-up still running when the next step comes
        for frame in there_and_back:
            _step_to(window, frame)
        settle(qtbot, window)
        assert _shown(window)[0] == 0 and ai_layers(window) == {}
        assert "finding" not in _shown(window)[1]
    _step_to(window, NODULE_FRAME)
    settle(qtbot, window)
    assert _shown(window) == (count, summary) and ai_layers(window)  # back from the cache, on its own frame
