"""Opening an index written by an older version: the missing migrations run once, and the data they fix is fixed."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.query import search
from cxr_viewer.index.schema import MIGRATIONS, SCHEMA_VERSION


def write_version_1_index(path: Path) -> None:
    """An index file exactly as version 1 of the program left it, with dates it stored verbatim."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)")
    for statement in (part.strip() for part in MIGRATIONS[0].split(";")):
        if statement:
            conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1, 0)")
    patients = [
        (1, "OLD-1", "Old^Date", "1950.12.31"),
        (2, "NEW-1", "New^Date", "19601231"),
        (3, "TWIN", "Twin^A", "1970.01.01"),  # would collide with patient 4 once normalised: kept as it was
        (4, "TWIN", "Twin^A", "19700101"),
    ]
    conn.executemany("INSERT INTO patient (id, patient_id, patient_name, birth_date) VALUES (?,?,?,?)", patients)
    studies = [(1, "1.2.3.1", 1, "2024.01.05"), (2, "1.2.3.2", 2, "20240301"), (3, "1.2.3.3", 3, "2024.1.5"),
               (4, "1.2.3.4", 4, "")]  # fmt: skip
    for study_id, uid, patient, date in studies:
        conn.execute("INSERT INTO study (id, study_uid, patient_ref, study_date) VALUES (?,?,?,?)",
                     (study_id, uid, patient, date))  # fmt: skip
        conn.execute("INSERT INTO series (id, series_uid, study_ref, modality) VALUES (?,?,?,'CR')",
                     (study_id, f"{uid}.1", study_id))  # fmt: skip
        conn.execute(
            "INSERT INTO instance (sop_instance_uid, series_ref, path, file_size, mtime, source, imported_at, thumbnail)"
            " VALUES (?,?,?,1,0,'dicom',0,?)", (f"{uid}.1.1", study_id, f"/nowhere/{study_id}.dcm", b"old png"),
        )  # fmt: skip
    conn.close()


def test_version_1_index_is_migrated_and_its_old_dates_normalised(tmp_path: Path) -> None:
    path = tmp_path / "study-index.sqlite3"
    write_version_1_index(path)
    index = StudyIndex(path)
    assert index.schema_version() == SCHEMA_VERSION >= 2
    versions = [row[0] for row in index.connection.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    dates = dict(index.connection.execute("SELECT study_uid, study_date FROM study").fetchall())
    assert dates == {"1.2.3.1": "20240105", "1.2.3.2": "20240301", "1.2.3.3": "2024.1.5", "1.2.3.4": ""}
    births = dict(index.connection.execute("SELECT id, birth_date FROM patient").fetchall())
    assert births == {1: "19501231", 2: "19601231", 3: "1970.01.01", 4: "19700101"}
    dated = {row.study_uid: row.study_date for row in search(index, date_from="2024-01-01")}
    assert dated == {"1.2.3.1": dt.date(2024, 1, 5), "1.2.3.2": dt.date(2024, 3, 1)}
    assert index.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert index.connection.execute("PRAGMA foreign_key_check").fetchall() == []
    index.close()
    again = StudyIndex(path)  # reopening runs nothing twice
    assert again.connection.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    again.close()


def test_thumbnails_drawn_before_presentation_lut_shape_was_honoured_are_made_again(tmp_path: Path) -> None:
    """A MONOCHROME2 + INVERSE film's stored thumbnail was a negative, and unchanged files keep their thumbnails:
    migration 3 drops every stored one (the index does not know which films were INVERSE)."""
    path = tmp_path / "study-index.sqlite3"
    write_version_1_index(path)
    index = StudyIndex(path)
    assert index.connection.execute("SELECT COUNT(*) FROM instance WHERE thumbnail IS NOT NULL").fetchone()[0] == 0
    assert index.connection.execute("SELECT COUNT(*) FROM instance").fetchone()[0] == 4
    index.close()


def write_version_3_index(path: Path) -> None:
    """An index file as version 3 left it: study times of old files verbatim, thumbnails drawn without the shutter."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)")
    for version, script in enumerate(MIGRATIONS[:3], start=1):
        for statement in (part.strip() for part in script.split(";")):
            if statement:
                conn.execute(statement)
        conn.execute("INSERT INTO schema_version VALUES (?, 0)", (version,))
    conn.execute("INSERT INTO patient (id, patient_id, patient_name) VALUES (1, 'ICU-7', 'Icu^Patient')")
    times = {"1.2.4.1": "09:15:00", "1.2.4.2": "093000", "1.2.4.3": "07:45:10.5", "1.2.4.4": "18:40",
             "1.2.4.5": "9:15", "1.2.4.6": "", "1.2.4.7": "10:00:00.1234567"}  # fmt: skip
    for study_id, (uid, time) in enumerate(times.items(), start=1):
        conn.execute("INSERT INTO study (id, study_uid, patient_ref, study_date, study_time) VALUES (?,?,1,?,?)",
                     (study_id, uid, "20240105", time))  # fmt: skip
        conn.execute("INSERT INTO series (id, series_uid, study_ref, modality) VALUES (?,?,?,'CR')",
                     (study_id, f"{uid}.1", study_id))  # fmt: skip
        source = "image" if study_id == 6 else "dicom"
        conn.execute(
            "INSERT INTO instance (sop_instance_uid, series_ref, path, file_size, mtime, source, imported_at, thumbnail)"
            " VALUES (?,?,?,1,0,?,0,?)", (f"{uid}.1.1", study_id, f"/nowhere/{study_id}", source, b"old png"),
        )  # fmt: skip
    conn.close()


def test_version_3_index_gets_its_old_study_times_normalised(tmp_path: Path) -> None:
    """Times kept as HH:MM:SS.frac sorted wrongly against HHMMSS; malformed ones are left as they were."""
    path = tmp_path / "study-index.sqlite3"
    write_version_3_index(path)
    index = StudyIndex(path)
    assert index.schema_version() == SCHEMA_VERSION >= 4
    times = dict(index.connection.execute("SELECT study_uid, study_time FROM study").fetchall())
    assert times == {"1.2.4.1": "091500", "1.2.4.2": "093000", "1.2.4.3": "074510.5", "1.2.4.4": "1840",
                     "1.2.4.5": "9:15", "1.2.4.6": "", "1.2.4.7": "10:00:00.1234567"}  # fmt: skip
    newest_first = [row.study_uid for row in search(index) if row.study_uid in {"1.2.4.1", "1.2.4.2", "1.2.4.3"}]
    assert newest_first == ["1.2.4.2", "1.2.4.1", "1.2.4.3"]
    assert index.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    index.close()


def test_version_3_thumbnails_of_dicom_files_are_made_again_with_the_shutter(tmp_path: Path) -> None:
    """Thumbnails drawn before the display shutter was applied showed the raw film; the index does not know which
    files have a shutter, so every DICOM file's goes. A plain image has no shutter and keeps its thumbnail."""
    path = tmp_path / "study-index.sqlite3"
    write_version_3_index(path)
    index = StudyIndex(path)
    kept = index.connection.execute("SELECT source FROM instance WHERE thumbnail IS NOT NULL").fetchall()
    assert [row[0] for row in kept] == ["image"]
    assert index.connection.execute("SELECT COUNT(*) FROM instance").fetchone()[0] == 7
    index.close()
