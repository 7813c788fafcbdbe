"""The Qt plugin, offscreen: action and shortcuts, layers in group 'ai', findings dock, toggle, no-models message."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from cxr_ai.engine import Engine
from cxr_ai.engine.cache import ResultCache
from cxr_ai.engine.image_input import engine_input
from cxr_ai.layers import CONTOURS_ID, HEATMAP_ID
from cxr_ai.ui.plugin import AiPlugin
from cxr_viewer.plugin_api import ContourLayer, HeatmapLayer
from tests.ai.conftest import loaded_image
from tests.ai.headless_host import HeadlessHost
from tests.ai.model_factory import synthetic_chest

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
        "cxr_ai.detect": "D", "cxr_ai.toggle": "A", "cxr_ai.views": None, "cxr_ai.auto_run": None}
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
    (x, y, _), = host.centred
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
