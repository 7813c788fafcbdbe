"""AI > "Save findings as DICOM SR/SEG…" on a multi-frame film in the real main window. Objects that reference the
source by its SOP Instance alone read as the whole film, shown on its first frame: the findings of frame 3 were
saved that way, so a PACS drew them on frame 1, where there is no nodule. A film whose SOP Class has frames gets
objects that name the frame shown; a Digital X-Ray stored with several frames cannot name one, so its later frames
are refused with the reason, before the folder dialog, and frame 1's findings are saved as before."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest

from cxr_viewer.gui.pacs_node_choice import OBJECT_NAME, NodeChoice
from cxr_viewer.net.config import PacsSettings, save_settings
from cxr_viewer.net.nodes import DicomNode
from tests.ai.dicom_factory import write_dx
from tests.ai.test_dicom_export_frames import (FLUOROSCOPY, NODULE_FRAME, near_nodule, outline_centres, sr_frames,
                                              write_frames)
from tests.ai.model_factory import synthetic_chest
from tests.ai.test_ui_save_dicom import ACTION, _save
from tests.ai.viewer_helpers import open_and_settle, plugin, settle, status

pytestmark = pytest.mark.gui
FRAMES = 4


def _film(path: Path) -> Path:
    """Four frames of a chest; only frame 3 has a nodule."""
    frames = np.stack([synthetic_chest(500, 600, [(250.0, 300.0, 40.0)] if k == 2 else []) for k in range(FRAMES)])
    write_dx(path, frames[0])
    dataset = pydicom.dcmread(path)
    dataset.NumberOfFrames = FRAMES
    dataset.PixelData = frames.astype(np.uint16).tobytes()
    dataset.save_as(path)
    return path


def _detect_on_frame(qtbot, window, frame: int) -> None:
    while window.layout_panes.primary.image.frame_index < frame - 1:
        window.actions["next_frame"].trigger()
    while window.layout_panes.primary.image.frame_index > frame - 1:
        window.actions["prev_frame"].trigger()
    settle(qtbot, window)
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)


def test_frame_3_is_refused_and_frame_1_saved(viewer, qtbot, tmp_path) -> None:
    window = viewer()
    open_and_settle(qtbot, window, _film(tmp_path / "film.dcm"))
    folder = tmp_path / "reports"
    folder.mkdir()
    _detect_on_frame(qtbot, window, 3)
    assert "1 finding(s)" in status(window)
    assert not window.plugin_actions[ACTION].isEnabled()  # greyed on frame 3; its key or a race is refused:
    assert _save(qtbot, window, folder, trigger=plugin(window).save_dicom) == []  # before the folder dialog
    assert list(folder.iterdir()) == []
    assert "frame 3 of 4 cannot be saved as DICOM" in status(window)
    _detect_on_frame(qtbot, window, 1)
    assert window.plugin_actions[ACTION].isEnabled()
    assert _save(qtbot, window, folder) == [str(tmp_path)]
    assert sorted(path.name for path in folder.iterdir()) == ["film_seg_fractional.dcm", "film_sr.dcm"]


def test_frame_3_of_a_fluoroscopy_film_is_saved_as_an_sr_that_names_it(viewer, qtbot, tmp_path) -> None:
    """A multi-frame SOP Class may name the frame: frame 3's Save is offered and its SR references frame 3, with
    the outline on frame 3's nodule; a message says why no SEG came with it."""
    window = viewer()
    open_and_settle(qtbot, window, write_frames(tmp_path / "film.dcm", FLUOROSCOPY))
    folder = tmp_path / "reports"
    folder.mkdir()
    _detect_on_frame(qtbot, window, NODULE_FRAME)
    assert window.plugin_actions[ACTION].isEnabled()
    assert _save(qtbot, window, folder) == [str(tmp_path)]
    assert sorted(path.name for path in folder.iterdir()) == ["film_sr.dcm"]
    sr = pydicom.dcmread(folder / "film_sr.dcm")
    assert sr_frames(sr) and all(numbers == [NODULE_FRAME] for numbers in sr_frames(sr))
    assert near_nodule(outline_centres(sr))
    assert "The SR was saved without SEG in" in status(window)
    assert "No SEG of this frame: the source (X-Ray Radiofluoroscopic Image Storage) gives no plane position per " \
           "frame" in "\n".join(window.messages.messages())


def test_sending_frame_3_of_a_fluoroscopy_film_says_why_the_sr_goes_without_seg(viewer, qtbot, tmp_path) -> None:
    """Send writes what Save writes, so of this frame the SR alone: Messages says why, as it does for Save, before
    the viewer asks for the node (the send's own line named only the SR)."""
    save_settings(PacsSettings(nodes={"archive": DicomNode("ARCHIVE", "127.0.0.1", 11112)}))
    window = viewer()
    open_and_settle(qtbot, window, write_frames(tmp_path / "film.dcm", FLUOROSCOPY))
    _detect_on_frame(qtbot, window, NODULE_FRAME)
    window.plugin_actions["cxr_ai.send_pacs"].trigger()
    settle(qtbot, window)
    choice = window.findChild(NodeChoice, OBJECT_NAME)
    assert choice is not None and sorted(path.name for path in tmp_path.glob("film_*.dcm")) == ["film_sr.dcm"]
    assert "The SR is sent without SEG" in "\n".join(window.messages.messages())
    assert "No SEG of this frame: the source (X-Ray Radiofluoroscopic Image Storage)" in \
        "\n".join(window.messages.messages())
    choice.reject()
