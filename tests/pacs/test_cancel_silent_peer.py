"""Cancel takes effect while the peer is silent, for every network operation, and reads as "cancelled".

Before, cancellation was looked at only when the peer next answered, so against a PACS that had stopped
answering a Cancel waited out the 30 s network timeout (per file when sending) and then reported an error.
Each operation runs on a thread, Cancel comes 0.5 s in, and it must have ended well inside that timeout.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from cxr_viewer.net.dicomweb_transfer import qido_search, stow_files, wado_fetch
from cxr_viewer.net.errors import Cancelled
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.query import QueryFilter, find
from cxr_viewer.net.retrieve import get, move
from cxr_viewer.net.retrieve_result import RetrieveResult
from cxr_viewer.net.send import SendResult, send_files
from tests.pacs.conftest import OUR_AE, write_cr
from tests.pacs.silent_peers import STUDY_UID, silent_node, silent_server, stub_pacs

CANCEL_AFTER_S = 0.5
ENDS_WITHIN_S = 10.0  # the old code took the whole 30 s network timeout

Operation = Callable[[DicomNode, Path, threading.Event], object]


def _image(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    return write_cr(folder, STUDY_UID, STUDY_UID + ".1", 0, {"name": "Silent^Sid", "id": "PIDSILENT"}, size=16)


OPERATIONS: dict[str, Operation] = {
    "C-FIND": lambda node, _tmp, cancel: find(OUR_AE, node, QueryFilter(level="study"), cancel=cancel),
    "C-GET": lambda node, tmp, cancel: get(OUR_AE, node, STUDY_UID, tmp / "got", cancel=cancel),
    "C-MOVE": lambda node, _tmp, cancel: move(OUR_AE, node, STUDY_UID, OUR_AE, cancel=cancel),
    "C-STORE": lambda node, tmp, cancel: send_files(OUR_AE, node, [_image(tmp / "out")], cancel=cancel),
    "QIDO-RS": lambda node, _tmp, cancel: qido_search(node.dicomweb_url, QueryFilter(level="study"), cancel=cancel),
    "WADO-RS": lambda node, tmp, cancel: wado_fetch(node.dicomweb_url, STUDY_UID, tmp / "got", cancel=cancel),
    "STOW-RS": lambda node, tmp, cancel: stow_files(node.dicomweb_url, [_image(tmp / "out")], cancel=cancel),
}


def cancel_midway(operation: Operation, node: DicomNode, tmp_path: Path, ends_within_s: float = ENDS_WITHIN_S) -> object:
    """The operation's result, or the exception it raised, after a Cancel 0.5 s in; it must end ``ends_within_s``
    after the Cancel."""
    cancel, outcome = threading.Event(), []

    def run() -> None:
        try:
            outcome.append(operation(node, tmp_path, cancel))
        except Exception as exc:  # noqa: BLE001 - inspected by the test
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(CANCEL_AFTER_S)
    assert worker.is_alive(), f"ended before the Cancel, with {outcome}: the peer answered"
    cancel.set()
    worker.join(ends_within_s)
    assert not worker.is_alive(), f"still waiting {ends_within_s:g} s after Cancel (connect and network timeouts 30 s)"
    return outcome[0]


def assert_reported_cancelled(outcome: object) -> None:
    if isinstance(outcome, Exception):
        assert isinstance(outcome, Cancelled), f"an error instead of 'cancelled': {outcome!r}"
    elif isinstance(outcome, RetrieveResult):
        assert outcome.cancelled and not outcome.ok and outcome.files == [] and outcome.errors == []
    else:
        assert isinstance(outcome, SendResult), outcome
        assert outcome.cancelled and not outcome.ok and outcome.sent == [] and outcome.failed == []


@pytest.mark.parametrize("name", OPERATIONS)
def test_cancel_cuts_a_peer_that_accepted_the_connection_and_never_answers(name: str, tmp_path: Path) -> None:
    with silent_server() as port:
        assert_reported_cancelled(cancel_midway(OPERATIONS[name], silent_node(port), tmp_path))


@pytest.mark.parametrize("name", ["C-FIND", "C-GET", "C-MOVE", "C-STORE"])
def test_cancel_cuts_a_pacs_that_goes_silent_during_the_operation(name: str, tmp_path: Path) -> None:
    """The association is up; the PACS never answers the request itself, nor the C-CANCEL."""
    with stub_pacs(stall={name}) as pacs:
        assert_reported_cancelled(cancel_midway(OPERATIONS[name], pacs.node, tmp_path))
