"""What a C-FIND's last status does to the list: a warning or a failure after matches keeps them, marked as cut
short; a failure before any match is an error that says why, with the PACS's Error Comment.

Before, any status but success read "C-FIND failed with status 0x…" and the matches that had come were dropped.
A real pynetdicom C-FIND SCP on loopback answers two matches and then the status under test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pydicom.dataset import Dataset

from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.matches import INCOMPLETE
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.query import QueryFilter, find
from tests.pacs.conftest import OUR_AE
from tests.pacs.find_server import find_server

PEER_AE = "FINDPEER"


def _status(code: int, comment: str = "") -> Dataset:
    status = Dataset()
    status.Status = code
    if comment:
        status.ErrorComment = comment
    return status


@contextmanager
def find_peer(matches: int, last: Dataset) -> Iterator[DicomNode]:
    """A C-FIND SCP answering ``matches`` studies, then ``last``."""

    def answer(_event):
        for number in range(matches):
            match = Dataset()
            match.QueryRetrieveLevel, match.StudyInstanceUID, match.PatientID = "STUDY", f"1.2.3.{number}", "P1"
            yield 0xFF00, match
        yield last, None

    with find_server(PEER_AE, answer) as node:
        yield node


@pytest.mark.parametrize(("last", "said"), [
    (_status(0xB000), "warning, status 0xB000"),
    (_status(0xA700, "too many matches"), "failed after 2 matches, status 0xA700, 'too many matches'"),
    (_status(0xFE00), "stopped after 2 matches, status 0xFE00"),
], ids=["warning", "failure-part-way", "cancel-status"])
def test_matches_before_a_non_success_status_are_kept_and_marked(last: Dataset, said: str) -> None:
    with find_peer(2, last) as node:
        found = find(OUR_AE, node, QueryFilter(level="study", patient_id="P1"))
    assert [str(m.StudyInstanceUID) for m in found] == ["1.2.3.0", "1.2.3.1"]
    assert found.note().startswith(INCOMPLETE) and said in found.note(), found.note()


def test_a_failure_before_any_match_says_why() -> None:
    with find_peer(0, _status(0xA700, "query too broad")) as node, pytest.raises(PacsError) as raised:
        find(OUR_AE, node, QueryFilter(level="study"))
    assert "C-FIND failed with status 0xA700, 'query too broad' (it may have found too many matches: narrow the " \
           "search)" in str(raised.value)


def test_success_leaves_the_list_unmarked() -> None:
    with find_peer(2, _status(0x0000)) as node:
        found = find(OUR_AE, node, QueryFilter(level="study"))
    assert len(found) == 2 and found.cut_short == "" and found.note() == ""
