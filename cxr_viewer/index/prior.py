"""A patient's prior study from the index, for the viewer's comparison pane when the opened files hold none; else
that patient's next later study (``later_image``), so a reader on a prior still sees what followed it, labelled
"later study" by the pane rather than taken for a prior.

A study opened from the Studies dock comes with its own files only, so the list the viewer steps through holds no
earlier film of the patient; the index usually does. The rule is the navigator's (``gui/navigation.py``): the same
PatientID, compared exactly (case and all: "ab12" is another patient than "AB12"), and the newest study whose Study
Date and Time, as one text, is earlier than the current one's. The index stores dates as YYYYMMDD and times without
colons (migrations 2 and 4), so that text sorts in time order just as the navigator's does.

Studies without a valid date are never taken: nothing says whether they came before. Nor is one sought for a
current film without a date (the caller passes no ``before``); a later film shown as its "comparison" would invite
reading the progression backwards.

Both queries are indexed lookups, cheap enough for the GUI thread whatever the index holds: the patient by the
leading column of its UNIQUE (patient_id, patient_name, birth_date) key, that patient's studies by
``study_by_patient``, the study's first image by ``series_by_study`` and ``instance_by_series``
(``tests/index/test_prior_lookup.py`` checks the query plans).
"""

from __future__ import annotations

from pathlib import Path

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.query import READING_ORDER

PRIOR_STUDY_SQL = """
SELECT st.id FROM study st JOIN patient p ON p.id = st.patient_ref
WHERE p.patient_id = ? AND st.study_uid <> ?
  AND length(st.study_date) = 8 AND st.study_date NOT GLOB '*[^0-9]*'
  AND st.study_date || st.study_time < ?
ORDER BY st.study_date || st.study_time DESC, st.study_uid LIMIT 1
"""

# the same rules the other way: the oldest study dated after the current one (the study that followed it)
LATER_STUDY_SQL = PRIOR_STUDY_SQL.replace("< ?", "> ?").replace("DESC", "ASC")

FIRST_IMAGE_SQL = f"""
SELECT i.path FROM instance i JOIN series se ON se.id = i.series_ref
WHERE se.study_ref = ? ORDER BY {READING_ORDER} LIMIT 1
"""


def prior_image(index: StudyIndex, patient_id: str, before: str, study_uid: str) -> Path | None:
    """The first image (in reading order, as ``instances_of_study`` lists them) of the newest study of
    ``patient_id`` dated before ``before``, the current study's date and time as YYYYMMDD + TM text; never the
    study ``study_uid`` itself. None without a patient, without a date, or when the index holds no such study.

    The path is what the index recorded; the file may have gone since (the caller says so rather than open it).
    """
    return _first_image(index, PRIOR_STUDY_SQL, patient_id, before, study_uid)


def later_image(index: StudyIndex, patient_id: str, after: str, study_uid: str) -> Path | None:
    """As ``prior_image``, for the oldest study of ``patient_id`` dated after ``after``: the comparison pane's
    fallback when the patient has no prior (the reader is on a prior; the index holds the study that followed)."""
    return _first_image(index, LATER_STUDY_SQL, patient_id, after, study_uid)


def _first_image(index: StudyIndex, study_sql: str, patient_id: str, when: str, study_uid: str) -> Path | None:
    if not patient_id or len(when) < 8 or not when[:8].isdigit():
        return None
    conn = index.connection
    study = conn.execute(study_sql, (patient_id, study_uid, when)).fetchone()
    if study is None:
        return None
    first = conn.execute(FIRST_IMAGE_SQL, (study[0],)).fetchone()
    return Path(first[0]) if first is not None else None
