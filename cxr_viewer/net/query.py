"""C-FIND at patient, study or series level with the filters a reading room actually uses.

Patient level uses the Patient Root model; study and series levels use Study Root, which every PACS we
target supports and which lets a series query name its study directly. Empty return keys are requested
explicitly because a PACS returns only the attributes that the identifier asks for.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date

from pydicom.dataset import Dataset
from pynetdicom.sop_class import (  # type: ignore[attr-defined]
    PatientRootQueryRetrieveInformationModelFind,
    StudyRootQueryRetrieveInformationModelFind,
)

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.errors import Cancelled, no_answer
from cxr_viewer.net.matches import Matches, final_status
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.scu import DEFAULT_TIMEOUT_S, associate

LEVELS = ("patient", "study", "series")
# Declared only when a matching value needs it: an undeclared identifier is read as ASCII (Latin-1 in practice),
# so "Müller" would go out as undeclared Latin-1 and CJK characters as "?", a wildcard matching anything.
_UTF8 = "ISO_IR 192"
_RETURN_KEYS = {
    "patient": ("PatientName", "PatientID", "PatientBirthDate", "PatientSex", "NumberOfPatientRelatedStudies"),
    "study": (
        "PatientName", "PatientID", "StudyInstanceUID", "StudyDate", "StudyTime", "StudyDescription",
        "AccessionNumber", "ModalitiesInStudy", "NumberOfStudyRelatedInstances",
    ),
    "series": (
        "PatientID", "StudyInstanceUID", "SeriesInstanceUID", "Modality", "SeriesNumber", "SeriesDescription",
        "NumberOfSeriesRelatedInstances",
    ),
}


def typed_name(typed: str) -> str:
    """A name as a person types it, "Doe, John" (as the Studies browser takes it), as the PN value ``Doe^John``.
    Sent as typed, a PACS compares it with ``Doe^John`` and finds nothing, with no word of why. A value that
    already has ``^`` or ``=`` is DICOM and is left alone."""
    text = typed.strip()
    if "," not in text or "^" in text or "=" in text:
        return text
    family, given = (part.strip() for part in text.split(",", 1))
    return f"{family}^{given}" if given else family


@dataclass(frozen=True)
class QueryFilter:
    """Matching keys; empty strings mean "any". Names accept DICOM wildcards (``*``, ``?``)."""

    level: str = "study"
    patient_name: str = ""
    patient_id: str = ""
    date_from: date | None = None
    date_to: date | None = None
    modality: str = ""
    accession_number: str = ""
    study_uid: str = ""

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"query level {self.level!r} must be one of {', '.join(LEVELS)}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date range {self.date_from} .. {self.date_to} is reversed")

    def date_range(self) -> str:
        """DICOM DA range matching: ``from-to``, ``from-`` or ``-to``."""
        if not (self.date_from or self.date_to):
            return ""
        start = self.date_from.strftime("%Y%m%d") if self.date_from else ""
        end = self.date_to.strftime("%Y%m%d") if self.date_to else ""
        return f"{start}-{end}" if start != end else start

    def identifier(self) -> Dataset:
        ds = Dataset()
        ds.QueryRetrieveLevel = self.level.upper()
        for keyword in _RETURN_KEYS[self.level]:
            setattr(ds, keyword, "")
        ds.PatientName = self.patient_name
        ds.PatientID = self.patient_id
        if self.level == "study":
            ds.StudyDate = self.date_range()
            ds.AccessionNumber = self.accession_number
            ds.ModalitiesInStudy = self.modality
        if self.level == "series":
            ds.Modality = self.modality
        if self.level != "patient":
            ds.StudyInstanceUID = self.study_uid
        if self.level == "series" and not self.study_uid:
            raise ValueError("a series-level query needs the study's UID")
        if not all(value.isascii() for value in self._matching_values()):
            ds.SpecificCharacterSet = _UTF8
        return ds

    def _matching_values(self) -> tuple[str, ...]:
        return (self.patient_name, self.patient_id, self.modality, self.accession_number, self.study_uid)


def find(
    calling_ae: str, node: DicomNode, query: QueryFilter, timeout_s: float = DEFAULT_TIMEOUT_S,
    cancel: threading.Event | None = None,
) -> Matches:
    """All matches, marked when the PACS stopped early (:mod:`cxr_viewer.net.matches`); raises PacsError if the
    node answers with a failure status before any match, Cancelled once ``cancel`` is set (at once, even while the
    node is silent: the connection is cut)."""
    model = (
        PatientRootQueryRetrieveInformationModelFind
        if query.level == "patient"
        else StudyRootQueryRetrieveInformationModelFind
    )
    identifier = query.identifier()
    matches: list[Dataset] = []
    try:
        with ConnectionAborter(cancel) as aborter, \
                associate(calling_ae, node, [model], timeout_s=timeout_s, aborter=aborter) as assoc:
            start = time.monotonic()
            for status, match in assoc.send_c_find(identifier, model):
                if aborter.cancelled:
                    raise Cancelled(f"{node.describe()}: C-FIND cancelled")
                if not status:
                    raise no_answer(node, "C-FIND", calling_ae, time.monotonic() - start, timeout_s, bool(matches))
                code, start = int(status.Status), time.monotonic()  # the wait counts from the last answer
                if code in (0xFF00, 0xFF01) and match is not None:
                    matches.append(match)
                elif code not in (0xFF00, 0xFF01):
                    return final_status(node.describe(), status, matches)
    except Cancelled:
        raise
    except Exception as exc:  # whatever a connection cut between two steps raised reads as the Cancel it was
        if cancel is not None and cancel.is_set():
            raise Cancelled(f"{node.describe()}: C-FIND cancelled") from exc
        raise
    return Matches(matches)
