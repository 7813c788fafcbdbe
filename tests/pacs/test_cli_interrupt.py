"""Ctrl+C (SIGINT) and SIGTERM end every network command of ``cxr-pacs`` within seconds, whatever it waits for.

Before, SIGINT printed a KeyboardInterrupt traceback and the process then waited on pynetdicom's association
thread (not a daemon) for the node's connect timeout (300 s here) or the 30 s network timeout. Each test runs the
real command against a real peer, signals it once the kernel or the peer shows it is inside the stage under test,
and expects the end within 10 s: exit status 130 (143 for SIGTERM) and "cxr-pacs: cancelled" on stderr.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import pytest

from cxr_viewer.net.nodes import DicomNode
from tests.pacs.cli_process import (
    ESTABLISHED, SYN_SENT, assert_cancelled, interrupt, start, tcp_states, wait_until, write_config,
)
from tests.pacs.conftest import free_port, write_cr
from tests.pacs.fake_dns import name_server
from tests.pacs.silent_peers import (
    STUDY_UID, StubPacs, silent_node, silent_server, stub_pacs, syn_dropping_port,
)

PATIENT = {"name": "Cli^Cancel", "id": "PIDCANCEL"}


def _argv(command: str, tmp_path: Path) -> list[str]:
    """The command line for ``command`` against the node "pacs"."""
    if command == "send":
        return ["send", "pacs", str(write_cr(tmp_path, STUDY_UID, STUDY_UID + ".1", 0, PATIENT))]
    if command in ("move", "get"):
        return [command, "pacs", STUDY_UID, "--store", str(tmp_path / "store"), "--no-index"]
    return [command, "pacs"] if command == "echo" else ["find", "pacs", "--name", "CLI*"]


@pytest.mark.parametrize(("command", "signum", "status"), [
    ("echo", signal.SIGINT, 130), ("echo", signal.SIGTERM, 143), ("find", signal.SIGINT, 130),
    ("get", signal.SIGINT, 130), ("send", signal.SIGTERM, 143),
])
def test_a_signal_ends_a_connect_to_a_node_that_drops_our_syns(command: str, signum: int, status: int,
                                                                tmp_path: Path) -> None:
    with syn_dropping_port() as port:
        env = write_config(tmp_path, silent_node(port), free_port())
        process = start(env, *_argv(command, tmp_path))
        wait_until(lambda: SYN_SENT in tcp_states(port), process, "its TCP connect")
        assert_cancelled(interrupt(process, signum), status)


@pytest.mark.parametrize("command", ["echo", "find", "move", "get", "send"])
def test_ctrl_c_ends_the_wait_for_a_node_that_never_answers_the_association(command: str, tmp_path: Path) -> None:
    with silent_server() as port:
        env = write_config(tmp_path, silent_node(port), free_port())
        process = start(env, *_argv(command, tmp_path))
        wait_until(lambda: ESTABLISHED in tcp_states(port), process, "a connection to the silent node")
        assert_cancelled(interrupt(process))


@pytest.mark.parametrize(("command", "operation"), [
    ("find", "C-FIND"), ("move", "C-MOVE"), ("get", "C-GET"), ("send", "C-STORE"),
])
def test_ctrl_c_ends_an_operation_the_pacs_stopped_answering(command: str, operation: str, tmp_path: Path) -> None:
    with stub_pacs(stall={operation}) as pacs:
        env = write_config(tmp_path, pacs.node, free_port())
        process = start(env, *_argv(command, tmp_path))
        wait_until(pacs.stalled.is_set, process, f"the stalled {operation}")
        assert_cancelled(interrupt(process))
    assert not list(tmp_path.rglob("*.part")), "a half-written file was left behind"


@pytest.mark.pacs
def test_ctrl_c_ends_a_host_lookup_the_name_server_never_answers(tmp_path: Path) -> None:
    with name_server(answer=False) as queries:
        env = write_config(tmp_path, DicomNode("NAMED", "pacs.radiology.example", 4242))
        process = start(env, "echo", "pacs")
        wait_until(lambda: bool(queries), process, "its host lookup")
        assert_cancelled(interrupt(process))



class _IgnoresCancel(StubPacs):
    """A C-MOVE SCP that notices our C-CANCEL (``cancel_seen``) and still never answers."""

    def __init__(self) -> None:
        self.cancel_seen = threading.Event()
        super().__init__(stall=set())

    def _move(self, event):
        self.stalled.set()
        while not self.release.wait(0.05):
            if event.is_cancelled:
                self.cancel_seen.set()
        yield from ()


def test_a_second_ctrl_c_does_not_wait_for_the_pacs_to_answer_the_c_cancel(tmp_path: Path) -> None:
    """The first Ctrl+C sends C-CANCEL and gives the PACS 2 s before cutting the line; a second one ends the process
    without that wait, so the summary that the first would have printed never comes."""
    pacs = _IgnoresCancel()
    try:
        env = write_config(tmp_path, pacs.node, free_port())
        process = start(env, *_argv("move", tmp_path))
        wait_until(pacs.stalled.is_set, process, "the unanswered C-MOVE")
        process.send_signal(signal.SIGINT)
        wait_until(pacs.cancel_seen.is_set, process, "its C-CANCEL")
        outcome = interrupt(process)
    finally:
        pacs.close()
    assert_cancelled(outcome)
    assert "moved" not in outcome[1]
