"""The status strip's bar is busy, not standing at 0 %, while a task cannot say how much work is left.

An import walks the folder tree before it knows how many files it will read (minutes on a large share); it
reports a negative fraction then (``ProgressReporter``), and the bar used to sit at 0 % the whole time.
"""

from __future__ import annotations

import threading

import pytest

from cxr_viewer.gui.task_progress import TaskProgressWidget
from cxr_viewer.gui.tasks import UNKNOWN_AMOUNT, TaskRunner

pytestmark = pytest.mark.gui


def test_the_bar_is_busy_while_the_amount_is_unknown_then_shows_the_fraction(qtbot):
    runner = TaskRunner(lambda *args: None)
    strip = TaskProgressWidget(runner)
    qtbot.addWidget(strip)
    walked, finish = threading.Event(), threading.Event()

    def work(reporter) -> None:
        reporter.report(UNKNOWN_AMOUNT, "looking for files: 40 files found so far")
        walked.wait(10)
        reporter.report(0.5, "20/40 x.dcm")
        finish.wait(10)

    task = runner.run(work, title="Importing")
    qtbot.waitUntil(lambda: strip.label.text() == "Importing: looking for files: 40 files found so far")
    assert (strip.bar.minimum(), strip.bar.maximum()) == (0, 0)  # Qt's busy indicator
    walked.set()
    qtbot.waitUntil(lambda: strip.bar.maximum() == 1000)
    assert strip.bar.value() == 500
    finish.set()
    qtbot.waitUntil(lambda: task.done)


def test_a_fraction_above_one_or_below_zero_stays_in_range_or_reads_unknown(qtbot):
    runner = TaskRunner(lambda *args: None)
    seen: list[float] = []
    runner.progress.connect(lambda task, fraction, message: seen.append(fraction))
    task = runner.run(lambda reporter: [reporter.report(f) for f in (1.7, -0.2, 0.25)], title="Counting")
    qtbot.waitUntil(lambda: task.done and len(seen) == 3)
    assert seen == [1.0, UNKNOWN_AMOUNT, 0.25]
