"""The Qt plugin, offscreen: action and shortcuts, layers in group 'ai', findings dock, toggle, no-models message;
cancelling, paging with detection on open, the chest check, and focusing a finding (in the real main window)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pydicom
import pytest
from PySide6.QtCore import Qt

from cxr_ai.engine import Engine
from cxr_ai.engine.cache import ResultCache
from cxr_ai.engine.image_input import engine_input
from cxr_ai.layers import CONTOURS_ID, HEATMAP_ID
from cxr_ai.ui.background import SharedEngine
from cxr_ai.ui.worker_data import ModelChoice
from cxr_ai.engine.chest_view import not_a_chest_film
from cxr_ai.ui.plugin import AiPlugin
from cxr_viewer.plugin_api import ContourLayer, HeatmapLayer
from tests.ai.conftest import loaded_image
from tests.ai.dicom_factory import write_dx
from tests.ai.headless_host import HeadlessHost
from tests.ai.model_factory import synthetic_chest
from tests.ai.viewer_helpers import ai_layers, chest_with_dim_nodule, open_and_settle, plugin, settle, status

pytestmark = pytest.mark.gui
NODULES = [(300.0, 400.0, 40.0), (720.0, 250.0, 25.0)]


@pytest.fixture
def host(qtbot, model_dir: Path) -> HeadlessHost:
    host = HeadlessHost(loaded_image(synthetic_chest(700, 1000, NODULES)), settings={"models_dir": str(model_dir)})
    AiPlugin().activate(host)
    qtbot.addWidget(host.docks[0][1])
    return host


def test_activation_registers_actions_dock_and_status(host: HeadlessHost) -> None:
    assert {action_id: shortcut for action_id, (_, _, shortcut) in host.actions.items()} == {
        "cxr_ai.detect": "D", "cxr_ai.toggle": "A", "cxr_ai.views": "B", "cxr_ai.auto_run": None,
        "cxr_ai.save_dicom": None, "cxr_ai.send_pacs": None}
    assert host.docks[0][0] == "AI findings"
    assert "research use only" in host.statuses[-1]


def test_detect_adds_layers_and_lists_findings_by_score(host: HeadlessHost, qtbot) -> None:
    host.actions["cxr_ai.detect"][1]()
    layers = {layer.id: layer for layer in host.layers()}
    assert isinstance(layers[HEATMAP_ID], HeatmapLayer) and isinstance(layers[CONTOURS_ID], ContourLayer)
    assert {layer.group for layer in layers.values()} == {"ai"}
    assert len(layers[CONTOURS_ID].contours) == 2
    dock = host.docks[0][1]
    assert dock.list.count() == 2
    scores = [float(dock.list.item(i).text().split("score ")[1].split()[0]) for i in range(2)]
    assert scores == sorted(scores, reverse=True)
    assert "models test-1+" in host.statuses[-1] and "research use only" in host.statuses[-1]
    item = dock.list.item(1)
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=dock.list.visualItemRect(item).center())
    (x, y, _), = set(host.centred)  # the row made current and clicked: both centre the same finding
    assert any(abs(x - nx) < 4 and abs(y - ny) < 4 for nx, ny, _ in NODULES)


def test_toggle_hides_and_shows_the_ai_group(host: HeadlessHost) -> None:
    host.actions["cxr_ai.detect"][1]()
    toggle = host.actions["cxr_ai.toggle"][1]
    toggle()
    assert not any(layer.visible for layer in host.layers())
    toggle()
    assert all(layer.visible for layer in host.layers())


def test_opening_another_image_clears_the_results(host: HeadlessHost) -> None:
    host.actions["cxr_ai.detect"][1]()
    host.open_image_object(loaded_image(synthetic_chest(500, 500, [])))
    assert host.layers() == [] and host.docks[0][1].list.count() == 0


def test_without_models_a_clear_message_and_no_layers(qtbot, tmp_path: Path) -> None:
    host = HeadlessHost(loaded_image(synthetic_chest(300, 300, [])), settings={"models_dir": str(tmp_path)})
    AiPlugin().activate(host)
    qtbot.addWidget(host.docks[0][1])
    assert str(tmp_path / "manifest.json") in host.statuses[-1]
    host.actions["cxr_ai.detect"][1]()
    (title, text), = host.errors
    assert "No AI models are installed" in text and str(tmp_path / "manifest.json") in text
    assert host.layers() == []


def test_layers_stay_hidden_when_the_operating_point_changes(host: HeadlessHost) -> None:
    host.actions["cxr_ai.detect"][1]()
    host.actions["cxr_ai.toggle"][1]()
    dock = host.docks[0][1]
    dock.operating_point.setCurrentIndex(dock.operating_point.findData("spec"))
    assert host.settings("cxr_ai")["operating_point"] == "spec"
    assert {layer.id: layer.visible for layer in host.layers()} == {HEATMAP_ID: False, CONTOURS_ID: False}


def test_engine_cached_looks_up_without_running_models(model_dir: Path, tmp_path: Path) -> None:
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path))
    item = engine_input(loaded_image(synthetic_chest(700, 1000, NODULES)))
    assert engine.cached(item, "all") is None  # a miss: nothing is computed
    detected, _ = engine.detect_with_heatmap(item, "all")
    result, heatmap = engine.cached(item, "spec")
    assert result.cached and result.operating_point == "spec" and heatmap.dtype == np.float32
    assert [f.id for f in result.findings] == [f.id for f in engine.select(detected, "spec").findings]


def test_switching_the_operating_point_updates_the_findings_count_in_the_status(qtbot, model_dir: Path) -> None:
    host = HeadlessHost(loaded_image(chest_with_dim_nodule()), settings={"models_dir": str(model_dir)})
    AiPlugin().activate(host)
    qtbot.addWidget(host.docks[0][1])
    host.actions["cxr_ai.detect"][1]()
    assert "2 finding(s)" in host.statuses[-1]
    dock = host.docks[0][1]
    dock.operating_point.setCurrentIndex(dock.operating_point.findData("spec"))
    assert "1 finding(s)" in host.statuses[-1] and "research use only" in host.statuses[-1]


def slow_analysis(monkeypatch, seconds: float) -> list[threading.Event]:
    """``Engine.analyse`` takes ``seconds`` longer, as a real model set does on a CPU; one event set per call."""
    real, started = Engine.analyse, []

    def slow(self, items):
        started.append(threading.Event())
        started[-1].set()
        time.sleep(seconds)
        return real(self, items)

    monkeypatch.setattr(Engine, "analyse", slow)
    return started


def test_a_cancelled_task_runs_no_model_and_hands_back_nothing(model_dir: Path, monkeypatch) -> None:
    """A task cancelled while it waited in the queue ends at once instead of running the models."""
    calls = slow_analysis(monkeypatch, 0.0)
    image = loaded_image(synthetic_chest(700, 1000, NODULES))
    cancelled = SimpleNamespace(cancelled=True, report=lambda fraction, message="": None)
    shared = SharedEngine()
    assert shared.look_up(image, ModelChoice(model_dir, "cpu"), cancelled, run_on_miss=True) is None
    assert shared.views(image, ModelChoice(model_dir, "cpu"), cancelled) is None
    assert calls == []


def test_cancel_drops_the_result_of_a_running_detection_and_keeps_it_cached(viewer, files, qtbot,
                                                                           monkeypatch) -> None:
    a, b = files
    started = slow_analysis(monkeypatch, 1.5)
    window = viewer()
    open_and_settle(qtbot, window, a)
    window.plugin_actions["cxr_ai.detect"].trigger()
    qtbot.waitUntil(lambda: bool(started), timeout=10000)  # the model runs: it cannot be interrupted
    qtbot.mouseClick(window.task_progress.cancel_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert ai_layers(window) == {} and plugin(window).dock.list.count() == 0
    assert "finding" not in status(window) and not window.task_progress.isVisible()
    open_and_settle(qtbot, window, b)
    open_and_settle(qtbot, window, a)  # the finished detection went into the cache all the same
    assert len(ai_layers(window)[CONTOURS_ID].contours) == 2


def test_paging_with_detection_on_open_cancels_the_images_passed(viewer, tmp_path: Path, qtbot, monkeypatch) -> None:
    """Each image passed cancels its look-up, so the image the reader stops on does not wait behind detections
    of every image paged through (a queued one ends without running the models)."""
    folder = tmp_path / "study"
    folder.mkdir()
    for index in range(5):
        write_dx(folder / f"im{index}.dcm", chest_with_dim_nodule())
    slow_analysis(monkeypatch, 1.0)
    window = viewer()
    window.plugin_actions["cxr_ai.auto_run"].trigger()
    window.open_paths([folder])
    for _ in range(4):
        qtbot.wait(100)
        window.opener.step_image(1)
    running = window.tasks.running
    assert len(running) >= 2 and all(task.cancelled for task in running[:-1]) and not running[-1].cancelled
    qtbot.waitUntil(lambda: CONTOURS_ID in ai_layers(window), timeout=30000)
    settle(qtbot, window)
    assert window.host.current_image().path.name == "im4.dcm" and plugin(window).dock.list.count() == 2


@pytest.mark.parametrize(("modality", "body_part", "reason"), [
    ("DX", "CHEST", None), ("CR", "", None), ("DR", "CHEST ", None), ("DX", "thorax", None),
    ("DX", "HAND", "body part HAND"),
    ("CT", "CHEST", "modality CT"), ("", "CHEST", "modality not given"),
])
def test_only_chest_radiographs_count_as_chest_films(modality: str, body_part: str, reason: str | None) -> None:
    dataset = pydicom.Dataset()
    dataset.Modality, dataset.BodyPartExamined = modality, body_part
    image = loaded_image(synthetic_chest(50, 50, []))
    image.dataset = dataset
    assert not_a_chest_film(image) == reason
    image.dataset = None  # PNG or JPEG: no header to go by
    assert not_a_chest_film(image) is None


def test_detection_on_open_leaves_a_film_that_is_not_a_chest_alone(viewer, tmp_path: Path, qtbot) -> None:
    hand = write_dx(tmp_path / "hand.dcm", synthetic_chest(500, 600, [(250.0, 300.0, 30.0)]))
    dataset = pydicom.dcmread(hand)
    dataset.BodyPartExamined = "HAND"
    dataset.save_as(hand)
    window = viewer()
    window.plugin_actions["cxr_ai.auto_run"].trigger()
    open_and_settle(qtbot, window, hand)
    assert ai_layers(window) == {} and "not a frontal chest radiograph (body part HAND)" in status(window)
    window.plugin_actions["cxr_ai.detect"].trigger()  # D runs on anything
    settle(qtbot, window)
    assert CONTOURS_ID in ai_layers(window)


def _view_centre(pane) -> tuple[float, float]:
    pane.viewbox.updateMatrix()
    centre = pane.image_item.mapFromParent(pane.viewbox.viewRect().center())
    return centre.x(), centre.y()


def test_clicking_a_finding_centres_and_zooms_in_with_the_lung_around_it(viewer, files, qtbot) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    pane, dock = window.layout_panes.primary, plugin(window).dock
    pane.rotate(1)  # centring and zooming follow the view's rotation
    pane.fit()
    fitted = pane.zoom
    short_side = min(pane.viewbox.rect().width(), pane.viewbox.rect().height())
    for row in range(dock.list.count()):
        finding = dock._findings[row]
        pane.fit()
        qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=dock.list.visualItemRect(dock.list.item(row)).center())
        assert _view_centre(pane) == (pytest.approx(finding.x + 0.5, abs=1), pytest.approx(finding.y + 0.5, abs=1))
        assert pane.zoom == pytest.approx(short_side / max(6 * finding.diameter_px, 256), rel=0.02)
        assert pane.zoom > 1.3 * fitted
    pane.center_on(0, 0, zoom=8.0)  # the user zoomed in further: clicking keeps that detail
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=dock.list.visualItemRect(dock.list.item(0)).center())
    assert pane.zoom == pytest.approx(8.0, rel=0.01)
