"""Linked zoom/pan in 1×2 while the reader steps through the list: the current film leads, the prior follows."""

from __future__ import annotations

import pytest
from PySide6 import QtCore

from tests import dicom_factory

pytestmark = pytest.mark.gui


def _shown(pane) -> list[float]:
    """The part of the view box on screen: x from, x to, y from, y to (image pixels)."""
    (x0, x1), (y0, y1) = pane.viewbox.viewRange()
    return [x0, x1, y0, y1]


def test_with_linked_zoom_each_new_current_film_opens_fitted_and_the_prior_follows_it(window, tmp_path, qtbot):
    """Today's two films are taller (400 rows) than the square prior. With Link zoom/pan on, stepping to the next
    film reloads the prior too; fitting the prior used to refit the current film through the link, so it opened
    at the prior's view with its bottom rows (the lung bases) off screen."""
    for number in (1, 2):
        dicom_factory.make_cr(tmp_path / f"today{number}.dcm", rows=400, cols=300, StudyInstanceUID="1.2.3.1",
                              SeriesInstanceUID="1.2.3.1.1", InstanceNumber=number, StudyDate="20240510")
    dicom_factory.make_cr(tmp_path / "prior.dcm", rows=300, cols=300, StudyInstanceUID="1.2.3.2",
                          StudyDate="20230101")
    window.open_paths([tmp_path / "today1.dcm", tmp_path / "today2.dcm", tmp_path / "prior.dcm"])
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    window.actions["link_view"].trigger()
    qtbot.keyClick(first, QtCore.Qt.Key.Key_Right)
    assert first.image.path.name == "today2.dcm" and second.image.path.name == "prior.dcm"
    opened = _shown(first)
    assert opened[2] <= 0 and opened[3] >= 400  # every row of the current film is on screen
    shown = _shown(second)  # the prior follows the current film: fitted too (its 300 columns fill the pane), centred
    assert shown[:2] == pytest.approx([0, 300]) and (shown[2] + shown[3]) / 2 == pytest.approx(150)
    qtbot.keyClick(first, QtCore.Qt.Key.Key_F)
    assert _shown(first) == pytest.approx(opened)  # it opened fitted: F changes nothing
