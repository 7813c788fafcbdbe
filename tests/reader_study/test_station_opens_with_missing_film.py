"""A station opens a study whose only problems are missing films: one lost film blocked every reader. The log-in page
and Messages name the cases (by id: a file name may carry a patient's name), the case itself gets the "cannot be
shown" screen, and any other problem still refuses the study."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cxr_reader_study.plugin import ReaderStudyPlugin

pytestmark = pytest.mark.gui


def _point_case_at(study_file: Path, case_id: str, image: str) -> None:
    """Give ``case_id`` an image whose file is not there (named like a patient, as a hospital export may be)."""
    cases = study_file.parent / "cases.csv"
    lines = cases.read_text().splitlines()
    lines = [",".join([case_id, image, *line.split(",")[2:]]) if line.startswith(f"{case_id},") else line
             for line in lines]
    cases.write_text("\n".join(lines) + "\n")


def test_a_missing_film_opens_the_study_names_the_case_and_shows_cannot_be_shown(qtbot, viewer, froc_study_file):
    _point_case_at(froc_study_file, "C000", "SMITH_ANNE.dcm")  # C000: the training case, shown first
    plugin = ReaderStudyPlugin()
    plugin.activate(viewer.host)
    plugin.open_study(str(froc_study_file))
    panel = plugin.panel
    assert panel is not None
    notice = panel.login.missing_films.text()
    assert "C000" in notice and "SMITH" not in notice and "ANNE" not in notice
    qtbot.waitUntil(panel.login.missing_films.isVisible)
    if os.environ.get("RS_SHOT"):
        viewer.grab().save(os.environ["RS_SHOT"])
    assert any("C000" in text and "SMITH" not in text for text in viewer.messages.messages())
    panel.login.reader_id.setText("R1")
    qtbot.mouseClick(panel.login.start, Qt.MouseButton.LeftButton)
    assert panel.session.current_case.case_id == "C000"
    assert panel.reading.case_label.text().endswith("cannot be shown.")
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    assert panel.session is None and "C000" in panel.login.missing_films.text()


def test_a_missing_film_with_another_problem_is_still_refused(qtbot, viewer, froc_study_file):
    _point_case_at(froc_study_file, "C000", "SMITH_ANNE.dcm")
    cases = froc_study_file.parent / "cases.csv"
    cases.write_text(cases.read_text().replace("C002,C002.dcm,normal", "C002,C002.dcm,"))  # no truth
    plugin = ReaderStudyPlugin()
    plugin.activate(viewer.host)
    plugin.open_study(str(froc_study_file))
    assert plugin.panel is None
    refusal = "\n".join(viewer.messages.messages())
    assert "case has no truth" in refusal and "SMITH_ANNE.dcm" in refusal  # validate's wording, for the coordinator
