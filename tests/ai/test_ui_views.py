"""The findings dock's operating-point switch and the bone-suppressed / lung-mask views, in the real main window."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cxr_ai.engine.image_input import engine_input
from cxr_ai.layers import BONE_ID, BONE_LABEL_ID, CONTOURS_ID, HEATMAP_ID, LUNGS_ID
from cxr_viewer.plugin_api import ContourLayer, HeatmapLayer
from cxr_viewer.settings import load_settings
from tests.ai.model_factory import build_model_set
from tests.ai.viewer_helpers import ai_layers, open_and_settle, plugin, settle, status

pytestmark = pytest.mark.gui


def detected(qtbot, window, path: Path) -> None:
    open_and_settle(qtbot, window, path)
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)


def test_operating_point_switch_reselects_in_memory_and_persists(viewer, files, engine, qtbot) -> None:
    window = viewer()
    detected(qtbot, window, files[0])
    everything = engine.detect(engine_input(window.host.current_image()), "all")
    expected = {point: len(engine.select(everything, point).findings) for point in ("sens", "spec")}
    assert expected == {"sens": 2, "spec": 1}  # the faint nodule passes 'sens' only
    assert len(ai_layers(window)[CONTOURS_ID].contours) == expected["sens"]
    combo = plugin(window).dock.operating_point
    combo.setCurrentIndex(combo.findData("spec"))
    assert not window.tasks.running  # re-selected from the candidates in memory, not a model run
    assert len(ai_layers(window)[CONTOURS_ID].contours) == expected["spec"] == plugin(window).dock.list.count()
    assert load_settings().plugin_settings["cxr_ai"]["operating_point"] == "spec"
    combo.setCurrentIndex(combo.findData("sens"))
    assert len(ai_layers(window)[CONTOURS_ID].contours) == expected["sens"]


def test_views_add_bone_image_and_lung_outline_under_the_findings(viewer, files, qtbot) -> None:
    window = viewer()
    detected(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.views"].trigger()
    settle(qtbot, window)
    layers = ai_layers(window)
    assert list(layers) == [BONE_ID, BONE_LABEL_ID, LUNGS_ID, HEATMAP_ID, CONTOURS_ID]  # bottom to top
    overlays = window.layout_panes.primary.overlays
    depths = [overlays.item(layer_id).zValue() for layer_id in layers]
    assert depths == sorted(depths) and len(set(depths)) == 5
    bone, lungs = layers[BONE_ID], layers[LUNGS_ID]
    assert isinstance(bone, HeatmapLayer) and bone.colormap == "gray" and bone.opacity == 1.0 and bone.visible
    assert bone.data.shape == window.host.current_image().shape and not bone.show_colorbar and bone.follows_window
    assert isinstance(lungs, ContourLayer) and lungs.visible and len(lungs.contours) == 1
    outline = lungs.contours[0].points  # the synthetic lung field spans x 120–880, y 84–616 (eroded by the model)
    assert np.allclose([outline[:, 0].min(), outline[:, 0].max()], [120, 880], atol=12)
    assert np.allclose([outline[:, 1].min(), outline[:, 1].max()], [84, 616], atol=12)
    window.plugin_actions["cxr_ai.toggle"].trigger()
    assert not any(layer.visible for layer in ai_layers(window).values())
    assert not any(overlays.item(layer_id).isVisible() for layer_id in (BONE_ID, BONE_LABEL_ID, LUNGS_ID))
    window.plugin_actions["cxr_ai.toggle"].trigger()
    assert all(layer.visible for layer in ai_layers(window).values())


def _without_bone_stage(directory: Path, keep_bone_model: bool) -> Path:
    models = build_model_set(directory)
    manifest = models / "manifest.json"
    document = json.loads(manifest.read_text())
    document["pipeline"]["bone_suppression"] = None
    document["pipeline"]["detector"]["inputs"] = ["image", "lung_mask"]
    if not keep_bone_model:
        document["models"] = [entry for entry in document["models"] if entry["name"] != "bone"]
    manifest.write_text(json.dumps(document))
    return models


def test_views_without_a_bone_stage_use_the_bone_model_on_its_own(viewer, files, tmp_path: Path, qtbot) -> None:
    window = viewer(models=_without_bone_stage(tmp_path / "no-bone-stage", keep_bone_model=True))
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.views"].trigger()
    settle(qtbot, window)
    assert list(ai_layers(window)) == [BONE_ID, BONE_LABEL_ID, LUNGS_ID]


def test_views_without_any_bone_model_show_the_lungs_and_say_so(viewer, files, tmp_path: Path, qtbot) -> None:
    window = viewer(models=_without_bone_stage(tmp_path / "no-bone", keep_bone_model=False))
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.views"].trigger()
    settle(qtbot, window)
    assert list(ai_layers(window)) == [LUNGS_ID]
    assert "no bone-suppression stage" in window.statusBar().currentMessage()


def test_heatmap_covers_the_image_area_its_model_grid_covers(viewer, files, qtbot) -> None:
    """The map's model grid rounds the short side of the image: placed by its own extent, each map pixel
    lies where the letterbox says it does (stretching it over the image would shift it)."""
    from model_training.preprocess import Letterbox

    window = viewer()
    detected(qtbot, window, files[1])  # 600 × 500: the short side rounds to 213 of 256 model pixels
    heatmap = ai_layers(window)[HEATMAP_ID]
    rows, cols = heatmap.data.shape
    box = Letterbox.fit((500, 600), 256)
    assert (rows, cols) == box.content_shape
    width, height = heatmap.extent
    last_row_centre = (rows - 0.5) * height / rows - 0.5  # image coordinates of the last map row's centre
    _, expected = box.to_image(0.0, box.pad_y + rows - 1.0)
    assert last_row_centre == pytest.approx(expected, abs=1e-6)
    assert width == pytest.approx(600) and height != pytest.approx(500)


def test_views_work_with_lung_and_bone_models_but_no_detector(viewer, files, tmp_path: Path, qtbot) -> None:
    """As shipped before the detector: the status says what is missing, the views still show both models, and
    they equal the full pipeline's views of the same models."""
    models = build_model_set(tmp_path / "alone")
    manifest = models / "manifest.json"
    document = json.loads(manifest.read_text())
    del document["pipeline"]
    document["models"] = [entry for entry in document["models"] if entry["name"] in ("lung", "bone")]
    manifest.write_text(json.dumps(document))
    window = viewer(models=models)
    open_and_settle(qtbot, window, files[0])
    assert "no nodule detector installed yet (models: bone, lung)" in status(window)
    window.statusBar().showMessage("another plugin's message")  # the dock still says why nothing is found
    assert "no nodule detector installed yet" in plugin(window).dock.summary.text()
    window.plugin_actions["cxr_ai.views"].trigger()
    settle(qtbot, window)
    alone = ai_layers(window)
    assert list(alone) == [BONE_ID, BONE_LABEL_ID, LUNGS_ID]
    full = viewer()
    open_and_settle(qtbot, full, files[0])
    full.plugin_actions["cxr_ai.views"].trigger()
    settle(qtbot, full)
    together = ai_layers(full)
    assert np.allclose(alone[BONE_ID].data, together[BONE_ID].data, atol=1e-6)
    assert len(alone[LUNGS_ID].contours) == len(together[LUNGS_ID].contours) == 1
    assert np.allclose(alone[LUNGS_ID].contours[0].points, together[LUNGS_ID].contours[0].points, atol=1e-6)
