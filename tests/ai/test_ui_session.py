"""The AI plugin's Qt-free rules, without a window: which task results ``FilmSession`` takes for which film, what it
draws and lets be listed (A, a refused layer), and what the status bar says in each state (``status_lines``).
Real detections and views of the test ONNX models on a synthetic chest; no Qt is imported."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from cxr_ai.layers import BONE_ID, BONE_LABEL_ID, CONTOURS_ID, HEATMAP_ID, LUNGS_ID
from cxr_ai.ui.background import SharedEngine
from cxr_ai.ui.worker_data import Detection, ModelChoice, Views
from cxr_ai.ui.session import FilmSession, is_for_the_view
from cxr_ai.ui.status_lines import findings_line, held_line, idle_line
from cxr_viewer.core.image import LoadedImage
from tests.ai.conftest import loaded_image
from tests.ai.viewer_helpers import chest_with_dim_nodule

STATUS = "AI (research use only)"
MISSING = "no nodule detector installed yet (models: bone, lung)"


@pytest.fixture(scope="module")
def film_work(model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadedImage, Detection, Views]:
    """One film (a clear nodule, passing sens and spec, and a faint one, sens only), its detection and views."""
    film = loaded_image(chest_with_dim_nodule())
    progress = SimpleNamespace(cancelled=False, report=lambda fraction, message="": None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CXR_AI_CACHE_DIR", str(tmp_path_factory.mktemp("ai-cache")))
        shared, choice = SharedEngine(), ModelChoice(model_dir, "cpu")
        return film, shared.look_up(film, choice, progress, run_on_miss=True), shared.views(film, choice, progress)


def test_a_result_is_for_the_view_only_while_its_film_is_on_screen_and_nobody_holds_it(film_work) -> None:
    film, _, _ = film_work
    same_pixels = loaded_image(chest_with_dim_nodule())  # another record: the viewer hands out one per file
    assert is_for_the_view(film, film, None)
    assert not is_for_the_view(film, same_pixels, None)
    assert not is_for_the_view(film, None, None)  # the view was closed meanwhile
    assert not is_for_the_view(film, film, "reader_study")  # a blinded read must not learn that findings exist


def test_the_session_takes_only_results_for_the_view(film_work) -> None:
    film, detection, views = film_work
    session = FilmSession()
    assert not session.take_detection(None, film, None)  # nothing cached, or cancelled
    assert not session.take_detection(detection, loaded_image(chest_with_dim_nodule()), None)  # moved on
    assert not session.take_detection(detection, film, "reader_study")
    session.want_views(True)
    assert not session.take_views(views, None, None)
    assert not session.has_detection and session.to_draw("sens") == (None, [])
    assert session.take_detection(detection, film, None) and session.has_detection
    assert session.take_views(views, film, None)
    session.want_views(False)  # switched off before they arrived
    assert not session.take_views(views, film, None) and session.to_draw("sens")[1][0].id == HEATMAP_ID


def test_views_are_drawn_under_the_findings_at_the_chosen_operating_point(film_work) -> None:
    film, detection, views = film_work
    session = FilmSession()
    session.want_views(True)
    session.take_views(views, film, None)
    result, layers = session.to_draw("sens")
    assert result is None and [layer.id for layer in layers] == [BONE_ID, BONE_LABEL_ID, LUNGS_ID]
    session.take_detection(detection, film, None)
    counts = {}
    for point in ("sens", "spec"):
        result, layers = session.to_draw(point)
        assert [layer.id for layer in layers] == [BONE_ID, BONE_LABEL_ID, LUNGS_ID, HEATMAP_ID, CONTOURS_ID]  # bottom to top
        assert result.operating_point == point and len(layers[-1].contours) == len(result.findings)
        counts[point] = len(result.findings)
    assert counts == {"sens": 2, "spec": 1}  # re-selected from the candidates in memory


def test_only_findings_whose_contours_the_host_took_are_listed(film_work) -> None:
    film, detection, _ = film_work
    session = FilmSession()
    session.take_detection(detection, film, None)
    result, layers = session.to_draw("sens")
    session.drawn(result, {HEATMAP_ID})  # the host refused the contours: nothing may be listed or counted
    assert session.listed() is None
    session.drawn(result, {layer.id for layer in layers})
    assert session.listed() is result


def test_a_hides_the_list_for_the_session_and_forgetting_the_film_keeps_that(film_work) -> None:
    film, detection, _ = film_work
    session = FilmSession()
    session.take_detection(detection, film, None)
    result, layers = session.to_draw("sens")
    session.drawn(result, {layer.id for layer in layers})
    session.toggle_marks()
    assert session.marks_hidden and session.listed() is None  # a count would tell what the hidden marks are
    session.forget_film()  # the next film: still hidden, and nothing of this one drawn again
    assert session.marks_hidden and not session.has_detection and session.to_draw("sens") == (None, [])
    session.toggle_marks()
    assert not session.marks_hidden and session.listed() is None  # the film was forgotten: nothing to list


def test_the_layer_list_turns_the_marks_on_and_off_as_a_would() -> None:
    session = FilmSession()
    assert not session.follow_layer_list(any_shown=True)  # already shown: nothing to say
    assert session.follow_layer_list(any_shown=False) and session.marks_hidden  # the last AI layer hidden
    assert not session.follow_layer_list(any_shown=False) and session.marks_hidden
    assert session.follow_layer_list(any_shown=True) and not session.marks_hidden  # one shown again


def test_the_status_line_in_each_state(film_work) -> None:
    film, detection, _ = film_work
    result, _ = detection.at("sens")
    fresh = replace(result, cached=False, timings_ms={"total": 1865.2})
    assert findings_line(fresh) == f"{STATUS}: 2 finding(s) at 'sens' — models {result.model_version} on CPU, 1865 ms"
    assert findings_line(replace(result, cached=True)).endswith("on CPU, cached")
    assert idle_line(None, marks_hidden=False) == f"{STATUS}: press D to detect nodules"
    assert idle_line(None, marks_hidden=True) == f"{STATUS}: marks hidden (press A to show)"  # no invitation
    assert idle_line(MISSING, marks_hidden=False) == f"{STATUS}: {MISSING}"  # D would fail: no invitation
    assert idle_line(MISSING, marks_hidden=True) == f"{STATUS}: marks hidden (press A to show) — {MISSING}"
    assert held_line("reader_study") == f"{STATUS}: off while the reader_study plugin holds the view"

