"""What the status bar's task strip says (``gui.task_strip``, Qt-free): which tasks it is about and its label.

The tasks are real ``tasks.Task`` objects (never started: the strip reads only their title, quietness and cancel
flag).
"""

from __future__ import annotations

from cxr_viewer.gui.task_strip import cancel_entry, shown_tasks, strip_label
from cxr_viewer.gui.tasks import Task


def task(title: str, quiet: bool = False) -> Task:
    return Task(lambda reporter: None, title, quiet)


def test_quiet_housekeeping_is_left_out_and_the_order_kept():
    importing, thumbnails, detecting = task("Importing"), task("Thumbnails", quiet=True), task("Detecting")
    assert shown_tasks([importing, thumbnails, detecting]) == [importing, detecting]
    assert shown_tasks([thumbnails]) == []


def test_the_label_counts_the_others_and_says_cancelling_once_asked():
    detecting = task("Detecting")
    assert strip_label(detecting, 0, "") == "Detecting"
    assert strip_label(detecting, 0, "40/100 files") == "Detecting: 40/100 files"
    assert strip_label(detecting, 2, "40/100 files") == "Detecting (+2 more): 40/100 files"
    detecting.cancel()
    assert strip_label(detecting, 1, "40/100 files") == "Detecting (+1 more): cancelling…"
    assert cancel_entry(detecting) == "Cancel Detecting"
