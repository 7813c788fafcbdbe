"""The views (bone-suppressed image, lung outline) run the pipeline's bone and lung stages only: they ran the whole
detector ensemble and threw its output away, so a view cost a detection."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from cxr_ai.layers import BONE_ID, BONE_LABEL_ID, LUNGS_ID
from model_training.manifest import sha256_file
from tests.ai.model_factory import OPSET, build_model_set
from tests.ai.viewer_helpers import ai_layers, open_and_settle, settle, status

pytestmark = pytest.mark.gui


def _cropping_detector(path: Path) -> None:
    """A real ONNX model whose map is two pixels smaller than its input: the engine refuses its output, so any
    run of the detector fails loudly."""
    kernel = numpy_helper.from_array(np.full((1, 2, 3, 3), 1 / 18, np.float32), "k")
    graph = helper.make_graph(
        [helper.make_node("Conv", ["input", "k"], ["output"])], "cropping",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 2, "H", "W"])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", 1, "H2", "W2"])], [kernel])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 9
    onnx.save(model, path)


def test_views_do_not_run_the_detector(viewer, files, tmp_path: Path, qtbot) -> None:
    models = build_model_set(tmp_path / "models")
    _cropping_detector(models / "detector0.onnx")
    document = json.loads((models / "manifest.json").read_text())
    for entry in document["models"]:
        if entry["name"] == "detector0":
            entry["sha256"] = sha256_file(models / "detector0.onnx")
    (models / "manifest.json").write_text(json.dumps(document))
    window = viewer(models=models)
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    assert "output shape" in status(window)  # the detector does fail when it runs
    window.plugin_actions["cxr_ai.views"].trigger()
    settle(qtbot, window)
    layers = ai_layers(window)
    assert list(layers) == [BONE_ID, BONE_LABEL_ID, LUNGS_ID], status(window)
    assert layers[BONE_ID].data.shape == window.host.current_image().shape and len(layers[LUNGS_ID].contours) == 1
