"""Finding studies and their images in the index (read-only; safe from any thread via its own connection).

``mark_opened``/``recent_studies`` (in :mod:`cxr_viewer.index.recent`) and ``verify``/``forget_missing``
(in :mod:`cxr_viewer.index.maintenance`) are re-exported here so the GUI needs a single import.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.maintenance import MissingFile, VerifyCancelled, forget_missing, verify
from cxr_viewer.index.recent import mark_opened, recent_studies
from cxr_viewer.index.rows import STUDY_SELECT, InstanceRow, StudyRow, study_row
from cxr_viewer.index.text_match import folded, id_match, search_fold, wildcard_pattern, words

__all__ = [
    "InstanceRow", "MissingFile", "StudyRow", "VerifyCancelled", "forget_missing", "instances_of_study",
    "mark_opened", "recent_studies", "search", "verify",
]  # fmt: skip

DateLike = dt.date | str | None
_TEXT_COLUMNS = ("p.patient_name", "p.patient_id", "st.accession", "st.description")
# a Study Date a range can hold: eight digits, as the list shows it. Malformed dates ("2023-05-05", "2023"), kept as
# text and listed without a date, compared as text fell inside ranges ("2023-05-05" >= "20220101")
_DA_GLOB = "[0-9][0-9][0-9][0-9][01][0-9][0-3][0-9]"
# a study's images in reading order (series ``se``, instance ``i``); prior.prior_image takes the first
READING_ORDER = ("se.series_number IS NULL, se.series_number, se.series_uid, "
                 "i.instance_number IS NULL, i.instance_number, i.path")


def search(
    index: StudyIndex,
    text: str = "",
    patient_id: str | None = None,
    date_from: DateLike = None,
    date_to: DateLike = None,
    modality: str | None = None,
    accession: str | None = None,
    limit: int = 500,
    unread_only: bool = False,
) -> list[StudyRow]:
    """Studies matching every given filter, newest first: by Study Date, then Study Time (an ICU patient's
    morning and evening films of one day list the evening one first); malformed dates after the real ones, studies
    without a date last.

    ``text`` is split into words (at spaces, ``^`` and commas: "Doe, John"); each word must appear in the patient
    name, patient ID, accession number or study description, so "john doe" finds "DOE^JOHN". Case is ignored for
    every script ("MÜLLER" finds "Müller", see :func:`~cxr_viewer.index.text_match.search_fold`), and a word may hold
    the DICOM wildcards ``*`` (any run of characters) and ``?`` (exactly one), so "SMITH*" and "PAT0000?" work
    as typed into a PACS query (the word is still found anywhere in the field); ``%`` and ``_`` are literal.
    ``patient_id`` and ``accession`` match exactly, case included, unless they hold ``*`` or ``?`` (then ASCII
    case is ignored). Dates are inclusive, given as :class:`datetime.date` or "YYYYMMDD"/"YYYY-MM-DD"; studies
    without a date, or with a malformed one that the list shows as no date ("2023-05-05"), are left out of a
    date range.
    ``modality`` keeps studies with at least one series of that modality; ``unread_only`` those not marked read
    (``read_status``), the radiologist's worklist.
    """
    clauses: list[str] = []
    params: list[object] = []
    for word in words(text):
        like = f"%{wildcard_pattern(search_fold(word))}%"
        clauses.append("(" + " OR ".join(f"{folded(column)} LIKE ? ESCAPE '\\'" for column in _TEXT_COLUMNS) + ")")
        params += [like] * len(_TEXT_COLUMNS)
    for column, value in (("p.patient_id", patient_id), ("st.accession", accession)):
        if value:
            clause, param = id_match(column, value.strip())
            clauses.append(clause)
            params.append(param)
    if date_from is not None:
        clauses.append(f"st.study_date GLOB '{_DA_GLOB}' AND st.study_date >= ?")
        params.append(_as_da(date_from))
    if date_to is not None:
        clauses.append(f"st.study_date GLOB '{_DA_GLOB}' AND st.study_date <= ?")
        params.append(_as_da(date_to))
    if modality:
        clauses.append("EXISTS (SELECT 1 FROM series m WHERE m.study_ref = st.id AND m.modality = ?)")
        params.append(modality.strip().upper())
    if unread_only:
        clauses.append("NOT EXISTS (SELECT 1 FROM study_read r WHERE r.study_ref = st.id)")
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    # dated studies newest first, then those with a malformed date (as text), then those without one: compared
    # as text, "garbage" and "20241399" were listed above or among the real dates
    order = (f"st.study_date GLOB '{_DA_GLOB}' DESC, st.study_date = '', st.study_date DESC, st.study_time DESC,"
             " p.patient_name, st.study_uid")
    sql = f"{STUDY_SELECT} {where} ORDER BY {order} LIMIT ?"
    return [study_row(row) for row in index.connection.execute(sql, (*params, int(limit)))]


def instances_of_study(index: StudyIndex, study_uid: str) -> list[InstanceRow]:
    """Every indexed image of a study, in reading order: series number, instance number, then file path."""
    rows = index.connection.execute(
        """SELECT i.*, se.series_uid, se.series_number, se.description AS series_description, se.modality
           FROM instance i JOIN series se ON se.id = i.series_ref JOIN study st ON st.id = se.study_ref
           WHERE st.study_uid = ?
           ORDER BY """ + READING_ORDER,
        (study_uid,),
    )
    return [
        InstanceRow(
            sop_instance_uid=row["sop_instance_uid"],
            series_uid=row["series_uid"],
            series_number=row["series_number"],
            series_description=row["series_description"],
            modality=row["modality"],
            instance_number=row["instance_number"],
            path=Path(row["path"]),
            rows=row["rows"],
            cols=row["cols"],
            photometric=row["photometric"],
            source=row["source"],
            thumbnail=row["thumbnail"],
        )
        for row in rows
    ]


def _as_da(value: dt.date | str) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    digits = value.strip().replace("-", "")
    try:
        dt.datetime.strptime(digits, "%Y%m%d")
    except ValueError:
        raise ValueError(f"date {value!r} is not YYYYMMDD or YYYY-MM-DD") from None
    return digits


def path_of_instance(index: StudyIndex, sop_instance_uid: str) -> Path | None:
    """The indexed file of the image ``sop_instance_uid`` (a presentation state's reference), if any."""
    row = index.connection.execute("SELECT path FROM instance WHERE sop_instance_uid = ?",
                                   (sop_instance_uid,)).fetchone()
    return Path(row["path"]) if row is not None else None
