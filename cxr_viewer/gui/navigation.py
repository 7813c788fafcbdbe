"""The opened images as studies, and the cursor for previous/next image and previous/next study.

Files are grouped by StudyInstanceUID read from their headers only (cheap), keeping the order the
user gave; files that are not DICOM (or unreadable headers) form groups by folder so they still open
and a broken one can report its own error when shown. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pydicom


def study_key(path: Path) -> str:
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["StudyInstanceUID"])
        uid = str(ds.get("StudyInstanceUID", "") or "")
    except Exception:  # pydicom raises many kinds for a broken header; the loader reports the file when shown
        uid = ""
    return uid or f"folder:{path.parent}"


def study_patient_and_date(path: Path) -> tuple[str, str]:
    """PatientID and StudyDate from the header ('' each when absent or unreadable); picks a comparison's prior."""
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["PatientID", "StudyDate"])
        return str(ds.get("PatientID", "") or "").strip(), str(ds.get("StudyDate", "") or "").strip()
    except Exception:  # pydicom raises many kinds for a broken header; such a study has no known patient
        return "", ""


def group_by_study(paths: list[Path]) -> list[list[Path]]:
    groups: dict[str, list[Path]] = {}
    for path in paths:
        groups.setdefault(study_key(path), []).append(path)
    return list(groups.values())


@dataclass
class Navigator:
    studies: list[list[Path]] = field(default_factory=list)
    study: int = 0
    image: int = 0

    _patients: dict[int, tuple[str, str]] = field(default_factory=dict)  # study -> (PatientID, StudyDate), read lazily

    def set_studies(self, studies: list[list[Path]]) -> None:
        self.studies = [group for group in studies if group]
        self.study, self.image = 0, 0
        self._patients = {}

    def _patient_and_date(self, study: int) -> tuple[str, str]:
        if study not in self._patients:
            self._patients[study] = study_patient_and_date(self.studies[study][0])
        return self._patients[study]

    @property
    def current(self) -> Path | None:
        return self.studies[self.study][self.image] if self.studies else None

    def step_image(self, step: int) -> bool:
        """Move within the whole list (crossing into the neighbouring study at the ends)."""
        flat = [(s, i) for s, group in enumerate(self.studies) for i in range(len(group))]
        if not flat:
            return False
        position = flat.index((self.study, self.image)) + step
        if not 0 <= position < len(flat):
            return False
        self.study, self.image = flat[position]
        return True

    def step_study(self, step: int) -> bool:
        target = self.study + step
        if not self.studies or not 0 <= target < len(self.studies):
            return False
        self.study, self.image = target, 0
        return True

    def other_study_path(self) -> Path | None:
        """An image for the comparison pane: the same patient's prior, else another image of this study, else None.

        Another study counts only when its PatientID equals this one's (a film of someone else beside the current
        one, labelled "comparison", invites a wrong reading). Among them the newest study dated before this one
        wins; without dates, or without an older one, the next such study in the list, else the last one before.
        """
        if not self.studies:
            return None
        patient, date = self._patient_and_date(self.study)
        same = [s for s in range(len(self.studies))
                if s != self.study and patient and self._patient_and_date(s)[0] == patient]
        if same:
            older = [s for s in same if date and self._patient_and_date(s)[1] and self._patient_and_date(s)[1] < date]
            if older:
                return self.studies[max(older, key=lambda s: self._patient_and_date(s)[1])][0]
            after = [s for s in same if s > self.study]
            return self.studies[after[0] if after else same[-1]][0]
        group = self.studies[self.study]
        return group[(self.image + 1) % len(group)] if len(group) > 1 else None

    def position_text(self) -> str:
        if not self.studies:
            return ""
        return (
            f"Image {self.image + 1}/{len(self.studies[self.study])}"
            f"  Study {self.study + 1}/{len(self.studies)}"
        )
