"""The cursor for previous/next image and previous/next study over the opened images grouped as studies
(``study_grouping``), and the comparison pane's choice of film from the same list.

Each study's PatientID, Study Date and Study Time, kept by the grouping's header read, pick the comparison pane's
prior, so finding the prior reads no file again. When the list holds no other study of the patient (a study opened
from the Studies dock comes with its own files only), a ``PriorLookup`` may find the prior elsewhere: the viewer
passes one that asks the study index. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from cxr_viewer.gui.study_grouping import StudyFacts

# (PatientID, when, StudyInstanceUID) of the current study -> the first image of that patient's newest study dated
# before ``when``, held outside the list (the study index), or None
PriorLookup = Callable[[str, str, str], "Path | None"]
# the same question the other way (its oldest study dated after ``when``), for a patient with no prior anywhere
LaterLookup = PriorLookup


@dataclass(frozen=True)
class Comparison:
    """The comparison pane's image and where it came from: ``"list"`` (a study of the patient in the open list),
    ``"index"`` (found in the study index by a lookup: the prior, else the later study), ``"study"`` (another image of this study), else ``""`` (none), or
    ``"undated"`` (none, and the lookup was not asked: this film has no date to find its prior by).

    ``relation`` is what the film is to the current one, for the pane to say: ``"prior"`` (dated before it),
    ``"later"`` (dated after it: the list's fallback when no prior exists), ``"same study"``, ``"other"`` (another
    study whose order is not known: one of the two is undated, or both bear the same date and time), else ``""``.
    The origin alone cannot tell a later study from a prior, and reading one for the other reverses the change."""

    path: Path | None
    origin: str
    relation: str = ""


@dataclass
class Navigator:
    studies: list[list[Path]] = field(default_factory=list)
    study: int = 0
    image: int = 0

    patients: list[StudyFacts] = field(default_factory=list)  # per study

    def set_studies(self, studies: list[list[Path]], patients: list[StudyFacts]) -> None:
        """The list to step through, with each study's patient and date as ``group_by_study`` read them."""
        kept = [(group, patient) for group, patient in zip(studies, patients, strict=True) if group]
        self.studies = [group for group, _patient in kept]
        self.patients = [patient for _group, patient in kept]
        self.study, self.image = 0, 0

    @property
    def current(self) -> Path | None:
        return self.studies[self.study][self.image] if self.studies else None

    def _flat(self) -> list[tuple[int, int]]:
        return [(s, i) for s, group in enumerate(self.studies) for i in range(len(group))]

    def go_to(self, path: Path) -> bool:
        """Put the cursor on ``path``; False (cursor unchanged) when the list does not hold it."""
        for s, i in self._flat():
            if self.studies[s][i] == path:
                self.study, self.image = s, i
                return True
        return False

    def step_image(self, step: int) -> bool:
        """Move within the whole list (crossing into the neighbouring study at the ends)."""
        flat = self._flat()
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

    def comparison(self, prior_lookup: PriorLookup | None = None,
                   later_lookup: LaterLookup | None = None) -> Comparison:
        """The comparison pane's image: the same patient's prior in the list, else the one ``prior_lookup`` finds,
        else another study of the patient in the list, else the later study ``later_lookup`` finds (a reader on a
        prior sees what followed it), else another image of this study, else none.

        Another study counts only when its PatientID equals this one's (a film of someone else beside the current
        one, labelled "comparison", invites a wrong reading). Among them the newest study dated before this one
        wins (date and time: a morning film is the prior of the same day's evening one). The files the reader
        opened together win over the lookup when they hold a prior; a prior in the index wins over a later study
        (or an undated one) in the list, since a reader compares with what came before. The lookup is asked only
        for a dated film (without a date nothing tells which studies came before it). Without any prior, the next
        study of the patient in the list, else the last one before.
        """
        if not self.studies:
            return Comparison(None, "")
        patient, when, uid = self.patients[self.study]
        same = [s for s in range(len(self.studies)) if s != self.study and patient and self.patients[s].patient == patient]
        older = [s for s in same if when and self.patients[s].when and self.patients[s].when < when]
        if older:
            return Comparison(self.studies[max(older, key=lambda s: self.patients[s].when)][0], "list", "prior")
        asked = prior_lookup is not None and bool(patient)
        found = prior_lookup(patient, when, uid) if asked and when else None
        if found is not None:
            return Comparison(found, "index", "prior")
        if same:
            after = [s for s in same if s > self.study]
            chosen = after[0] if after else same[-1]
            later = bool(when) and self.patients[chosen].when > when  # undated, or the same moment: order unknown
            return Comparison(self.studies[chosen][0], "list", "later" if later else "other")
        following = later_lookup(patient, when, uid) if later_lookup is not None and patient and when else None
        if following is not None:
            return Comparison(following, "index", "later")
        group = self.studies[self.study]
        if len(group) > 1:
            return Comparison(group[(self.image + 1) % len(group)], "study", "same study")
        return Comparison(None, "undated" if asked and not when else "")

    def position_text(self) -> str:
        if not self.studies:
            return ""
        return (
            f"Image {self.image + 1}/{len(self.studies[self.study])}"
            f"  Study {self.study + 1}/{len(self.studies)}"
        )
