"""The headless reading session: timing with an injected clock, keys, marks, submit rules, second reads."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cxr_reader_study.design.model import Arm, RatingScale
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.ai_findings import load_findings
from cxr_reader_study.reading.rating_keys import RatingKeys
from cxr_reader_study.reading.session import IncompleteRead, ReadingSession
from cxr_reader_study.scheduling import open_session
from cxr_reader_study.storage.store import ReadStore

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


class FakeClock:
    """A hand-driven monotonic clock: tests move time instead of sleeping."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _session(study, tmp_path: Path, reader: str = "R1", clock=None) -> ReadingSession:
    store = ReadStore(tmp_path / "reads.sqlite")
    record = open_session(study, store, reader, NOW)
    return ReadingSession(study, store, record, load_findings(study), clock=clock or FakeClock(), wall=lambda: NOW)


def test_timing_pauses_on_focus_loss_and_user_pause(roc_study, tmp_path):
    clock = FakeClock()
    session = _session(roc_study, tmp_path, clock=clock)
    session.image_shown()
    clock.now += 2.0
    session.pause("focus")  # window lost focus
    clock.now += 30.0
    session.pause("user")
    session.resume("focus")  # focus back, but the reader's own pause still holds
    clock.now += 10.0
    assert session.paused
    session.resume("user")
    clock.now += 1.5
    session.answer.press_digit(4)
    read = session.submit()
    assert read.active_ms == 3500 and read.pause_count == 1
    assert read.shown_at == NOW and read.rating == 4.0


def test_enter_without_rating_warns_and_keeps_state(roc_study, tmp_path):
    session = _session(roc_study, tmp_path)
    session.image_shown()
    with pytest.raises(IncompleteRead, match="Rate the case"):
        session.submit()
    assert session.progress == (0, 9)
    warning = session.answer.press_digit(9).warning  # off the 1–5 scale: refused, nothing changes
    assert "not on this scale" in warning and session.answer.rating is None
    session.answer.press_digit(2)
    session.submit()
    assert session.progress == (1, 9) and session.answer.rating is None  # next case starts blank


def test_froc_marks_need_ratings_and_time_to_first_mark(froc_study_file, tmp_path):
    study = load_study(froc_study_file)
    clock = FakeClock()
    session = _session(study, tmp_path, clock=clock)
    session.image_shown()
    clock.now += 1.25
    first = session.add_mark(40, 50)
    session.answer.press_digit(5)
    session.add_mark(10, 10)
    with pytest.raises(IncompleteRead, match="Rate mark\\(s\\) 2"):
        session.submit()
    session.answer.move_mark(first, 42, 51)
    session.answer.delete_mark(1)
    read = session.submit()
    assert read.first_mark_ms == 1250 and [(m.x, m.y, m.rating) for m in read.marks] == [(42, 51, 5.0)]
    assert session.store.reads()[0].marks == read.marks


def test_zero_to_hundred_keys_accumulate():
    keys = RatingKeys(RatingScale("0-100"))
    assert [keys.press(d).rating for d in (7, 5)] == [7.0, 75.0]
    assert keys.press(3).rating == 3.0  # 753 > 100 starts over
    keys.reset()
    assert [keys.press(d).rating for d in (1, 0, 0)] == [1.0, 10.0, 100.0]
    binary = RatingKeys(RatingScale("binary"))
    assert binary.press(1).rating == 1.0 and binary.press(2).rating is None


def test_ai_hidden_unaided_and_until_first_answer_in_second_read(roc_study, tmp_path):
    study = replace(roc_study, arms=(Arm.UNAIDED, Arm.AIDED_SECOND_READ))
    findings = load_findings(study)
    unaided = _session(study, tmp_path, "R1")  # first reader of its group starts with arms[0]
    assert unaided.arm is Arm.UNAIDED and unaided.visible_findings() == []
    second = _session(study, tmp_path, "R3")  # second reader of the group starts with arms[1]
    assert second.arm is Arm.AIDED_SECOND_READ and second.phase == "first"
    assert second.visible_findings() == []
    second.image_shown()
    second.answer.press_digit(2)
    first = second.submit()
    assert first.phase == "first" and second.phase == "final" and second.answer.rating == 2.0
    assert second.visible_findings() == findings[first.case_id]
    second.answer.press_digit(4)
    final = second.submit()
    assert (final.case_id, final.phase, final.rating) == (first.case_id, "final", 4.0)
    assert second.progress == (1, 9) and second.phase == "first"


def test_findings_from_a_cxr_ai_detect_report(roc_study, tmp_path):
    case = roc_study.scored_cases[2]
    report = {"tool": "cxr-ai", "images": [{"path": str(case.image), "findings": [
        {"id": 0, "x": 10.5, "y": 20, "diameter_px": 14, "diameter_mm": None, "score": 0.9, "contour": []}]}]}
    (tmp_path / "detect.json").write_text(json.dumps(report))
    findings = load_findings(replace(roc_study, ai_findings=tmp_path / "detect.json"))
    assert findings[case.case_id][0].diameter_px == 14 and findings[case.case_id][0].x == 10.5
    assert all(not f for cid, f in findings.items() if cid != case.case_id)


def test_froc_unmarked_case_needs_a_second_enter(froc_study_file, tmp_path):
    session = _session(load_study(froc_study_file), tmp_path)
    session.image_shown()
    with pytest.raises(IncompleteRead, match="Press Enter again"):
        session.submit()
    assert session.progress[0] == 0
    read = session.submit()
    assert read.marks == () and session.progress[0] == 1
    session.image_shown()
    with pytest.raises(IncompleteRead, match="Press Enter again"):  # the confirmation does not carry over
        session.submit()


def test_a_resumed_session_skips_a_case_removed_from_the_case_list(roc_study_file, tmp_path):
    """Showing a case taken out of cases.csv after the session started raised a KeyError at the station."""
    study = load_study(roc_study_file)
    store = ReadStore(tmp_path / "reads.sqlite")
    drawn = open_session(study, store, "R1", NOW).case_order
    removed = drawn[3]
    cases = roc_study_file.parent / "cases.csv"
    cases.write_text("".join(line for line in cases.read_text().splitlines(keepends=True)
                             if not line.startswith(f"{removed},")))
    ai = json.loads((roc_study_file.parent / "ai.json").read_text())
    ai["cases"].pop(removed, None)
    (roc_study_file.parent / "ai.json").write_text(json.dumps(ai))
    study = load_study(roc_study_file)
    record = open_session(study, store, "R1", NOW)
    assert record.case_order == tuple(case for case in drawn if case != removed)
    assert store.session("R1", record.arm).case_order == drawn  # the stored row keeps the drawn order
    session = ReadingSession(study, store, record, load_findings(study), clock=FakeClock(), wall=lambda: NOW)
    shown = []
    while not session.finished:
        shown.append(session.current_case.case_id)
        session.image_shown()
        session.press_digit(3)
        session.submit()
    assert removed not in shown and len(shown) == len(drawn) - 1
