"""Leaks guarded: what a reader could still read during a blinded read (the reader-study plugin holding the view
with names hidden), found in an end-to-end audit with a real window, a real study and files named after a patient.

- a status-bar line from before the read ("Could not open: /data/DOE_JOHN_19600101/…") stayed up to 15 s into it;
- an error reported during the read brought the hidden Messages dock back, every earlier message naming patients
  with it, and put its own first line (a path) in the status bar;
- the status bar's task strip went on naming the folder a running task works on ("Importing DOE_JOHN_19600101").
"""

from __future__ import annotations

import threading

import pytest

from tests.reader_study.test_reading_panel import _log_in, _open

pytestmark = pytest.mark.gui

PATIENT = "DOE_JOHN_19600101"


def _read(qtbot, viewer, study_file):
    panel = _open(viewer, study_file)
    _log_in(qtbot, panel, "R1")
    assert viewer.hold.owner == "reader_study" and viewer.hold.metadata_hidden
    return panel


def test_leak_status_bar_line_from_before_the_read(qtbot, viewer, roc_study_file):
    viewer.report_error("Could not open", f"/data/{PATIENT}/IM0001.dcm: not a DICOM file")
    assert PATIENT in viewer.statusBar().currentMessage()
    _read(qtbot, viewer, roc_study_file)
    assert PATIENT not in viewer.statusBar().currentMessage()


def test_leak_messages_dock_and_status_line_on_an_error_during_the_read(qtbot, viewer, roc_study_file):
    viewer.report_error("Could not open", f"/data/{PATIENT}/IM0001.dcm: not a DICOM file")
    panel = _read(qtbot, viewer, roc_study_file)
    viewer.host.show_error("Plugin failed", "while reading /data/SMITH_ANNE_19550505/IM0002.dcm")
    assert not viewer.docks["messages"].isVisible()
    assert "SMITH_ANNE" not in viewer.statusBar().currentMessage()
    assert "kept in Messages" in viewer.statusBar().currentMessage()  # the reader learns something came
    panel.reading.log_out.click()
    assert not viewer.docks["messages"].isVisible()  # nor at the log-in page, for the next reader to read
    panel.close_study()
    assert viewer.docks["messages"].isVisible()
    assert any("SMITH_ANNE" in text for text in viewer.messages.messages())  # kept for the coordinator


def test_leak_task_strip_names_the_folder_a_task_works_on(qtbot, viewer, roc_study_file):
    release = threading.Event()
    task = viewer.tasks.run(lambda reporter: release.wait(30), title=f"Importing {PATIENT}")
    strip = viewer.task_progress
    try:
        assert strip.isVisible() and PATIENT in strip.label.text()
        panel = _read(qtbot, viewer, roc_study_file)
        assert not strip.isVisible()
        panel.reading.log_out.click()
        assert not strip.isVisible()  # the next reader waits at the log-in page
        panel.close_study()
        assert strip.isVisible()  # the task went on; the coordinator sees it again
    finally:
        release.set()
    qtbot.waitUntil(lambda: task.done)
    assert not strip.isVisible()
