"""A headless reader that works through sessions and reports each committed read.

``python -m cxr_reader_study.simulate STUDY --reader R1 [--reader R2 ...] --override-washout`` reads every
case of every arm with random ratings (and marks in FROC studies), printing ``COMMITTED <reader> <arm>
<case> <phase>`` only after the read is durable in the database. The crash-safety test kills it with
SIGKILL at random moments and checks that every reported read survived; it also fills demo databases.
A reader whose washout is not over is reported and skipped; the others still read, and the exit status is
then 3. ``--override-washout`` records an override for each such reader, as the coordinator's command does,
with the reason "simulated reader", so a demo report shows it like any other.
The reader's behaviour (answers, the AI's sway, simulated reading time) is in ``simulated_reader``.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timezone

import numpy as np

from cxr_reader_study.design.model import Arm, Study
from cxr_reader_study.design.study_file import StudyError, load_study
from cxr_reader_study.reading.ai_findings import load_findings
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.scheduling import WashoutNotOver, grant_override, open_session
from cxr_reader_study.simulated_reader import Timeline, answer, reading_seconds, revise
from cxr_reader_study.storage.records import SessionRecord
from cxr_reader_study.storage.store import ReadStore, UnusableDatabase

SIMULATED_OVERRIDE = "simulated reader (--override-washout)"


def _open(study: Study, store: ReadStore, reader_id: str, override_washout: bool,
          now: datetime) -> SessionRecord | None:
    """The next session; with ``override_washout`` a washout still running is overridden and recorded. ``now`` is
    the simulated reader's clock, which its reads are stamped by: with the real clock, sessions started and
    overrides were granted before the simulated reads of the arm they followed had finished."""
    try:
        return open_session(study, store, reader_id, now)
    except WashoutNotOver:
        if not override_washout:
            raise
        grant_override(study, store, reader_id, SIMULATED_OVERRIDE, "simulate", now)
        return open_session(study, store, reader_id, now)


def _resume_at(store: ReadStore, reader_id: str) -> datetime:
    """Where the reader's simulated clock starts: now, or after their last stored read or session end if later.
    A simulated clock runs ahead of the real one, so a second run started from now stamped sessions, overrides
    and reads before the reads of the arm they followed (an aided arm started before the unaided one ended)."""
    stamps = [read.submitted_at for read in store.reads(reader_id)]
    stamps += [s.completed_at for s in store.sessions() if s.reader_id == reader_id and s.completed_at]
    return max([datetime.now(timezone.utc), *stamps])


def read_all(study: Study, store: ReadStore, reader_id: str, rng: np.random.Generator,
             override_washout: bool, delay_s: float, ignore_ai: bool = False) -> int:
    """Read until the reader's plan is done (or the washout stops them); returns reads committed."""
    findings, committed, timeline = load_findings(study), 0, Timeline(_resume_at(store, reader_id))
    while (record := _open(study, store, reader_id, override_washout, timeline.wall())):
        session = ReadingSession(study, store, record, findings, timeline.clock, timeline.wall)
        while not session.finished:
            if not session.image_on_screen:  # a second read's final answer is already on screen (its submit showed it)
                session.image_shown()
            time.sleep(delay_s)
            budget = reading_seconds(session, rng)
            timeline.spend(0.4 * budget)
            if rng.random() < 0.05:
                session.pause()
                timeline.spend(60.0)
                session.resume()
            if session.arm is Arm.AIDED_SECOND_READ and session.phase == "final":
                if not ignore_ai:  # else the first answer stands unchanged
                    revise(session, study)
            else:
                answer(session, study, rng)
            timeline.spend(0.6 * budget)
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
    parser.add_argument("--delay-ms", type=float, default=0.0, help="real time slept on each case (crash tests); reading times themselves are simulated")
    parser.add_argument("--override-washout", action="store_true", help="start later arms at once (recorded)")
    parser.add_argument("--ignore-ai", action="store_true",
                        help="keep every first answer in second reads (a reader the AI never sways)")
    args = parser.parse_args(argv)
    try:
        study = load_study(args.study)
    except StudyError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        store = ReadStore(args.database or study.database)
    except UnusableDatabase as error:  # a newer schema, a corrupt file: said as a reading station says it
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return 2
    rng = np.random.default_rng(args.seed)
    stopped = False
    try:
        for reader_id in args.reader or [r.reader_id for r in study.readers]:
            try:
                read_all(study, store, reader_id, rng, args.override_washout, args.delay_ms / 1000, args.ignore_ai)
            except WashoutNotOver as stop:  # one reader's washout must not keep the others from reading
                print(stop, file=sys.stderr)
                stopped = True
    finally:
        store.close()
    return 3 if stopped else 0


if __name__ == "__main__":
    sys.exit(main())
