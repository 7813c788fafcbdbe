"""The dock's rules, headless: who may log in at a reading station, and what a click or a drag does to the marks."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from cxr_viewer.plugin_api import Marker

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.mark_input import (
    OFF_IMAGE_HINT, SELECT_WITHIN_SCREEN_PX, click_on_image, markers_dragged, select_radius,
)
from cxr_reader_study.reading.session import PAUSED_HINT, ReadingSession
from cxr_reader_study.reading.station import ReadingStation
from cxr_reader_study.scheduling import open_session
from cxr_reader_study.simulate import main as simulate
from cxr_reader_study.storage.store import ReadStore

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
SHAPE = (192, 192)  # the demo study's images (rows, columns)
WITHIN = 8.0  # image pixels: how near a click picks a mark (the UI passes SELECT_WITHIN_SCREEN_PX at the view's zoom)


def _now() -> datetime:
    return datetime.now(timezone.utc)  # the simulated readers' sessions start at the real time


def test_an_unknown_reader_is_refused_before_the_database_is_opened(roc_study):
    station = ReadingStation(roc_study, lambda: 0.0, lambda: NOW)
    assert station.log_in("nobody") == "Unknown reader id 'nobody'."
    assert station.session is None and not station.answering and not roc_study.database.exists()
    assert station.log_in("R1") == ""
    assert station.session.record.reader_id == "R1" and roc_study.database.exists()
    assert not station.answering  # logged in, but no image on screen yet: keys must not answer
    station.session.image_shown()
    assert station.answering
    station.log_out()
    assert station.session is None and not station.answering


def test_the_station_says_when_the_washout_ends_and_when_every_arm_is_read(roc_study_file):
    study = load_study(roc_study_file)
    assert simulate([str(roc_study_file), "--reader", "R1"]) == 3  # the first arm is read; the washout begins
    station = ReadingStation(study, lambda: 0.0, _now)
    refusal = station.log_in("R1")
    assert refusal.startswith("Reader R1 finished arm 'unaided'") and "28-day washout" in refusal
    assert refusal.endswith("Please come back then; if you need to start earlier, ask the study coordinator.")
    assert station.session is None
    station.log_out()
    assert simulate([str(roc_study_file), "--reader", "R1", "--override-washout"]) == 0
    assert station.log_in("R1") == "Reader R1 has completed every session. Thank you."
    assert station.session is None


def _froc_session(froc_study_file: Path, tmp_path: Path) -> ReadingSession:
    study = load_study(froc_study_file)
    store = ReadStore(tmp_path / "reads.sqlite")
    session = ReadingSession(study, store, open_session(study, store, "R1", NOW), {}, wall=lambda: NOW)
    session.image_shown()
    return session


def test_the_pick_radius_is_a_screen_distance_in_image_pixels():
    assert select_radius(1.0) == SELECT_WITHIN_SCREEN_PX
    assert select_radius(32.0) == SELECT_WITHIN_SCREEN_PX / 32  # zoomed in: a fraction of an image pixel
    assert select_radius(0.25) == SELECT_WITHIN_SCREEN_PX * 4  # a large film fitted: many image pixels


def test_a_click_on_a_mark_selects_it_and_a_click_elsewhere_adds_one(froc_study_file, tmp_path):
    session = _froc_session(froc_study_file, tmp_path)
    assert click_on_image(session, 50, 50, SHAPE, WITHIN) == ""
    assert click_on_image(session, 50 + WITHIN + 1, 50, SHAPE, WITHIN) == ""  # just beyond the first mark: a new one
    assert len(session.answer.marks) == 2 and session.answer.selected_mark == 1
    assert click_on_image(session, 52, 53, SHAPE, WITHIN) == ""  # on the first mark (the nearer of the two): selects it
    assert len(session.answer.marks) == 2 and session.answer.selected_mark == 0
    session.pause("user")
    assert click_on_image(session, 200, 200, SHAPE, WITHIN) == PAUSED_HINT
    assert len(session.answer.marks) == 2 and session.answer.selected_mark == 0


def test_a_drag_moves_the_mark_whose_marker_moved_and_is_refused_while_paused(froc_study_file, tmp_path):
    session = _froc_session(froc_study_file, tmp_path)
    click_on_image(session, 50, 50, SHAPE, WITHIN)
    click_on_image(session, 150, 150, SHAPE, WITHIN)
    assert markers_dragged(session, [Marker(60, 45), Marker(150, 150)], SHAPE) == ""
    assert [(m.x, m.y) for m in session.answer.marks] == [(60, 45), (150, 150)]
    assert session.answer.selected_mark == 0  # the moved mark is the one the next number key rates
    session.pause("focus")
    assert markers_dragged(session, [Marker(60, 45), Marker(10, 10)], SHAPE) == PAUSED_HINT
    assert [(m.x, m.y) for m in session.answer.marks] == [(60, 45), (150, 150)]


def test_a_click_or_a_drag_off_the_image_is_refused(froc_study_file, tmp_path):
    session = _froc_session(froc_study_file, tmp_path)
    assert click_on_image(session, -0.5, 50, SHAPE, WITHIN) == OFF_IMAGE_HINT
    assert click_on_image(session, 50, 192.5, SHAPE, WITHIN) == OFF_IMAGE_HINT
    assert session.answer.marks == []
    assert click_on_image(session, 0, 192, SHAPE, WITHIN) == ""  # the film's edge is on it
    assert markers_dragged(session, [Marker(193, 10)], SHAPE) == OFF_IMAGE_HINT
    assert [(m.x, m.y) for m in session.answer.marks] == [(0, 192)]
