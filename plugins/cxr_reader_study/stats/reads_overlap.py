"""Whether ``--times READS.csv`` belongs to the ratings file it is given with.

Nothing tied the two together: a reads export of another study, or of a pilot, gave the reading-time comparison
beside the MRMC figures of this one as if both came from the same reads. A reads file that shares no reader, no arm
or no case with the ratings file is refused; one that shares only some is analysed, with a note of what differs
(a reads file exported later than the ratings, or cases read only in the first phase, are the everyday causes).
"""

from __future__ import annotations

from pathlib import Path

from ..formats.reads_times import ReadsFile
from .arm_order import listed_names

def reads_overlap_notes(times_file: Path, reads: ReadsFile, ratings: Path, readers: tuple[str, ...],
                        arms: tuple[str, ...], cases: tuple[str, ...]) -> list[str]:
    """Notes on a partial overlap; ValueError naming every kind of name the two files do not share at all."""
    kinds = (("readers", reads.readers, readers), ("arms", reads.arms, arms), ("cases", reads.cases, cases))
    disjoint = [f"its {label} ({listed_names(theirs)}) share none with the ratings file's ({listed_names(ours)})"
                for label, theirs, ours in kinds if not set(theirs) & set(ours)]
    if disjoint:
        raise ValueError(f"--times {times_file} is not a reads file of {ratings}: " + "; ".join(disjoint))
    notes = []
    for label, theirs, ours in kinds:
        only_reads, only_ratings = set(theirs) - set(ours), set(ours) - set(theirs)
        parts = [f"{listed_names(only_reads)} only in --times"] if only_reads else []
        parts += [f"{listed_names(only_ratings)} only in the ratings file"] if only_ratings else []
        if parts:
            notes.append(f"--times {times_file} and {ratings} differ in {label}: {'; '.join(parts)}")
    return notes
