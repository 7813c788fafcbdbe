"""The opened images grouped as studies (Qt-free): the list the navigator steps through.

Files are grouped by StudyInstanceUID read from their headers only (cheap, ``core.file_headers``), keeping the
order the opener's scan put them in (``core.open_scan``: reading order); files that are not DICOM form groups by
folder. The same header read keeps each study's PatientID, Study Date and Study Time for the comparison pane
(``navigation``): a second pass over a list of 300 studies to find the prior held the GUI thread for about 0.1 s,
while the extra tags cost the grouping read almost nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from cxr_viewer.core.file_headers import FileHeader, read_header


class StudyFacts(NamedTuple):
    """What the grouping read keeps of a study to choose its comparison: ``uid`` is '' for a folder group."""

    patient: str
    when: str
    uid: str


def group_headers(headers: list[FileHeader]) -> tuple[list[list[Path]], list[StudyFacts]]:
    """The files grouped by study in the order found (a study met again joins its first place), and each study's
    facts as its first file gives them."""
    groups: dict[str, list[Path]] = {}
    facts: dict[str, StudyFacts] = {}
    for header in headers:
        groups.setdefault(header.study_key, []).append(header.path)
        facts.setdefault(header.study_key, StudyFacts(header.patient, header.when, header.study_uid))
    return list(groups.values()), list(facts.values())


def group_by_study(paths: list[Path]) -> tuple[list[list[Path]], list[StudyFacts]]:
    """``group_headers`` of the files' headers, read here (the viewer's opener has them from its scan)."""
    return group_headers([read_header(path) for path in paths])
