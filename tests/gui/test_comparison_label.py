"""The comparison pane says what its film is to the current one: a prior, a later study or another image of the same
study, with its date and how far apart they are; a later study labelled like a prior invites reading the change
backwards. A blinded read shows the relation without any date."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore

from tests import dicom_factory

pytestmark = pytest.mark.gui
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier


def _film(path: Path, date: str, uid: str, instance: int = 1) -> Path:
    return dicom_factory.make_cr(path, rows=200, cols=300, spacing=0.2, seed=instance, PatientID="A1",
                                 PatientName="Alpha^Ann", StudyDate=date, StudyInstanceUID=uid,
                                 InstanceNumber=instance)


def _compare(window, qtbot, paths: list[Path]):
    window.open_paths(paths)  # files given one by one keep the order given: the first is the current film
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert second.isVisible() and second.image is not None
    return first, second


def test_a_later_study_is_labelled_later_and_a_prior_prior_with_date_and_interval(window, tmp_path, qtbot):
    """Ann's films of 2023-01-01 and 2024-05-10 opened together: beside the 2023 film (no prior) the pane shows the
    2024 one, and must say it is later; stepping to the 2024 film, the 2023 one beside it is its prior."""
    early = _film(tmp_path / "early.dcm", "20230101", "1.2.826.0.7.1")
    late = _film(tmp_path / "late.dcm", "20240510", "1.2.826.0.7.2")
    first, second = _compare(window, qtbot, [early, late])
    assert second.image.path == late  # the documented fallback: the next study of the patient
    assert second.corners.texts["bottom_right"] == "late.dcm\nlater study · 2024-05-10\n16 months later"
    qtbot.keyClick(first, QtCore.Qt.Key.Key_Down)  # the 2024 study becomes current
    assert first.image.path == late and second.image.path == early
    assert second.corners.texts["bottom_right"] == "early.dcm\nprior · 2023-01-01\n16 months earlier"


def test_another_image_of_the_same_study_says_so_and_which(window, tmp_path, qtbot):
    pa = _film(tmp_path / "pa.dcm", "20240510", "1.2.826.0.7.3", instance=1)
    lateral = _film(tmp_path / "lat.dcm", "20240510", "1.2.826.0.7.3", instance=2)
    first, second = _compare(window, qtbot, [pa, lateral])
    assert second.image.path == lateral
    assert second.corners.texts["bottom_right"] == "lat.dcm\nsame study · image 2/2"


def test_a_blinded_read_shows_the_relation_without_a_date(window, tmp_path, qtbot):
    """Blinding with the comparison on screen rewrites its line at once; unblinding brings the date back."""
    early = _film(tmp_path / "early.dcm", "20230101", "1.2.826.0.7.4")
    late = _film(tmp_path / "late.dcm", "20240510", "1.2.826.0.7.5")
    first, second = _compare(window, qtbot, [late, early])
    window.host.set_metadata_hidden(True)
    assert second.corners.texts["bottom_right"] == "prior"
    shown = " ".join(text for pane in (first, second) for text in pane.corners.texts.values())
    assert "2023" not in shown and "2024" not in shown and "month" not in shown
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)  # shown again while blinded
    assert second.corners.texts["bottom_right"] == "prior"
    window.host.set_metadata_hidden(False)
    assert second.corners.texts["bottom_right"] == "early.dcm\nprior · 2023-01-01\n16 months earlier"
