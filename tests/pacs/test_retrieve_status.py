"""C-MOVE/C-GET failures explained in plain words (no Orthanc: a pynetdicom stub PACS on 127.0.0.1).

Before, a C-MOVE to our AE title registered on the wrong port said "retrieve failed with status 0xA801" (0xC000
from Orthanc), and a retrieve the PACS aborted at once said only "timed out or the association was aborted";
the user could not tell that the PACS's entry for this workstation was what to fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.retrieve import get, move
from cxr_viewer.net.retrieve_status import Operation
from tests.pacs.conftest import OUR_AE, free_port
from tests.pacs.silent_peers import STUDY_UID, stub_pacs

MOVE = Operation("C-MOVE", "CXRDEST", "CXRDEST")  # to our own receiver, as the window and cxr-pacs move do
OTHER = Operation("C-MOVE", OUR_AE, "ARCHIVE2")  # cxr-pacs move --destination ARCHIVE2: not us
GET = Operation("C-GET", OUR_AE)


@pytest.mark.parametrize(("operation", "code", "says"), [
    (MOVE, 0xA701, "out of resources"),
    (MOVE, 0xA702, "out of resources"),
    (GET, 0xA702, "out of resources"),
    (MOVE, 0xA801, "does not know or cannot reach the move destination 'CXRDEST'"),
    (MOVE, 0xA900, "identifier does not match SOP class"),
    (GET, 0xA900, "identifier does not match SOP class"),
    (MOVE, 0xC000, "lists our AE title 'CXRDEST' with this workstation's host and our receiver's port"),
    (MOVE, 0xC123, "unable to process"),
    (GET, 0xCFFF, f"accepts C-GET from our AE title {OUR_AE!r}"),
    (GET, 0xFE00, "cancelled"),
    (MOVE, 0xB000, "could not be delivered to us"),
    (OTHER, 0xC000, "cannot deliver to the destination: check that the PACS lists the destination 'ARCHIVE2' with "
                    "that node's host and port"),
    (OTHER, 0xB000, "could not be delivered to the destination; check that the PACS lists the destination"),
    (GET, 0x0123, "unexpected status"),
])
def test_each_failure_status_says_what_happened_and_keeps_the_code(operation: Operation, code: int, says: str) -> None:
    message = operation.explain(code, failed=2)
    assert says in message and message.startswith(operation.name) and message.endswith(f"(status 0x{code:04X})")


def test_move_to_our_ae_title_on_a_wrong_port_says_what_to_check() -> None:
    """The stub PACS has our AE title on a port where nothing listens: it answers 0xA801."""
    with stub_pacs(stall=set(), move_to=("127.0.0.1", free_port())) as pacs:
        with pytest.raises(PacsError) as caught:
            move(OUR_AE, pacs.node, STUDY_UID, OUR_AE)
    message = str(caught.value)
    assert "STUBPACS" in message and "(status 0xA801)" in message
    assert f"lists our AE title {OUR_AE!r} with this workstation's host and our receiver's port" in message


@pytest.mark.parametrize("operation", ["C-GET", "C-MOVE"])
def test_a_retrieve_aborted_at_once_names_our_ae_title(operation: str, tmp_path: Path) -> None:
    with stub_pacs(stall=set(), abort={operation}) as pacs:
        with pytest.raises(PacsError, match=rf"aborted the {operation} at once.*our AE title {OUR_AE!r}"):
            if operation == "C-GET":
                get(OUR_AE, pacs.node, STUDY_UID, tmp_path / "got")
            else:
                move(OUR_AE, pacs.node, STUDY_UID, OUR_AE)
