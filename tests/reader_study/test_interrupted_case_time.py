"""The time of a case whose reading was interrupted before its answer was submitted (a crash, a log-out).

The answer on screen is lost by design, but the time was lost too: after a restart the case was timed from its
new display only, so a reader who studied it for 40 s, lost the station and answered in 10 s after logging
in again was recorded as a 10 s read, and nothing in the database said the case had been seen before. Every
display is now logged with the time spent on it (saved at each pause, focus loss, mark, rating and log-out);
the submitted read adds the earlier displays' time and counts its displays, and the timing table counts
such reads.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.results.timing import timing_header, timing_rows
from cxr_reader_study.scheduling import open_session
from cxr_reader_study.storage.store import ReadStore

NOW = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)

# A reader process: one case read and submitted, the next studied for 40 s (the window then loses focus, 5 s
# more pass unseen), and it says so and waits to be killed. Its clock is injected: no real waiting.
_READER = textwrap.dedent("""
    import sys, time
    from datetime import datetime, timezone
    from cxr_reader_study.design.study_file import load_study
    from cxr_reader_study.reading.session import ReadingSession
    from cxr_reader_study.scheduling import open_session
    from cxr_reader_study.storage.store import ReadStore
    now = [0.0]
    study = load_study(sys.argv[1])
    store = ReadStore(study.database)
    wall = lambda: datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
    session = ReadingSession(study, store, open_session(study, store, "R1", wall()), {}, lambda: now[0], wall)
    session.image_shown(); now[0] += 12.0; session.press_digit(2); session.submit()
    session.image_shown(); now[0] += 40.0; session.pause("focus"); now[0] += 5.0
    print("STUDYING", session.current_case.case_id, flush=True)
    time.sleep(600)
""")


def test_a_case_killed_mid_read_keeps_the_time_already_spent_on_it(roc_study_file):
    child = subprocess.Popen([sys.executable, "-c", _READER, str(roc_study_file)], stdout=subprocess.PIPE, text=True)
    line = child.stdout.readline()
    assert line.startswith("STUDYING "), line
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    interrupted = line.split()[1]

    study = load_study(roc_study_file)
    store = ReadStore(study.database)
    now = [0.0]
    session = ReadingSession(study, store, open_session(study, store, "R1", NOW), {}, lambda: now[0], lambda: NOW)
    assert session.current_case.case_id == interrupted  # resumed on the interrupted case, in the drawn order
    session.image_shown()
    now[0] += 10.0
    session.press_digit(4)
    read = session.submit()
    assert (read.case_id, read.active_ms, read.displays) == (interrupted, 50_000, 2)
    first, stored = store.reads("R1")
    assert (first.active_ms, first.displays) == (12_000, 1)
    assert (stored.active_ms, stored.displays) == (50_000, 2)  # as read back from the database


def test_training_and_scored_reads_resumed_are_counted_in_the_timing_table(roc_study_file):
    study = load_study(roc_study_file)
    store = ReadStore(study.database)
    now = [0.0]
    record = open_session(study, store, "R1", NOW)
    for interruptions in (0, 1, 1, 0):  # a log-out on the 2nd and the 3rd case (the 1st is training)
        for _ in range(interruptions + 1):
            session = ReadingSession(study, store, record, {}, lambda: now[0], lambda: NOW)
            session.image_shown()
            now[0] += 20.0
            session.pause("user")
        session.resume("user")
        session.press_digit(3)
        assert session.submit().active_ms == 20_000 * (interruptions + 1)
    header, (row, *_) = timing_header(study), timing_rows(study, store)
    assert dict(zip(header, row))["resumed"] == 2  # the training case is not in the table


@pytest.mark.gui
def test_logging_out_mid_case_keeps_its_time_for_the_read(qtbot, roc_study_file):
    from cxr_viewer.gui.main_window import MainWindow

    from cxr_reader_study.ui.reading_panel import ReadingPanel

    window = MainWindow(load_plugins=False, with_browser=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    now = [0.0]
    panel = ReadingPanel(window.host, load_study(roc_study_file), clock=lambda: now[0], wall=lambda: NOW)
    window.host.add_dock_widget("Reader study", panel, area="right")
    for seconds in (30.0, 8.0):  # 30 s on the case, log out; log in again and answer it after 8 s
        panel.login.reader_id.setText("R2")
        qtbot.mouseClick(panel.login.start, Qt.MouseButton.LeftButton)
        case = panel.session.current_case.case_id
        now[0] += seconds
        if seconds == 30.0:
            qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    store = ReadStore(load_study(roc_study_file).database)
    key = ("R2", panel.session.arm.value, case, "final")
    assert store.earlier_views(key, before_view=10**9)[:2] == (2, 30_000)  # this display's time not saved yet
    panel.time_saver.timeout.emit()  # every 10 s while reading, so a station that dies loses at most that
    assert store.earlier_views(key, before_view=10**9)[:2] == (2, 38_000)
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_4)
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_Return)
    (read,) = store.reads("R2")
    assert (read.case_id, read.active_ms, read.displays) == (case, 38_000, 2)


def test_a_database_from_before_the_display_log_opens_and_keeps_its_reads(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE reads (read_id INTEGER PRIMARY KEY, reader_id TEXT NOT NULL, arm TEXT NOT NULL,
            case_id TEXT NOT NULL, phase TEXT NOT NULL, training INTEGER NOT NULL, rating REAL,
            shown_at TEXT NOT NULL, submitted_at TEXT NOT NULL, active_ms INTEGER NOT NULL, first_mark_ms INTEGER,
            pause_count INTEGER NOT NULL, UNIQUE (reader_id, arm, case_id, phase));
        INSERT INTO reads VALUES (1, 'R1', 'unaided', 'C001', 'final', 0, 4, '2026-01-01T09:00:00+00:00',
            '2026-01-01T09:00:20+00:00', 20000, NULL, 0);
    """)
    old.commit()
    old.close()
    (read,) = ReadStore(path).reads()
    assert (read.case_id, read.active_ms, read.displays) == ("C001", 20_000, 1)
