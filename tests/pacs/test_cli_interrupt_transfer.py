"""Ctrl+C in the middle of a transfer: what already arrived stays, complete; nothing half-written is left.

``cxr-pacs get`` keeps the instances received before the Ctrl+C (as the window's Cancel does) and ends within
seconds although the PACS went silent after the first one. ``cxr-pacs scp`` treats Ctrl+C and SIGTERM as its normal
stop: before, a sender that kept its association open held the process (pynetdicom's network thread is not a
daemon) and SIGTERM killed it with a file possibly half-written; now it aborts open associations, prints its
tally and exits 0.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pydicom
import pytest
from pynetdicom import AE
from pynetdicom.sop_class import ComputedRadiographyImageStorage  # type: ignore[attr-defined]

from tests.pacs.cli_process import (
    ESTABLISHED, assert_cancelled, interrupt, start, tcp_states, wait_until, write_config,
)
from tests.pacs.conftest import OUR_AE, free_port, write_cr
from tests.pacs.silent_peers import STUDY_UID, StubPacs, silent_node

PATIENT = {"name": "Cli^Transfer", "id": "PIDTRANSFER"}
SENDER_AE = "SENDER"


class _OneThenSilent(StubPacs):
    """A C-GET SCP that announces two instances, sends the first and then goes silent."""

    def __init__(self, instance: Path) -> None:
        self.instance = instance
        super().__init__(stall=set())

    def _get(self, event):
        yield 2
        yield 0xFF00, pydicom.dcmread(self.instance)
        self.stalled.set()
        self.release.wait(60)


def test_ctrl_c_during_a_get_keeps_the_instance_already_received(tmp_path: Path) -> None:
    sent = write_cr(tmp_path, STUDY_UID, STUDY_UID + ".1", 0, PATIENT)
    pacs = _OneThenSilent(sent)
    try:
        env = write_config(tmp_path, pacs.node)
        process = start(env, "get", "pacs", STUDY_UID, "--store", str(tmp_path / "store"), "--no-index")
        wait_until(pacs.stalled.is_set, process, "the first instance")
        outcome = interrupt(process)
    finally:
        pacs.close()
    assert_cancelled(outcome)
    assert "retrieved 1, failed 0, cancelled" in outcome[1]
    stored, = [path for path in (tmp_path / "store").rglob("*") if path.is_file()]  # no ".part" beside it
    assert stored.suffix == ".dcm"
    assert pydicom.dcmread(stored).SOPInstanceUID == pydicom.dcmread(sent).SOPInstanceUID


@pytest.mark.parametrize(("signum", "name"), [(signal.SIGINT, "SIGINT"), (signal.SIGTERM, "SIGTERM")])
def test_the_receiver_stops_on_a_signal_while_a_sender_stays_connected(signum: int, name: str,
                                                                        tmp_path: Path) -> None:
    port = free_port()
    env = write_config(tmp_path, silent_node(free_port()), port)
    process = start(env, "scp", "--port", str(port), "--allow", SENDER_AE, "--store", str(tmp_path / "store"),
                    "--no-index")
    sender = AE(SENDER_AE)
    sender.add_requested_context(ComputedRadiographyImageStorage)
    wait_until(lambda: _listening(port), process, "listening")
    assoc = sender.associate("127.0.0.1", port, ae_title=OUR_AE)
    try:
        assert assoc.is_established
        instance = write_cr(tmp_path, STUDY_UID, STUDY_UID + ".1", 0, PATIENT)
        assert assoc.send_c_store(instance).Status == 0x0000
        assert ESTABLISHED in tcp_states(port)  # the sender stays connected, sending nothing more
        code, _out, err = interrupt(process, signum)
    finally:
        assoc.abort()
    assert "Traceback" not in err, err
    assert (code, err.strip().splitlines()[-1:]) == (0, ["received 1, refused 0"]), (name, code, err)
    stored, = [path for path in (tmp_path / "store").rglob("*") if path.is_file()]
    assert stored.suffix == ".dcm" and pydicom.dcmread(stored).PatientID == PATIENT["id"]


def _listening(port: int) -> bool:
    return any(line.split()[3] == "0A" and int(line.split()[1].rsplit(":", 1)[1], 16) == port
               for line in Path("/proc/net/tcp").read_text().splitlines()[1:])
