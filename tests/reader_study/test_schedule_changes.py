"""The arm schedule once a study is under way, and the crossover balance over the whole reader list.

A reader's next arm and washout came from the position of their arms in the plan, not from the sessions
stored: a reader added to a group (or the readers reordered) in the study file flips the arm order of the
group's later readers, and one of them who had finished an arm was then offered the other arm at once,
without the washout and without the override being recorded. The crossover rotated within each group only,
so two groups of three readers had four readers starting unaided and two aided.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from cxr_reader_study.design.model import Reader
from cxr_reader_study.design.plan import arm_order
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.results.progress import progress_lines
from cxr_reader_study.scheduling import WashoutNotOver, open_session
from cxr_reader_study.storage.store import ReadStore

START = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)


def _finish(study, store, record) -> None:
    session = ReadingSession(study, store, record, {}, wall=lambda: START)
    while not session.finished:
        session.image_shown()
        session.press_digit(3)
        session.submit()


def test_washout_holds_after_a_reader_is_added_before_one_who_has_read(roc_study, tmp_path):
    store = ReadStore(tmp_path / "reads.sqlite")
    first = open_session(roc_study, store, "R3", START)  # R3, second radiologist, starts aided
    _finish(roc_study, store, first)
    grown = replace(roc_study, readers=(Reader("R0", "radiologist"),) + roc_study.readers)
    assert arm_order(grown)["R3"][0].value != first.arm  # R3 is now the third radiologist: order flipped

    lines = progress_lines(grown, store)  # cxr-reader status: sessions as read, the next arm's opening date
    r3 = next(i for i, line in enumerate(lines) if line.startswith("R3 (radiologist): "))
    assert lines[r3 + 1].startswith(f"  1. {first.arm}: 8 of 8 study reads done, 1 of 1 training case read, finished 2026-01-01")
    assert lines[r3 + 2].endswith("not started, opens 2026-01-29 09:00 UTC")
    with pytest.raises(WashoutNotOver, match="opens after the 28-day washout"):
        open_session(grown, store, "R3", START + timedelta(days=1))
    later = open_session(grown, store, "R3", START + timedelta(days=29))
    assert later.arm != first.arm and later.session_index == 1 and not later.washout_override
    assert open_session(grown, store, "R3", START + timedelta(days=29)) == later  # resumed, not restarted


def test_two_groups_of_three_readers_are_balanced_overall(roc_study):
    readers = tuple(Reader(f"R{i}", "radiologist" if i < 3 else "resident") for i in range(6))
    orders = arm_order(replace(roc_study, readers=readers))
    firsts = Counter(order[0].value for order in orders.values())
    assert firsts["unaided"] == firsts["aided"] == 3
    for group in ("radiologist", "resident"):  # and each group within one
        in_group = Counter(orders[r.reader_id][0].value for r in readers if r.group == group)
        assert abs(in_group["aided"] - in_group["unaided"]) <= 1
