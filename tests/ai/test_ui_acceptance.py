"""What a reader meets in the real main window on films the AI must not read by itself and with a model set it
refuses: a lateral chest film is left alone on open, and a refused model set is said in the dock as well."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydicom
import pytest

from cxr_ai.layers import CONTOURS_ID
from tests.ai.dicom_factory import write_dx
from tests.ai.viewer_helpers import ai_layers, chest_with_dim_nodule, open_and_settle, plugin, settle, status

pytestmark = pytest.mark.gui


def test_detection_on_open_leaves_a_lateral_chest_film_alone(viewer, tmp_path: Path, qtbot) -> None:
    """The detector was trained on PA films only: on a lateral it drew "nodules" by itself (and said nothing)."""
    lateral = write_dx(tmp_path / "lateral.dcm", chest_with_dim_nodule())
    dataset = pydicom.dcmread(lateral)
    dataset.ViewPosition, dataset.PatientOrientation = "LL", ["P", "F"]
    dataset.save_as(lateral)
    window = viewer()
    window.plugin_actions["cxr_ai.auto_run"].trigger()
    open_and_settle(qtbot, window, lateral)
    assert ai_layers(window) == {}
    assert "not a frontal chest radiograph (view LL)" in status(window)
    window.plugin_actions["cxr_ai.detect"].trigger()  # D still runs on it: the user asked
    settle(qtbot, window)
    assert CONTOURS_ID in ai_layers(window)


def test_a_refused_model_set_is_said_in_the_dock_and_first_in_the_status(viewer, model_dir: Path, files,
                                                                         tmp_path: Path, qtbot) -> None:
    """A model file altered after install: the dock showed only the research note over an empty list, as for a
    film not yet read, and the status line began with the file's path, which a small window clipped before it
    said what was wrong."""
    altered = shutil.copytree(model_dir, tmp_path / "altered")
    member = next(path for path in sorted(altered.glob("*.onnx")))
    member.write_bytes(member.read_bytes() + b"\0")
    window = viewer(models=altered)
    open_and_settle(qtbot, window, files[0])
    assert "AI unavailable: a model file is missing or altered" in plugin(window).dock.summary.text()
    line = window.plugin_status.text()
    assert line.startswith("AI (research use only): unavailable — ") and member.name in line
    assert ai_layers(window) == {}
