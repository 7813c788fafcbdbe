"""Which case-list rows show the same film, and which cases come from one patient.

A film listed under two case ids is read twice by every reader: the reader may recognise it, and the MRMC
analysis counts it as two independent cases, so it is a validation problem. Two films of one patient (a
follow-up, a second view) are a design choice some studies make, but the case jackknife still treats them as
independent, which narrows every confidence interval; validation warns and names them.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from cxr_reader_study.design.image_header import ImageHeader
from cxr_reader_study.design.model import Case

_NAMED = 6  # case ids named per shared patient; the rest are counted


class FilmRegister:
    """The films seen so far in the case list, by resolved path and by DICOM SOP Instance UID (a copy of the
    same film under another name)."""

    def __init__(self) -> None:
        self._by_path: dict[Path, tuple[int, str]] = {}
        self._by_uid: dict[str, tuple[int, str]] = {}

    def repeat(self, image: Path, header: ImageHeader, line: int, case_id: str) -> str | None:
        """Why this row's film was already listed (naming the earlier case and line), or None."""
        earlier = self._by_path.get(image)
        what = "image"
        if earlier is None and header.sop_instance_uid is not None:
            earlier, what = self._by_uid.get(header.sop_instance_uid), "DICOM SOP Instance UID"
        if earlier is not None:
            return (f"same {what} as case {earlier[1]} (line {earlier[0]}): a film listed twice is read twice "
                    "and counted as two cases")
        self._by_path[image] = (line, case_id)
        if header.sop_instance_uid is not None:
            self._by_uid[header.sop_instance_uid] = (line, case_id)
        return None


def shared_patients(cases: tuple[Case, ...]) -> list[str]:
    """A warning per Patient ID that several scored cases share (training cases are never analysed)."""
    by_patient: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        if case.patient_id is not None and not case.training:
            by_patient[case.patient_id].append(case.case_id)
    warnings = []
    for patient, ids in by_patient.items():
        if len(ids) > 1:
            named = ", ".join(ids[:_NAMED]) + (f" and {len(ids) - _NAMED} more" if len(ids) > _NAMED else "")
            warnings.append(f"cases {named} are one patient (Patient ID {patient!r}): the MRMC analysis treats "
                            "cases as independent, so its confidence intervals are too narrow unless each "
                            "patient has one case")
    return warnings
