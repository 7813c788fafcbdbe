"""DICOMweb failures said in words: a closed port, and a server that drops the connection mid-request.

Before, both showed requests' wrappers: "http://…/studies?…: HTTPConnectionPool(host=…, port=…): Max retries
exceeded with url: … (Caused by NewConnectionError(…[Errno 111] Connection refused))". Real sockets on 127.0.0.1.
"""

from __future__ import annotations

import socket
import threading

import pytest

from cxr_viewer.net.dicomweb_transfer import qido_search
from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.query import QueryFilter
from tests.pacs.conftest import free_port


def _search_error(url: str) -> str:
    with pytest.raises(PacsError) as raised:
        qido_search(url, QueryFilter(patient_name="DOE*"))
    return str(raised.value)


def test_a_closed_port_says_the_connection_was_refused() -> None:
    url = f"http://127.0.0.1:{free_port()}/dicom-web"
    message = _search_error(url)
    assert message.startswith(f"{url} could not be reached: the connection was refused")
    assert "Max retries" not in message


def test_a_server_that_drops_the_request_is_said_to_have_broken_it_off() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def accept_and_drop() -> None:
            connection, _address = listener.accept()
            connection.recv(65536)  # the request arrived; the server goes away without an answer
            connection.close()

        threading.Thread(target=accept_and_drop, daemon=True).start()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/dicom-web"
        message = _search_error(url)
    assert message.startswith(f"{url}: the server broke off the request (connection dropped)")
