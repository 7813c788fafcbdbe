"""What one read leaves behind, as plain records shared by the session, the store and the export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple


@dataclass(frozen=True)
class MarkRecord:
    """A click mark in image pixels with its confidence rating."""

    x: float
    y: float
    rating: float


@dataclass(frozen=True)
class ReadRecord:
    """One submitted answer. ``phase`` is ``"final"``, or ``"first"`` for the unaided half of a second read."""

    reader_id: str
    arm: str
    case_id: str
    phase: str
    training: bool
    rating: float | None  # the case rating (ROC); None in FROC, where the marks carry the ratings
    marks: tuple[MarkRecord, ...]
    shown_at: datetime
    submitted_at: datetime
    active_ms: int  # time on screen minus pauses and focus losses, over every display of the case for this answer
    first_mark_ms: int | None  # active time to the first mark placed for this answer (kept or not), any display
    pause_count: int  # over every display (a schema-1 database's resumed reads: their last display's only)
    displays: int = 1  # times the case was put on screen for this answer (>1: a crash or log-out came between)


class FilmShown(NamedTuple):
    """The film a display put on screen, as its header described it then: the marks of the read are in its pixels,
    and a lesion sized in mm becomes a radius in them with its spacing (None: the film had no calibration)."""

    width: int
    height: int
    spacing_mm: float | None


class EarlierDisplays(NamedTuple):
    """What the displays of an answer logged before the present one left, as last saved."""

    count: int
    active_ms: int
    pause_count: int  # displays logged by schema 1 count none: it did not save them
    first_mark_ms: int | None  # active time from the first display to the earliest mark in any of them


@dataclass(frozen=True)
class SessionRecord:
    """A started session: its seed and case order are frozen at start so a resume never reshuffles."""

    reader_id: str
    arm: str
    session_index: int
    seed: int
    case_order: tuple[str, ...]
    started_at: datetime
    completed_at: datetime | None
    washout_override: bool


@dataclass(frozen=True)
class WashoutOverride:
    """A coordinator let ``reader_id`` start ``arm`` before the washout ended: who, when (UTC) and why."""

    reader_id: str
    arm: str
    granted_at: datetime
    granted_by: str
    reason: str


@dataclass(frozen=True)
class StudyClosing:
    """The coordinator closed the study on ``station`` (its host name) at ``closed_at`` (UTC)."""

    closed_at: datetime
    station: str
