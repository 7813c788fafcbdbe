"""Cancel while the TCP connect is still in progress ends every operation at once, as "cancelled".

A node that drops our SYNs (switched off, unplugged, behind a firewall) held the connect for the node's whole
connect timeout: the socket reached the aborter only once connected, so Cancel did nothing meanwhile and the PACS
window showed "Cancelling…" for up to that timeout (up to 300 s may be configured). The node here really drops
our SYNs (``syn_dropping_port``) and its connect timeout is 30 s; Cancel must end the operation within 5 s, a
functional bound against those 30 s, not a speed measurement. Nothing may stay behind (threads, sockets) and a
search afterwards must work.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from cxr_viewer.net.dicomweb_transfer import qido_search, stow_files, wado_fetch
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.query import QueryFilter, find
from tests.pacs.conftest import OUR_AE
from tests.pacs.qido_peer import qido_server
from tests.pacs.silent_peers import STUDY_UID, stub_pacs, syn_dropping_port
from tests.pacs.test_cancel_silent_peer import OPERATIONS as DIMSE_OPERATIONS
from tests.pacs.test_cancel_silent_peer import _image, assert_reported_cancelled, cancel_midway

CONNECT_TIMEOUT_S = 30.0
ENDS_WITHIN_S = 5.0
Operation = Callable[[DicomNode, Path, threading.Event], object]

OPERATIONS: dict[str, Operation] = {
    **{name: DIMSE_OPERATIONS[name] for name in ("C-FIND", "C-GET", "C-MOVE", "C-STORE")},
    "QIDO-RS": lambda node, _tmp, cancel: qido_search(node.dicomweb_url, QueryFilter(level="study"), cancel=cancel,
                                                      connect_timeout_s=node.connect_timeout_s),
    "WADO-RS": lambda node, tmp, cancel: wado_fetch(node.dicomweb_url, STUDY_UID, tmp / "got", cancel=cancel,
                                                    connect_timeout_s=node.connect_timeout_s),
    "STOW-RS": lambda node, tmp, cancel: stow_files(node.dicomweb_url, [_image(tmp / "out")], cancel=cancel,
                                                    connect_timeout_s=node.connect_timeout_s),
}


def dead_node(port: int) -> DicomNode:
    return DicomNode("DEADPACS", "127.0.0.1", port, f"http://127.0.0.1:{port}/dicom-web",
                     connect_timeout_s=CONNECT_TIMEOUT_S)


def open_sockets() -> int:
    return sum(os.readlink(f"/proc/self/fd/{fd}").startswith("socket:") for fd in os.listdir("/proc/self/fd")
               if os.path.exists(f"/proc/self/fd/{fd}"))


def _settles(condition: Callable[[], bool], within_s: float = ENDS_WITHIN_S) -> bool:
    deadline = time.monotonic() + within_s
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def cancel_while_connecting(operation: Operation, node: DicomNode, tmp_path: Path, leftover: str = "") -> object:
    """Run ``operation``, Cancel while it is connecting, and return its outcome; it must end within 5 s and leave
    no socket of its own behind, nor any thread but those named ``leftover`` (an abandoned host lookup)."""
    threads, sockets = set(threading.enumerate()), open_sockets()
    outcome = cancel_midway(operation, node, tmp_path, ENDS_WITHIN_S)

    def left() -> set[str]:
        return {thread.name for thread in set(threading.enumerate()) - threads} - {leftover}

    assert _settles(lambda: not left()), f"threads left running: {left()}"
    if not leftover:  # an abandoned lookup holds the resolver's socket until it ends: the caller checks then
        assert _settles(lambda: open_sockets() <= sockets), f"{open_sockets() - sockets} sockets left open"
    return outcome


@pytest.mark.parametrize("name", OPERATIONS)
def test_cancel_stops_an_operation_whose_connect_is_unanswered(name: str, tmp_path: Path) -> None:
    with syn_dropping_port() as port:
        assert_reported_cancelled(cancel_while_connecting(OPERATIONS[name], dead_node(port), tmp_path))


def test_a_search_after_a_cancelled_connect_works(tmp_path: Path) -> None:
    """The cancelled connect leaves nothing that spoils the next search, DIMSE or DICOMweb."""
    with syn_dropping_port() as port:
        assert_reported_cancelled(cancel_while_connecting(OPERATIONS["C-FIND"], dead_node(port), tmp_path))
        assert_reported_cancelled(cancel_while_connecting(OPERATIONS["QIDO-RS"], dead_node(port), tmp_path))
    with stub_pacs(stall=set()) as pacs, qido_server() as url:
        node = replace(pacs.node, dicomweb_url=url)
        found = find(OUR_AE, node, QueryFilter(level="study"), cancel=threading.Event())
        assert [str(study.StudyInstanceUID) for study in found] == [STUDY_UID]
        listed = qido_search(node.dicomweb_url, QueryFilter(level="study"), cancel=threading.Event())
        assert [str(study.StudyInstanceUID) for study in listed] == [STUDY_UID]
