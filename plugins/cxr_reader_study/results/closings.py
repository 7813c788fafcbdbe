"""The study's closings for the coordinator's eyes: when, and on which station, "Close reader study…" gave a
station's viewer back (``cxr-reader status`` and the report). Between a closing and the next opening the station
was an ordinary viewer, with File > Open and the live AI: an audit of the study asks when that was."""

from __future__ import annotations

from cxr_reader_study.scheduling import when
from cxr_reader_study.storage.store import ReadStore

CLOSING_HEADER = ["closed at", "station"]


def closing_rows(store: ReadStore) -> list[list[str]]:
    """One row per recorded closing, oldest first."""
    return [[when(closing.closed_at), closing.station] for closing in store.closings()]


def closing_lines(store: ReadStore) -> list[str]:
    """``status``'s lines: none while the study was never closed on a station."""
    rows = closing_rows(store)
    return ["Study closed (Close reader study…):"] + [f"  {at} on {station}" for at, station in rows] if rows else []
