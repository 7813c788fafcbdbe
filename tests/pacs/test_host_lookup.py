"""Host names: an unknown one is reported in plain words, and Cancel during a slow lookup returns at once.

Before, pynetdicom looked the host up in the calling thread and urllib3 inside its connect, both outside the
connect timeout and out of Cancel's reach: with a name server that does not answer, Search and Cancel hung while
glibc waited (5 s per try), and an unknown name read "[Errno -2] Name or service not known" (DICOMweb: a urllib3
"Max retries exceeded … NameResolutionError(<urllib3.connection.HTTPConnection object at 0x…>" line). The name
server is real (``fake_dns``, at the address resolv.conf names), so these run in the private namespace only.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.scu import echo
from tests.pacs.conftest import OUR_AE
from tests.pacs.fake_dns import name_server
from tests.pacs.test_cancel_while_connecting import OPERATIONS, _settles, cancel_while_connecting, open_sockets
from tests.pacs.test_cancel_silent_peer import assert_reported_cancelled

pytestmark = pytest.mark.pacs
HOST = "pacs.radiology.example"


def _named_node(connect_timeout_s: float = 30.0) -> DicomNode:
    return DicomNode("NAMED", HOST, 4242, f"http://{HOST}:8042/dicom-web", connect_timeout_s=connect_timeout_s)


def _lookups_running() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "cxr-pacs-resolve"]


@pytest.mark.parametrize("name", ["C-FIND", "C-STORE", "QIDO-RS", "STOW-RS"])
def test_an_unknown_host_name_is_reported_plainly(name: str, tmp_path: Path) -> None:
    with name_server(answer=True) as queries:
        outcome: object
        try:
            outcome = OPERATIONS[name](_named_node(), tmp_path, threading.Event())
        except PacsError as exc:
            outcome = exc
    if name == "STOW-RS":  # STOW-RS lists each file's failure instead of raising
        (_path, reason), = outcome.failed
        outcome = PacsError(reason)
    message = str(outcome)
    assert queries, "the lookup never reached the name server"
    assert isinstance(outcome, PacsError) and f"the host name {HOST!r} was not found" in message, message
    assert "check its spelling" in message and "IP address" in message, message
    assert "Errno" not in message and "Max retries" not in message and "object at 0x" not in message, message


@pytest.mark.parametrize("name", ["C-FIND", "C-GET", "QIDO-RS", "STOW-RS"])
def test_cancel_during_a_slow_lookup_returns_at_once(name: str, tmp_path: Path) -> None:
    """The name server never answers; Cancel ends the operation while the lookup thread is still waiting."""
    sockets = open_sockets()
    with name_server(answer=False) as queries:
        outcome = cancel_while_connecting(OPERATIONS[name], _named_node(), tmp_path, leftover="cxr-pacs-resolve")
        still_looking_up = bool(_lookups_running())
    assert queries, "the lookup never reached the name server"
    assert_reported_cancelled(outcome)
    assert still_looking_up, "the lookup ended before Cancel: the name server answered"
    # with the name server gone its address refuses, so glibc gives up and the abandoned lookup ends by itself
    assert _settles(lambda: not _lookups_running(), within_s=60), "the abandoned lookup never ended"
    assert _settles(lambda: open_sockets() <= sockets), f"{open_sockets() - sockets} sockets left open"


def test_a_silent_name_server_is_bounded_by_the_connect_timeout() -> None:
    with name_server(answer=False):
        with pytest.raises(PacsError, match=f"the host name '{HOST}' could not be looked up within 1 s"):
            echo(OUR_AE, _named_node(connect_timeout_s=1.0))
