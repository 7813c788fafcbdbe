"""Two patients in one study: a file whose PatientID differs from the patient its study is already filed under.

A study has one patient in the index (its row points at one), so such a file used to move the whole study to its
patient: the other patient's films were then listed and opened under the wrong name, and searching for that patient
found nothing. It happens with misfiled or badly anonymised studies and merges gone wrong, and only the user can tell
which files are right. So while files of the study filed under the other patient are still in place, the new file is
refused with both patients named (``failed``, the rest imports). When they are not (every file rewritten with the
corrected patient, or the old files gone), it is a correction and the study moves, as before. A file without a
PatientID is no clash: it takes the study's patient (``store._fill_patient_blanks``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cxr_viewer.index.records import InstanceRecord


def patient_clash(conn: sqlite3.Connection, record: InstanceRecord, path: Path) -> str | None:
    """Why the file at ``path`` cannot join its study (see the module doc), or None when it can."""
    filed = conn.execute(
        "SELECT st.id, p.patient_id, p.patient_name FROM study st JOIN patient p ON p.id = st.patient_ref"
        " WHERE st.study_uid = ?",
        (record.study_uid,),
    ).fetchone()
    if filed is None or not record.patient_id or not filed["patient_id"] or record.patient_id == filed["patient_id"]:
        return None
    others = conn.execute(
        "SELECT i.path, i.file_size, i.mtime FROM instance i JOIN series se ON se.id = i.series_ref"
        " WHERE se.study_ref = ? AND i.sop_instance_uid <> ? AND i.path <> ? ORDER BY i.path",
        (filed["id"], record.sop_instance_uid, str(path)),
    )
    kept = next((Path(row["path"]) for row in others if still_in_place(row)), None)
    if kept is None:
        return None
    return (
        f"names patient ID {record.patient_id} ({record.patient_name or 'no name'}), but its study {record.study_uid}"
        f" is indexed for patient ID {filed['patient_id']} ({filed['patient_name'] or 'no name'}) from files still in"
        f" place, such as {kept}: two patients in one study, so it was not indexed; check which files are right"
    )


def still_in_place(row: sqlite3.Row) -> bool:
    """The indexed file is still there, unchanged (otherwise it moved, or its path now holds another file)."""
    try:
        stat = Path(row["path"]).stat()
    except OSError:
        return False
    return stat.st_size == row["file_size"] and stat.st_mtime == row["mtime"]
