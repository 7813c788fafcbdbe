"""Writing one file's record into the index without ever duplicating an instance.

The SOP Instance UID is the identity of an image: a file whose UID is already indexed updates that row
(a moved file gets its new path), it never adds a second one. Callers run these inside a transaction.
"""

from __future__ import annotations

import enum
import sqlite3
import time
from dataclasses import dataclass, replace
from pathlib import Path

from cxr_viewer.index.patient_clash import patient_clash, still_in_place
from cxr_viewer.index.records import InstanceRecord

_PATIENT_FIELDS = ("patient_id", "patient_name", "birth_date", "sex")


class Outcome(enum.Enum):
    ADDED = "added"
    UPDATED = "updated"
    DUPLICATE = "duplicate"  # another copy of an instance whose indexed file still exists
    PATIENT_CLASH = "patient clash"  # its study is filed under another patient whose files are in place


@dataclass(frozen=True)
class FileFacts:
    path: Path
    size: int
    mtime: float
    content_hash: str | None = None


def is_known_unchanged(conn: sqlite3.Connection, facts: FileFacts) -> bool:
    """True when this very file (same path, size and modification time) is already indexed: no need to read it."""
    row = conn.execute(
        "SELECT 1 FROM instance WHERE path = ? AND file_size = ? AND mtime = ? LIMIT 1",
        (str(facts.path), facts.size, facts.mtime),
    ).fetchone()
    return row is not None


def store_instance(
    conn: sqlite3.Connection, record: InstanceRecord, facts: FileFacts
) -> tuple[Outcome, Path | str | None]:
    """Insert or update one instance; returns the outcome and, for a duplicate, the path already indexed, for a
    patient clash the reason (``patient_clash``)."""
    # Whatever instance this path held before has been overwritten by this file, even when the file is now a
    # copy of another indexed instance (a duplicate): the old entry must not keep pointing at it.
    conn.execute(
        "DELETE FROM instance WHERE path = ? AND sop_instance_uid <> ?", (str(facts.path), record.sop_instance_uid)
    )
    existing = conn.execute(
        "SELECT id, path, file_size, mtime FROM instance WHERE sop_instance_uid = ?", (record.sop_instance_uid,)
    ).fetchone()
    if existing is not None and existing["path"] != str(facts.path) and still_in_place(existing):
        return Outcome.DUPLICATE, Path(existing["path"])
    clash = patient_clash(conn, record, facts.path)
    if clash is not None:
        return Outcome.PATIENT_CLASH, clash
    series_id = _upsert_hierarchy(conn, record)
    values = (
        series_id, record.sop_class_uid, record.instance_number, str(facts.path), facts.size, facts.mtime,
        facts.content_hash, record.rows, record.cols, record.photometric, record.source,
    )  # fmt: skip
    if existing is None:
        conn.execute(
            "INSERT INTO instance (series_ref, sop_class_uid, instance_number, path, file_size, mtime, content_hash,"
            " rows, cols, photometric, source, imported_at, sop_instance_uid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (*values, time.time(), record.sop_instance_uid),
        )
        return Outcome.ADDED, None
    same_bytes = existing["file_size"] == facts.size and existing["mtime"] == facts.mtime
    conn.execute(
        "UPDATE instance SET series_ref = ?, sop_class_uid = ?, instance_number = ?, path = ?, file_size = ?,"
        " mtime = ?, content_hash = ?, rows = ?, cols = ?, photometric = ?, source = ?,"
        " thumbnail = CASE WHEN ? THEN thumbnail END WHERE id = ?",
        (*values, same_bytes, existing["id"]),
    )
    return Outcome.UPDATED, None


def prune_empty(conn: sqlite3.Connection) -> None:
    """Remove series, studies and patients left without instances (after moves, overwrites or forgetting)."""
    conn.execute("DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM instance WHERE series_ref = series.id)")
    conn.execute("DELETE FROM study WHERE NOT EXISTS (SELECT 1 FROM series WHERE study_ref = study.id)")
    conn.execute("DELETE FROM patient WHERE NOT EXISTS (SELECT 1 FROM study WHERE patient_ref = patient.id)")


def _upsert_hierarchy(conn: sqlite3.Connection, r: InstanceRecord) -> int:
    """Patient, study and series rows for this record (created or refreshed); returns the series id.

    A blank value in a later file never erases a value an earlier file of the same study gave.
    """
    r = _fill_patient_blanks(conn, r)
    patient_id = conn.execute(
        "INSERT INTO patient (patient_id, patient_name, birth_date, sex) VALUES (?,?,?,?)"
        " ON CONFLICT (patient_id, patient_name, birth_date)"
        " DO UPDATE SET sex = COALESCE(NULLIF(excluded.sex, ''), sex) RETURNING id",
        (r.patient_id, r.patient_name, r.birth_date, r.sex),
    ).fetchone()[0]
    study_id = conn.execute(
        "INSERT INTO study (study_uid, patient_ref, study_date, study_time, accession, description)"
        " VALUES (?,?,?,?,?,?) ON CONFLICT (study_uid) DO UPDATE SET patient_ref = excluded.patient_ref,"
        " study_date = COALESCE(NULLIF(excluded.study_date, ''), study_date),"
        " study_time = COALESCE(NULLIF(excluded.study_time, ''), study_time),"
        " accession = COALESCE(NULLIF(excluded.accession, ''), accession),"
        " description = COALESCE(NULLIF(excluded.description, ''), description) RETURNING id",
        (r.study_uid, patient_id, r.study_date, r.study_time, r.accession, r.study_description),
    ).fetchone()[0]
    return conn.execute(
        "INSERT INTO series (series_uid, study_ref, modality, series_number, description, body_part)"
        " VALUES (?,?,?,?,?,?) ON CONFLICT (series_uid) DO UPDATE SET study_ref = excluded.study_ref,"
        " modality = COALESCE(NULLIF(excluded.modality, ''), modality),"
        " series_number = COALESCE(excluded.series_number, series_number),"
        " description = COALESCE(NULLIF(excluded.description, ''), description),"
        " body_part = COALESCE(NULLIF(excluded.body_part, ''), body_part) RETURNING id",
        (r.series_uid, study_id, r.modality, r.series_number, r.series_description, r.body_part),
    ).fetchone()[0]


def _fill_patient_blanks(conn: sqlite3.Connection, r: InstanceRecord) -> InstanceRecord:
    """The record with blank patient fields taken from the patient its study is already filed under.

    Patients are keyed on ID, name and birth date, so without this a file of the same study that leaves the
    name blank would move the whole study onto a new, nameless patient.
    """
    known = conn.execute(
        "SELECT p.patient_id, p.patient_name, p.birth_date, p.sex FROM study st"
        " JOIN patient p ON p.id = st.patient_ref WHERE st.study_uid = ?",
        (r.study_uid,),
    ).fetchone()
    if known is None:
        return r
    return replace(r, **{name: known[name] for name in _PATIENT_FIELDS if not getattr(r, name)})
