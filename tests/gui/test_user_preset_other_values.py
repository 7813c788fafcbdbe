"""A reader's preset chosen on a film whose values it does not reach: the status bar says so.

A preset is modality values as taken on one film. Saved on a CT-like film's lung window (-600/1500 HU), key 1 on a
CR whose stored values run 1000–3000 turned the whole film one flat white, and the status bar said only "Window
preset 1: Lung HU (yours)": the film looked broken rather than windowed with numbers of another kind. Found in an
integration review (a preset saved on CT, applied on CR). The real viewer offscreen, DICOM written with pydicom, the
reader's key press for real.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore

from tests import dicom_factory

pytestmark = pytest.mark.gui
Key = QtCore.Qt.Key


@pytest.fixture
def films(tmp_path):
    cr_values = np.linspace(1000, 3000, 200 * 300).reshape(200, 300).astype(np.uint16)
    return [dicom_factory.make_ct_like(tmp_path / "ct.dcm", rows=100, cols=100),
            dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, pixels=cr_values)]


def _save_lung_then_go_to_the_cr(window, qtbot, films):
    window.open_paths(films)
    pane = window.layout_panes.primary
    pane.setFocus()
    qtbot.keyClick(pane, Key.Key_1)  # the CT's own LUNG window, -600/1500
    assert window.user_presets.save_current("Lung HU")
    qtbot.keyClick(pane, Key.Key_PageDown)
    assert pane.image.metadata.get("Modality") == "CR"
    return pane


def test_a_preset_outside_the_films_values_is_said_to_be(window, films, qtbot, config):
    pane = _save_lung_then_go_to_the_cr(window, qtbot, films)
    qtbot.keyClick(pane, Key.Key_1)
    state = pane.windowing.state
    assert (state.center, state.width) == (-600.0, 1500.0)  # applied as given: the reader chose it
    assert window.statusBar().currentMessage() == (
        "Window preset 1: Lung HU (yours) · W 1500 L -600 is outside this film's values (1000 to 3000)")


def test_a_preset_that_reaches_the_films_values_is_named_alone(window, films, qtbot, config):
    pane = _save_lung_then_go_to_the_cr(window, qtbot, films)
    pane.set_window_state(pane.windowing.explicit(2000, 1000))
    assert window.user_presets.save_current("CR middle")
    qtbot.keyClick(pane, Key.Key_2)
    assert window.statusBar().currentMessage() == "Window preset 2: CR middle (yours)"
    qtbot.keyClick(pane, Key.Key_PageUp)  # on the CT both of the reader's windows reach its values
    qtbot.keyClick(pane, Key.Key_1)
    assert window.statusBar().currentMessage() == "Window preset 1: Lung HU (yours)"
