"""Washout overrides for the coordinator's eyes: who let which reader start an arm early, when and why.

A session started before its washout ended is a deviation from the protocol that a publication reports, so
the report, the export and ``cxr-reader status`` show each one with its recorded reason. Sessions started
early in a database made by an earlier version (whose reading station offered readers a self-service
override) have no recorded reason, and say so.
"""

from __future__ import annotations

from cxr_reader_study.design.model import Study
from cxr_reader_study.scheduling import when
from cxr_reader_study.storage.records import WashoutOverride
from cxr_reader_study.storage.store import ReadStore

OVERRIDE_HEADER = ["reader", "arm", "granted by", "granted at", "reason", "session started"]
NO_REASON = "not recorded (overridden at the reading station by an earlier version)"


def override_text(override: WashoutOverride) -> str:
    """"washout overridden by X on DATE: reason", the form status lines and notes use."""
    return f"washout overridden by {override.granted_by} on {when(override.granted_at)}: {override.reason}"


def override_rows(study: Study, store: ReadStore) -> list[list[str]]:
    """One row per recorded override of the study's readers (granted, whether or not used yet), then any
    session started inside its washout without a recorded override."""
    readers = {reader.reader_id for reader in study.readers}
    sessions = {(s.reader_id, s.arm): s for s in store.sessions() if s.reader_id in readers}
    rows, covered = [], set()
    for override in store.washout_overrides():
        if override.reader_id not in readers:
            continue
        session = sessions.get((override.reader_id, override.arm))
        started = ("not yet" if session is None else when(session.started_at) +
                   ("" if session.washout_override else " (after the washout had ended)"))
        rows.append([override.reader_id, override.arm, override.granted_by, when(override.granted_at),
                     override.reason, started])
        covered.add((override.reader_id, override.arm))
    for key, session in sessions.items():
        if session.washout_override and key not in covered:
            rows.append([session.reader_id, session.arm, "", "", NO_REASON, when(session.started_at)])
    return rows


def override_note(study: Study, store: ReadStore) -> str | None:
    """One sentence naming every override with its reason; None when the washout was never cut short."""
    rows = override_rows(study, store)
    if not rows:
        return None
    named = "; ".join(f"{reader} {arm} ({f'by {by} on {at}: ' if by else ''}{reason})"
                      for reader, arm, by, at, reason, _ in rows)
    return f"The washout was overridden {len(rows)} time(s): {named}."
