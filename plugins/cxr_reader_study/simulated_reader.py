"""How the simulated reader behaves: its answers, how the AI sways them, and how long it takes.

Reading time is simulated on an injected clock (no sleeping): about 25 s per unaided case, 15 % less with
the AI, 8 s for the second half of a second read, the first mark at 40 % of the read, and a one-minute
pause on 1 case in 20 (which the stopwatch excludes), so a demo report's timing table looks realistic.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np

from cxr_reader_study.design.model import Arm, Study, Task
from cxr_reader_study.reading.session import ReadingSession


class Timeline:
    """Simulated time for the session's injected clocks: it moves only when the reader "spends" time."""

    def __init__(self, origin: datetime | None = None) -> None:
        self.seconds = 0.0
        self.origin = origin or datetime.now(timezone.utc)

    def clock(self) -> float:
        return self.seconds

    def wall(self) -> datetime:
        return self.origin + timedelta(seconds=self.seconds)

    def spend(self, seconds: float) -> None:
        self.seconds += seconds


def reading_seconds(session: ReadingSession, rng: np.random.Generator) -> float:
    if session.arm is Arm.AIDED_SECOND_READ and session.phase == "final":
        return float(rng.lognormal(np.log(8), 0.4))
    return float(rng.lognormal(np.log(25 * (0.85 if session.shows_ai else 1.0)), 0.4))


def _ai_top(session: ReadingSession) -> float:
    """The highest AI score on screen, 0 when the AI shows nothing (or is not shown)."""
    return max((f.score for f in session.visible_findings()), default=0.0)


def answer(session: ReadingSession, study: Study, rng: np.random.Generator) -> None:
    """A plausible answer: abnormal cases get higher ratings on average and a shown AI pulls the rating
    its way, so the analysis has signal and an aided arm an effect."""
    case = session.current_case
    lean = 1.0 if case.truth.value == "abnormal" else 0.0
    pull = 0.3 * (_ai_top(session) - 0.4) if session.shows_ai else 0.0
    def rating() -> float:
        span = study.scale.high - study.scale.low
        return float(study.scale.low + round(np.clip(rng.normal(0.3 + 0.4 * lean + pull, 0.25), 0, 1) * span))
    if study.task is Task.ROC:
        session.answer.set_rating(rating())
        return
    for lesion in case.lesions:
        if rng.random() < 0.7:
            session.add_mark(lesion.x + rng.normal(0, 1), lesion.y + rng.normal(0, 1))
            session.answer.set_rating(rating())
    if rng.random() < 0.4:
        session.add_mark(float(rng.uniform(0, 100)), float(rng.uniform(0, 100)))
        session.answer.set_rating(rating())


def revise(session: ReadingSession, study: Study) -> None:
    """The second half of a second read: the first answer stays, nudged by the AI now on screen.

    ROC: one scale step up when the AI's top score is above 0.5, one down when it found nothing. FROC: a
    confident AI finding that no mark covers is adopted as a new mark.
    """
    scale, top = study.scale, _ai_top(session)
    step = max(1.0, round((scale.high - scale.low) / 4))
    if study.task is Task.ROC:
        nudge = step if top > 0.5 else -step if top == 0 else 0.0
        session.answer.set_rating(float(np.clip(session.answer.rating + nudge, scale.low, scale.high)))
        return
    for finding in session.visible_findings():
        covered = any(np.hypot(m.x - finding.x, m.y - finding.y) <= finding.diameter_px / 2
                      for m in session.answer.marks)
        if finding.score > 0.5 and not covered:
            session.add_mark(finding.x, finding.y)
            session.answer.set_rating(float(scale.low + round(finding.score * (scale.high - scale.low))))
