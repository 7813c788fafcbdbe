"""Closing a study is recorded in the study's own database: found in an audit of the study's trail.

"Close reader study…" gives the station's viewer back (File > Open, the live AI), yet it went only to that
station's viewer log: nothing kept with the study said when or where the hold ended. It is now committed to the
reads database like a read (table ``study_closings``: UTC time, station), and ``cxr-reader status`` and the report
list it. A database from schema 2 gains the table when a station next opens it; read-only commands read it as is.
"""

from __future__ import annotations

import csv
import hashlib
import socket
import sqlite3
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.reader_study.test_reading_panel import _log_in
from tests.reader_study.test_station_held_between_readers import _answer_dialog, _station

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.storage.schema import SCHEMA

# The tables as schema 2 (the previous release's storage/schema.py) created them: all of today's but the closings.
SCHEMA_2 = SCHEMA.split("CREATE TABLE IF NOT EXISTS study_closings")[0]


@pytest.mark.gui
def test_closing_the_study_is_committed_to_its_database_and_listed(qtbot, make_window, roc_study_file, tmp_path,
                                                                   capsys):
    window, plugin = _station(make_window, roc_study_file, tmp_path)
    _log_in(qtbot, plugin.panel, "R1")
    for key in (Qt.Key.Key_4, Qt.Key.Key_Return):
        qtbot.keyClick(window.layout_panes.primary, key)
    qtbot.mouseClick(plugin.panel.reading.log_out, Qt.MouseButton.LeftButton)
    before = datetime.now(timezone.utc)
    _answer_dialog(QMessageBox.StandardButton.Yes, [])
    window.plugin_actions["reader_study.close"].trigger()
    after = datetime.now(timezone.utc)
    assert window.host.exclusive_owner() is None  # closed

    database = load_study(roc_study_file).database
    rows = sqlite3.connect(database).execute("SELECT closed_at, station FROM study_closings").fetchall()
    assert len(rows) == 1 and rows[0][1] == socket.gethostname()
    closed_at = datetime.fromisoformat(rows[0][0])
    assert closed_at.tzinfo is not None and before <= closed_at <= after

    capsys.readouterr()
    assert main(["status", str(roc_study_file)]) == 0
    status = capsys.readouterr().out
    assert f"{closed_at:%Y-%m-%d %H:%M} UTC on {socket.gethostname()}" in status.split("Study closed")[1]
    assert main(["report", str(roc_study_file), "--out", str(tmp_path / "report")]) == 0
    with (tmp_path / "report" / "study_closings.csv").open(newline="") as handle:
        assert list(csv.reader(handle))[1] == [f"{closed_at:%Y-%m-%d %H:%M} UTC", socket.gethostname()]
    assert "Study closings" in (tmp_path / "report" / "report.html").read_text(encoding="utf-8")


def test_a_schema_2_database_is_read_as_it_is_and_updated_by_the_next_closing(roc_study_file, capsys):
    from cxr_reader_study.reading.study_close import record_closing

    database = load_study(roc_study_file).database
    db = sqlite3.connect(database)
    db.executescript(SCHEMA_2 + "PRAGMA user_version = 2;")
    db.close()
    digest = hashlib.sha256(database.read_bytes()).hexdigest()
    assert main(["status", str(roc_study_file)]) == 0
    assert "Study closed" not in capsys.readouterr().out
    assert hashlib.sha256(database.read_bytes()).hexdigest() == digest  # status read it as archived

    closed_at = datetime(2026, 12, 7, 18, 5, tzinfo=timezone.utc)
    assert record_closing(database, closed_at, "station-3") is None
    db = sqlite3.connect(database)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 4  # brought up to the current schema
    assert db.execute("SELECT closed_at, station FROM study_closings").fetchall() == [(closed_at.isoformat(),
                                                                                       "station-3")]
    assert main(["status", str(roc_study_file)]) == 0
    assert "  2026-12-07 18:05 UTC on station-3" in capsys.readouterr().out
