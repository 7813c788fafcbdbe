"""A headless reader that works through sessions and reports each committed read.

``python -m cxr_reader_study.simulate STUDY --reader R1 [--reader R2 ...] --override-washout`` reads every
case of every arm with random ratings (and marks in FROC studies), printing ``COMMITTED <reader> <arm>
<case> <phase>`` only after the read is durable in the database. The crash-safety test kills it with
SIGKILL at random moments and checks that every reported read survived; it also fills demo databases.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timezone

import numpy as np

from cxr_reader_study.design.model import Arm, Study, Task
from cxr_reader_study.design.study_file import StudyError, load_study
from cxr_reader_study.reading.ai_findings import load_findings
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.scheduling import WashoutNotOver, open_session
from cxr_reader_study.storage.store import ReadStore


def _answer(session: ReadingSession, study: Study, rng: np.random.Generator) -> None:
    """A plausible answer: abnormal cases get higher ratings on average, so the analysis has signal."""
    case = session.current_case
    lean = 1.0 if case.truth.value == "abnormal" else 0.0
    def rating() -> float:
        span = study.scale.high - study.scale.low
        return float(study.scale.low + round(np.clip(rng.normal(0.3 + 0.4 * lean, 0.25), 0, 1) * span))
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


def read_all(study: Study, store: ReadStore, reader_id: str, rng: np.random.Generator,
             override_washout: bool, delay_s: float) -> int:
    """Read until the reader's plan is done (or the washout stops them); returns reads committed."""
    findings, committed = load_findings(study), 0
    while (record := open_session(study, store, reader_id, datetime.now(timezone.utc), override_washout)):
        session = ReadingSession(study, store, record, findings)
        while not session.finished:
            session.image_shown()
            time.sleep(delay_s)
            second_half = session.arm is Arm.AIDED_SECOND_READ and session.phase == "final"
            if not second_half:  # a second read keeps the first answer (this reader ignores the AI)
                _answer(session, study, rng)
            if not session.answer.marks:
                session.answer.empty_confirmed = True  # the reader's second Enter on an unmarked case
            read = session.submit()
            print(f"COMMITTED {read.reader_id} {read.arm} {read.case_id} {read.phase}", flush=True)
            committed += 1
    return committed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cxr_reader_study.simulate", description=__doc__.splitlines()[0])
    parser.add_argument("study")
    parser.add_argument("--reader", action="append", help="reader id (repeatable; default: all readers)")
    parser.add_argument("--database", help="reads database (default: the study's)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--delay-ms", type=float, default=0.0, help="time spent on each case")
    parser.add_argument("--override-washout", action="store_true", help="start later arms at once (recorded)")
    args = parser.parse_args(argv)
    try:
        study = load_study(args.study)
    except StudyError as error:
        print(error, file=sys.stderr)
        return 2
    store = ReadStore(args.database or study.database)
    rng = np.random.default_rng(args.seed)
    try:
        for reader_id in args.reader or [r.reader_id for r in study.readers]:
            read_all(study, store, reader_id, rng, args.override_washout, args.delay_ms / 1000)
    except WashoutNotOver as stop:
        print(stop, file=sys.stderr)
        return 3
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
