"""A refused association says which AE title to fix, and a closed port says nothing listens there.

Before, every refusal read "rejected the association (our AE title 'X')", whether the node's own AE title was
mistyped in our settings or the PACS does not know ours, and a closed port "could not be reached or aborted".
"""

from __future__ import annotations

import pytest

from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.scp import StorageSCP
from cxr_viewer.net.scu import echo
from tests.pacs.conftest import OUR_AE, free_port

pytestmark = pytest.mark.pacs


def _echo_error(calling: str, node: DicomNode) -> str:
    with pytest.raises(PacsError) as raised:
        echo(calling, node)
    return str(raised.value)


def test_a_mistyped_pacs_ae_title_is_named_as_such(orthanc) -> None:
    wrong = DicomNode("NOTORTHANC", "127.0.0.1", orthanc.node.port)
    message = _echo_error(OUR_AE, wrong)
    if "closed the connection" in message:  # Orthanc closes right after its A-ASSOCIATE-RJ: rarely that wins
        message = _echo_error(OUR_AE, wrong)
    assert "rejected the association: 'NOTORTHANC' is not its AE title: check the AE title in the node's" in message


def test_an_ae_title_the_receiver_does_not_know_is_named_as_ours(tmp_path) -> None:
    with StorageSCP(tmp_path, "RECEIVER", 0, ["FRIEND"], "127.0.0.1") as scp:
        message = _echo_error("STRANGER", DicomNode("RECEIVER", "127.0.0.1", scp.port))
    assert "rejected the association: it does not know our AE title 'STRANGER'" in message


def test_a_closed_port_says_the_connection_was_refused() -> None:
    message = _echo_error(OUR_AE, DicomNode("NOBODY", "127.0.0.1", free_port()))
    assert "could not be reached: the connection was refused or the host is unreachable" in message
