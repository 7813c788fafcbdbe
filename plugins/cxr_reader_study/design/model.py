"""The reader-study design as plain, immutable records.

Everything downstream (planning, sessions, storage, export, report) works from these records, so the
TOML/CSV parsing and its validation live in one place and nothing else has to re-read the files.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path


class Arm(str, enum.Enum):
    """A reading condition. ``AIDED_SECOND_READ`` shows the AI only after a first, unaided answer."""

    UNAIDED = "unaided"
    AIDED = "aided"
    AIDED_SECOND_READ = "aided-second-read"

    @property
    def shows_ai(self) -> bool:
        return self is not Arm.UNAIDED


class Task(str, enum.Enum):
    ROC = "roc"  # one rating per case
    FROC = "froc"  # click marks, each with its own rating


class Truth(str, enum.Enum):
    NORMAL = "normal"
    ABNORMAL = "abnormal"


@dataclass(frozen=True)
class RatingScale:
    """Allowed ratings; ``kind`` is ``"1-5"``, ``"0-100"`` or ``"binary"`` (0 = negative, 1 = positive)."""

    kind: str

    KINDS = ("1-5", "0-100", "binary")

    @property
    def low(self) -> int:
        return 1 if self.kind == "1-5" else 0

    @property
    def high(self) -> int:
        return {"1-5": 5, "0-100": 100, "binary": 1}[self.kind]

    def accepts(self, value: float) -> bool:
        return float(value).is_integer() and self.low <= value <= self.high

    def describe(self) -> str:
        if self.kind == "binary":
            return "0 = normal, 1 = abnormal"
        return f"{self.low} (surely normal) to {self.high} (surely abnormal)"


@dataclass(frozen=True)
class Lesion:
    """A lesion centre in image pixels and its radius in pixels (converted from mm when given in mm, NaN while the
    film's spacing is unknown). ``diameter_mm`` keeps an mm size as given, so the report can convert it with the
    spacing recorded when the film was read (``results.film_spacing``)."""

    lesion_id: str
    x: float
    y: float
    radius_px: float
    diameter_mm: float | None = None


@dataclass(frozen=True)
class Case:
    case_id: str
    image: Path
    truth: Truth
    lesions: tuple[Lesion, ...] = ()
    training: bool = False  # shown first in every session, never scored
    patient_id: str | None = None  # from a DICOM header; cases of one patient are not independent


@dataclass(frozen=True)
class Reader:
    reader_id: str
    group: str


@dataclass(frozen=True)
class Study:
    """A validated study: ``path`` is the study file; ``cases`` keeps the CSV order (training cases included)."""

    path: Path
    name: str
    task: Task
    scale: RatingScale
    arms: tuple[Arm, ...]
    readers: tuple[Reader, ...]
    cases: tuple[Case, ...]
    seed: int
    washout_days: float
    database: Path
    ai_findings: Path | None = None
    positive_threshold: float | None = None  # rating at or above = a positive call (sensitivity/specificity)
    case_list: Path | None = None  # the case list CSV, whose checksum the report records
    images_not_found: tuple[str, ...] = ()  # cases read without their image (``load_study(images_needed=False)``)
    pixel_spacing_mm: float | None = None  # the study file's spacing for films without calibration

    @property
    def scored_cases(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if not c.training)

    @property
    def training_cases(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.training)

    @cached_property
    def _cases_by_id(self) -> dict[str, Case]:
        return {case.case_id: case for case in self.cases}

    def has_case(self, case_id: str) -> bool:
        """Whether the case list still holds ``case_id`` (reads and sessions may name cases removed since)."""
        return case_id in self._cases_by_id

    def case(self, case_id: str) -> Case:
        try:
            return self._cases_by_id[case_id]
        except KeyError:
            raise KeyError(f"no case {case_id!r} in {self.path}") from None

    def reader(self, reader_id: str) -> Reader:
        for reader in self.readers:
            if reader.reader_id == reader_id:
                return reader
        raise KeyError(f"unknown reader {reader_id!r} in {self.path}")
