"""A node that never answers the TCP connect is reported within its connect timeout, with what to check.

A firewalled, switched-off or unplugged PACS drops our SYNs. Before, nothing bounded that wait but the OS's
connect timeout (about 2 minutes on Linux), so Echo or Search on a dead node hung with no message. The dead node
here is real: a listener whose accept queue is full, so the kernel drops the SYNs (``syn_dropping_port``). The
bound below only proves "not the OS's timeout"; speed is not measured.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from cxr_viewer.net.dicomweb_transfer import qido_search, stow_files, wado_fetch
from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.query import QueryFilter, find
from cxr_viewer.net.retrieve import get, move
from cxr_viewer.net.scu import echo
from cxr_viewer.net.send import send_files
from tests.pacs.conftest import OUR_AE, free_port, write_cr
from tests.pacs.silent_peers import STUDY_UID, syn_dropping_port

GIVES_UP_WITHIN_S = 60.0  # the OS alone waited about 127 s (Linux: 6 SYN retries)
NODE_TIMEOUT_S = 2.0

Operation = Callable[[DicomNode, Path], object]


def _image(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    return write_cr(folder, STUDY_UID, STUDY_UID + ".1", 0, {"name": "Dead^Dan", "id": "PIDDEAD"}, size=16)


def _dead_node(port: int, **timeout: float) -> DicomNode:
    return DicomNode("DEADPACS", "127.0.0.1", port, f"http://127.0.0.1:{port}/dicom-web", **timeout)


DIMSE: dict[str, Operation] = {
    "C-ECHO": lambda node, _tmp: echo(OUR_AE, node),
    "C-FIND": lambda node, _tmp: find(OUR_AE, node, QueryFilter(level="study")),
    "C-GET": lambda node, tmp: get(OUR_AE, node, STUDY_UID, tmp / "got"),
    "C-MOVE": lambda node, _tmp: move(OUR_AE, node, STUDY_UID, OUR_AE),
    "C-STORE": lambda node, tmp: send_files(OUR_AE, node, [_image(tmp / "out")]),
}


def _outcome(operation: Operation, node: DicomNode, tmp_path: Path) -> object:
    """What the operation returned or raised; it must have given up long before the OS would have."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(operation(node, tmp_path))
        except Exception as exc:  # noqa: BLE001 - inspected by the test
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(GIVES_UP_WITHIN_S)
    assert not worker.is_alive(), f"still connecting after {GIVES_UP_WITHIN_S:g} s: only the OS's timeout applies"
    return outcome[0]


def _assert_says_no_answer(outcome: object, node: DicomNode, seconds: str) -> None:
    assert isinstance(outcome, PacsError), f"expected a PacsError, got {outcome!r}"
    message = str(outcome)
    assert f"did not answer within {seconds} s" in message, message
    assert "switched on" in message and "firewall" in message, message  # what to check, not only what happened
    assert node.host in message and str(node.port) in message, message


@pytest.mark.parametrize("name", DIMSE)
def test_every_dimse_operation_reports_a_node_that_drops_our_syns(name: str, tmp_path: Path) -> None:
    with syn_dropping_port() as port:
        node = _dead_node(port, connect_timeout_s=NODE_TIMEOUT_S)
        _assert_says_no_answer(_outcome(DIMSE[name], node, tmp_path), node, "2")


def test_echo_on_a_dead_node_is_bounded_by_default(tmp_path: Path) -> None:
    """A node configured without a connect timeout gets the default (10 s), not the OS's."""
    with syn_dropping_port() as port:
        node = DicomNode("DEADPACS", "127.0.0.1", port)
        _assert_says_no_answer(_outcome(DIMSE["C-ECHO"], node, tmp_path), node, "10")


def test_a_refused_connection_is_not_reported_as_a_timeout(tmp_path: Path) -> None:
    """The connect-timeout message is for silence only: a closed port is refused at once and says so."""
    node = DicomNode("NOBODY", "127.0.0.1", free_port(), connect_timeout_s=NODE_TIMEOUT_S)
    outcome = _outcome(DIMSE["C-ECHO"], node, tmp_path)
    assert isinstance(outcome, PacsError) and "could not be reached" in str(outcome)
    assert "did not answer within" not in str(outcome)


DICOMWEB: dict[str, Operation] = {
    "QIDO-RS": lambda node, _tmp: qido_search(node.dicomweb_url, QueryFilter(level="study"),
                                              connect_timeout_s=node.connect_timeout_s),
    "WADO-RS": lambda node, tmp: wado_fetch(node.dicomweb_url, STUDY_UID, tmp / "got",
                                            connect_timeout_s=node.connect_timeout_s),
    "STOW-RS": lambda node, tmp: stow_files(node.dicomweb_url, [_image(tmp / "out")],
                                            connect_timeout_s=node.connect_timeout_s),
}


@pytest.mark.parametrize("name", DICOMWEB)
def test_every_dicomweb_request_reports_a_server_that_drops_our_syns(name: str, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)  # the connect under test is ours, not a proxy's
    with syn_dropping_port() as port:
        node = _dead_node(port, connect_timeout_s=NODE_TIMEOUT_S)
        outcome = _outcome(DICOMWEB[name], node, tmp_path)
        if name == "STOW-RS":  # STOW-RS lists each file's failure instead of raising
            (_path, reason), = outcome.failed
            outcome = PacsError(reason)
        _assert_says_no_answer(outcome, node, "2")

