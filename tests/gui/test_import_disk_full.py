"""Importing into a study index on a disk that fills up: the import stops, says why (the disk is full) and what was
kept, and the Studies list shows the studies stored before; the command line prints the same and exits 1."""

from __future__ import annotations

import sqlite3

import pytest

from cxr_viewer.index.cli import main
from cxr_viewer.index.db import StudyIndex
from tests import dicom_factory
from tests.full_disk import tiny_disk

pytestmark = pytest.mark.gui


def _films(folder, count: int = 400):
    for number in range(count):
        dicom_factory.make_cr(folder / f"p{number // 10:02d}" / f"im{number % 10}.dcm", rows=16, cols=16,
                              PatientName=f"Full^P{number // 10:02d}", PatientID=f"F{number // 10:02d}",
                              StudyInstanceUID=f"1.2.826.0.1.3680043.10.9.{number // 10}")
    return folder


def _stored(path) -> int:
    with sqlite3.connect(path) as conn:
        number = conn.execute("SELECT COUNT(*) FROM instance").fetchone()[0]
    conn.close()
    return number


def test_an_import_that_fills_the_disk_says_so_and_lists_what_was_kept(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    films = _films(tmp_path / "films")
    with tiny_disk(tmp_path / "disk") as disk:
        browser.index = StudyIndex(disk / "index.sqlite3")
        with qtbot.waitSignal(browser.import_finished, timeout=60000) as finished:
            browser.import_folder(films)
        report = finished.args[0]
        stopped = [text for text in window.messages.messages() if "Import stopped" in text]
        assert len(stopped) == 1 and "database or disk is full" in stopped[0]
        assert f"{report.added} files stored before were kept" in stopped[0]
        assert 0 < report.added < 400 and report.failed == []
        assert report.added == _stored(disk / "index.sqlite3")
        assert browser.table.rowCount() == report.added // 10  # the kept studies are listed
        window.grab().save(str(tmp_path / "disk_full.png"))
        browser.index.close()


def test_the_command_line_prints_what_was_kept_and_exits_1(tmp_path, capsys):
    films = _films(tmp_path / "films")
    with tiny_disk(tmp_path / "disk") as disk:
        assert main(["--index", str(disk / "ix.sqlite3"), "import", str(films)]) == 1
        out, err = capsys.readouterr()
        kept = _stored(disk / "ix.sqlite3")
        assert 0 < kept < 400 and out.startswith(f"{kept} added, 0 updated")
        assert "database or disk is full" in err and f"{kept} files stored before were kept" in err
        assert "no transaction is active" not in err
